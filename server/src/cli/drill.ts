/**
 * `npm run drill -- restore`: the latest backup restored into a scratch database and checked;
 * prints RPO and RTO and `BENCH restore rows=<n> rto_s=<..> rpo_s=<..>`. `--quick` drills on a
 * small database made for the purpose (CI). See docs/operations.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/client.js';
import { createBackup } from '../platform/backup/backup.js';
import { drillReport, runRestoreDrill } from '../platform/backup/drill.js';
import { databaseName, withDatabase } from '../platform/backup/pg-tools.js';
import { seedDemo } from '../modules/demo/seed-demo.js';
import { backupKey, runCommand } from './ops-common.js';

const USAGE = `usage: npm run drill -- restore [--quick] [--target T] [--keep] [--dir DIR]
  restore        restore the latest backup into a scratch database, check it, print RPO and RTO
  --quick        drill on a small demo database made now (its own backup and key, then removed)
  --target T     restore into this empty folder or database URL instead of a generated scratch one
  --files-target F  restore the uploaded files into this empty folder instead of a temporary one
  --keep         keep the scratch database afterwards
  --dir DIR      the backups folder (default GRIDGOV_BACKUP_DIR or data/backups)
PostgreSQL backups are drilled on the server of DATABASE_URL (a scratch database beside it).`;

runCommand(USAGE, async (config) => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { quick: { type: 'boolean', default: false }, target: { type: 'string' }, 'files-target': { type: 'string' }, keep: { type: 'boolean', default: false }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (positionals[0] !== 'restore' || positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const log = (line: string): void => console.log(line);
  if (!values.quick) {
    const result = await runRestoreDrill({ dir: values.dir ? path.resolve(values.dir) : config.backupDir, key: backupKey(config), databaseUrl: config.databaseUrl, target: values.target, filesTarget: values['files-target'], keep: values.keep, log });
    for (const line of drillReport(result)) console.log(line);
    return result.check.ok ? 0 : 1;
  }
  // --quick: a small demo database of the configured kind, backed up with a throwaway key.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-quick-drill-'));
  const sourceUrl = config.databaseUrl ? withDatabase(config.databaseUrl, `gridgov_quick_${randomBytes(4).toString('hex')}`) : null;
  try {
    if (sourceUrl) {
      const admin = new pg.Client({ connectionString: withDatabase(sourceUrl, 'postgres') });
      await admin.connect();
      await admin.query(`create database ${pg.escapeIdentifier(databaseName(sourceUrl))}`);
      await admin.end();
    }
    const dataDir = path.join(scratch, 'source');
    const database = await openDatabase({ databaseUrl: sourceUrl, dataDir });
    try {
      await seedDemo(database.db, systemClock);
    } finally {
      await database.close();
    }
    // Uploaded files beside it, as the server keeps them: attachments and import files.
    const filesDir = path.join(scratch, 'files');
    for (let i = 0; i < 24; i++) {
      const folder = path.join(filesDir, i % 3 === 0 ? 'imports' : 'attachments', String(i % 4));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `${randomBytes(8).toString('hex')}.bin`), randomBytes(1024 + i * 4096));
    }
    const key = randomBytes(32);
    const dir = path.join(scratch, 'backups');
    log('Quick drill: a small demo database and 24 uploaded files, backed up now');
    await createBackup({ databaseUrl: sourceUrl, dataDir, filesDir }, { dir, key });
    const result = await runRestoreDrill({ dir, key, databaseUrl: sourceUrl, log });
    for (const line of drillReport(result)) console.log(line);
    return result.check.ok ? 0 : 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (sourceUrl) {
      const admin = new pg.Client({ connectionString: withDatabase(sourceUrl, 'postgres') });
      await admin.connect();
      await admin.query(`drop database if exists ${pg.escapeIdentifier(databaseName(sourceUrl))} with (force)`);
      await admin.end();
    }
  }
});
