/**
 * The uploaded files (`GRIDGOV_FILES_DIR`: attachments, import files and reports, exports) are
 * part of a backup: a second encrypted file `<name>.files.ggbk` beside the database's, with the
 * same key and the same checks (read back and checksummed after writing, whole before a restore).
 *
 * Inside the encryption the archive is a plain sequence, one entry a file:
 *   `F <json {"path","size"}>\n` + the file's `size` bytes + `H <sha256 of the bytes>\n`
 * and at the end `E <json {"count","bytes","listSha256"}>\n`. `listSha256` is the SHA-256 of the
 * sorted lines `<path>\t<size>\t<sha256>\n` of every file: the manifest holds it, and a restored
 * folder is held against it by reading every file back from the disk (count and checksums).
 *
 * Files are taken after the database (a file is written before the row that names it, so every
 * file the dumped rows name is there); a file added meanwhile is copied too, which harms nothing.
 * Incomplete files (`*.part`, being written) and anything but regular files are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { BackupError, checkFile, decryptFile, encryptToFile, type WrittenBackup } from './crypto.js';

/** What a backup's manifest says about its files. */
export interface FilesFacts extends WrittenBackup {
  /** The encrypted archive, beside the manifest. */
  file: string;
  /** The folder they were read from (for people; a restore names its own). */
  dir: string;
  count: number;
  bytes: number;
  listSha256: string;
}

export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

/** The regular files under `dir`, as relative paths with `/`, sorted; incomplete `.part` files left out. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && !entry.name.endsWith('.part')) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** The digest a manifest holds of a list of files. */
export function listDigest(entries: readonly FileEntry[]): string {
  const hash = createHash('sha256');
  for (const e of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) hash.update(`${e.path}\t${e.size}\t${e.sha256}\n`);
  return hash.digest('hex');
}

async function* archiveStream(dir: string, entries: FileEntry[]): AsyncGenerator<Buffer> {
  for (const rel of listFiles(dir)) {
    const full = path.join(dir, rel);
    let size: number;
    try {
      size = fs.statSync(full).size;
    } catch {
      continue; // removed since it was listed (a purge): not part of this backup
    }
    yield Buffer.from(`F ${JSON.stringify({ path: rel, size })}\n`);
    const hash = createHash('sha256');
    let read = 0;
    if (size > 0) {
      for await (const piece of fs.createReadStream(full, { start: 0, end: size - 1 }) as AsyncIterable<Buffer>) {
        hash.update(piece);
        read += piece.length;
        yield piece;
      }
    }
    if (read !== size) throw new BackupError('BACKUP_FAILED', `${full} changed while it was backed up (${read} of ${size} bytes read)`);
    const sha256 = hash.digest('hex');
    entries.push({ path: rel, size, sha256 });
    yield Buffer.from(`H ${sha256}\n`);
  }
  const bytes = entries.reduce((sum, e) => sum + e.size, 0);
  yield Buffer.from(`E ${JSON.stringify({ count: entries.length, bytes, listSha256: listDigest(entries) })}\n`);
}

/** Archives `dir` into the encrypted `file`, then reads it back and checks both checksums. */
export async function backupFiles(dir: string, file: string, key: Buffer): Promise<Omit<FilesFacts, 'file'>> {
  const entries: FileEntry[] = [];
  const written = await encryptToFile(archiveStream(dir, entries), file, key);
  const check = await checkFile(file, key);
  if (check.sha256 !== written.sha256 || check.plainSha256 !== written.plainSha256) {
    throw new BackupError('BACKUP_FAILED', `${file} does not read back as written (checksum differs): the disk or the file system is not to be trusted`);
  }
  return { ...written, dir, count: entries.length, bytes: entries.reduce((sum, e) => sum + e.size, 0), listSha256: listDigest(entries) };
}

/** A path from an archive, refused if it would leave the target folder. */
function safePath(target: string, rel: string, archive: string): string {
  const full = path.resolve(target, rel);
  if (typeof rel !== 'string' || rel === '' || path.isAbsolute(rel) || rel.split('/').includes('..') || !full.startsWith(path.resolve(target) + path.sep)) {
    throw new BackupError('BACKUP_CORRUPT', `${archive} names a file outside its folder (${String(rel).slice(0, 80)})`);
  }
  return full;
}

/**
 * Writes the archive's files into `target` (created), checking each file's size and SHA-256 as it
 * is written, and the whole list against the manifest's facts.
 */
export async function restoreFiles(archive: string, target: string, key: Buffer, facts: FilesFacts): Promise<FileEntry[]> {
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  const entries: FileEntry[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let current: { rel: string; size: number; written: number; hash: ReturnType<typeof createHash>; fd: number } | null = null;
  let ended: { count: number; bytes: number; listSha256: string } | null = null;
  const corrupt = (what: string): never => {
    throw new BackupError('BACKUP_CORRUPT', `${archive}: ${what}`);
  };
  try {
    for await (const chunk of decryptFile(archive, key)) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (current && current.written < current.size) {
          const take = buffer.subarray(0, Math.min(buffer.length, current.size - current.written));
          if (take.length === 0) break;
          fs.writeSync(current.fd, take);
          current.hash.update(take);
          current.written += take.length;
          buffer = buffer.subarray(take.length);
          continue;
        }
        const newline = buffer.indexOf(10);
        if (newline < 0) break;
        const line = buffer.subarray(0, newline).toString('utf8');
        buffer = buffer.subarray(newline + 1);
        if (current) {
          const sha256 = current.hash.digest('hex');
          fs.fsyncSync(current.fd);
          fs.closeSync(current.fd);
          if (line !== `H ${sha256}`) corrupt(`${current.rel} does not match its checksum`);
          entries.push({ path: current.rel, size: current.size, sha256 });
          current = null;
        } else if (line.startsWith('F ')) {
          const head = JSON.parse(line.slice(2)) as { path: string; size: number };
          const full = safePath(target, head.path, archive);
          fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
          current = { rel: head.path, size: head.size, written: 0, hash: createHash('sha256'), fd: fs.openSync(full, 'w', 0o600) };
        } else if (line.startsWith('E ')) {
          ended = JSON.parse(line.slice(2)) as { count: number; bytes: number; listSha256: string };
        } else corrupt(`unexpected entry ${line.slice(0, 40)}`);
      }
    }
  } finally {
    if (current) fs.closeSync(current.fd);
  }
  if (!ended || current || buffer.length > 0) corrupt('the archive ends in the middle of an entry');
  const digest = listDigest(entries);
  if (ended!.count !== entries.length || ended!.listSha256 !== digest || facts.count !== entries.length || facts.listSha256 !== digest) {
    corrupt(`its files (${entries.length}) do not match the manifest's list (${facts.count})`);
  }
  return entries;
}

/** A restored files folder held against the manifest: every file read back from the disk. */
export function checkFilesDir(dir: string, facts: FilesFacts): { ok: boolean; count: number; bytes: number; detail: string } {
  const entries: FileEntry[] = listFiles(dir).map((rel) => {
    const bytes = fs.readFileSync(path.join(dir, rel));
    return { path: rel, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  const bytes = entries.reduce((sum, e) => sum + e.size, 0);
  const digest = listDigest(entries);
  if (entries.length !== facts.count) return { ok: false, count: entries.length, bytes, detail: `${entries.length} files, the manifest lists ${facts.count}` };
  if (digest !== facts.listSha256) return { ok: false, count: entries.length, bytes, detail: 'the files\' checksums differ from the manifest\'s list' };
  return { ok: true, count: entries.length, bytes, detail: `all ${entries.length} files (${bytes.toLocaleString('en')} bytes) match the manifest's checksums` };
}

/** Whether a files folder holds anything. */
export function filesDirHolds(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}
