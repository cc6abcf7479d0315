/**
 * Backups and restores are audited (`backup.create`, `backup.restore`, contracts/src/auth/audit.ts):
 * - a backup's entry goes into the database it copied, once the file is verified (so it is not in
 *   the backup itself: it says that this database was copied, when, and into which file);
 * - a restore's entry goes into the restored database, after the dump is in, naming the backup it
 *   came from. It is appended to the restored chain, so the chain still verifies; the restore's
 *   check allows exactly these entries after the manifest's head (restore.ts, checkRestored).
 */
import type { Db } from '../db/client.js';
import { systemClock } from '../clock.js';
import { systemContext } from '../context.js';
import { recordAudit, type AuditInput } from '../audit/write-audit.js';
import type { Manifest } from './manifest.js';

/** The entry of a backup taken: what it holds, never a key. */
export function backupCreatedAudit(manifest: Manifest): AuditInput {
  return {
    action: 'backup.create',
    objectType: 'backup',
    objectId: manifest.name,
    details: {
      file: manifest.file,
      dataAsOf: manifest.createdAt,
      sha256: manifest.sha256,
      size: manifest.size,
      keyId: manifest.keyId,
      totalRows: manifest.totalRows,
      auditHead: manifest.auditHead.seq,
      ...(manifest.files ? { files: manifest.files.count, filesBytes: manifest.files.bytes } : {}),
    },
  };
}

/** The entry of a restore, written into the restored database. */
export function backupRestoredAudit(manifest: Manifest, target: string): AuditInput {
  return {
    action: 'backup.restore',
    objectType: 'backup',
    objectId: manifest.name,
    details: {
      backup: manifest.name,
      dataAsOf: manifest.createdAt,
      sha256: manifest.sha256,
      source: manifest.source.kind,
      target,
      auditHead: manifest.auditHead.seq,
      ...(manifest.files ? { files: manifest.files.count } : {}),
    },
  };
}

/** Writes a backup's or restore's entry (a system action: no person, no address). */
export async function writeBackupAudit(db: Db, input: AuditInput): Promise<void> {
  await recordAudit(db, systemContext(systemClock, input.action), input);
}
