/** Reads of exports: always through `visibleTo`, so an export the caller may not see is not found. */
import { and, desc, eq } from 'drizzle-orm';
import type { ExportJob, ExportStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { approvableBy, canApprove, canDownload, visibleTo, type ExportRow } from './policy.js';
import { shownFilters, type StoredFilters } from './filters.js';
import { exportRequest } from './tables.js';

/** A list shows the latest exports; older ones stay in the audit log. */
const LIST_LIMIT = 200;

export async function presentExports(db: Db, actor: Actor, rows: ExportRow[]): Promise<ExportJob[]> {
  const names = await accountNames(db, rows.flatMap((r) => [r.requestedBy, r.decidedBy]));
  return rows.map((r) => ({
    id: r.id,
    register: r.register as ExportJob['register'],
    format: r.format as ExportJob['format'],
    filters: shownFilters(r.filters as StoredFilters),
    unmask: r.unmask,
    reason: r.reason,
    rowCount: r.rowCount,
    status: r.status as ExportStatus,
    requestedByName: names.get(r.requestedBy) ?? null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    downloads: r.downloads,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    canApprove: canApprove(actor, r),
    canDownload: canDownload(actor, r),
  }));
}

export async function listExports(db: Db, actor: Actor, q: { view: 'mine' | 'approvals'; status?: ExportStatus | undefined }): Promise<{ items: ExportJob[] }> {
  const rows = await db
    .select()
    .from(exportRequest)
    .where(and(q.view === 'mine' ? eq(exportRequest.requestedBy, actor.id) : approvableBy(actor), q.status ? eq(exportRequest.status, q.status) : undefined))
    .orderBy(desc(exportRequest.createdAt), desc(exportRequest.id))
    .limit(LIST_LIMIT);
  return { items: await presentExports(db, actor, rows) };
}

/** One export the actor may see (FOR UPDATE inside a change), else NOT_FOUND. */
export async function findExport(db: Db, actor: Actor, id: string, forUpdate = false): Promise<ExportRow> {
  const query = db.select().from(exportRequest).where(and(eq(exportRequest.id, id), visibleTo(actor)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export async function getExport(db: Db, actor: Actor, id: string): Promise<ExportJob> {
  const [out] = await presentExports(db, actor, [await findExport(db, actor, id)]);
  return out!;
}
