/**
 * `npm run restore -- <backup|latest> --target <folder|postgres://...>`: restores a backup into a
 * named target after checking it whole, then holds the result against the manifest.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { findBackup } from '../platform/backup/manifest.js';
import { checkRestored, describeTarget, parseTarget, restoreBackup } from '../platform/backup/restore.js';
import { backupKey, runCommand } from './ops-common.js';

const USAGE = `usage: npm run restore -- <name|file|latest> --target <folder|postgres://...> [--force] [--dir DIR]
  <name>          a backup's name (npm run backup -- --list), its .ggbk or manifest file, or latest
  --target T      an embedded database folder, or a PostgreSQL database URL (created if missing)
  --files-target F  the folder for the backup's uploaded files (the server's GRIDGOV_FILES_DIR), empty or --force
  --force         replace a target (and files folder) that already holds data
  --no-check      skip holding the result against the manifest afterwards
  --dir DIR       the backups folder (default GRIDGOV_BACKUP_DIR or data/backups)
Never restore into the folder or database of a running server; stop it first.`;

runCommand(USAGE, async (config) => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { target: { type: 'string' }, 'files-target': { type: 'string' }, force: { type: 'boolean', default: false }, 'no-check': { type: 'boolean', default: false }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (positionals.length !== 1 || !values.target) {
    console.error(USAGE);
    return 2;
  }
  const dir = values.dir ? path.resolve(values.dir) : config.backupDir;
  const key = backupKey(config);
  const backup = findBackup(dir, positionals[0]!);
  const target = parseTarget(values.target);
  const started = performance.now();
  const filesDir = values['files-target'] ? path.resolve(values['files-target']) : null;
  const manifest = await restoreBackup(backup, target, { key, force: values.force, filesDir });
  console.log(`Restored ${manifest.name} (data as of ${manifest.createdAt}) into ${describeTarget(target)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (values['no-check']) return;
  const check = await checkRestored(target, manifest, filesDir);
  console.log(check.countDifferences.length === 0 ? `  row counts: all ${Object.keys(manifest.rowCounts).length} tables match the manifest` : `  row counts DIFFER:\n    ${check.countDifferences.join('\n    ')}`);
  console.log(`  audit chain: ${check.auditChain.ok ? '' : 'FAILED: '}${check.auditChain.entries} entries, ${check.auditChain.detail}`);
  if (check.files) console.log(`  files: ${check.files.ok ? '' : 'FAILED: '}${check.files.detail}`);
  return check.ok ? 0 : 1;
});
