/**
 * A second person approves or rejects an export that waits for approval (two-person rule):
 * someone else than the requester, with export:approve and a scope that covers the export's.
 * Approval queues the file job in the same transaction (a file a module streams itself: its requester asks again).
 */
import { eq } from 'drizzle-orm';
import { DIRECT_EXPORT_SOURCES } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ExportDeps } from './deps.js';
import type { ExportFileJob } from './build-export-file.js';
import { canApprove } from './policy.js';
import { findExport } from './queries.js';
import { exportRequest } from './tables.js';

export type ExportDecision = 'approve' | 'reject';

const isDirectExport = (register: string) => (DIRECT_EXPORT_SOURCES as readonly string[]).includes(register);

export async function decideExport(deps: ExportDeps, job: ExportFileJob, ctx: ActorContext, id: string, decision: ExportDecision, note?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await findExport(tx, ctx.actor, id, true);
    if (row.requestedBy === ctx.actor.id) throw new AppError('EXPORT_SELF_APPROVAL');
    if (row.status !== 'pending_approval') throw new AppError('EXPORT_STATE', { status: row.status });
    // An unmasked export is decided only by someone who may see full personal data.
    if (!canApprove(ctx.actor, row)) throw forbidden();
    const now = ctx.clock.now();
    // A file a module streams itself is not built here: approved, its requester asks for it again.
    const direct = isDirectExport(row.register);
    await tx
      .update(exportRequest)
      .set({ status: decision === 'reject' ? 'rejected' : direct ? 'approved' : 'queued', decidedBy: ctx.actor.id, decidedAt: now, decisionNote: note ?? null, updatedAt: now, ...(decision === 'reject' ? { finishedAt: now } : {}) })
      .where(eq(exportRequest.id, id));
    await writeAudit(tx, ctx, {
      action: `export.${decision}`,
      objectType: 'export',
      objectId: id,
      regionCode: row.scopeRegionCode,
      details: { register: row.register, rowCount: row.rowCount, unmask: row.unmask, note: note ?? null },
    });
    if (decision === 'approve' && !direct) await deps.jobs.enqueue(tx, job, { exportId: id }, { singletonKey: `export:${id}`, maxAttempts: 1 });
  });
}
