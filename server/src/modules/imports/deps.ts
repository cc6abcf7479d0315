/** What the import use-cases and the import job need. */
import fs from 'node:fs';
import path from 'node:path';
import { divisionPrefix } from '@gridgov/contracts';
import type { Config } from '../../platform/config.js';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/client.js';
import type { FileStore } from '../../platform/files/store.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import type { Providers, Registry } from '../../platform/kit/kit.js';

export interface ImportDeps {
  database: Database;
  vault: PiiVault;
  /**
   * The personal-data key the vault was made from, for the import's worker threads (each makes
   * its own vault; the key never leaves the process). Without it imports check rows in one thread.
   */
  piiKey?: Buffer;
  config: Pick<Config, 'filesDir' | 'importMaxBytes' | 'importMaxRows' | 'unmaskPerHour' | 'retentionDays'>;
  /** Where the upload, its problem log and its error report are kept. */
  files: FileStore;
  /** The import kinds modules offer (besides the register kinds), and the reactions a batch may set off. */
  registry: Registry;
  jobs: JobQueue;
  providers: Providers;
}

/** The file-store keys of an import's files: the upload, its problem log and its error report. */
export function importFiles(id: string) {
  return { upload: `imports/${id}`, issues: `imports/${id}.errors.jsonl`, report: `imports/${id}.errors.xlsx` };
}

/**
 * The upload of an import on this machine. Imports uploaded before the file store kept the
 * upload's absolute path: those are read where they are.
 */
export function uploadPath(deps: Pick<ImportDeps, 'files'>, filePath: string): string {
  return path.isAbsolute(filePath) ? filePath : deps.files.localPath(filePath);
}

/** Deletes an import's upload (see `uploadPath`). */
export async function deleteUpload(deps: Pick<ImportDeps, 'files'>, filePath: string): Promise<void> {
  if (path.isAbsolute(filePath)) await fs.promises.rm(filePath, { force: true });
  else await deps.files.delete(filePath);
}

/** The importer as the import acts: their identity with the scope they had at upload. */
export function importActor(actor: Omit<Actor, 'regionCode' | 'regionPrefix' | 'gridId'>, scope: { scopeRegionCode: string; scopeGridId: string | null }): Actor {
  return { ...actor, regionCode: scope.scopeRegionCode, regionPrefix: divisionPrefix(scope.scopeRegionCode), gridId: scope.scopeGridId };
}
