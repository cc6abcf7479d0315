/**
 * Where rows are prepared. Checking and encrypting a row is most of an import's CPU; on a
 * machine with cores to spare, worker threads do it while the main thread reads the file and
 * talks to the database. Results come back in the order the rows were sent.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PiiVault } from '../../platform/pii/vault.js';
import { RowPreparer, type PreparedChunk, type RowPlan } from './row-preparer.js';
import type { SheetRow } from './sheet-row.js';

export interface RowPool {
  prepare(rows: SheetRow[]): Promise<PreparedChunk>;
  close(): Promise<void>;
}

/** Prepares in this thread. */
export function localPool(vault: PiiVault, plan: RowPlan): RowPool {
  const preparer = new RowPreparer(vault, plan);
  return {
    prepare: async (rows) => preparer.prepare(rows),
    close: async () => undefined,
  };
}

/** Worker threads to use: one core is left to the main thread (and the database beside it). */
export function poolThreads(): number {
  return Math.min(4, Math.max(0, os.availableParallelism() - 1));
}

/** The worker's entry; under tsx (TypeScript sources) the worker registers tsx first. */
function spawn(workerData: unknown): Worker {
  const self = import.meta.url;
  const entry = new URL(`./prepare-worker${self.endsWith('.ts') ? '.ts' : '.js'}`, self).href;
  const boot = self.endsWith('.ts')
    ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  // A young generation large enough for a chunk's garbage to die young: less collecting.
  return new Worker(boot, { eval: true, workerData, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 256 } });
}

/** Prepares on `threads` worker threads, each with a vault from `key` (the process's own key). */
export function workerPool(key: Buffer, plan: RowPlan, threads: number): RowPool {
  const pending = new Map<number, { resolve: (chunk: PreparedChunk) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = spawn({ key: new Uint8Array(key), plan });
    worker.on('message', (message: { seq: number; prepared?: PreparedChunk; error?: string }) => {
      const waiting = pending.get(message.seq);
      pending.delete(message.seq);
      if (message.prepared) waiting?.resolve(message.prepared);
      else waiting?.reject(new Error(message.error ?? 'row worker failed'));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`row worker stopped (${code})`));
    });
    return worker;
  });
  let seq = 0;
  return {
    prepare: (rows) =>
      new Promise<PreparedChunk>((resolve, reject) => {
        if (failure) return reject(failure);
        const id = seq++;
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ seq: id, rows });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
