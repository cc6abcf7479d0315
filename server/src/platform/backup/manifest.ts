/**
 * The backups folder: each backup is an encrypted file `<name>.ggbk` and its manifest
 * `<name>.manifest.json`, written last (a backup without a manifest is incomplete and not
 * listed). The manifest carries an HMAC under the backup key, so a restore does not trust counts
 * or checksums someone edited.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BackupError } from './crypto.js';
import type { DatabaseFacts } from './facts.js';
import type { FilesFacts } from './files-archive.js';

export interface Manifest extends DatabaseFacts {
  format: 'gridgov-backup/1';
  name: string;
  /** The encrypted file, beside the manifest. */
  file: string;
  /** When the data was read (the snapshot's time): the age of this backup's data. */
  createdAt: string;
  /** When the file was written and verified. */
  verifiedAt: string;
  source: { kind: 'pglite' | 'postgres'; location: string };
  dump: 'pglite-datadir-tar' | 'pg_dump-custom';
  /** Bytes and SHA-256 of the encrypted file, and of the dump inside it. */
  size: number;
  sha256: string;
  plainSize: number;
  plainSha256: string;
  /** The uploaded files' archive (`<name>.files.ggbk`), or null when the backup has none (older backups: absent). */
  files?: FilesFacts | null;
  /** Which backup key encrypted it (a fingerprint). */
  keyId: string;
  /** HMAC-SHA256 of the manifest without this field, under the backup key. */
  mac: string;
}

function macOf(manifest: Omit<Manifest, 'mac'>, key: Buffer): string {
  return createHmac('sha256', key).update(JSON.stringify({ ...manifest, mac: undefined })).digest('hex');
}

export function writeManifest(dir: string, manifest: Omit<Manifest, 'mac'>, key: Buffer): Manifest {
  const full: Manifest = { ...manifest, mac: macOf(manifest, key) };
  const file = path.join(dir, `${manifest.name}.manifest.json`);
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return full;
}

/** A manifest read back; `key` given: its HMAC must hold. */
export function readManifest(file: string, key?: Buffer): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new BackupError('BACKUP_CORRUPT', `${file} is not a readable backup manifest (${(error as Error).message})`);
  }
  if (manifest.format !== 'gridgov-backup/1') throw new BackupError('BACKUP_CORRUPT', `${file} is not a GridGov backup manifest`);
  if (key) {
    const { mac, ...rest } = manifest;
    const expected = Buffer.from(macOf(rest, key), 'hex');
    const given = Buffer.from(String(mac), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BackupError('BACKUP_CORRUPT', `${file} was altered (or written with another backup key): its HMAC does not match`);
    }
  }
  return manifest;
}

/** The complete backups in `dir`, newest first. */
export function listBackups(dir: string): Manifest[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.manifest.json'))
    .map((f) => readManifest(path.join(dir, f)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/**
 * A backup by name, by the path of its file or manifest, or `latest`; with its data file's path.
 */
export function findBackup(dir: string, which: string): { manifestFile: string; dataFile: string; manifest: Manifest } {
  let manifestFile: string;
  if (which === 'latest') {
    const latest = listBackups(dir)[0];
    if (!latest) throw new BackupError('BACKUP_NOT_FOUND', `No backups in ${dir} (make one with npm run backup)`);
    manifestFile = path.join(dir, `${latest.name}.manifest.json`);
  } else if (which.endsWith('.manifest.json')) manifestFile = path.resolve(which);
  else if (which.endsWith('.ggbk')) manifestFile = path.resolve(which.replace(/\.ggbk$/, '.manifest.json'));
  else manifestFile = path.join(dir, `${which}.manifest.json`);
  if (!fs.existsSync(manifestFile)) throw new BackupError('BACKUP_NOT_FOUND', `No backup ${which}: ${manifestFile} does not exist`);
  const manifest = readManifest(manifestFile);
  const dataFile = path.join(path.dirname(manifestFile), manifest.file);
  if (!fs.existsSync(dataFile)) throw new BackupError('BACKUP_NOT_FOUND', `The backup's data file ${dataFile} is missing`);
  if (manifest.files && !fs.existsSync(path.join(path.dirname(manifestFile), manifest.files.file))) {
    throw new BackupError('BACKUP_NOT_FOUND', `The backup's files archive ${path.join(path.dirname(manifestFile), manifest.files.file)} is missing`);
  }
  return { manifestFile, dataFile, manifest };
}

/** "3 h 12 min", "2 d 4 h": a backup's age for people. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
