/**
 * The import job: streams the file, checks rows in batches, and stores each batch in one
 * transaction together with the job's progress, so what `processedRows` says is exactly what
 * committed. Checking the next batch (parsing, validation, encryption: CPU) overlaps with
 * storing the previous one (the database), one batch in flight at a time.
 *
 * A run that stops for a file problem (corrupt mid-way, too many rows) ends `failed` with the
 * committed rows kept; a process that dies mid-run leaves a stale heartbeat (`updated_at`), and
 * the job's next attempt resumes after the last committed batch.
 */
import fs from 'node:fs';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ROLES } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { actorFromUser } from '../../platform/auth/sessions.js';
import { bulkTransaction } from './bulk-tx.js';
import { importActor, importFiles, type ImportDeps } from './deps.js';
import { writeErrorReport } from './error-report.js';
import { IssueLog } from './issue-log.js';
import { progressUpdate, type ImportFailure, type ImportRow } from './queries.js';
import { ResidentChecker, type BatchChunk } from './resident-checker.js';
import type { PreparedChunk } from './row-preparer.js';
import { localPool, poolThreads, workerPool } from './row-pool.js';
import type { SheetRow } from './sheet-row.js';
import { storeResidents } from './resident-store.js';
import type { RowIssue } from './row-issues.js';
import { openSheet, type FileType } from './sheet-source.js';
import { importJob } from './tables.js';

/** Rows per transaction. */
export const IMPORT_BATCH_ROWS = 5000;
/** A running import whose heartbeat is older than this was abandoned by its worker. */
const STALE_MS = 2 * 60_000;

export const importJobPayload = z.object({
  importId: z.uuid(),
  locale: z.enum(['zh-CN', 'en']),
  /** Who started it (the scope comes from the import: as it was at upload). */
  actor: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), role: z.enum(ROLES) }),
});
export type ImportJobPayload = z.infer<typeof importJobPayload>;

export function importJobDefinition(deps: ImportDeps) {
  return defineJob({
    name: 'import.run',
    payload: importJobPayload,
    handle: (payload, ctx) => runImport(deps, payload, ctx),
  });
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Takes the import for this worker: queued, or running with a stale heartbeat (resume). */
async function claim(db: Db, id: string, now: Date): Promise<ImportRow | null> {
  const stale = new Date(now.getTime() - STALE_MS);
  const [row] = await db
    .update(importJob)
    .set({ status: 'running', startedAt: sql`coalesce(${importJob.startedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
    .where(and(eq(importJob.id, id), or(eq(importJob.status, 'queued'), and(eq(importJob.status, 'running'), lt(importJob.updatedAt, stale)))))
    .returning();
  return row ?? null;
}

export async function runImport(deps: ImportDeps, payload: ImportJobPayload, job: { db: Db; clock: Clock; jobId: string }): Promise<void> {
  const { db, clock } = job;
  const row = await claim(db, payload.importId, clock.now());
  if (!row) {
    const [current] = await db.select({ status: importJob.status }).from(importJob).where(eq(importJob.id, payload.importId));
    // Another worker is on it: try again later, in case that worker dies.
    if (current?.status === 'running') throw new Error('import is running in another worker');
    return;
  }
  const actor = importActor(actorFromUser({ ...payload.actor, scopeRegionCode: row.scopeRegionCode, scopeGridId: row.scopeGridId }, null), row);
  const ctx: ActorContext = { actor, ip: null, requestId: `job:${job.jobId}`, locale: payload.locale, clock };
  const files = importFiles(deps.config, row.id);
  const log = await IssueLog.open(files.issues, row.processedRows);
  let failure: ImportFailure | null = null;
  try {
    await importRows(deps, ctx, row, log);
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`import ${row.id} failed:`, error);
    failure = error instanceof AppError ? { code: error.code, details: error.details } : { code: 'INTERNAL' };
  }
  await finish(deps, ctx, row, log, failure);
}

/** Rows sent to a worker at a time, and how many such chunks may be out at once. */
const CHUNK_ROWS = 500;
const CHUNKS_IN_FLIGHT = 40;
/** Files smaller than this are checked in the main thread: starting workers would cost more. */
const WORKERS_FROM_ROWS = 5000;

async function importRows(deps: ImportDeps, ctx: ActorContext, job: ImportRow, log: IssueLog): Promise<void> {
  const columns = job.columns as string[];
  const plan = { columns, mapping: (job.mapping ?? {}) as Record<string, string>, today: ctx.clock.now().toISOString() };
  const resumeFrom = job.processedRows;
  const checker = new ResidentChecker(deps.database.db, ctx.actor, plan);
  const store = { ctx, importId: job.id, fields: checker.mappedFields, idColumn: checker.columnFor('idNumber'), mode: { optimistic: true } };
  const threads = poolThreads();
  const pool = deps.piiKey && threads > 0 && (job.totalRows ?? 0) >= WORKERS_FROM_ROWS ? workerPool(deps.piiKey, plan, threads) : localPool(deps.vault, plan);
  const sheet = await openSheet(job.filePath, job.fileType as FileType, job.fileBytes);

  let batch: PreparedChunk[] = [];
  let batchIssues: RowIssue[] = [];
  let batchRows = 0;
  let batchStart = resumeFrom;
  /** Data rows admitted so far, in file order. */
  let admitted = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let storeError: unknown = null;
  const chunks: Array<Promise<PreparedChunk>> = [];

  const writeBatch = async (rows: BatchChunk[], issues: RowIssue[], start: number, end: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await bulkTransaction(deps.database, async (tx) => {
          const stored = await storeResidents(tx, store, rows);
          const all = [...issues, ...stored.issues].sort((a, b) => a.row - b.row);
          const counts: Counts = { created: stored.created, updated: stored.updated, unchanged: stored.unchanged, failed: new Set(all.map((i) => i.row)).size };
          await tx.db.update(importJob).set(progressUpdate({ processed: end, ...counts }, ctx.clock.now())).where(eq(importJob.id, job.id));
          await log.append(start, all);
        });
        await log.commit();
        return;
      } catch (error) {
        await log.rollback();
        // Someone registered the same person between our read and our write: read again.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  };

  /** Hands the batch to the database (one batch in flight) and starts the next. */
  const flush = async () => {
    const [prepared, issues, start, end] = [batch, batchIssues, batchStart, admitted];
    batch = [];
    batchIssues = [];
    batchRows = 0;
    batchStart = end;
    const rows = await checker.resolveGrids(prepared, issues);
    await inFlight;
    if (storeError) throw storeError;
    inFlight = writeBatch(rows, issues, start, end).catch((error: unknown) => {
      storeError = error;
    });
  };

  /** Sends rows to be prepared; a failure surfaces when the chunk's turn comes. */
  const prepare = (rows: SheetRow[]) => {
    const prepared = pool.prepare(rows);
    prepared.catch(() => undefined);
    return prepared;
  };

  /** Admits the oldest prepared chunk, in file order. */
  const admitChunk = async () => {
    const chunk = await chunks.shift()!;
    const size = chunk.rows.length;
    // Rows committed before a restart only mark their ID numbers.
    const from = Math.min(size, Math.max(0, resumeFrom - admitted));
    checker.admit(chunk, batchIssues, from);
    admitted += size;
    if (from === size) {
      batchStart = admitted;
      return;
    }
    batch.push(chunk);
    batchRows += size - from;
    if (batchRows >= IMPORT_BATCH_ROWS) await flush();
  };

  try {
    let chunk: SheetRow[] = [];
    let read = 0;
    let headerChecked = false;
    for await (const row of sheet.rows) {
      if (!headerChecked) {
        if (sheet.columns.join('\u0000') !== columns.join('\u0000')) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'the file changed after upload' });
        headerChecked = true;
      }
      if (++read > deps.config.importMaxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: deps.config.importMaxRows });
      chunk.push(row);
      if (chunk.length < CHUNK_ROWS) continue;
      chunks.push(prepare(chunk));
      chunk = [];
      if (chunks.length >= CHUNKS_IN_FLIGHT) await admitChunk();
      // Let the database's answers in between chunks: checking is CPU work.
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (chunk.length) chunks.push(prepare(chunk));
    while (chunks.length) await admitChunk();
    if (batch.length) await flush();
  } finally {
    // Whatever stopped the loop, the batch in flight either commits or rolls back before we report.
    await Promise.allSettled(chunks);
    await inFlight;
    sheet.close();
    await pool.close();
  }
  if (storeError) throw storeError;
}

async function finish(deps: ImportDeps, ctx: ActorContext, job: ImportRow, log: IssueLog, failure: ImportFailure | null): Promise<void> {
  const files = importFiles(deps.config, job.id);
  const locale = ctx.locale;
  let reportPath: string | null = null;
  if (log.hasIssues) {
    await writeErrorReport(files.report, log.read(), locale);
    reportPath = files.report;
  }
  const status = failure ? 'failed' : 'done';
  await deps.database.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [done] = await tx
      .update(importJob)
      .set({
        status,
        finishedAt: now,
        updatedAt: now,
        failure,
        errorReportPath: reportPath,
        ...(failure ? {} : { totalRows: sql`${importJob.processedRows}` }),
      })
      .where(eq(importJob.id, job.id))
      .returning();
    await writeAudit(tx, ctx as RequestContext, {
      action: 'import.finish',
      objectType: 'import',
      objectId: job.id,
      outcome: failure ? 'failure' : 'success',
      regionCode: job.scopeRegionCode,
      details: {
        register: job.register,
        status,
        processedRows: done?.processedRows ?? 0,
        createdRows: done?.createdRows ?? 0,
        updatedRows: done?.updatedRows ?? 0,
        unchangedRows: done?.unchangedRows ?? 0,
        failedRows: done?.failedRows ?? 0,
        failure: failure?.code ?? null,
      },
    });
  });
  // The upload holds full personal data: it goes as soon as the import has ended.
  await Promise.all([fs.promises.rm(job.filePath, { force: true }), log.remove()]);
}
