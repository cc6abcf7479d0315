/**
 * 精准投放: a proposed allocation of the approved requests in scope, from the solver
 * (./allocation, docs/allocation.md) over the stock the caller's warehouses hold, leaving each
 * reserve floor and what earlier allocations committed but did not yet issue. Nothing is
 * stored: the console shows the plan on the map and confirms it request by request through the
 * workflow's `allocate` step, which checks the request's state and version again.
 *
 * The solver holds the event loop while it works (about a second for a thousand lines here), so
 * a proposal is bounded to `MAX_PLAN_LINES` open lines; a city plans region by region.
 */
import { inArray } from 'drizzle-orm';
import type { AllocationPlan } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { allocate, allocateGreedy, type AllocationInput as SolverInput } from './allocation/index.js';
import { allocationInput } from './solver-input.js';
import { supplyRequest, warehouse } from './tables.js';
import { itemsByCode } from './catalogue.js';

export const MAX_PLAN_LINES = 2_000;

export async function proposeAllocation(kit: Pick<Kit, 'db' | 'clock'>, actor: Actor): Promise<AllocationPlan> {
  const input = await allocationInput(kit.db, actor);
  const open = input.lines.filter((l) => l.open > 0);
  if (open.length > MAX_PLAN_LINES) throw new AppError('SUPPLIES_PLAN_TOO_LARGE', { lines: open.length, max: MAX_PLAN_LINES });
  const key = (warehouseId: string, itemCode: string) => `${warehouseId} ${itemCode}`;
  const floors = new Map<string, { warehouse: string; item: string; quantity: number }>();
  for (const r of [...input.reserves.map((v) => ({ ...v, quantity: v.reserve })), ...input.committed]) {
    const k = key(r.warehouseId, r.itemCode);
    const floor = floors.get(k) ?? { warehouse: r.warehouseId, item: r.itemCode, quantity: 0 };
    floor.quantity += r.quantity;
    floors.set(k, floor);
  }
  const solverInput: SolverInput = {
    now: kit.clock.now(),
    lines: open.map((l) => ({ id: l.lineId, point: { lon: l.lng, lat: l.lat }, item: l.itemCode, quantity: l.open, priority: l.priority as 1 | 2 | 3 | 4, neededBy: l.neededBy })),
    warehouses: input.warehouses.map((w) => ({ id: w.id, lon: w.lng, lat: w.lat })),
    lots: input.stock.map((s) => ({ warehouse: s.warehouseId, item: s.itemCode, lot: s.lotId, quantity: s.quantity, expiresOn: s.expiresOn })),
    reserves: [...floors.values()],
  };
  const started = performance.now();
  const ours = await allocate(solverInput);
  const seconds = (performance.now() - started) / 1000;
  const greedy = allocateGreedy(solverInput);
  const lineOf = new Map(open.map((l) => [l.lineId, l]));
  const requestIds = [...new Set(open.map((l) => l.requestId))];
  const warehouseIds = [...new Set(ours.plan.map((p) => p.warehouse))];
  const itemCodes = [...new Set(open.map((l) => l.itemCode))];
  const [requests, warehouses, items] = await Promise.all([
    requestIds.length ? kit.db.select({ id: supplyRequest.id, siteName: supplyRequest.siteName, version: supplyRequest.version, lng: supplyRequest.lng, lat: supplyRequest.lat }).from(supplyRequest).where(inArray(supplyRequest.id, requestIds)) : [],
    warehouseIds.length ? kit.db.select({ id: warehouse.id, name: warehouse.name, lng: warehouse.lng, lat: warehouse.lat }).from(warehouse).where(inArray(warehouse.id, warehouseIds)) : [],
    itemsByCode(kit.db, itemCodes),
  ]);
  const nameOf = (code: string) => items.get(code)?.name ?? code;
  return {
    plan: ours.plan.map((p) => ({ requestId: lineOf.get(p.line)!.requestId, lineId: p.line, itemCode: p.item, itemName: nameOf(p.item), warehouseId: p.warehouse, lotId: p.lot, quantity: p.quantity, distanceKm: Math.round(p.distanceKm * 100) / 100 })),
    lines: ours.lines.map((l) => ({ requestId: lineOf.get(l.line)!.requestId, lineId: l.line, itemCode: l.item, itemName: nameOf(l.item), requested: l.requested, allocated: l.allocated, unmet: l.unmet, priority: l.priority })),
    requests,
    warehouses,
    objective: ours.objective,
    greedy: greedy.objective,
    gapPct: ours.gapPct ?? null,
    seconds: Math.round(seconds * 1000) / 1000,
  };
}
