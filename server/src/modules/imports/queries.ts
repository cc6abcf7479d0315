/**
 * Reads of import jobs. An import belongs to the person who uploaded it and to the scope they
 * had: anyone else, or the same person after their scope moved, gets "not found".
 */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { errorMessage, ERRORS, type ErrorCode, type ImportGridRule, type ImportJob, type ImportStatus, type Locale } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { regionInScope } from '../../platform/scope.js';
import { importJob } from './tables.js';
import { findImportTarget, importFields, type ImportKinds } from './registers.js';
import { fieldLabel } from './fields.js';

export type ImportRow = typeof importJob.$inferSelect;

export function ownImport(actor: Actor): SQL | undefined {
  return and(
    eq(importJob.createdBy, actor.id),
    regionInScope(actor, importJob.scopeRegionCode),
    actor.gridId ? eq(importJob.scopeGridId, actor.gridId) : undefined,
  );
}

export async function findImport(db: Db, actor: Actor, id: string, forUpdate = false): Promise<ImportRow> {
  const query = db.select().from(importJob).where(and(eq(importJob.id, id), ownImport(actor)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export async function listImports(db: Db, registry: ImportKinds, actor: Actor, q: { page: number; pageSize: number; status?: ImportStatus }, locale: Locale) {
  const where = and(ownImport(actor), q.status ? eq(importJob.status, q.status) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(importJob).where(where).orderBy(desc(importJob.createdAt), desc(importJob.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(importJob).where(where),
  ]);
  return { items: rows.map((r) => presentImport(r, actor, locale, registry)), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The stored failure: an error code and its details. */
export interface ImportFailure {
  code: ErrorCode;
  details?: unknown;
}

function failureOf(row: ImportRow, locale: Locale): ImportJob['failure'] {
  const failure = row.failure as ImportFailure | null;
  if (!failure) return null;
  const code: ErrorCode = failure.code in ERRORS ? failure.code : 'INTERNAL';
  return { code, message: errorMessage(code, locale) };
}

/** The job as its owner sees it (imports are only ever shown to their owner). */
export function presentImport(row: ImportRow, owner: Pick<Actor, 'displayName'>, locale: Locale, registry: ImportKinds): ImportJob {
  const register = row.register;
  return {
    id: row.id,
    register,
    status: row.status as ImportJob['status'],
    fileName: row.fileName,
    fileType: row.fileType as ImportJob['fileType'],
    fileBytes: row.fileBytes,
    columns: row.columns as string[],
    fields: importFields(registry, register).map((f) => ({ field: f.field, label: fieldLabel(f, locale), required: f.required })),
    mapping: (row.mapping as Record<string, string> | null) ?? {},
    gridRule: (row.gridRule as ImportGridRule | null) ?? null,
    gridRules: [...(findImportTarget(registry, register)?.gridRules ?? [])],
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    unchangedRows: row.unchangedRows,
    failedRows: row.failedRows,
    hasErrorReport: row.errorReportPath !== null,
    failure: failureOf(row, locale),
    createdByName: owner.displayName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Marks progress as a batch commits; also the heartbeat another worker checks before taking over. */
export function progressUpdate(counts: { processed: number; created: number; updated: number; unchanged: number; failed: number }, now: Date) {
  return {
    processedRows: counts.processed,
    createdRows: sql`${importJob.createdRows} + ${counts.created}`,
    updatedRows: sql`${importJob.updatedRows} + ${counts.updated}`,
    unchangedRows: sql`${importJob.unchangedRows} + ${counts.unchanged}`,
    failedRows: sql`${importJob.failedRows} + ${counts.failed}`,
    updatedAt: now,
  };
}
