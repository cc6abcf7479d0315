/**
 * Backup and restore on the database under test (PGlite in a folder, or PostgreSQL with
 * --postgres): `npm run backup` of a running server, the restore drill into a scratch target,
 * and the refusals: a flipped byte, another key, a target that holds data.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ManualClock } from '../clock.js';
import { openDatabase } from '../db/client.js';
import { startRuntime, type Runtime } from '../../runtime.js';
import { seedDemo } from '../../modules/demo/seed-demo.js';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/harness.js';
import { BackupError } from './crypto.js';
import { databaseFacts, type DatabaseFacts } from './facts.js';
import { findBackup, listBackups } from './manifest.js';
import { drillReport, runRestoreDrill } from './drill.js';
import { checkRestored, restoreBackup, withRestored, type RestoreTarget } from './restore.js';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../audit/tables.js';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { databaseName, withDatabase } from './pg-tools.js';

const run = promisify(execFile);

describe('backup and restore', () => {
  let testDb: TestDatabase;
  let rt: Runtime;
  let tmp: string;
  let dataDir: string;
  let backupDir: string;
  let filesDir: string;
  const uploaded = new Map<string, Buffer>();
  const key = randomBytes(32);
  let sourceFacts: DatabaseFacts;
  let sourceDb: Db;
  const scratchDatabases: string[] = [];

  /** A restore target that does not exist yet: a folder, or a database on the test server. */
  function freshTarget(label: string): RestoreTarget {
    if (!testDb.databaseUrl) return { kind: 'pglite', dataDir: path.join(tmp, `restore-${label}`) };
    const url = withDatabase(testDb.databaseUrl, `${databaseName(testDb.databaseUrl)}_${label}`);
    scratchDatabases.push(url);
    return { kind: 'postgres', url };
  }

  async function targetExists(target: RestoreTarget): Promise<boolean> {
    if (target.kind === 'pglite') return fs.existsSync(target.dataDir);
    const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
    await admin.connect();
    try {
      return (await admin.query('select 1 from pg_database where datname = $1', [databaseName(target.url)])).rowCount === 1;
    } finally {
      await admin.end();
    }
  }

  async function refusal(promise: Promise<unknown>): Promise<BackupError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof BackupError, String(error));
      return error;
    }
    assert.fail('expected a refusal');
  }

  before(async () => {
    testDb = await createTestDatabase();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-backup-'));
    dataDir = path.join(tmp, 'pglite');
    backupDir = path.join(tmp, 'backups');
    // The uploaded files: attachments and import files in folders, and an export being written.
    filesDir = path.join(tmp, 'files');
    for (let i = 0; i < 12; i++) {
      const rel = `${i % 2 ? 'attachments' : 'imports'}/${i % 3}/file-${i}.bin`;
      const bytes = randomBytes(i === 0 ? 0 : 500 + i * 9000);
      fs.mkdirSync(path.dirname(path.join(filesDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(filesDir, rel), bytes);
      uploaded.set(rel, bytes);
    }
    fs.mkdirSync(path.join(filesDir, 'exports'));
    fs.writeFileSync(path.join(filesDir, 'exports', 'x.csv.abc.part'), 'half-written');
    const clock = new ManualClock();
    const database = testDb.databaseUrl ? await testDb.open() : await openDatabase({ databaseUrl: null, dataDir });
    rt = await startRuntime(testConfig({ databaseUrl: testDb.databaseUrl, dataDir }), { clock, database });
    sourceDb = database.db;
    await seedDemo(database.db, clock);
    // A few more audited actions: refused sign-ins.
    for (const username of ['admin', 'nobody']) {
      const res = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-Password1' } });
      assert.equal(res.statusCode, 401);
    }
    sourceFacts = await databaseFacts(database.db);
    assert.ok(sourceFacts.rowCounts.audit_log! >= 3, 'the source has an audit chain');
  });

  after(async () => {
    await rt.close();
    for (const url of scratchDatabases) {
      const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
      await admin.connect();
      await admin.query(`drop database if exists ${pg.escapeIdentifier(databaseName(url))} with (force)`);
      await admin.end();
    }
    await testDb.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('npm run backup copies the running server\'s database, encrypted and verified, and --list shows it with its age', async () => {
    const env = {
      ...process.env,
      GRIDGOV_MODE: 'production',
      DATABASE_URL: testDb.databaseUrl ?? '',
      GRIDGOV_DATA_DIR: dataDir,
      GRIDGOV_BACKUP_DIR: backupDir,
      GRIDGOV_FILES_DIR: filesDir,
      GRIDGOV_BACKUP_KEY: key.toString('base64'),
    };
    // The server (this process) holds the embedded folder: the command asks it for the dump.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/backup.ts'], { env });
    assert.match(stdout, /Backup written and verified/);
    const [manifest] = listBackups(backupDir);
    assert.ok(manifest);
    assert.equal(manifest.source.kind, testDb.databaseUrl ? 'postgres' : 'pglite');
    assert.deepEqual(manifest.rowCounts, sourceFacts.rowCounts, 'the manifest counts what was backed up');
    assert.deepEqual(manifest.auditHead, sourceFacts.auditHead);
    assert.equal(manifest.migrations.applied, sourceFacts.migrations.applied);
    assert.match(manifest.sha256, /^[0-9a-f]{64}$/);
    // The uploaded files are in it, encrypted too (the half-written export left out).
    assert.equal(manifest.files?.count, uploaded.size);
    assert.equal(manifest.files.bytes, [...uploaded.values()].reduce((sum, b) => sum + b.length, 0));
    const archive = fs.readFileSync(path.join(backupDir, manifest.files.file));
    assert.equal(archive.subarray(0, 8).toString(), 'GGBACKUP');
    assert.ok(!archive.includes(uploaded.get('attachments/1/file-1.bin')!.subarray(0, 64)), 'no file readable in the archive');
    assert.ok(!archive.includes(Buffer.from('attachments/')), 'no file name readable in the archive');
    const file = fs.readFileSync(path.join(backupDir, manifest.file));
    assert.equal(file.subarray(0, 8).toString(), 'GGBACKUP');
    assert.ok(!file.includes(Buffer.from('audit_log')), 'nothing of the dump is readable in the file');

    // Audited in the source, after the copy (so not in it): which backup, of which data.
    const [entry] = await sourceDb.select().from(auditLog).where(eq(auditLog.action, 'backup.create'));
    assert.ok(entry, 'the backup is in the source\'s audit log');
    assert.equal(entry.objectId, manifest.name);
    assert.equal(entry.id, BigInt(sourceFacts.auditHead.seq) + 1n, 'written right after what the backup holds');
    assert.deepEqual(
      { file: (entry.details as Record<string, unknown>).file, sha256: (entry.details as Record<string, unknown>).sha256, auditHead: (entry.details as Record<string, unknown>).auditHead },
      { file: manifest.file, sha256: manifest.sha256, auditHead: sourceFacts.auditHead.seq },
    );
    assert.equal((await verifyAuditChain(sourceDb)).ok, true, 'the source\'s chain still verifies');

    const list = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/backup.ts', '--list'], { env });
    assert.match(list.stdout, new RegExp(`${manifest.name}\\s+${manifest.createdAt.replace(/\./g, '\\.')}\\s+age \\d+ s`));
  });

  it('the production backup command refuses to run without a backup key', async () => {
    const env = { ...process.env, GRIDGOV_MODE: 'production', DATABASE_URL: testDb.databaseUrl ?? '', GRIDGOV_DATA_DIR: dataDir, GRIDGOV_BACKUP_DIR: path.join(tmp, 'never'), GRIDGOV_BACKUP_KEY: '', GRIDGOV_BACKUP_KEY_FILE: '' };
    const failed = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/backup.ts'], { env }).then(
      () => assert.fail('the command ran without a key'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /GRIDGOV_BACKUP_KEY .* is required in production mode/);
    assert.equal(fs.existsSync(path.join(tmp, 'never')), false);
  });

  it('the restore drill restores the latest backup into a scratch target: same row counts, audit chain verifies, the restore audited in it', async () => {
    const target = freshTarget('drill');
    const filesTarget = path.join(tmp, 'drill-files');
    const result = await runRestoreDrill({ dir: backupDir, key, databaseUrl: testDb.databaseUrl, target: target.kind === 'pglite' ? target.dataDir : target.url, filesTarget });
    assert.equal(result.check.ok, true, JSON.stringify(result.check));
    // The files: the same count, every one byte for byte.
    assert.equal(result.check.files?.ok, true);
    assert.equal(result.check.files.count, uploaded.size);
    for (const [rel, bytes] of uploaded) assert.ok(fs.readFileSync(path.join(filesTarget, rel)).equals(bytes), rel);
    assert.equal(fs.existsSync(path.join(filesTarget, 'exports', 'x.csv.abc.part')), false);
    assert.match(drillReport(result).join('\n'), new RegExp(`Files: +all ${uploaded.size} files .* match the manifest's checksums`));
    // The same rows, and one audit entry more: the restore's, at the end of the chain.
    assert.deepEqual(result.check.facts.rowCounts, { ...sourceFacts.rowCounts, audit_log: sourceFacts.rowCounts.audit_log! + 1 });
    assert.equal(result.check.facts.auditHead.seq, String(BigInt(sourceFacts.auditHead.seq) + 1n));
    assert.equal(result.check.auditChain.entries, sourceFacts.rowCounts.audit_log! + 1);
    await withRestored(target, async (db) => {
      const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      assert.equal(last?.action, 'backup.restore');
      assert.equal(last.objectId, result.manifest.name);
      assert.equal(last.prevHash, sourceFacts.auditHead.hash, 'appended to the restored chain');
      assert.equal((last.details as Record<string, unknown>).sha256, result.manifest.sha256);
      assert.equal((await verifyAuditChain(db)).ok, true);
    });
    assert.ok(result.rtoS > 0 && result.rpoS >= 0);
    assert.match(drillReport(result).at(-1)!, new RegExp(`^BENCH restore rows=${sourceFacts.totalRows + 1} rto_s=\\d+\\.\\d rpo_s=\\d+$`));
  });

  it('refuses a backup with one byte flipped, and writes nothing', async () => {
    const { manifest, dataFile, manifestFile } = findBackup(backupDir, 'latest');
    const corruptDir = path.join(tmp, 'corrupt');
    fs.mkdirSync(corruptDir);
    const bytes = fs.readFileSync(dataFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    fs.writeFileSync(path.join(corruptDir, manifest.file), bytes);
    fs.copyFileSync(manifestFile, path.join(corruptDir, path.basename(manifestFile)));
    fs.copyFileSync(path.join(backupDir, manifest.files!.file), path.join(corruptDir, manifest.files!.file));
    const target = freshTarget('corrupt');
    const corruptFiles = path.join(tmp, 'corrupt-files');
    const error = await refusal(restoreBackup(findBackup(corruptDir, 'latest'), target, { key, filesDir: corruptFiles }));
    assert.equal(error.code, 'BACKUP_CORRUPT');
    assert.match(error.message, /corrupted or was altered: chunk \d+ .* fails authentication/);
    assert.equal(await targetExists(target), false, 'nothing was written');

    // The same with the files archive: one byte flipped in it, the database's file intact.
    fs.copyFileSync(dataFile, path.join(corruptDir, manifest.file));
    const archive = fs.readFileSync(path.join(backupDir, manifest.files!.file));
    archive[archive.length - 40]! ^= 0x01;
    fs.writeFileSync(path.join(corruptDir, manifest.files!.file), archive);
    const filesError = await refusal(restoreBackup(findBackup(corruptDir, 'latest'), target, { key, filesDir: corruptFiles }));
    assert.equal(filesError.code, 'BACKUP_CORRUPT');
    assert.match(filesError.message, /\.files\.ggbk is corrupted or was altered/);
    assert.equal(await targetExists(target), false, 'nothing was written');
    assert.equal(fs.existsSync(corruptFiles), false);

    // A backup with files is not restored without a folder for them.
    const noFolder = await refusal(restoreBackup(findBackup(backupDir, 'latest'), target, { key }));
    assert.equal(noFolder.code, 'BACKUP_FAILED');
    assert.match(noFolder.message, /holds 12 uploaded files: name the folder/);
  });

  it('refuses another key, and writes nothing', async () => {
    const target = freshTarget('wrongkey');
    const error = await refusal(restoreBackup(findBackup(backupDir, 'latest'), target, { key: randomBytes(32), filesDir: path.join(tmp, 'wrongkey-files') }));
    assert.equal(error.code, 'BACKUP_WRONG_KEY');
    assert.equal(await targetExists(target), false);
  });

  it('refuses a target that holds data (here the running server\'s own database) unless forced', async () => {
    const live: RestoreTarget = testDb.databaseUrl ? { kind: 'postgres', url: testDb.databaseUrl } : { kind: 'pglite', dataDir };
    const error = await refusal(restoreBackup(findBackup(backupDir, 'latest'), live, { key, filesDir: path.join(tmp, 'live-files') }));
    assert.equal(error.code, 'BACKUP_TARGET_NOT_EMPTY');
    assert.match(error.message, /already holds data: .* --force/);

    // --force replaces a target that holds something.
    const target = freshTarget('force');
    if (target.kind === 'pglite') {
      fs.mkdirSync(target.dataDir, { recursive: true });
      fs.writeFileSync(path.join(target.dataDir, 'old.txt'), 'old');
    } else {
      const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
      await admin.connect();
      await admin.query(`create database ${pg.escapeIdentifier(databaseName(target.url))}`);
      await admin.end();
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      await c.query('create table audit_log (id int)');
      await c.end();
    }
    const forcedFiles = path.join(tmp, 'force-files');
    assert.equal((await refusal(restoreBackup(findBackup(backupDir, 'latest'), target, { key, filesDir: forcedFiles }))).code, 'BACKUP_TARGET_NOT_EMPTY');
    // A files folder that holds something is refused too, and replaced with --force.
    const emptyTarget = freshTarget('filesheld');
    fs.mkdirSync(forcedFiles);
    fs.writeFileSync(path.join(forcedFiles, 'stale.bin'), 'stale');
    assert.equal((await refusal(restoreBackup(findBackup(backupDir, 'latest'), emptyTarget, { key, filesDir: forcedFiles }))).code, 'BACKUP_TARGET_NOT_EMPTY');
    const manifest = await restoreBackup(findBackup(backupDir, 'latest'), target, { key, force: true, filesDir: forcedFiles });
    const check = await checkRestored(target, manifest, forcedFiles);
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.equal(fs.existsSync(path.join(forcedFiles, 'stale.bin')), false);
    assert.equal(check.files?.count, uploaded.size);
  });
});
