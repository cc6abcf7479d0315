import type { Db } from '../../platform/db/client.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import type { Config } from '../../platform/config.js';

/** What the register use-cases need besides the caller's context. */
export interface RegisterDeps {
  db: Db;
  vault: PiiVault;
  config: Pick<Config, 'unmaskPerHour' | 'exportApprovalRows' | 'unmaskedExportRowsPerDay' | 'filesDir' | 'importMaxBytes' | 'importMaxRows'>;
}
