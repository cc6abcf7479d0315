/**
 * A worker thread of the demo generator: makes the city's resident batches (checks, encryption,
 * hashing: most of the work) with its own personal-data vault, as many as the main thread asks
 * for ahead of its COPY. See load-residents.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PiiVault } from '../../platform/pii/vault.js';
import { nextBatch, workerLines, type ResidentWorkerInit, type ResidentWorkerMessage } from './load-residents.js';

const init = workerData as ResidentWorkerInit;
const lines = workerLines(init, new PiiVault(Buffer.from(init.key)));
let credit = 0;
let done = false;

const post = (m: ResidentWorkerMessage) => parentPort?.postMessage(m);

function pump(): void {
  try {
    while (credit > 0 && !done) {
      const batch = nextBatch(lines);
      credit--;
      if (batch) {
        // UTF-8 here, handed over without a copy: the main thread only passes it on.
        const [residents, households, members] = [batch.residents, batch.households, batch.members].map((text) => new Uint8Array(Buffer.from(text)));
        const message: ResidentWorkerMessage = { ...batch, residents: residents!, households: households!, members: members! };
        parentPort?.postMessage(message, [residents!.buffer, households!.buffer, members!.buffer]);
      } else {
        done = true;
        post({ done: true });
      }
    }
  } catch (error) {
    done = true;
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}

parentPort?.on('message', (m: { credit: number }) => {
  credit += m.credit;
  pump();
});
