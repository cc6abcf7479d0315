/**
 * Commits one batch of an import: the rows stored, the job's progress and the batch's problems
 * in one transaction, so what `processedRows` says is exactly what committed (a resumed run
 * starts after it). A unique-index race (someone registered the same record between our read
 * and our write) reads again, up to three times.
 */
import { eq } from 'drizzle-orm';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { bulkTransaction, type BulkTx } from './bulk-tx.js';
import type { ImportDeps } from './deps.js';
import type { IssueLog } from './issue-log.js';
import { progressUpdate } from './queries.js';
import type { RowIssue } from './row-issues.js';
import { importJob } from './tables.js';

export interface StoredBatch {
  created: number;
  updated: number;
  unchanged: number;
  issues: RowIssue[];
}

/** Rows `start`..`end` (data-row indexes) of the file, with the problems found before storing. */
export async function commitBatch(
  deps: ImportDeps,
  ctx: ActorContext,
  importId: string,
  log: IssueLog,
  span: { start: number; end: number; issues: readonly RowIssue[] },
  store: (tx: BulkTx) => Promise<StoredBatch>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bulkTransaction(deps.database, async (tx) => {
        const stored = await store(tx);
        const all = [...span.issues, ...stored.issues].sort((a, b) => a.row - b.row);
        const counts = { created: stored.created, updated: stored.updated, unchanged: stored.unchanged, failed: new Set(all.map((i) => i.row)).size };
        await tx.db.update(importJob).set(progressUpdate({ processed: span.end, ...counts }, ctx.clock.now())).where(eq(importJob.id, importId));
        await log.append(span.start, all);
      });
      await log.commit();
      return;
    } catch (error) {
      await log.rollback();
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
