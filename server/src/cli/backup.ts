/**
 * `npm run backup`: an encrypted, verified backup of the database (PGlite or PostgreSQL) into the
 * backups folder; `npm run backup -- --list` lists them with their age. See docs/operations.md.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { createBackup } from '../platform/backup/backup.js';
import { formatAge, listBackups } from '../platform/backup/manifest.js';
import { backupKey, runCommand } from './ops-common.js';

const USAGE = `usage: npm run backup -- [--list] [--dir DIR]
  (no option)  back up the database (DATABASE_URL, or the embedded one in GRIDGOV_DATA_DIR, also while the server runs)
  --list       the backups in the folder, newest first, with their age
  --no-files   leave the uploaded files (GRIDGOV_FILES_DIR) out (they are in by default)
  --dir DIR    the backups folder (default GRIDGOV_BACKUP_DIR or data/backups)
The backup key: GRIDGOV_BACKUP_KEY or GRIDGOV_BACKUP_KEY_FILE (required in production).`;

runCommand(USAGE, async (config) => {
  const { values } = parseArgs({ options: { list: { type: 'boolean', default: false }, 'no-files': { type: 'boolean', default: false }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const dir = values.dir ? path.resolve(values.dir) : config.backupDir;
  if (values.list) {
    const backups = listBackups(dir);
    if (backups.length === 0) {
      console.log(`No backups in ${dir}`);
      return;
    }
    console.log(`Backups in ${dir} (newest first):`);
    for (const b of backups) {
      const age = formatAge(Date.now() - Date.parse(b.createdAt));
      console.log(`  ${b.name}  ${b.createdAt}  age ${age.padEnd(12)} ${(b.size / 1e6).toFixed(1).padStart(9)} MB  ${b.totalRows.toLocaleString('en').padStart(12)} rows  audit head ${b.auditHead.seq}  files ${b.files ? b.files.count : '-'}  migrations ${b.migrations.applied}`);
    }
    return;
  }
  const key = backupKey(config);
  const started = performance.now();
  const manifest = await createBackup({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, filesDir: values['no-files'] ? null : config.filesDir }, { dir, key });
  console.log(`Backup written and verified in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path.join(dir, manifest.file)}`);
  console.log(`  source ${manifest.source.kind} ${manifest.source.location}; data as of ${manifest.createdAt}`);
  console.log(`  ${(manifest.size / 1e6).toFixed(1)} MB encrypted (AES-256-GCM, key id ${manifest.keyId}), sha256 ${manifest.sha256}`);
  if (manifest.files) console.log(`  ${manifest.files.count.toLocaleString('en')} files (${(manifest.files.bytes / 1e6).toFixed(1)} MB) from ${manifest.files.dir}: ${manifest.files.file}, sha256 ${manifest.files.sha256}`);
  console.log(`  ${manifest.totalRows.toLocaleString('en')} rows in ${Object.keys(manifest.rowCounts).length} tables; migrations ${manifest.migrations.applied} (${manifest.migrations.last}); audit head ${manifest.auditHead.seq} ${manifest.auditHead.hash}`);
});
