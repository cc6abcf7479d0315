/**
 * Readiness: the database answers a trivial query within a timeout, and this process's job
 * worker ran a pass recently (or is busy with one). The answer names the failing check and
 * nothing else: no versions, no database kind, no error text.
 */
import { sql } from 'drizzle-orm';
import type { Kit } from '../kit/kit.js';

/** Seconds a client (or a load balancer) should wait before asking again after a 503. */
export const RETRY_AFTER_S = 5;

/** How long the database may take to answer `select 1` before the process is not ready. */
export const READY_DB_TIMEOUT_MS = 2000;

export type NotReadyReason = 'database' | 'job_worker';

export interface Readiness {
  ready: boolean;
  reason?: NotReadyReason;
}

/** How long since the worker's last beat before it counts as stuck: a few poll periods, at least 15 s. */
export function workerStaleMs(pollMs: number): number {
  return Math.max(5 * pollMs, 15_000);
}

/** Whether the worker loop beat recently enough; a process without a worker (null) has none to watch. */
export function workerAlive(sinceBeatMs: number | null, pollMs: number): boolean {
  return sinceBeatMs === null || sinceBeatMs <= workerStaleMs(pollMs);
}

async function databaseAnswers(kit: Kit, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = kit.db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(kit: Kit, timeoutMs = READY_DB_TIMEOUT_MS): Promise<Readiness> {
  if (!(await databaseAnswers(kit, timeoutMs))) return { ready: false, reason: 'database' };
  const worker = kit.jobs.health();
  // A process started with the worker off (GRIDGOV_JOB_POLL_MS=0) has no loop to watch.
  if (!workerAlive(worker.sinceBeatMs, kit.config.jobPollMs)) return { ready: false, reason: 'job_worker' };
  return { ready: true };
}
