/**
 * The import job: claims the import, hands the file to the register kind's `ImportTarget`
 * (which stores each batch in one transaction together with the job's progress, so what
 * `processedRows` says is exactly what committed), then writes the error report and ends.
 *
 * A run that stops for a file problem (corrupt mid-way, too many rows) ends `failed` with the
 * committed rows kept. A process that dies mid-run stops renewing its job's lease; the process
 * that takes the job over (`takenOver`) resumes after the last committed batch at once. Without
 * a taken-over lease (a retry after an error), a running import is resumed only once its
 * heartbeat (`updated_at`, moved by each batch) is stale.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ROLES } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { actorFromUser } from '../../platform/auth/sessions.js';
import { deleteUpload, importActor, importFiles, uploadPath, type ImportDeps } from './deps.js';
import { writeErrorReport } from './error-report.js';
import { fieldNames } from './fields.js';
import { IssueLog } from './issue-log.js';
import type { ImportFailure, ImportRow } from './queries.js';
import { importTarget } from './registers.js';
import { firstRows, openSheet, type FileType } from './sheet-source.js';
import { importJob } from './tables.js';

export { IMPORT_BATCH_ROWS } from './resident-target.js';
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


/**
 * Takes the import for this worker: queued; or running and either taken over from a worker whose
 * job lease ran out (it died: its last batch is committed or not at all) or with a stale heartbeat.
 */
async function claim(db: Db, id: string, now: Date, takenOver: boolean): Promise<ImportRow | null> {
  const stale = new Date(now.getTime() - STALE_MS);
  const abandoned = takenOver ? eq(importJob.status, 'running') : and(eq(importJob.status, 'running'), lt(importJob.updatedAt, stale));
  const [row] = await db
    .update(importJob)
    .set({ status: 'running', startedAt: sql`coalesce(${importJob.startedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
    .where(and(eq(importJob.id, id), or(eq(importJob.status, 'queued'), abandoned)))
    .returning();
  return row ?? null;
}

export async function runImport(deps: ImportDeps, payload: ImportJobPayload, job: { db: Db; clock: Clock; jobId: string; takenOver?: boolean }): Promise<void> {
  const { db, clock } = job;
  const row = await claim(db, payload.importId, clock.now(), job.takenOver === true);
  if (!row) {
    const [current] = await db.select({ status: importJob.status }).from(importJob).where(eq(importJob.id, payload.importId));
    // Another worker is on it: try again later, in case that worker dies.
    if (current?.status === 'running') throw new Error('import is running in another worker');
    return;
  }
  const actor = importActor(actorFromUser({ ...payload.actor, scopeRegionCode: row.scopeRegionCode, scopeGridId: row.scopeGridId }, null), row);
  const ctx: ActorContext = { actor, ip: null, requestId: `job:${job.jobId}`, locale: payload.locale, clock };
  const files = importFiles(row.id);
  const log = await IssueLog.open(deps.files.localPath(files.issues), row.processedRows);
  let failure: ImportFailure | null = null;
  let headerAt = 0;
  try {
    const target = importTarget(deps.registry, row.register);
    ({ headerAt } = await firstRows(uploadPath(deps, row.filePath), row.fileType as FileType, row.fileBytes, 0, fieldNames(target.fields)));
    await target.run(deps, ctx, row, headerAt, log);
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`import ${row.id} failed:`, error);
    failure = error instanceof AppError ? { code: error.code, details: error.details } : { code: 'INTERNAL' };
  }
  await finish(deps, ctx, row, headerAt, log, failure);
}

async function finish(deps: ImportDeps, ctx: ActorContext, job: ImportRow, headerAt: number, log: IssueLog, failure: ImportFailure | null): Promise<void> {
  const files = importFiles(job.id);
  const locale = ctx.locale;
  let reportPath: string | null = null;
  if (log.hasIssues) {
    // The failed rows read again from the upload, streamed in place (the store's local path), like an export's file.
    const sheet = await openSheet(uploadPath(deps, job.filePath), job.fileType as FileType, job.fileBytes, headerAt);
    try {
      await writeErrorReport(deps.files.localPath(files.report), { columns: job.columns as string[], rows: sheet.rows }, log.read(), locale);
    } finally {
      sheet.close();
    }
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
  await Promise.all([deleteUpload(deps, job.filePath), log.remove()]);
}
