/**
 * `npm run backup`: a consistent copy of the database, encrypted with the backup key, checked
 * after writing (decrypted again and checksummed) and described by a signed manifest.
 *
 * - PostgreSQL: `pg_dump -Fc` of an exported snapshot; the manifest's counts and audit head are
 *   read in the same snapshot, so they describe exactly what was dumped.
 * - PGlite: the tarball of PGlite's `dumpDataDir()`, from the running server through its backup
 *   socket (pglite-socket.ts), or from the folder itself when no process holds it. The counts
 *   and audit head are read from the dump, opened in memory: that also proves it opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../db/client.js';
import { DataDirLockedError, lockDataDir } from '../db/lock.js';
import { BackupError, checkFile, decryptFile, encryptToFile, keyId } from './crypto.js';
import { databaseFacts, type DatabaseFacts } from './facts.js';
import { backupFiles, type FilesFacts } from './files-archive.js';
import { writeManifest, type Manifest } from './manifest.js';
import { backupSocketPath, requestBackupAudit, requestDataDirDump } from './pglite-socket.js';
import { backupCreatedAudit, writeBackupAudit } from './backup-audit.js';
import { redactUrl, runTool } from './pg-tools.js';

export interface BackupSource {
  databaseUrl: string | null;
  dataDir: string;
  /** The uploaded files' folder (GRIDGOV_FILES_DIR), archived beside the dump (files-archive.ts). */
  filesDir?: string | null;
}

export interface BackupOptions {
  dir: string;
  key: Buffer;
  now?: () => Date;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Makes one backup; returns its manifest once the file has been verified. */
export async function createBackup(source: BackupSource, options: BackupOptions): Promise<Manifest> {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const startedAt = now();
  const kind = source.databaseUrl ? 'postgres' : 'pglite';
  let name = `gridgov-${kind}-${stamp(startedAt)}`;
  for (let n = 2; fs.existsSync(path.join(options.dir, `${name}.ggbk`)) || fs.existsSync(path.join(options.dir, `${name}.ggbk.partial`)); n++) {
    name = `gridgov-${kind}-${stamp(startedAt)}-${n}`;
  }
  const partial = path.join(options.dir, `${name}.ggbk.partial`);
  const filesPartial = path.join(options.dir, `${name}.files.ggbk.partial`);
  try {
    const taken = source.databaseUrl ? await dumpPostgres(source.databaseUrl, partial, options.key) : await dumpPglite(source.dataDir, partial, options.key);
    // Checked after writing: decrypted again from the disk, both checksums compared.
    const check = await checkFile(partial, options.key);
    if (check.sha256 !== taken.written.sha256 || check.plainSha256 !== taken.written.plainSha256) {
      throw new BackupError('BACKUP_FAILED', `${partial} does not read back as written (checksum differs): the disk or the file system is not to be trusted`);
    }
    const facts = taken.facts ?? (await pgliteFacts(partial, options.key));
    // The files after the database: every file the dumped rows name was written before them.
    let files: FilesFacts | null = null;
    if (source.filesDir) {
      const archived = await backupFiles(source.filesDir, filesPartial, options.key);
      files = { file: `${name}.files.ggbk`, ...archived };
      fs.renameSync(filesPartial, path.join(options.dir, files.file));
    }
    const file = `${name}.ggbk`;
    fs.renameSync(partial, path.join(options.dir, file));
    const manifest = writeManifest(
      options.dir,
      {
        format: 'gridgov-backup/1',
        name,
        file,
        createdAt: startedAt.toISOString(),
        verifiedAt: now().toISOString(),
        source: { kind, location: source.databaseUrl ? redactUrl(source.databaseUrl) : source.dataDir },
        dump: kind === 'postgres' ? 'pg_dump-custom' : 'pglite-datadir-tar',
        ...taken.written,
        keyId: keyId(options.key),
        ...facts,
        files,
      },
      options.key,
    );
    await auditInSource(source, manifest).catch((error: unknown) => {
      throw new BackupError('BACKUP_FAILED', `${name} was written and verified, but its audit entry (backup.create) could not be written into the source: ${error instanceof Error ? error.message : String(error)}`);
    });
    return manifest;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(filesPartial, { force: true });
    throw error;
  }
}

/**
 * The backup's audit entry, in the database it copied (backup-audit.ts). A backup whose entry
 * cannot be written fails (its files stay, complete and listed: the command says so).
 */
async function auditInSource(source: BackupSource, manifest: Manifest): Promise<void> {
  const input = backupCreatedAudit(manifest);
  if (source.databaseUrl) {
    const client = new pg.Client({ connectionString: source.databaseUrl });
    await client.connect();
    try {
      await writeBackupAudit(drizzlePg(client) as unknown as Db, input);
    } finally {
      await client.end();
    }
    return;
  }
  let release: (() => void) | null = null;
  try {
    release = lockDataDir(source.dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
  }
  if (!release) {
    await requestBackupAudit(backupSocketPath(source.dataDir), input);
    return;
  }
  try {
    const client = new PGlite(source.dataDir);
    try {
      await client.waitReady;
      await writeBackupAudit(drizzlePglite(client) as unknown as Db, input);
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

interface Taken {
  written: Awaited<ReturnType<typeof encryptToFile>>;
  facts: DatabaseFacts | null;
}

async function dumpPostgres(url: string, file: string, key: Buffer): Promise<Taken> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One snapshot for the dump and the manifest: pg_dump joins it with --snapshot.
    await client.query('begin isolation level repeatable read read only');
    const { rows: [exported] } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const facts = await databaseFacts(drizzlePg(client) as unknown as Db);
    const dump = runTool('pg_dump', ['--format=custom', '--compress=6', `--snapshot=${exported!.id}`], url);
    dump.child.stdin.end();
    const [written] = await Promise.all([encryptToFile(dump.child.stdout, file, key), dump.done]);
    await client.query('commit');
    return { written, facts };
  } finally {
    await client.end();
  }
}

async function dumpPglite(dataDir: string, file: string, key: Buffer): Promise<Taken> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupError('BACKUP_NOT_FOUND', `${dataDir} is not an embedded database folder`);
  let release: (() => void) | null = null;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
  }
  if (!release) {
    // The server runs: it dumps its own database through the backup socket.
    const socket = backupSocketPath(dataDir);
    if (!fs.existsSync(socket)) throw new BackupError('BACKUP_FAILED', `${dataDir} is held by a running process that has no backup socket (${socket})`);
    return { written: await encryptToFile(requestDataDirDump(socket), file, key), facts: null };
  }
  try {
    const client = new PGlite(dataDir);
    try {
      await client.waitReady;
      await client.exec('checkpoint');
      const blob = await client.dumpDataDir('none');
      return { written: await encryptToFile(blob.stream() as unknown as AsyncIterable<Uint8Array>, file, key), facts: null };
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

/** The whole dump of a PGlite backup, decrypted into memory (a PGlite tarball is loaded whole). */
export async function decryptToBlob(file: string, key: Buffer): Promise<Blob> {
  const parts: Buffer[] = [];
  for await (const chunk of decryptFile(file, key)) parts.push(chunk);
  return new Blob(parts);
}

/** Opens a PGlite dump in memory and reads its facts. */
async function pgliteFacts(file: string, key: Buffer): Promise<DatabaseFacts> {
  const client = new PGlite({ loadDataDir: await decryptToBlob(file, key) });
  try {
    await client.waitReady;
    return await databaseFacts(drizzlePglite(client) as unknown as Db);
  } finally {
    await client.close();
  }
}
