/**
 * A worker thread of a running import: prepares rows (checks, encrypts, hashes) with its own
 * personal-data vault, built from the key the process already holds. See row-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PiiVault } from '../../platform/pii/vault.js';
import { chunkTransfer, RowPreparer, type RowPlan } from './row-preparer.js';
import type { SheetRow } from './sheet-row.js';

const init = workerData as { key: Uint8Array; plan: RowPlan };
const preparer = new RowPreparer(new PiiVault(Buffer.from(init.key)), init.plan);

parentPort?.on('message', (message: { seq: number; rows: SheetRow[] }) => {
  try {
    const prepared = preparer.prepare(message.rows);
    parentPort?.postMessage({ seq: message.seq, prepared }, chunkTransfer(prepared));
  } catch (error) {
    parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
