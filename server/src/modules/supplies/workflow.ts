/**
 * A supply request's life as data (platform/workflow): drafted and submitted by a requester of its
 * place (a community's operator, a grid worker for their grid), approved or rejected by an approver
 * whose subtree holds it, allocated (which warehouse sends how much of each line), fulfilled (the
 * allocations issued from stock) or cancelled.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SupplyRequestAction, SupplyRequestStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { supplyRequest, supplyRequestEvent } from './tables.js';

export type RequestRow = typeof supplyRequest.$inferSelect;

export const REQUEST_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'supplies:read', where: (actor) => regionInScope(actor, supplyRequest.regionCode), test: (actor, r) => codeInSubtree(r.regionCode, actor.regionPrefix) },
  { permission: 'supplies:approve', where: (actor) => regionInScope(actor, supplyRequest.regionCode), test: (actor, r) => codeInSubtree(r.regionCode, actor.regionPrefix) },
  { permission: 'supplies:request', where: (actor) => gridRecordInScope(actor, supplyRequest.regionCode, supplyRequest.gridId), test: (actor, r) => placeInScope(actor, r) },
];

interface Standing {
  requester: boolean;
  approver: boolean;
}
type Subject = { status: SupplyRequestStatus };

export const REQUEST_RULES: Rules<SupplyRequestStatus, SupplyRequestAction, Standing, Subject> = {
  submit: { from: ['draft'], who: (s) => s.requester },
  approve: { from: ['submitted'], who: (s) => s.approver },
  reject: { from: ['submitted'], who: (s) => s.approver },
  allocate: { from: ['approved'], who: (s) => s.approver },
  /** By an approver, or by the system when the request's last shipment is received (docs/logistics.md). */
  fulfil: { from: ['allocated'], who: (s) => s.approver, system: true },
  cancel: { from: ['draft', 'submitted', 'approved', 'allocated'], who: (s, r) => s.approver || (s.requester && ['draft', 'submitted'].includes(r.status)) },
};

export function standingOf(actor: Actor, r: Pick<RequestRow, 'regionCode' | 'gridId'>): Standing {
  return {
    requester: actor.permissions.includes('supplies:request') && placeInScope(actor, r),
    approver: actor.gridId === null && actor.permissions.includes('supplies:approve') && codeInSubtree(r.regionCode, actor.regionPrefix),
  };
}

export const requestActions = (actor: Actor, r: RequestRow, now: Date): SupplyRequestAction[] =>
  allowedActions(REQUEST_RULES, { status: r.status as SupplyRequestStatus }, standingOf(actor, r), now);

export async function loadRequest(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<RequestRow> {
  const query = db.select().from(supplyRequest).where(and(eq(supplyRequest.id, id), actor ? recordVisible(actor, REQUEST_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const requestScope = (r: Pick<RequestRow, 'regionCode' | 'gridId' | 'status'>): RecordScope => ({ record: 'supply_request', regionCode: r.regionCode, gridId: r.gridId, state: r.status });

export const requestWorkflow: Workflow<RequestRow, SupplyRequestStatus, SupplyRequestAction, Standing, Subject> = {
  kind: 'supply_request',
  rules: REQUEST_RULES,
  errors: { state: 'SUPPLY_REQUEST_STATE', version: 'SUPPLY_REQUEST_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadRequest(tx, actor, id, true),
  id: (r) => r.id,
  version: (r) => r.version,
  regionCode: (r) => r.regionCode,
  subject: async (_tx, r) => ({ status: r.status as SupplyRequestStatus }),
  standing: async (_tx, actor, r) => standingOf(actor, r),
  async save(tx, r, { status, patch, version, now }) {
    const next = { ...r, ...patch, status, version, updatedAt: now };
    const { id: _id, requestNo: _no, ...columns } = next;
    await tx.update(supplyRequest).set(columns).where(eq(supplyRequest.id, r.id));
    return next;
  },
  async timeline(tx, ctx, r, step) {
    await tx.insert(supplyRequestEvent).values({ requestId: r.id, action: step.action, status: step.toStatus ?? r.status, actorId: ctx.actor?.id ?? null, note: step.note, at: ctx.clock.now() });
  },
  liveScope: async (_tx, r) => requestScope(r),
};
