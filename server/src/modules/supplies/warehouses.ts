/** Warehouses (government, enterprise, community): place, capacity; their levels (min, max, reserve) and the default reserve list in one action. */
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { DEFAULT_RESERVE_LIST, type LevelRequest, type Warehouse, type WarehouseRequest } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree, recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { requireItem } from './catalogue.js';
import { checkLevel, type MoveKit } from './stock.js';
import { stockLevel, stockLot, warehouse } from './tables.js';
import { WAREHOUSE_VISIBILITY, loadWarehouse, managesWarehouse, type WarehouseRow } from './visibility.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;

export async function presentWarehouses(kit: ReadKit, rows: readonly WarehouseRow[], now: Date): Promise<Warehouse[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const today = localDate(now);
  const [regions, levels, lots] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(rows.map((r) => r.regionCode))]),
    kit.db.select({ id: stockLevel.warehouseId, alert: stockLevel.alert, n: count() }).from(stockLevel).where(inArray(stockLevel.warehouseId, ids)).groupBy(stockLevel.warehouseId, stockLevel.alert),
    kit.db
      .select({ id: stockLot.warehouseId, items: sql<string>`count(distinct ${stockLot.itemCode})`, expiring: sql<string>`count(*) filter (where ${stockLot.expiresOn} <= ${today}::date + ${warehouse.expiryAlertDays})` })
      .from(stockLot).innerJoin(warehouse, eq(warehouse.id, stockLot.warehouseId))
      .where(and(inArray(stockLot.warehouseId, ids), gt(stockLot.quantity, 0))).groupBy(stockLot.warehouseId),
  ]);
  const alerts = (id: string, a: string) => Number(levels.find((l) => l.id === id && l.alert === a)?.n ?? 0);
  return rows.map((w) => {
    const l = lots.find((x) => x.id === w.id);
    return {
      id: w.id, name: w.name, kind: w.kind as Warehouse['kind'], regionCode: w.regionCode, regionName: regions.get(w.regionCode) ?? '', address: w.address, lng: w.lng, lat: w.lat,
      capacityM3: w.capacityM3, expiryAlertDays: w.expiryAlertDays, items: Number(l?.items ?? 0), lowItems: alerts(w.id, 'low'), highItems: alerts(w.id, 'high'), expiringLots: Number(l?.expiring ?? 0), version: w.version,
    };
  });
}

export async function listWarehouses(kit: ReadKit, actor: Actor, now: Date): Promise<Warehouse[]> {
  const rows = await kit.db.select().from(warehouse).where(recordVisible(actor, WAREHOUSE_VISIBILITY)).orderBy(warehouse.regionCode, warehouse.name).limit(2000);
  return presentWarehouses(kit, rows, now);
}

export async function readWarehouse(kit: ReadKit, actor: Actor, id: string, now: Date): Promise<Warehouse> {
  const [shown] = await presentWarehouses(kit, [await loadWarehouse(kit.db, actor, id)], now);
  return shown!;
}

function checkRegion(ctx: ActorContext, regionCode: string) {
  if (ctx.actor.gridId || !codeInSubtree(regionCode, ctx.actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
}

export async function createWarehouse(kit: ReadKit, ctx: ActorContext, input: WarehouseRequest): Promise<Warehouse> {
  checkRegion(ctx, input.regionCode);
  const now = ctx.clock.now();
  const row = await kit.db.transaction(async (tx) => {
    const [made] = await tx.insert(warehouse).values({ id: crypto.randomUUID(), ...input, expiryAlertDays: input.expiryAlertDays ?? 30, version: 1, createdAt: now, updatedAt: now }).returning();
    await writeAudit(tx, ctx, { action: 'supplies.warehouse', objectType: 'warehouse', objectId: made!.id, regionCode: made!.regionCode, details: { created: true, name: input.name, kind: input.kind, capacityM3: input.capacityM3 } });
    return made!;
  });
  return (await presentWarehouses(kit, [row], now))[0]!;
}

export async function updateWarehouse(kit: ReadKit, ctx: ActorContext, id: string, input: WarehouseRequest & { version: number }): Promise<Warehouse> {
  const now = ctx.clock.now();
  const row = await kit.db.transaction(async (tx) => {
    const w = await loadWarehouse(tx, ctx.actor, id, true);
    if (!managesWarehouse(ctx.actor, w)) throw new AppError('FORBIDDEN');
    if (w.version !== input.version) throw new AppError('SUPPLIES_VERSION_CONFLICT', { current: w.version });
    checkRegion(ctx, input.regionCode);
    const { version: _v, ...fields } = input;
    const [saved] = await tx.update(warehouse).set({ ...fields, version: w.version + 1, updatedAt: now }).where(eq(warehouse.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'supplies.warehouse', objectType: 'warehouse', objectId: id, regionCode: saved!.regionCode, details: { from: { name: w.name, capacityM3: w.capacityM3 }, to: { name: input.name, capacityM3: input.capacityM3 } } });
    return saved!;
  });
  return (await presentWarehouses(kit, [row], now))[0]!;
}

/** Sets min, max and reserve per item (upsert); each pair's alert is re-evaluated (a crossing notifies). */
export async function setLevels(kit: ReadKit & MoveKit, ctx: ActorContext, id: string, input: LevelRequest, action = 'levels'): Promise<Warehouse> {
  const now = ctx.clock.now();
  const w = await loadWarehouse(kit.db, ctx.actor, id);
  if (!managesWarehouse(ctx.actor, w)) throw new AppError('FORBIDDEN');
  for (const [i, l] of input.levels.entries()) {
    if (l.min > l.max || l.reserve > l.max) throw new AppError('SUPPLIES_LEVELS_INVALID', { fields: [{ field: `levels.${i}.min`, code: 'SUPPLIES_LEVELS_INVALID' }] });
  }
  const items = await Promise.all(input.levels.map((l, i) => requireItem(kit.db, ctx.actor, l.itemCode, `levels.${i}.itemCode`)));
  await kit.db.transaction(async (tx) => {
    for (const [i, l] of input.levels.entries()) {
      await tx.insert(stockLevel).values({ warehouseId: w.id, itemCode: l.itemCode, min: l.min, max: l.max, reserve: l.reserve, alert: 'ok', updatedAt: now })
        .onConflictDoUpdate({ target: [stockLevel.warehouseId, stockLevel.itemCode], set: { min: l.min, max: l.max, reserve: l.reserve, updatedAt: now } });
      await checkLevel(kit.registry.audiences, tx, w, l.itemCode, items[i]!.name, now);
    }
    await writeAudit(tx, ctx, { action: 'supplies.levels', objectType: 'warehouse', objectId: w.id, regionCode: w.regionCode, details: { levels: input.levels, via: action } });
  });
  return readWarehouse(kit, ctx.actor, id, now);
}

/** The default reserve list (the city Red Cross's) applied to a warehouse in one action. */
export const applyReserveList = (kit: ReadKit & MoveKit, ctx: ActorContext, id: string) =>
  setLevels(kit, ctx, id, { levels: DEFAULT_RESERVE_LIST.map((l) => ({ ...l })) }, 'reserve-list');
