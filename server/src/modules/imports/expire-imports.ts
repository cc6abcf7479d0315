/**
 * The hourly cleanup of abandoned uploads: an upload not started within a day is deleted with
 * its file (which holds full personal data), each deletion audited.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { deleteUpload, type ImportDeps } from './deps.js';
import { removeUnstarted } from './discard-import.js';
import { importJob } from './tables.js';

/** How long an upload may wait for its start. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Uploads removed per run at most (the next run takes the rest). */
const PER_RUN = 500;

/** Deletes uploads left unstarted for longer than a day; returns how many. */
export async function expireImports(deps: Pick<ImportDeps, 'files'>, db: Db, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - UPLOAD_TTL_MS);
  const stale = await db
    .select()
    .from(importJob)
    .where(and(eq(importJob.status, 'uploaded'), lt(importJob.createdAt, before)))
    .orderBy(asc(importJob.createdAt))
    .limit(PER_RUN);
  let removed = 0;
  for (const job of stale) {
    const gone = await db.transaction(async (tx) => {
      // Started (or deleted) since the list was read: left alone.
      const [current] = await tx.select().from(importJob).where(and(eq(importJob.id, job.id), eq(importJob.status, 'uploaded'))).for('update');
      if (!current) return false;
      await removeUnstarted(tx, systemContext(clock, `import.expire:${job.id}`), current, 'import.expire');
      return true;
    });
    if (!gone) continue;
    await deleteUpload(deps, job.filePath);
    removed++;
  }
  return removed;
}

export function expireImportsJob(deps: Pick<ImportDeps, 'files'>) {
  return defineJob({
    name: 'imports.expire',
    payload: z.object({}),
    repeatEveryMs: 60 * 60 * 1000,
    handle: async (_payload, { db, clock }) => {
      await expireImports(deps, db, clock);
    },
  });
}
