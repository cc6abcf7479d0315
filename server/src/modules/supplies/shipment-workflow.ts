/**
 * A shipment's life as data (platform/workflow): planned → loading → departed (stock issued) →
 * in_transit (tracking points) → arrived → received (quantities and discrepancies; stock in at a
 * destination warehouse) → closed; cancelled before departure.
 *
 * Who sees a shipment: `logistics:read` whose subtree holds either end; `logistics:receive` at
 * either end's place (a grid worker: their grid); its driver (`logistics:drive`, the linked account).
 * Who acts: a dispatcher (`logistics:dispatch`, not a grid account) of the origin's region (for a
 * return, of either end) plans, loads, departs, cancels and closes; the driver or a dispatcher
 * tracks and arrives; the receiver — for a warehouse, a stock manager of its subtree; for a
 * request's site, `logistics:receive` at its place — receives and closes.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ShipmentAction, ShipmentStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { dispatches } from './fleet.js';
import { shipment, shipmentEvent } from './tables.js';

export type ShipmentRow = typeof shipment.$inferSelect;

const scopePlaces = (s: RecordScope) => [s, ...(s.places ?? [])];
export const SHIPMENT_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'logistics:read',
    where: (actor) => sql`(${regionInScope(actor, shipment.fromRegionCode)} or ${regionInScope(actor, shipment.toRegionCode)})`,
    test: (actor, s) => scopePlaces(s).some((p) => codeInSubtree(p.regionCode, actor.regionPrefix)),
  },
  {
    permission: 'logistics:receive',
    where: (actor) => sql`(${gridRecordInScope(actor, shipment.toRegionCode, shipment.toGridId)} or ${gridRecordInScope(actor, shipment.fromRegionCode, shipment.fromGridId)})`,
    test: (actor, s) => scopePlaces(s).some((p) => placeInScope(actor, p)),
  },
  { permission: 'logistics:drive', where: (actor) => eq(shipment.driverUserId, actor.id), test: (actor, s) => (s.userIds ?? []).includes(actor.id) },
];

export const OPEN_STATUSES: ShipmentStatus[] = ['planned', 'loading', 'departed', 'in_transit', 'arrived'];

/** A shipment of the request is open (planned to arrived). */
export async function openShipments(db: Db, requestId: string): Promise<boolean> {
  const [row] = await db.select({ id: shipment.id }).from(shipment).where(and(eq(shipment.requestId, requestId), eq(shipment.kind, 'request'), inArray(shipment.status, OPEN_STATUSES))).limit(1);
  return !!row;
}

export interface ShipmentStanding {
  dispatcher: boolean;
  driver: boolean;
  receiver: boolean;
}
type Subject = { status: ShipmentStatus };

export const SHIPMENT_RULES: Rules<ShipmentStatus, ShipmentAction, ShipmentStanding, Subject> = {
  load: { from: ['planned'], who: (s) => s.dispatcher },
  depart: { from: ['planned', 'loading'], who: (s) => s.dispatcher },
  arrive: { from: ['departed', 'in_transit'], who: (s) => s.driver || s.dispatcher },
  receive: { from: ['departed', 'in_transit', 'arrived'], who: (s) => s.receiver },
  close: { from: ['received'], who: (s) => s.dispatcher || s.receiver },
  cancel: { from: ['planned', 'loading'], who: (s) => s.dispatcher },
};

/** Receives at the destination: a warehouse's stock managers of its subtree, or `logistics:receive` at the site's place. */
export const receives = (actor: Actor, s: Pick<ShipmentRow, 'toWarehouseId' | 'toRegionCode' | 'toGridId'>) =>
  s.toWarehouseId
    ? actor.gridId === null && actor.permissions.includes('supplies:manage') && codeInSubtree(s.toRegionCode, actor.regionPrefix)
    : actor.permissions.includes('logistics:receive') && placeInScope(actor, { regionCode: s.toRegionCode, gridId: s.toGridId });

export function shipmentStanding(actor: Actor, s: ShipmentRow): ShipmentStanding {
  return {
    dispatcher: dispatches(actor, s.fromRegionCode) || (s.kind === 'return' && dispatches(actor, s.toRegionCode)),
    driver: actor.permissions.includes('logistics:drive') && s.driverUserId === actor.id,
    receiver: receives(actor, s),
  };
}

export const shipmentActions = (actor: Actor, s: ShipmentRow, now: Date) => {
  const standing = shipmentStanding(actor, s);
  const steps: string[] = allowedActions(SHIPMENT_RULES, { status: s.status as ShipmentStatus }, standing, now);
  if ((standing.driver || standing.dispatcher) && ['departed', 'in_transit'].includes(s.status)) steps.push('track');
  if (s.kind === 'request' && ['received', 'closed'].includes(s.status) && (standing.receiver || standing.dispatcher)) steps.push('return');
  return steps as (ShipmentAction | 'track' | 'return')[];
};

export async function loadShipment(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ShipmentRow> {
  const q = db.select().from(shipment).where(and(eq(shipment.id, id), actor ? recordVisible(actor, SHIPMENT_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? q.for('update') : q);
  if (!row) throw notFound();
  return row;
}

export const shipmentScope = (s: Pick<ShipmentRow, 'fromRegionCode' | 'fromGridId' | 'toRegionCode' | 'toGridId' | 'driverUserId' | 'status'>): RecordScope => ({
  record: 'shipment', regionCode: s.fromRegionCode, gridId: s.fromGridId, places: [{ regionCode: s.toRegionCode, gridId: s.toGridId }],
  userIds: s.driverUserId ? [s.driverUserId] : [], state: s.status,
});

export const shipmentWorkflow: Workflow<ShipmentRow, ShipmentStatus, ShipmentAction, ShipmentStanding, Subject> = {
  kind: 'shipment',
  rules: SHIPMENT_RULES,
  errors: { state: 'SHIPMENT_STATE', version: 'SHIPMENT_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadShipment(tx, actor, id, true),
  id: (s) => s.id,
  version: (s) => s.version,
  regionCode: (s) => s.fromRegionCode,
  subject: async (_tx, s) => ({ status: s.status as ShipmentStatus }),
  standing: async (_tx, actor, s) => shipmentStanding(actor, s),
  async save(tx, s, { status, patch, version, now }) {
    const next = { ...s, ...patch, status, version, updatedAt: now };
    const { id: _id, shipmentNo: _no, ...columns } = next;
    await tx.update(shipment).set(columns).where(eq(shipment.id, s.id));
    return next;
  },
  async timeline(tx, ctx, s, step) {
    await tx.insert(shipmentEvent).values({ shipmentId: s.id, action: step.action, status: step.toStatus ?? s.status, actorId: ctx.actor?.id ?? null, note: step.note, data: step.data, at: ctx.clock.now() });
  },
  liveScope: async (_tx, s) => shipmentScope(s),
};
