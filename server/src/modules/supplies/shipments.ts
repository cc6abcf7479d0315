/**
 * Shipments (物资运输): made from an allocated request's allocations at one warehouse, as a
 * transfer between warehouses, or as a return from a request's site to its warehouse. Departure
 * issues the stock (first expiring first, moves linked to the shipment, the request's allocations
 * counted as issued); receipt records per line what came and the discrepancies that explain any
 * difference, and puts the good quantity into the destination warehouse's lots. The request is
 * fulfilled by the system when its last shipment is received and all its allocations went out.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ReturnRequest, ShipmentAction, ShipmentCreateRequest, ShipmentDetail, ShipmentListQuery, ShipmentStatus, ShipmentSummary, TrackRequest, ReceiveRequest } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { systemContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { publishLive } from '../../platform/live/live.js';
import { recordVisible } from '../../platform/scope.js';
import { runTransition, type Effects, type TransitionReaction } from '../../platform/workflow/workflow.js';
import type { Audience } from '../../platform/notifications/notify.js';
import { itemsByCode, requireItem } from './catalogue.js';
import { dispatches, loadDriver, loadVehicle } from './fleet.js';
import { stepRequest } from './requests.js';
import { applyMove, checkLevel, lockPairs, lotFor, takeOut } from './stock.js';
import { driver, shipment, shipmentDiscrepancy, shipmentEvent, shipmentLine, shipmentTrack, supplyAllocation, supplyRequest, vehicle } from './tables.js';
import { loadWarehouse, type WarehouseRow } from './visibility.js';
import { loadRequest } from './workflow.js';
import { OPEN_STATUSES, SHIPMENT_VISIBILITY, loadShipment, shipmentActions, shipmentScope, shipmentStanding, shipmentWorkflow, type ShipmentRow } from './shipment-workflow.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;
type StepKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;
interface LotPart {
  lotNo: string;
  expiresOn: string | null;
  quantity: number;
}

const fieldError = (code: string, field: string, params: Record<string, unknown> = {}) => new AppError(code as never, { ...params, fields: [{ field, code }] });

async function crewOf(db: Db, ctx: ActorContext, input: { vehicleId?: string | undefined; driverId?: string | undefined }) {
  const v = input.vehicleId ? await loadVehicle(db, ctx.actor, input.vehicleId).catch(() => { throw fieldError('LOGISTICS_VEHICLE_UNKNOWN', 'vehicleId'); }) : null;
  const d = input.driverId ? await loadDriver(db, ctx.actor, input.driverId).catch(() => { throw fieldError('LOGISTICS_DRIVER_UNKNOWN', 'driverId'); }) : null;
  return { vehicleId: v?.id, driverId: d?.id, driverUserId: d ? d.userId : undefined };
}

/** Quantities of allocations already on open shipments that have not left yet. */
async function plannedByAllocation(db: Db, allocationIds: readonly string[]): Promise<Map<string, number>> {
  if (allocationIds.length === 0) return new Map();
  const rows = await db.select({ id: shipmentLine.allocationId, n: sql<string>`sum(${shipmentLine.quantity})` }).from(shipmentLine)
    .innerJoin(shipment, eq(shipment.id, shipmentLine.shipmentId))
    .where(and(inArray(shipmentLine.allocationId, [...allocationIds]), inArray(shipment.status, ['planned', 'loading']))).groupBy(shipmentLine.allocationId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

export async function createShipment(kit: StepKit, ctx: ActorContext, input: ShipmentCreateRequest): Promise<ShipmentDetail> {
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  const from = await loadWarehouse(kit.db, actor, input.fromWarehouseId).catch(() => { throw fieldError('SUPPLIES_WAREHOUSE_UNKNOWN', 'fromWarehouseId'); });
  if (!dispatches(actor, from.regionCode)) throw new AppError('FORBIDDEN');
  const crew = await crewOf(kit.db, ctx, input);
  await kit.db.transaction(async (tx) => {
    let to: { toWarehouseId: string | null; toName: string; toRegionCode: string; toGridId: string | null; toLng: number; toLat: number };
    let lines: { itemCode: string; quantity: number; allocationId: string | null }[];
    let requestId: string | null = null;
    if (input.kind === 'request') {
      const r = await loadRequest(tx, actor, input.requestId, true).catch(() => { throw fieldError('NOT_FOUND', 'requestId'); });
      if (r.status !== 'allocated') throw new AppError('SHIPMENT_REQUEST_STATE', { status: r.status });
      requestId = r.id;
      const allocations = await tx.select().from(supplyAllocation).where(and(eq(supplyAllocation.requestId, r.id), eq(supplyAllocation.warehouseId, from.id))).for('update');
      const planned = await plannedByAllocation(tx, allocations.map((a) => a.id));
      lines = allocations.map((a) => ({ itemCode: a.itemCode, quantity: a.quantity - a.issued - (planned.get(a.id) ?? 0), allocationId: a.id })).filter((l) => l.quantity > 0);
      if (lines.length === 0) throw new AppError('SHIPMENT_NOTHING_TO_SHIP');
      to = { toWarehouseId: null, toName: r.siteName, toRegionCode: r.regionCode, toGridId: r.gridId, toLng: r.lng, toLat: r.lat };
    } else {
      if (input.toWarehouseId === from.id) throw fieldError('SUPPLIES_TRANSFER_SAME', 'toWarehouseId');
      const w = await loadWarehouse(tx, actor, input.toWarehouseId).catch(() => { throw fieldError('SUPPLIES_WAREHOUSE_UNKNOWN', 'toWarehouseId'); });
      for (const [i, l] of input.lines.entries()) await requireItem(tx, actor, l.itemCode, `lines.${i}.itemCode`);
      lines = input.lines.map((l) => ({ itemCode: l.itemCode, quantity: l.quantity, allocationId: null }));
      to = { toWarehouseId: w.id, toName: w.name, toRegionCode: w.regionCode, toGridId: null, toLng: w.lng, toLat: w.lat };
    }
    const row = {
      id, kind: input.kind, status: 'planned', requestId, returnOf: null, fromWarehouseId: from.id, fromName: from.name, fromRegionCode: from.regionCode, fromGridId: null, fromLng: from.lng, fromLat: from.lat,
      ...to, vehicleId: crew.vehicleId ?? null, driverId: crew.driverId ?? null, driverUserId: crew.driverUserId ?? null, plannedAt: input.plannedAt ? new Date(input.plannedAt) : null,
      note: input.note ?? null, version: 1, createdBy: actor.id, createdAt: now, updatedAt: now,
    };
    await insertShipment(tx, ctx, row, lines.map((l) => ({ ...l, lots: [] as LotPart[], returnOfLine: null, reason: null })), { kind: input.kind, requestId, lines });
  });
  return readShipment(kit, ctx, id);
}

type NewShipment = Omit<typeof shipment.$inferInsert, 'shipmentNo'> & { id: string; status: string; fromRegionCode: string; fromGridId: string | null; toRegionCode: string; toGridId: string | null; driverUserId: string | null };
async function insertShipment(tx: Db, ctx: ActorContext, row: NewShipment, lines: { itemCode: string; quantity: number; allocationId: string | null; lots: LotPart[]; returnOfLine: string | null; reason: string | null }[], details: Record<string, unknown>) {
  const now = ctx.clock.now();
  await tx.insert(shipment).values(row);
  await tx.insert(shipmentLine).values(lines.map((l) => ({ id: crypto.randomUUID(), shipmentId: row.id, ...l })));
  await tx.insert(shipmentEvent).values({ shipmentId: row.id, action: 'create', status: 'planned', actorId: ctx.actor.id, note: row.note ?? null, data: {}, at: now });
  await writeAudit(tx, ctx, { action: 'shipment.create', objectType: 'shipment', objectId: row.id, regionCode: row.fromRegionCode, details });
  await publishLive(tx, { type: 'shipment.changed', regionCode: row.fromRegionCode, id: row.id, at: now.toISOString(), data: { action: 'create', status: 'planned' }, scope: shipmentScope({ ...row, status: 'planned' }) });
}

/** A return of what a received request shipment's site did not need or found damaged, back to the warehouse it came from. */
export async function createReturn(kit: StepKit, ctx: ActorContext, originalId: string, input: ReturnRequest): Promise<ShipmentDetail> {
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const o = await loadShipment(tx, ctx.actor, originalId, true);
    const standing = shipmentStanding(ctx.actor, o);
    if (o.kind !== 'request' || !['received', 'closed'].includes(o.status)) throw new AppError('SHIPMENT_STATE', { action: 'return', status: o.status });
    if (!standing.receiver && !standing.dispatcher) throw new AppError('FORBIDDEN');
    const w = await loadWarehouse(tx, null, o.fromWarehouseId!);
    const crew = await crewOf(tx, ctx, input);
    const originals = await tx.select().from(shipmentLine).where(eq(shipmentLine.shipmentId, o.id));
    const back = await returnedByLine(tx, originals.map((l) => l.id));
    const lines = input.lines.map((l, i) => {
      const line = originals.find((x) => x.id === l.lineId);
      if (!line) throw fieldError('SHIPMENT_RECEIPT_LINES', `lines.${i}.lineId`);
      const available = (line.received ?? 0) - (back.get(line.id) ?? 0);
      if (l.quantity > available) throw fieldError('SHIPMENT_RETURN_EXCEEDED', `lines.${i}.quantity`, { available });
      back.set(line.id, (back.get(line.id) ?? 0) + l.quantity);
      // The latest-expiring lots of the line go back first (what was used came from the earliest).
      const lots: LotPart[] = [];
      let left = l.quantity;
      for (const lot of [...(line.lots as LotPart[])].reverse()) {
        if (left === 0) break;
        const n = Math.min(left, lot.quantity);
        lots.push({ ...lot, quantity: n });
        left -= n;
      }
      if (left > 0) lots.push({ lotNo: `S${o.shipmentNo}`, expiresOn: null, quantity: left });
      return { itemCode: line.itemCode, quantity: l.quantity, allocationId: null, lots, returnOfLine: line.id, reason: l.reason };
    });
    const row = {
      id, kind: 'return', status: 'planned', requestId: o.requestId, returnOf: o.id, fromWarehouseId: null, fromName: o.toName, fromRegionCode: o.toRegionCode, fromGridId: o.toGridId, fromLng: o.toLng, fromLat: o.toLat,
      toWarehouseId: w.id, toName: w.name, toRegionCode: w.regionCode, toGridId: null, toLng: w.lng, toLat: w.lat,
      vehicleId: crew.vehicleId ?? null, driverId: crew.driverId ?? null, driverUserId: crew.driverUserId ?? null, plannedAt: null, note: input.note ?? null, version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
    };
    await insertShipment(tx, ctx, row, lines, { kind: 'return', returnOf: o.id, lines: input.lines });
  });
  return readShipment(kit, ctx, id);
}

async function returnedByLine(db: Db, lineIds: readonly string[]): Promise<Map<string, number>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db.select({ id: shipmentLine.returnOfLine, n: sql<string>`sum(${shipmentLine.quantity})` }).from(shipmentLine)
    .innerJoin(shipment, eq(shipment.id, shipmentLine.shipmentId)).where(and(inArray(shipmentLine.returnOfLine, [...lineIds]), sql`${shipment.status} <> 'cancelled'`)).groupBy(shipmentLine.returnOfLine);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

async function summaries(kit: ReadKit, found: readonly ShipmentRow[]): Promise<ShipmentSummary[]> {
  if (found.length === 0) return [];
  const ids = found.map((s) => s.id);
  const vIds = [...new Set(found.map((s) => s.vehicleId).filter((x): x is string => !!x))];
  const dIds = [...new Set(found.map((s) => s.driverId).filter((x): x is string => !!x))];
  const rIds = [...new Set(found.map((s) => s.requestId).filter((x): x is string => !!x))];
  const [lines, gaps, vs, ds, rs] = await Promise.all([
    kit.db.select({ id: shipmentLine.shipmentId, n: count() }).from(shipmentLine).where(inArray(shipmentLine.shipmentId, ids)).groupBy(shipmentLine.shipmentId),
    kit.db.select({ id: shipmentDiscrepancy.shipmentId, n: count() }).from(shipmentDiscrepancy).where(inArray(shipmentDiscrepancy.shipmentId, ids)).groupBy(shipmentDiscrepancy.shipmentId),
    vIds.length ? kit.db.select({ id: vehicle.id, plateNo: vehicle.plateNo }).from(vehicle).where(inArray(vehicle.id, vIds)) : [],
    dIds.length ? kit.db.select({ id: driver.id, name: driver.name, phoneMasked: driver.phoneMasked }).from(driver).where(inArray(driver.id, dIds)) : [],
    rIds.length ? kit.db.select({ id: supplyRequest.id, no: supplyRequest.requestNo }).from(supplyRequest).where(inArray(supplyRequest.id, rIds)) : [],
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return found.map((s) => ({
    id: s.id, shipmentNo: s.shipmentNo, kind: s.kind as ShipmentSummary['kind'], status: s.status as ShipmentStatus,
    from: { name: s.fromName, regionCode: s.fromRegionCode, lng: s.fromLng, lat: s.fromLat, warehouseId: s.fromWarehouseId },
    to: { name: s.toName, regionCode: s.toRegionCode, lng: s.toLng, lat: s.toLat, warehouseId: s.toWarehouseId },
    requestId: s.requestId, requestNo: rs.find((r) => r.id === s.requestId)?.no ?? null, returnOf: s.returnOf,
    vehicle: vs.find((v) => v.id === s.vehicleId) ?? null, driver: ds.find((d) => d.id === s.driverId) ?? null,
    plannedAt: iso(s.plannedAt), departedAt: iso(s.departedAt), arrivedAt: iso(s.arrivedAt), receivedAt: iso(s.receivedAt),
    position: s.lastLng !== null && s.lastLat !== null && s.lastAt ? { lng: s.lastLng, lat: s.lastLat, at: s.lastAt.toISOString() } : null,
    lineCount: Number(lines.find((l) => l.id === s.id)?.n ?? 0), discrepancies: Number(gaps.find((g) => g.id === s.id)?.n ?? 0), version: s.version,
  }));
}

export async function listShipments(kit: ReadKit, ctx: ActorContext, q: ShipmentListQuery) {
  const where = and(
    recordVisible(ctx.actor, SHIPMENT_VISIBILITY),
    q.status ? eq(shipment.status, q.status) : undefined,
    q.kind ? eq(shipment.kind, q.kind) : undefined,
    q.requestId ? eq(shipment.requestId, q.requestId) : undefined,
    q.warehouseId ? sql`(${shipment.fromWarehouseId} = ${q.warehouseId} or ${shipment.toWarehouseId} = ${q.warehouseId})` : undefined,
    q.open === 'true' ? inArray(shipment.status, OPEN_STATUSES) : q.open === 'false' ? sql`${shipment.status} not in ('planned','loading','departed','in_transit','arrived')` : undefined,
    q.mine === 'true' ? eq(shipment.driverUserId, ctx.actor.id) : undefined,
  );
  const [found, [total]] = await Promise.all([
    kit.db.select().from(shipment).where(where).orderBy(desc(shipment.shipmentNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(shipment).where(where),
  ]);
  return { items: await summaries(kit, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function readShipment(kit: ReadKit, ctx: ActorContext, id: string): Promise<ShipmentDetail> {
  const s = await loadShipment(kit.db, ctx.actor, id);
  const [[summary], lines, gaps, track, events, returns] = await Promise.all([
    summaries(kit, [s]),
    kit.db.select().from(shipmentLine).where(eq(shipmentLine.shipmentId, id)).orderBy(asc(shipmentLine.itemCode), asc(shipmentLine.id)),
    kit.db.select().from(shipmentDiscrepancy).where(eq(shipmentDiscrepancy.shipmentId, id)).orderBy(asc(shipmentDiscrepancy.id)),
    kit.db.select().from(shipmentTrack).where(eq(shipmentTrack.shipmentId, id)).orderBy(desc(shipmentTrack.at)).limit(200),
    kit.db.select().from(shipmentEvent).where(eq(shipmentEvent.shipmentId, id)).orderBy(asc(shipmentEvent.id)),
    kit.db.select({ id: shipment.id, shipmentNo: shipment.shipmentNo, status: shipment.status }).from(shipment).where(eq(shipment.returnOf, id)).orderBy(asc(shipment.shipmentNo)),
  ]);
  const [items, names, back] = await Promise.all([itemsByCode(kit.db, lines.map((l) => l.itemCode)), accountNames(kit.db, events.map((e) => e.actorId)), returnedByLine(kit.db, lines.map((l) => l.id))]);
  return {
    ...summary!, note: s.note, actions: shipmentActions(ctx.actor, s, ctx.clock.now()),
    lines: lines.map((l) => ({
      id: l.id, itemCode: l.itemCode, itemName: items.get(l.itemCode)?.name ?? l.itemCode, unit: items.get(l.itemCode)?.unit ?? null, quantity: l.quantity, received: l.received, returned: back.get(l.id) ?? 0,
      reason: (l.reason as 'damaged' | 'unused' | null) ?? null, lots: l.lots as LotPart[],
      discrepancies: gaps.filter((g) => g.lineId === l.id).map((g) => ({ kind: g.kind as 'short', quantity: g.quantity, note: g.note })),
    })),
    track: track.reverse().map((t) => ({ lng: t.lng, lat: t.lat, at: t.at.toISOString(), note: t.note, source: t.source })),
    timeline: events.map((e) => ({ action: e.action, status: e.status, note: e.note, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, at: e.at.toISOString() })),
    returns: returns.map((r) => ({ ...r, status: r.status as ShipmentStatus })),
  };
}

/** Who is told at departure and arrival: a request's author, or a warehouse's stock managers. */
function receiverAudience(s: ShipmentRow, requestAuthor: string | null): Audience[] {
  if (s.toWarehouseId) return [{ kind: 'accounts_at', permission: 'supplies:manage', regionCode: s.toRegionCode }];
  return requestAuthor ? [{ kind: 'users', userIds: [requestAuthor] }] : [{ kind: 'accounts_at', permission: 'logistics:receive', regionCode: s.toRegionCode }];
}

interface StepInput {
  version: number;
  note?: string;
  reason?: string;
  vehicleId?: string;
  driverId?: string;
  lng?: number;
  lat?: number;
  lines?: ReceiveRequest['lines'];
}

export async function transitionShipment(kit: StepKit, ctx: ActorContext, id: string, action: ShipmentAction, input: StepInput): Promise<ShipmentDetail> {
  await runTransition(kit, ctx, shipmentWorkflow, id, action, { version: input.version, note: input.note ?? input.reason ?? null }, async ({ tx, row, now }): Promise<Effects<ShipmentRow, ShipmentStatus>> => {
    const [author] = row.requestId ? await tx.select({ by: supplyRequest.createdBy }).from(supplyRequest).where(eq(supplyRequest.id, row.requestId)) : [];
    const told = { shipmentNo: row.shipmentNo, from: row.fromName, to: row.toName };
    switch (action) {
      case 'load': {
        const crew = await crewOf(tx, ctx, input);
        return { status: 'loading', patch: { vehicleId: crew.vehicleId ?? row.vehicleId, driverId: crew.driverId ?? row.driverId, driverUserId: crew.driverId ? (crew.driverUserId ?? null) : row.driverUserId } };
      }
      case 'cancel':
        return { status: 'cancelled' };
      case 'depart':
        return depart(kit, ctx, tx, row, input, now, told, receiverAudience(row, author?.by ?? null));
      case 'arrive': {
        if (row.vehicleId) await tx.update(vehicle).set({ status: 'available', updatedAt: now }).where(and(eq(vehicle.id, row.vehicleId), eq(vehicle.status, 'in_use')));
        const at = input.lng !== undefined && input.lat !== undefined ? { lastLng: input.lng, lastLat: input.lat, lastAt: now } : {};
        if (input.lng !== undefined && input.lat !== undefined) await tx.insert(shipmentTrack).values({ shipmentId: row.id, lng: input.lng, lat: input.lat, at: now, note: null, source: shipmentStanding(ctx.actor, row).driver ? 'driver' : 'console', actorId: ctx.actor.id });
        return { status: 'arrived', patch: { arrivedAt: now, ...at }, notices: [{ kind: 'shipment.arrived', params: told, audiences: receiverAudience(row, author?.by ?? null) }] };
      }
      case 'receive':
        return receive(kit, ctx, tx, row, input.lines ?? [], now);
      case 'close':
        return { status: 'closed' };
    }
  });
  return readShipment(kit, ctx, id);
}

async function depart(kit: StepKit, ctx: ActorContext, tx: Db, row: ShipmentRow, input: StepInput, now: Date, told: Record<string, string | number>, audience: Audience[]): Promise<Effects<ShipmentRow, ShipmentStatus>> {
  const crew = await crewOf(tx, ctx, input);
  const vehicleId = crew.vehicleId ?? row.vehicleId;
  const driverId = crew.driverId ?? row.driverId;
  if (!vehicleId || !driverId) throw new AppError('SHIPMENT_CREW_MISSING', { fields: [{ field: vehicleId ? 'driverId' : 'vehicleId', code: 'SHIPMENT_CREW_MISSING' }] });
  const [v] = await tx.select().from(vehicle).where(eq(vehicle.id, vehicleId)).for('update');
  if (!v || v.status !== 'available') throw new AppError('LOGISTICS_VEHICLE_UNAVAILABLE', { plateNo: v?.plateNo ?? '', status: v?.status ?? '', fields: [{ field: 'vehicleId', code: 'LOGISTICS_VEHICLE_UNAVAILABLE' }] });
  const [d] = await tx.select().from(driver).where(eq(driver.id, driverId));
  if (!d || d.status !== 'active') throw fieldError('LOGISTICS_DRIVER_UNKNOWN', 'driverId');
  await tx.update(vehicle).set({ status: 'in_use', updatedAt: now }).where(eq(vehicle.id, v.id));
  const lines = await tx.select().from(shipmentLine).where(eq(shipmentLine.shipmentId, row.id));
  const moveIds: number[] = [];
  if (row.fromWarehouseId) {
    const w = await loadWarehouse(tx, null, row.fromWarehouseId);
    await lockPairs(tx, lines.map((l) => ({ warehouseId: w.id, itemCode: l.itemCode })));
    const allocationIds = lines.map((l) => l.allocationId).filter((x): x is string => !!x);
    const allocations = allocationIds.length ? await tx.select().from(supplyAllocation).where(inArray(supplyAllocation.id, allocationIds)).for('update') : [];
    for (const [i, l] of lines.entries()) {
      const a = allocations.find((x) => x.id === l.allocationId);
      if (a && a.issued + l.quantity > a.quantity) throw new AppError('SHIPMENT_ALLOCATION_EXCEEDED', { fields: [{ field: `lines.${i}.quantity`, code: 'SHIPMENT_ALLOCATION_EXCEEDED' }] });
      const out = await takeOut(tx, ctx, w, l.itemCode, l.quantity, undefined, { kind: row.kind === 'request' ? 'issue' : 'transfer_out', requestId: row.requestId, shipmentId: row.id, note: `S${row.shipmentNo}` });
      moveIds.push(...out.moves.map((m) => m.id));
      await tx.update(shipmentLine).set({ lots: out.lots.map((t) => ({ lotNo: t.lot.lotNo, expiresOn: t.lot.expiresOn, quantity: t.quantity })) }).where(eq(shipmentLine.id, l.id));
      if (a) {
        await tx.update(supplyAllocation).set({ issued: sql`${supplyAllocation.issued} + ${l.quantity}` }).where(eq(supplyAllocation.id, a.id));
        a.issued += l.quantity;
      }
    }
    const items = await itemsByCode(tx, lines.map((l) => l.itemCode));
    for (const code of new Set(lines.map((l) => l.itemCode))) await checkLevel(kit.registry.audiences, tx, w, code, items.get(code)?.name ?? code, now);
  }
  return {
    status: 'departed', patch: { vehicleId, driverId, driverUserId: d.userId, departedAt: now }, data: { moveIds, vehicle: v.plateNo },
    notices: [{ kind: 'shipment.departed', params: { ...told, plateNo: v.plateNo }, audiences: audience }],
  };
}

async function receive(kit: StepKit, ctx: ActorContext, tx: Db, row: ShipmentRow, input: NonNullable<StepInput['lines']>, now: Date): Promise<Effects<ShipmentRow, ShipmentStatus>> {
  const lines = await tx.select().from(shipmentLine).where(eq(shipmentLine.shipmentId, row.id));
  const seen = new Set<string>();
  for (const [i, l] of input.entries()) {
    if (!lines.some((x) => x.id === l.lineId) || seen.has(l.lineId)) throw fieldError('SHIPMENT_RECEIPT_LINES', `lines.${i}.lineId`);
    seen.add(l.lineId);
  }
  if (seen.size !== lines.length) throw fieldError('SHIPMENT_RECEIPT_LINES', 'lines');
  let discrepancies = 0;
  for (const [i, l] of input.entries()) {
    const line = lines.find((x) => x.id === l.lineId)!;
    const sum = (k: string) => (l.discrepancies ?? []).filter((d) => d.kind === k).reduce((n, d) => n + d.quantity, 0);
    const expected = line.quantity + sum('excess') - sum('short') - sum('damaged') - sum('wrong_item');
    if (expected !== l.received) throw fieldError('SHIPMENT_RECEIPT_UNBALANCED', `lines.${i}.received`, { shipped: line.quantity, received: l.received });
    await tx.update(shipmentLine).set({ received: l.received }).where(eq(shipmentLine.id, line.id));
    if ((l.discrepancies ?? []).length) {
      discrepancies += l.discrepancies!.length;
      await tx.insert(shipmentDiscrepancy).values(l.discrepancies!.map((d) => ({ shipmentId: row.id, lineId: line.id, kind: d.kind, quantity: d.quantity, note: d.note ?? null, at: now })));
    }
  }
  const moveIds: number[] = [];
  if (row.toWarehouseId) {
    const w: WarehouseRow = await loadWarehouse(tx, null, row.toWarehouseId);
    await lockPairs(tx, lines.map((l) => ({ warehouseId: w.id, itemCode: l.itemCode })));
    for (const l of input) {
      const line = lines.find((x) => x.id === l.lineId)!;
      const lots = (line.lots as LotPart[]).length ? (line.lots as LotPart[]) : [{ lotNo: `S${row.shipmentNo}`, expiresOn: null, quantity: line.quantity }];
      let left = l.received;
      for (const [k, part] of lots.entries()) {
        if (left === 0) break;
        const n = k === lots.length - 1 ? left : Math.min(left, part.quantity);
        const lot = await lotFor(tx, w, line.itemCode, part.lotNo, part.expiresOn, now);
        const move = await applyMove(tx, ctx, w, { lot, kind: row.kind === 'transfer' ? 'transfer_in' : 'receipt', delta: n, requestId: row.requestId, shipmentId: row.id, note: `S${row.shipmentNo}` });
        moveIds.push(move.id);
        left -= n;
      }
    }
    const items = await itemsByCode(tx, lines.map((l) => l.itemCode));
    for (const code of new Set(lines.map((l) => l.itemCode))) await checkLevel(kit.registry.audiences, tx, w, code, items.get(code)?.name ?? code, now);
  }
  if (row.vehicleId) await tx.update(vehicle).set({ status: 'available', updatedAt: now }).where(and(eq(vehicle.id, row.vehicleId), eq(vehicle.status, 'in_use')));
  return {
    status: 'received', patch: { receivedAt: now, arrivedAt: row.arrivedAt ?? now }, data: { moveIds, discrepancies, lines: input },
    notices: [{ kind: 'shipment.received', params: { shipmentNo: row.shipmentNo, to: row.toName, discrepancy: discrepancies ? `（差异 ${discrepancies} 项 / ${discrepancies} discrepancies）` : '' }, audiences: [{ kind: 'users', userIds: [row.createdBy] }] }],
  };
}

/** A tracking point from the driver's phone or the console: kept, the latest shown; the first one puts a departed shipment in transit. */
export async function trackShipment(kit: StepKit, ctx: ActorContext, id: string, input: TrackRequest): Promise<ShipmentDetail> {
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  await kit.db.transaction(async (tx) => {
    const s = await loadShipment(tx, ctx.actor, id, true);
    const standing = shipmentStanding(ctx.actor, s);
    if (!standing.driver && !standing.dispatcher) throw new AppError('SHIPMENT_NOT_DRIVER');
    if (!['departed', 'in_transit'].includes(s.status)) throw new AppError('SHIPMENT_STATE', { action: 'track', status: s.status });
    const when = at.getTime() > now.getTime() ? now : at;
    await tx.insert(shipmentTrack).values({ shipmentId: s.id, lng: input.lng, lat: input.lat, at: when, note: input.note ?? null, source: standing.driver ? 'driver' : 'console', actorId: ctx.actor.id });
    const newer = !s.lastAt || when.getTime() >= s.lastAt.getTime();
    const status = s.status === 'departed' ? 'in_transit' : s.status;
    await tx.update(shipment).set({ status, ...(newer ? { lastLng: input.lng, lastLat: input.lat, lastAt: when } : {}), ...(status !== s.status ? { version: s.version + 1, updatedAt: now } : {}) }).where(eq(shipment.id, s.id));
    if (status !== s.status) await tx.insert(shipmentEvent).values({ shipmentId: s.id, action: 'track', status, actorId: ctx.actor.id, note: input.note ?? null, data: {}, at: now });
    await writeAudit(tx, ctx, { action: 'shipment.track', objectType: 'shipment', objectId: s.id, regionCode: s.fromRegionCode, details: { from: s.status, to: status } });
    await publishLive(tx, { type: 'shipment.changed', regionCode: s.fromRegionCode, id: s.id, at: now.toISOString(), data: { action: 'track', status }, scope: shipmentScope({ ...s, status }) });
  });
  return readShipment(kit, ctx, id);
}

/**
 * Reaction to `shipment.receive`: when the request's shipments are all in (none open) and every
 * allocation has gone out, the system fulfils the request (nothing more is issued).
 */
export const fulfilByShipments: TransitionReaction = {
  on: ['shipment.receive'],
  async react(kit, event) {
    const [s] = await kit.db.select({ requestId: shipment.requestId, kind: shipment.kind, no: shipment.shipmentNo }).from(shipment).where(eq(shipment.id, event.id));
    if (!s?.requestId || s.kind !== 'request') return;
    const [r] = await kit.db.select({ status: supplyRequest.status }).from(supplyRequest).where(eq(supplyRequest.id, s.requestId));
    if (r?.status !== 'allocated') return;
    const [left] = await kit.db.select({ n: count() }).from(supplyAllocation).where(and(eq(supplyAllocation.requestId, s.requestId), sql`${supplyAllocation.issued} < ${supplyAllocation.quantity}`));
    if (Number(left?.n ?? 0) > 0) return;
    const [open] = await kit.db.select({ n: count() }).from(shipment).where(and(eq(shipment.requestId, s.requestId), eq(shipment.kind, 'request'), inArray(shipment.status, OPEN_STATUSES)));
    if (Number(open?.n ?? 0) > 0) return;
    await stepRequest(kit, systemContext(event.ctx.clock, 'shipment.receive'), s.requestId, 'fulfil', { note: `S${s.no}` });
  },
};

