/**
 * `npm run restore`: a backup into a named target, an embedded database folder or a PostgreSQL
 * database URL. Nothing is written until the whole file has been decrypted and both checksums
 * match the manifest, and a target that already holds data is refused unless `force`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { lockDataDir } from '../db/lock.js';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { BackupError, checkFile, decryptFile, keyId } from './crypto.js';
import { countDifferences, databaseFacts, type DatabaseFacts } from './facts.js';
import { readManifest, type Manifest } from './manifest.js';
import { checkFilesDir, filesDirHolds, restoreFiles } from './files-archive.js';
import { decryptToBlob } from './backup.js';
import { backupRestoredAudit, writeBackupAudit } from './backup-audit.js';
import { auditLog } from '../audit/tables.js';
import { asc, gt } from 'drizzle-orm';
import { databaseName, redactUrl, runTool, withDatabase } from './pg-tools.js';

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export function parseTarget(target: string): RestoreTarget {
  return /^postgres(ql)?:\/\//.test(target) ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: path.resolve(target) };
}

export function describeTarget(target: RestoreTarget): string {
  return target.kind === 'postgres' ? redactUrl(target.url) : target.dataDir;
}

/** Decrypts the whole file and holds it against its manifest; throws before anything is written. */
export async function verifyBackupFile(manifestFile: string, dataFile: string, key: Buffer): Promise<Manifest> {
  const manifest = readManifest(manifestFile);
  if (manifest.keyId !== keyId(key)) {
    throw new BackupError('BACKUP_WRONG_KEY', `${manifest.name} was encrypted with another backup key (key id ${manifest.keyId}; the key given has id ${keyId(key)})`);
  }
  readManifest(manifestFile, key);
  const check = await checkFile(dataFile, key);
  if (check.sha256 !== manifest.sha256) {
    throw new BackupError('BACKUP_CORRUPT', `${dataFile} does not match its manifest's checksum (${check.sha256.slice(0, 12)}... against ${manifest.sha256.slice(0, 12)}...)`);
  }
  if (check.plainSha256 !== manifest.plainSha256 || check.plainSize !== manifest.plainSize) {
    throw new BackupError('BACKUP_CORRUPT', `${dataFile}: the decrypted dump does not match its manifest's checksum`);
  }
  return manifest;
}

async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Whether the target holds anything, is empty, or (a PostgreSQL database) does not exist yet. */
async function targetState(target: RestoreTarget): Promise<'missing' | 'empty' | 'data'> {
  if (target.kind === 'pglite') {
    if (!fs.existsSync(target.dataDir)) return 'missing';
    return fs.readdirSync(target.dataDir).length > 0 ? 'data' : 'empty';
  }
  const name = databaseName(target.url);
  const exists = await withPgClient(withDatabase(target.url, 'postgres'), async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!exists) return 'missing';
  const holds = await withPgClient(target.url, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `select count(*)::text as n from pg_class k join pg_namespace s on s.oid = k.relnamespace
       where k.relkind in ('r', 'p', 'v', 'm', 'S') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%' and s.nspname not like 'pg_temp%'`,
    );
    return Number(rows[0]?.n ?? 0) > 0;
  });
  return holds ? 'data' : 'empty';
}

export interface RestoreOptions {
  key: Buffer;
  force?: boolean;
  /** Where the backup's uploaded files go (a folder, created; it must be empty unless `force`). */
  filesDir?: string | null;
}

/** Restores the backup (checked first) into the target. */
export async function restoreBackup(backup: { manifestFile: string; dataFile: string }, target: RestoreTarget, options: RestoreOptions): Promise<Manifest> {
  const manifest = readManifest(backup.manifestFile);
  const expected = manifest.source.kind;
  if (expected !== target.kind) {
    throw new BackupError('BACKUP_FAILED', `${manifest.name} is a ${expected} backup: restore it into ${expected === 'pglite' ? 'an embedded database folder' : 'a PostgreSQL database URL'}`);
  }
  const state = await targetState(target);
  if (state === 'data' && !options.force) {
    throw new BackupError('BACKUP_TARGET_NOT_EMPTY', `${describeTarget(target)} already holds data: restore into an empty target, or pass --force to replace it`);
  }
  const files = manifest.files ?? null;
  if (files && !options.filesDir) {
    throw new BackupError('BACKUP_FAILED', `${manifest.name} holds ${files.count} uploaded files: name the folder they go to (--files-target)`);
  }
  if (files && options.filesDir && filesDirHolds(options.filesDir) && !options.force) {
    throw new BackupError('BACKUP_TARGET_NOT_EMPTY', `${options.filesDir} already holds files: restore into an empty folder, or pass --force to replace it`);
  }
  await verifyBackupFile(backup.manifestFile, backup.dataFile, options.key);
  const filesArchive = files ? path.join(path.dirname(backup.manifestFile), files.file) : null;
  if (files && filesArchive) {
    // Checked whole too before anything is written.
    const check = await checkFile(filesArchive, options.key);
    if (check.sha256 !== files.sha256 || check.plainSha256 !== files.plainSha256) {
      throw new BackupError('BACKUP_CORRUPT', `${filesArchive} does not match its manifest's checksum`);
    }
  }
  if (target.kind === 'postgres' && state === 'missing') {
    await withPgClient(withDatabase(target.url, 'postgres'), (c) => c.query(`create database ${pg.escapeIdentifier(databaseName(target.url))}`));
  }
  if (target.kind === 'pglite') await restorePglite(backup.dataFile, target.dataDir, options.key);
  else await restorePostgres(backup.dataFile, target.url, options.key, state === 'data');
  if (files && filesArchive && options.filesDir) {
    fs.rmSync(options.filesDir, { recursive: true, force: true });
    await restoreFiles(filesArchive, options.filesDir, options.key, files);
  }
  // Audited in the restored database itself, naming the backup (backup-audit.ts).
  await withRestored(target, (db) => writeBackupAudit(db, backupRestoredAudit(manifest, describeTarget(target))));
  return manifest;
}

async function restorePglite(dataFile: string, dataDir: string, key: Buffer): Promise<void> {
  const release = lockDataDir(dataDir);
  try {
    const blob = await decryptToBlob(dataFile, key);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const client = new PGlite(dataDir, { loadDataDir: blob });
    await client.waitReady;
    await client.exec('checkpoint');
    await client.close();
  } finally {
    release();
  }
}

async function restorePostgres(dataFile: string, url: string, key: Buffer, replace: boolean): Promise<void> {
  // One transaction: a restore that fails part-way leaves the target as it was.
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', ...(replace ? ['--clean', '--if-exists'] : []), `--dbname=${databaseName(url)}`];
  const tool = runTool('pg_restore', args, url);
  const feeding = (async () => {
    for await (const chunk of decryptFile(dataFile, key)) {
      if (!tool.child.stdin.write(chunk)) await new Promise((resolve) => tool.child.stdin.once('drain', resolve));
    }
    tool.child.stdin.end();
  })();
  tool.child.stdin.on('error', () => undefined);
  await Promise.all([feeding, tool.done]);
}

/** Opens a restored target as it is (no migrations run) and hands its Db to `fn`. */
export async function withRestored<T>(target: RestoreTarget, fn: (db: Db) => Promise<T>): Promise<T> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 2 });
    try {
      return await fn(drizzlePg(pool) as unknown as Db);
    } finally {
      await pool.end();
    }
  }
  const release = lockDataDir(target.dataDir);
  try {
    const client = new PGlite(target.dataDir);
    try {
      await client.waitReady;
      return await fn(drizzlePglite(client) as unknown as Db);
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

export interface RestoredCheck {
  ok: boolean;
  facts: DatabaseFacts;
  countDifferences: string[];
  auditChain: { ok: boolean; entries: number; detail: string };
  /** The restored files read back (count and every checksum); null when the backup has none. */
  files: { ok: boolean; count: number; bytes: number; detail: string } | null;
}

/**
 * The restored database held against the manifest: every table's count, and the audit chain
 * walked whole. The chain must hold the manifest's head entry with its hash; after it only the
 * restores' own `backup.restore` entries of this backup may follow (and the audit table's count
 * is the manifest's plus those).
 */
export async function checkRestored(target: RestoreTarget, manifest: Manifest, filesDir?: string | null): Promise<RestoredCheck> {
  return withRestored(target, async (db) => {
    const facts = await databaseFacts(db);
    const after = await db
      .select({ id: auditLog.id, action: auditLog.action, objectId: auditLog.objectId, prevHash: auditLog.prevHash })
      .from(auditLog)
      .where(gt(auditLog.id, BigInt(manifest.auditHead.seq || '0')))
      .orderBy(asc(auditLog.id));
    const restores = after.filter((e) => e.action === 'backup.restore' && e.objectId === manifest.name);
    const expected = { ...manifest.rowCounts };
    if (expected.audit_log !== undefined) expected.audit_log += restores.length;
    const differences = countDifferences(expected, facts.rowCounts);
    const chain = await verifyAuditChain(db);
    let auditChain: RestoredCheck['auditChain'];
    if (!chain.ok) auditChain = { ok: false, entries: chain.entries, detail: `broken at entry ${chain.brokenAt} (${chain.reason})` };
    else if (restores.length !== after.length) {
      auditChain = { ok: false, entries: chain.entries, detail: `${after.length - restores.length} entries after the manifest's head ${manifest.auditHead.seq} that are not this backup's restore` };
    } else if (manifest.auditHead.hash && after.length > 0 && after[0]!.prevHash !== manifest.auditHead.hash) {
      auditChain = { ok: false, entries: chain.entries, detail: `the entry after ${manifest.auditHead.seq} does not follow the manifest's head hash` };
    } else if (after.length === 0 && (facts.auditHead.seq !== manifest.auditHead.seq || facts.auditHead.hash !== manifest.auditHead.hash)) {
      auditChain = { ok: false, entries: chain.entries, detail: `head ${facts.auditHead.seq} differs from the manifest's ${manifest.auditHead.seq}` };
    } else {
      const restoreNote = restores.length > 0 ? `, then ${restores.length} backup.restore entr${restores.length === 1 ? 'y' : 'ies'} naming ${manifest.name}` : '';
      auditChain = { ok: true, entries: chain.entries, detail: `intact, entry ${manifest.auditHead.seq} as in the manifest${restoreNote}` };
    }
    const files = manifest.files ? (filesDir ? checkFilesDir(filesDir, manifest.files) : { ok: false, count: 0, bytes: 0, detail: 'not restored (no folder named)' }) : null;
    return { ok: differences.length === 0 && auditChain.ok && (files?.ok ?? true), facts, countDifferences: differences, auditChain, files };
  });
}
