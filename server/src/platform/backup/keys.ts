/**
 * The operations keys, each apart from the personal-data key (GRIDGOV_PII_KEY): the backup key
 * encrypts backups, the checkpoint key signs audit checkpoints. Each comes from its variable
 * (base64 of 32 bytes) or a key file; production refuses to run without it. In demo mode a key
 * is generated once into a file beside the data folder (mode 0600) and printed, so the operator
 * can keep a copy where the backups are not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { BackupError } from './crypto.js';

export interface KeySource {
  /** The variable holding the key (base64), e.g. GRIDGOV_BACKUP_KEY. */
  variable: string;
  value: string | null;
  /** A file holding the key (base64), from <variable>_FILE. */
  file: string | null;
  /** The file a demo key is kept in. */
  demoFile: string;
  /** What the key is for, in messages. */
  purpose: string;
}

function parse(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new BackupError('BACKUP_KEY_INVALID', `${where} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return key;
}

export interface LoadedKey {
  key: Buffer;
  /** Set when a demo key was generated now: the caller prints it once. */
  generated: string | null;
}

export function loadKey(source: KeySource, config: Pick<Config, 'mode' | 'piiKey'>): LoadedKey {
  let key: Buffer | null = null;
  if (source.value) key = parse(source.value, source.variable);
  else if (source.file) {
    if (!fs.existsSync(source.file)) throw new BackupError('BACKUP_KEY_MISSING', `${source.variable}_FILE: ${source.file} does not exist`);
    key = parse(fs.readFileSync(source.file, 'utf8'), `${source.variable}_FILE (${source.file})`);
  }
  let generated: string | null = null;
  if (!key) {
    if (config.mode === 'production') {
      throw new BackupError('BACKUP_KEY_MISSING', `${source.variable} (or ${source.variable}_FILE) is required in production mode: the ${source.purpose} key, apart from GRIDGOV_PII_KEY (openssl rand -base64 32)`);
    }
    if (fs.existsSync(source.demoFile)) key = parse(fs.readFileSync(source.demoFile, 'utf8'), source.demoFile);
    else {
      key = randomBytes(32);
      fs.mkdirSync(path.dirname(source.demoFile), { recursive: true });
      fs.writeFileSync(source.demoFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      generated = key.toString('base64');
    }
  }
  if (config.piiKey) {
    const pii = Buffer.from(config.piiKey, 'base64');
    if (pii.length === key.length && timingSafeEqual(pii, key)) {
      throw new BackupError('BACKUP_KEY_INVALID', `${source.variable} must not be the personal-data key GRIDGOV_PII_KEY: one stolen key must not open both`);
    }
  }
  return { key, generated };
}

/** The backup key: GRIDGOV_BACKUP_KEY or GRIDGOV_BACKUP_KEY_FILE; demo: data/backup.key. */
export function backupKeySource(config: Pick<Config, 'dataDir' | 'backupKey' | 'backupKeyFile'>): KeySource {
  return {
    variable: 'GRIDGOV_BACKUP_KEY',
    value: config.backupKey,
    file: config.backupKeyFile,
    demoFile: path.join(path.dirname(config.dataDir), 'backup.key'),
    purpose: 'backup encryption',
  };
}

/** The audit checkpoint signing key: GRIDGOV_AUDIT_CHECKPOINT_KEY or ..._FILE; demo: data/audit-checkpoint.key. */
export function checkpointKeySource(config: Pick<Config, 'dataDir' | 'auditCheckpointKey' | 'auditCheckpointKeyFile'>): KeySource {
  return {
    variable: 'GRIDGOV_AUDIT_CHECKPOINT_KEY',
    value: config.auditCheckpointKey,
    file: config.auditCheckpointKeyFile,
    demoFile: path.join(path.dirname(config.dataDir), 'audit-checkpoint.key'),
    purpose: 'audit checkpoint signing',
  };
}

/** Prints a freshly generated demo key once, with what to do with it. */
export function announceGeneratedKey(source: KeySource, loaded: LoadedKey, write: (text: string) => void = (t) => void process.stderr.write(t)): void {
  if (!loaded.generated) return;
  write(
    `Demo mode: generated the ${source.purpose} key into ${source.demoFile}:\n  ${source.variable}=${loaded.generated}\n` +
      `Keep a copy away from the backups; in production set ${source.variable} yourself.\n`,
  );
}
