/**
 * Commits one batch of an import: the rows stored, the job's progress and the batch's problems
 * in one transaction, so what `processedRows` says is exactly what committed (a resumed run
 * starts after it). A unique-index race (someone registered the same record between our read
 * and our write) reads again, up to three times.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { bulkTransaction, type BulkTx } from './bulk-tx.js';
import { uploadPath, type ImportDeps } from './deps.js';
import type { IssueLog } from './issue-log.js';
import { progressUpdate, type ImportRow } from './queries.js';
import type { RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';
import { openSheet, type FileType } from './sheet-source.js';
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

/** Data rows a batch commits (with their progress and problems) in one transaction. */
export const ROW_BATCH_ROWS = 2000;

/**
 * Runs an import's file in batches: each row read (its problems into the batch's issues; rows
 * committed before a restart only replayed, so later duplicates are still seen), and every
 * `ROW_BATCH_ROWS` rows stored and committed with the job's progress (`commitBatch`).
 */
export async function runInBatches<V>(
  deps: ImportDeps,
  ctx: ActorContext,
  job: ImportRow,
  headerAt: number,
  log: IssueLog,
  read: (row: SheetRow, issues: RowIssue[], replay: boolean) => V | null,
  store: (tx: BulkTx, rows: Array<{ row: number; value: V }>) => Promise<StoredBatch>,
): Promise<void> {
  const sheet = await openSheet(uploadPath(deps, job.filePath), job.fileType as FileType, job.fileBytes, headerAt);
  const resumeFrom = job.processedRows;
  let index = 0;
  let start = resumeFrom;
  let rows: Array<{ row: number; value: V }> = [];
  let issues: RowIssue[] = [];
  const flush = async () => {
    const [batch, found, from, end] = [rows, issues, start, index];
    rows = [];
    issues = [];
    start = end;
    await commitBatch(deps, ctx, job.id, log, { start: from, end, issues: found }, (tx) => store(tx, batch));
  };
  try {
    let headerChecked = false;
    for await (const row of sheet.rows) {
      if (!headerChecked) {
        if (sheet.columns.join('\u0000') !== (job.columns as string[]).join('\u0000')) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'the file changed after upload' });
        headerChecked = true;
      }
      if (index + 1 > deps.config.importMaxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: deps.config.importMaxRows });
      const value = read(row, issues, index < resumeFrom);
      index++;
      if (index <= resumeFrom) continue;
      if (value) rows.push({ row: row.row, value });
      if (index - start >= ROW_BATCH_ROWS) await flush();
    }
    if (index > start) await flush();
  } finally {
    sheet.close();
  }
}
