/**
 * Files a module streams straight to the caller (a call campaign's results, a survey's answers)
 * are exports too: they enter the same 24-hour ledger as register exports (`export_request`),
 * so many small files of either kind add up to one threshold. A file that would take the
 * caller's rows of the last 24 hours past it is not sent: it becomes a request waiting for a
 * second person's approval on the exports page, and once approved the caller asks for the file
 * again within 24 hours and gets it (once, for at most the rows approved).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DirectExportSource } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { lockUnmaskBudget } from '../registers/unmask-budget.js';
import { DAY_MS, rowsRequested } from './create-export.js';
import { exportRequest } from './tables.js';

export interface DirectExport {
  source: DirectExportSource;
  objectId: string;
  /** Shown on the exports page (the campaign's name). */
  name: string;
  rowCount: number;
  purpose: string;
}

/**
 * Within the transaction that counts the file's rows: records it in the ledger, or answers the
 * id of the request now waiting for approval (the caller commits, then throws `sentForApproval`).
 */
export async function admitDirectExport(tx: Db, ctx: ActorContext, file: DirectExport, approvalRows: number): Promise<{ pendingId: string | null }> {
  const { actor } = ctx;
  // One user's exports are decided one at a time (the same lock as register exports).
  await lockUnmaskBudget(tx, ctx);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - DAY_MS);
  const same = and(eq(exportRequest.requestedBy, actor.id), eq(exportRequest.register, file.source), sql`${exportRequest.filters}->>'objectId' = ${file.objectId}`, gte(exportRequest.createdAt, since));
  const [earlier] = await tx.select().from(exportRequest).where(and(same, inArray(exportRequest.status, ['approved', 'pending_approval']))).orderBy(sql`${exportRequest.status} = 'approved' desc`).limit(1);
  const audit = { objectType: 'export', regionCode: actor.regionCode };
  if (earlier?.status === 'approved' && file.rowCount <= earlier.rowCount) {
    await tx.update(exportRequest).set({ status: 'delivered', downloads: 1, finishedAt: now, updatedAt: now }).where(eq(exportRequest.id, earlier.id));
    await writeAudit(tx, ctx, { ...audit, action: 'export.download', objectId: earlier.id, details: { register: file.source, rowCount: file.rowCount, approved: true } });
    return { pendingId: null };
  }
  if (earlier?.status === 'pending_approval') return { pendingId: earlier.id };
  const rowsIn24h = (await rowsRequested(tx, actor, since)) + file.rowCount;
  const status = rowsIn24h > approvalRows ? 'pending_approval' : 'delivered';
  const id = randomUUID();
  await tx.insert(exportRequest).values({
    id, register: file.source, format: 'xlsx', filters: { objectId: file.objectId, name: file.name }, unmask: false, reason: file.purpose, rowCount: file.rowCount, status,
    requestedBy: actor.id, scopeRegionCode: actor.regionCode, scopeGridId: actor.gridId, createdAt: now, updatedAt: now,
    ...(status === 'delivered' ? { downloads: 1, finishedAt: now } : {}),
  });
  await writeAudit(tx, ctx, { ...audit, action: 'export.request', objectId: id, details: { register: file.source, object: file.objectId, format: 'xlsx', reason: file.purpose, rowCount: file.rowCount, status, rowsIn24h, ...(status === 'pending_approval' ? { approvalFor: ['rows_in_24h'] } : {}) } });
  return { pendingId: status === 'pending_approval' ? id : null };
}

/** The refusal a caller throws after committing a request that waits for approval. */
export const sentForApproval = (exportId: string, rowCount: number, approvalRows: number) => new AppError('EXPORT_SENT_FOR_APPROVAL', { exportId, rows: rowCount, limit: approvalRows });
