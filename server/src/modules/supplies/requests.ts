/**
 * Requests (物资申领): a community or site asks for items with a priority (1–4) and a needed-by
 * time; the steps go through the workflow kit. Allocation records which warehouse sends how much
 * of each line (by hand now; the solver's plan will be recorded the same way); fulfilment issues
 * the allocations from stock, first expiring first, linked to the request.
 */
import { and, asc, count, desc, eq, inArray, sum } from 'drizzle-orm';
import type { RequestCreateRequest, RequestEventOption, RequestListQuery, SupplyRequestAction, SupplyRequestDetail, SupplyRequestStatus, SupplyRequestSummary } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { RequestContext } from '../../platform/context.js';
import { openShipments } from './shipment-workflow.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { publishLive } from '../../platform/live/live.js';
import { codeInSubtree, recordVisible, underRegion } from '../../platform/scope.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { itemsByCode, requireItem } from './catalogue.js';
import { checkLevel, lockPairs, takeOut } from './stock.js';
import { supplyAllocation, supplyRequest, supplyRequestEvent, supplyRequestLine, warehouse } from './tables.js';
import { loadWarehouse } from './visibility.js';
import { REQUEST_VISIBILITY, loadRequest, requestActions, requestScope, requestWorkflow, type RequestRow } from './workflow.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;
type StepKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;

async function summaries(kit: ReadKit, found: readonly RequestRow[]): Promise<SupplyRequestSummary[]> {
  if (found.length === 0) return [];
  const ids = found.map((r) => r.id);
  const [regions, lines, allocations] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(found.map((r) => r.regionCode))]),
    kit.db.select({ id: supplyRequestLine.requestId, n: count(), quantity: sum(supplyRequestLine.quantity) }).from(supplyRequestLine).where(inArray(supplyRequestLine.requestId, ids)).groupBy(supplyRequestLine.requestId),
    kit.db.select({ id: supplyAllocation.requestId, quantity: sum(supplyAllocation.quantity), issued: sum(supplyAllocation.issued) }).from(supplyAllocation).where(inArray(supplyAllocation.requestId, ids)).groupBy(supplyAllocation.requestId),
  ]);
  const linesOf = new Map(lines.map((l) => [l.id, l]));
  const allocatedOf = new Map(allocations.map((a) => [a.id, a]));
  return found.map((r) => ({
    id: r.id, requestNo: r.requestNo, regionCode: r.regionCode, regionName: regions.get(r.regionCode) ?? '', gridId: r.gridId, siteName: r.siteName, address: r.address, lng: r.lng, lat: r.lat,
    priority: r.priority, neededBy: r.neededBy.toISOString(), status: r.status as SupplyRequestStatus, lineCount: Number(linesOf.get(r.id)?.n ?? 0), createdAt: r.createdAt.toISOString(), version: r.version,
    eventId: r.eventId,
    totals: { quantity: Number(linesOf.get(r.id)?.quantity ?? 0), allocated: Number(allocatedOf.get(r.id)?.quantity ?? 0), issued: Number(allocatedOf.get(r.id)?.issued ?? 0) },
  }));
}

/** The open emergency events a request of this place may be for (the place in the caller's subtree). */
export async function requestEvents(kit: ReadKit, ctx: ActorContext, regionCode: string): Promise<RequestEventOption[]> {
  if (!codeInSubtree(regionCode, ctx.actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  return kit.providers.openEventsCovering(kit.db, regionCode);
}

export async function createRequest(kit: ReadKit, ctx: ActorContext, input: RequestCreateRequest): Promise<SupplyRequestDetail> {
  const actor = ctx.actor;
  if (!codeInSubtree(input.regionCode, actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  const gridId = actor.gridId ?? input.gridId ?? null;
  for (const [i, l] of input.lines.entries()) await requireItem(kit.db, actor, l.itemCode, `lines.${i}.itemCode`);
  if (input.eventId && !(await kit.providers.openEventsCovering(kit.db, input.regionCode)).some((e) => e.id === input.eventId)) {
    throw new AppError('SUPPLY_REQUEST_EVENT_UNKNOWN', { fields: [{ field: 'eventId', code: 'SUPPLY_REQUEST_EVENT_UNKNOWN' }] });
  }
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    await tx.insert(supplyRequest).values({
      id, regionCode: input.regionCode, gridId, siteName: input.siteName, address: input.address, lng: input.lng, lat: input.lat, priority: input.priority, neededBy: new Date(input.neededBy),
      purpose: input.purpose, eventId: input.eventId ?? null, status: 'draft', version: 1, createdBy: actor.id, createdAt: now, updatedAt: now,
    });
    await tx.insert(supplyRequestLine).values(input.lines.map((l) => ({ id: crypto.randomUUID(), requestId: id, itemCode: l.itemCode, quantity: l.quantity })));
    await tx.insert(supplyRequestEvent).values({ requestId: id, action: 'create', status: 'draft', actorId: actor.id, note: null, at: now });
    await writeAudit(tx, ctx, { action: 'supply_request.create', objectType: 'supply_request', objectId: id, regionCode: input.regionCode, details: { priority: input.priority, neededBy: input.neededBy, lines: input.lines } });
    await publishLive(tx, { type: 'supply_request.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: requestScope({ regionCode: input.regionCode, gridId, status: 'draft' }) });
  });
  return readRequest(kit, ctx, id);
}

export async function listRequests(kit: ReadKit, ctx: ActorContext, q: RequestListQuery) {
  const where = and(
    recordVisible(ctx.actor, REQUEST_VISIBILITY),
    q.status ? eq(supplyRequest.status, q.status) : undefined,
    q.priority ? eq(supplyRequest.priority, q.priority) : undefined,
    q.eventId ? eq(supplyRequest.eventId, q.eventId) : undefined,
    q.regionCode ? underRegion(supplyRequest.regionCode, q.regionCode) : undefined,
  );
  const [found, [total]] = await Promise.all([
    kit.db.select().from(supplyRequest).where(where).orderBy(desc(supplyRequest.priority), asc(supplyRequest.neededBy), desc(supplyRequest.requestNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(supplyRequest).where(where),
  ]);
  return { items: await summaries(kit, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function readRequest(kit: ReadKit, ctx: ActorContext, id: string): Promise<SupplyRequestDetail> {
  const r = await loadRequest(kit.db, ctx.actor, id);
  const [[summary], lines, allocations, events] = await Promise.all([
    summaries(kit, [r]),
    kit.db.select().from(supplyRequestLine).where(eq(supplyRequestLine.requestId, id)).orderBy(asc(supplyRequestLine.itemCode)),
    kit.db.select({ a: supplyAllocation, name: warehouse.name }).from(supplyAllocation).innerJoin(warehouse, eq(warehouse.id, supplyAllocation.warehouseId)).where(eq(supplyAllocation.requestId, id)),
    kit.db.select().from(supplyRequestEvent).where(eq(supplyRequestEvent.requestId, id)).orderBy(asc(supplyRequestEvent.id)),
  ]);
  const [items, names] = await Promise.all([itemsByCode(kit.db, lines.map((l) => l.itemCode)), accountNames(kit.db, events.map((e) => e.actorId))]);
  return {
    ...summary!, purpose: r.purpose, actions: requestActions(ctx.actor, r, ctx.clock.now()),
    lines: lines.map((l) => {
      const mine = allocations.filter((a) => a.a.lineId === l.id);
      return {
        id: l.id, itemCode: l.itemCode, itemName: items.get(l.itemCode)?.name ?? l.itemCode, unit: items.get(l.itemCode)?.unit ?? null, quantity: l.quantity,
        allocated: mine.reduce((n, a) => n + a.a.quantity, 0), issued: mine.reduce((n, a) => n + a.a.issued, 0),
        allocations: mine.map((a) => ({ id: a.a.id, warehouseId: a.a.warehouseId, warehouseName: a.name, quantity: a.a.quantity, issued: a.a.issued })),
      };
    }),
    timeline: events.map((e) => ({ action: e.action, status: e.status, note: e.note, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, at: e.at.toISOString() })),
  };
}

interface StepInput {
  /** The version the caller read (the system omits it). */
  version?: number;
  note?: string;
  reason?: string;
  allocations?: { lineId: string; warehouseId: string; quantity: number }[];
}

export async function transitionRequest(kit: StepKit, ctx: ActorContext, id: string, action: SupplyRequestAction, input: StepInput): Promise<SupplyRequestDetail> {
  await stepRequest(kit, ctx, id, action, input);
  return readRequest(kit, ctx, id);
}

/**
 * A request's step. With shipments: while one of the request's shipments is open (planned to
 * arrived) the request may be neither fulfilled by hand nor cancelled; the system fulfils it when
 * its last shipment is received and every allocation went out (`fulfilByShipments`).
 */
export async function stepRequest(kit: StepKit, ctx: RequestContext, id: string, action: SupplyRequestAction, input: StepInput): Promise<void> {
  await runTransition(kit, ctx, requestWorkflow, id, action, { version: input.version, note: input.note ?? input.reason ?? null }, async ({ tx, row, now }): Promise<Effects<RequestRow, SupplyRequestStatus>> => {
    const told = { requestNo: row.requestNo, siteName: row.siteName, priority: row.priority };
    const toRequester = (kind: 'approved' | 'rejected' | 'fulfilled') => ({ kind: `supply_request.${kind}`, params: told, audiences: [{ kind: 'users' as const, userIds: [row.createdBy] }] });
    switch (action) {
      case 'submit':
        return { status: 'submitted', notices: [{ kind: 'supply_request.submitted', params: told, audiences: [{ kind: 'accounts_at', permission: 'supplies:approve', regionCode: row.regionCode }] }] };
      case 'approve':
        return { status: 'approved', notices: [toRequester('approved')] };
      case 'reject':
        return { status: 'rejected', notices: [toRequester('rejected')] };
      case 'cancel':
        if (await openShipments(tx, id)) throw new AppError('SUPPLY_REQUEST_SHIPMENT_OPEN');
        return { status: 'cancelled' };
      case 'allocate': {
        const lines = await tx.select().from(supplyRequestLine).where(eq(supplyRequestLine.requestId, id));
        const wanted = new Map<string, number>();
        for (const [i, a] of input.allocations!.entries()) {
          const line = lines.find((l) => l.id === a.lineId);
          if (!line) throw new AppError('SUPPLY_REQUEST_LINE_UNKNOWN', { fields: [{ field: `allocations.${i}.lineId`, code: 'SUPPLY_REQUEST_LINE_UNKNOWN' }] });
          await loadWarehouse(tx, ctx.actor, a.warehouseId).catch(() => {
            throw new AppError('SUPPLIES_WAREHOUSE_UNKNOWN', { fields: [{ field: `allocations.${i}.warehouseId`, code: 'SUPPLIES_WAREHOUSE_UNKNOWN' }] });
          });
          wanted.set(a.lineId, (wanted.get(a.lineId) ?? 0) + a.quantity);
          if (wanted.get(a.lineId)! > line.quantity) throw new AppError('SUPPLY_REQUEST_OVER_ALLOCATED', { fields: [{ field: `allocations.${i}.quantity`, code: 'SUPPLY_REQUEST_OVER_ALLOCATED' }] });
        }
        await tx.insert(supplyAllocation).values(input.allocations!.map((a) => ({
          id: crypto.randomUUID(), requestId: id, lineId: a.lineId, warehouseId: a.warehouseId, itemCode: lines.find((l) => l.id === a.lineId)!.itemCode, quantity: a.quantity, createdAt: now,
        })));
        return { status: 'allocated', data: { allocations: input.allocations } };
      }
      case 'fulfil': {
        if (await openShipments(tx, id)) throw new AppError('SUPPLY_REQUEST_SHIPMENT_OPEN');
        const allocations = await tx.select().from(supplyAllocation).where(eq(supplyAllocation.requestId, id)).for('update');
        const whs = new Map<string, Awaited<ReturnType<typeof loadWarehouse>>>();
        for (const a of allocations) if (!whs.has(a.warehouseId)) whs.set(a.warehouseId, await loadWarehouse(tx, null, a.warehouseId));
        await lockPairs(tx, allocations.map((a) => ({ warehouseId: a.warehouseId, itemCode: a.itemCode })));
        const items = await itemsByCode(tx, allocations.map((a) => a.itemCode));
        const moveIds: number[] = [];
        for (const a of allocations) {
          const left = a.quantity - a.issued;
          if (left <= 0) continue;
          const { moves } = await takeOut(tx, ctx, whs.get(a.warehouseId)!, a.itemCode, left, undefined, { kind: 'issue', requestId: id, note: `R${row.requestNo}` });
          moveIds.push(...moves.map((m) => m.id));
          await tx.update(supplyAllocation).set({ issued: a.quantity }).where(eq(supplyAllocation.id, a.id));
        }
        for (const a of allocations) await checkLevel(kit.registry.audiences, tx, whs.get(a.warehouseId)!, a.itemCode, items.get(a.itemCode)?.name ?? a.itemCode, now);
        return { status: 'fulfilled', data: { moveIds, ...(ctx.actor ? {} : { by: 'shipments' }) }, notices: [toRequester('fulfilled')] };
      }
    }
  });
}
