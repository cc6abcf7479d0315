/**
 * Stock moves. Every move of a warehouse's item holds that pair's transaction lock (a transfer
 * takes both pairs in a fixed order), so the balance written on the move is the stock card's
 * running balance and two issues never both take the last unit; the lot's check constraint
 * (quantity >= 0) backs it. After a move the pair's level is compared with its min and max: a
 * crossing into `low` or `high` notifies the warehouse's managers once, until it crosses back.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AdjustReason, AdjustmentRequest, IssueRequest, MoveKind, ReceiptRequest, TransferRequest } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { RequestContext } from '../../platform/context.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notify, type AudienceResolver } from '../../platform/notifications/notify.js';
import { itemsByCode, requireItem } from './catalogue.js';
import { localDate } from '../../platform/time-zone.js';
import { stockLevel, stockLot, stockMove, warehouse } from './tables.js';
import { loadWarehouse, managedWarehouse, type WarehouseRow } from './visibility.js';

export type MoveKit = Pick<Kit, 'db' | 'registry'>;
export type LotRow = typeof stockLot.$inferSelect;
export type MoveRow = typeof stockMove.$inferSelect;

/** Holds the warehouse-item pairs' locks for the rest of the transaction (sorted: no deadlock). */
export async function lockPairs(tx: Db, pairs: readonly { warehouseId: string; itemCode: string }[]): Promise<void> {
  const keys = [...new Set(pairs.map((p) => `stock:${p.warehouseId}:${p.itemCode}`))].sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

export async function balanceOf(tx: Db, warehouseId: string, itemCode: string): Promise<number> {
  const [row] = await tx.select({ n: sql<string>`coalesce(sum(${stockLot.quantity}), 0)` }).from(stockLot).where(and(eq(stockLot.warehouseId, warehouseId), eq(stockLot.itemCode, itemCode)));
  return Number(row?.n ?? 0);
}

interface MoveSpec {
  lot: LotRow;
  kind: MoveKind;
  reason?: AdjustReason | null;
  delta: number;
  linkedMoveId?: number | null;
  requestId?: string | null;
  countId?: string | null;
  shipmentId?: string | null;
  note?: string | null;
}

/** Applies one signed change to a lot (the pair's lock held) and writes the move with the balance after it. */
export async function applyMove(tx: Db, ctx: RequestContext, w: WarehouseRow, m: MoveSpec): Promise<MoveRow> {
  const [lot] = await tx.update(stockLot).set({ quantity: sql`${stockLot.quantity} + ${m.delta}` }).where(eq(stockLot.id, m.lot.id)).returning();
  if (lot!.quantity < 0) throw new AppError('SUPPLIES_STOCK_SHORT', { available: lot!.quantity - m.delta, wanted: -m.delta });
  const balance = await balanceOf(tx, w.id, m.lot.itemCode);
  const [move] = await tx
    .insert(stockMove)
    .values({
      warehouseId: w.id, regionCode: w.regionCode, itemCode: m.lot.itemCode, lotId: m.lot.id, kind: m.kind, reason: m.reason ?? null, quantity: m.delta, balance,
      linkedMoveId: m.linkedMoveId ?? null, requestId: m.requestId ?? null, countId: m.countId ?? null, shipmentId: m.shipmentId ?? null, note: m.note ?? null, actorId: ctx.actor?.id ?? null, at: ctx.clock.now(),
    })
    .returning();
  return move!;
}

/** Compares the pair's balance with its level; notifies the managers on a crossing into low or high (once). */
export async function checkLevel(audiences: ReadonlyMap<string, AudienceResolver>, tx: Db, w: WarehouseRow, itemCode: string, itemName: string, now: Date): Promise<void> {
  const [level] = await tx.select().from(stockLevel).where(and(eq(stockLevel.warehouseId, w.id), eq(stockLevel.itemCode, itemCode))).for('update');
  if (!level) return;
  const quantity = await balanceOf(tx, w.id, itemCode);
  const state = quantity < level.min ? 'low' : quantity > level.max ? 'high' : 'ok';
  if (state === level.alert) return;
  await tx.update(stockLevel).set({ alert: state, updatedAt: now }).where(and(eq(stockLevel.warehouseId, w.id), eq(stockLevel.itemCode, itemCode)));
  if (state === 'ok') return;
  await notify(tx, audiences, now, [{
    subject: { type: 'warehouse', id: w.id }, kind: `supplies.${state}`,
    params: { warehouse: w.name, item: itemName, quantity, min: level.min, max: level.max },
    audiences: [{ kind: 'accounts_at', permission: 'supplies:manage', regionCode: w.regionCode }],
  }]);
}

/** The lots of a pair with stock, first expiring first (no expiry last), then oldest. */
async function fefoLots(tx: Db, warehouseId: string, itemCode: string): Promise<LotRow[]> {
  return tx.select().from(stockLot).where(and(eq(stockLot.warehouseId, warehouseId), eq(stockLot.itemCode, itemCode), gt(stockLot.quantity, 0)))
    .orderBy(sql`${stockLot.expiresOn} asc nulls last`, asc(stockLot.createdAt), asc(stockLot.lotNo));
}

/** Takes `quantity` out of a pair (a named lot, or FEFO), as moves of `kind`; refused when short. Lock held by the caller. */
export async function takeOut(tx: Db, ctx: RequestContext, w: WarehouseRow, itemCode: string, quantity: number, lotId: string | undefined, spec: Omit<MoveSpec, 'lot' | 'delta'>): Promise<{ moves: MoveRow[]; lots: { lot: LotRow; quantity: number }[] }> {
  const lots = lotId ? (await fefoLots(tx, w.id, itemCode)).filter((l) => l.id === lotId) : await fefoLots(tx, w.id, itemCode);
  if (lotId && lots.length === 0) {
    const [exists] = await tx.select({ id: stockLot.id }).from(stockLot).where(and(eq(stockLot.id, lotId), eq(stockLot.warehouseId, w.id), eq(stockLot.itemCode, itemCode)));
    if (!exists) throw new AppError('SUPPLIES_LOT_UNKNOWN', { fields: [{ field: 'lotId', code: 'SUPPLIES_LOT_UNKNOWN' }] });
  }
  const available = lots.reduce((n, l) => n + l.quantity, 0);
  if (available < quantity) throw new AppError('SUPPLIES_STOCK_SHORT', { available, wanted: quantity, fields: [{ field: 'quantity', code: 'SUPPLIES_STOCK_SHORT' }] });
  const moves: MoveRow[] = [];
  const taken: { lot: LotRow; quantity: number }[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left === 0) break;
    const n = Math.min(left, lot.quantity);
    moves.push(await applyMove(tx, ctx, w, { ...spec, lot, delta: -n }));
    taken.push({ lot, quantity: n });
    left -= n;
  }
  return { moves, lots: taken };
}

/** The lot a receipt goes into: the pair's lot of that number (the same expiry), or a new one. */
export async function lotFor(tx: Db, w: WarehouseRow, itemCode: string, lotNo: string, expiresOn: string | null, now: Date): Promise<LotRow> {
  const [found] = await tx.select().from(stockLot).where(and(eq(stockLot.warehouseId, w.id), eq(stockLot.itemCode, itemCode), eq(stockLot.lotNo, lotNo)));
  if (found) {
    if ((found.expiresOn ?? null) !== expiresOn) throw new AppError('SUPPLIES_LOT_EXPIRY', { lotNo, fields: [{ field: 'expiresOn', code: 'SUPPLIES_LOT_EXPIRY' }] });
    return found;
  }
  const [made] = await tx.insert(stockLot).values({ id: crypto.randomUUID(), warehouseId: w.id, itemCode, lotNo, expiresOn, quantity: 0, createdAt: now }).returning();
  return made!;
}

/** A receipt within the caller's transaction (the warehouse and item already checked): the pair locked, the lot found or made, the level compared. */
export async function receiveIn(audiences: ReadonlyMap<string, AudienceResolver>, tx: Db, ctx: RequestContext, w: WarehouseRow, item: { code: string; name: string }, input: Omit<ReceiptRequest, 'itemCode'>): Promise<MoveRow> {
  const now = ctx.clock.now();
  await lockPairs(tx, [{ warehouseId: w.id, itemCode: item.code }]);
  const lot = await lotFor(tx, w, item.code, input.lotNo, input.expiresOn ?? null, now);
  const move = await applyMove(tx, ctx, w, { lot, kind: 'receipt', delta: input.quantity, note: input.note ?? null });
  await checkLevel(audiences, tx, w, item.code, item.name, now);
  return move;
}

export async function receive(kit: MoveKit, ctx: ActorContext, warehouseId: string, input: ReceiptRequest): Promise<MoveRow[]> {
  const w = await managedWarehouse(kit.db, ctx.actor, warehouseId);
  const item = await requireItem(kit.db, ctx.actor, input.itemCode);
  return kit.db.transaction(async (tx) => {
    const move = await receiveIn(kit.registry.audiences, tx, ctx, w, item, input);
    await writeAudit(tx, ctx, { action: 'supplies.receipt', objectType: 'warehouse', objectId: w.id, regionCode: w.regionCode, details: { itemCode: item.code, lotNo: input.lotNo, quantity: input.quantity, moveId: move.id } });
    return [move];
  });
}

export async function issue(kit: MoveKit, ctx: ActorContext, warehouseId: string, input: IssueRequest): Promise<MoveRow[]> {
  const w = await managedWarehouse(kit.db, ctx.actor, warehouseId);
  const item = await requireItem(kit.db, ctx.actor, input.itemCode);
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    await lockPairs(tx, [{ warehouseId: w.id, itemCode: item.code }]);
    const { moves } = await takeOut(tx, ctx, w, item.code, input.quantity, input.lotId, { kind: 'issue', note: input.note ?? null });
    await checkLevel(kit.registry.audiences, tx, w, item.code, item.name, now);
    await writeAudit(tx, ctx, { action: 'supplies.issue', objectType: 'warehouse', objectId: w.id, regionCode: w.regionCode, details: { itemCode: item.code, quantity: input.quantity, moveIds: moves.map((m) => m.id) } });
    return moves;
  });
}

export async function adjust(kit: MoveKit, ctx: ActorContext, warehouseId: string, input: AdjustmentRequest): Promise<MoveRow[]> {
  const w = await managedWarehouse(kit.db, ctx.actor, warehouseId);
  const [lot0] = await kit.db.select().from(stockLot).where(and(eq(stockLot.id, input.lotId), eq(stockLot.warehouseId, w.id)));
  if (!lot0) throw new AppError('SUPPLIES_LOT_UNKNOWN', { fields: [{ field: 'lotId', code: 'SUPPLIES_LOT_UNKNOWN' }] });
  const item = await requireItem(kit.db, null, lot0.itemCode);
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    await lockPairs(tx, [{ warehouseId: w.id, itemCode: lot0.itemCode }]);
    const [lot] = await tx.select().from(stockLot).where(eq(stockLot.id, lot0.id));
    if (lot!.quantity + input.delta < 0) throw new AppError('SUPPLIES_STOCK_SHORT', { available: lot!.quantity, wanted: -input.delta, fields: [{ field: 'delta', code: 'SUPPLIES_STOCK_SHORT' }] });
    const move = await applyMove(tx, ctx, w, { lot: lot!, kind: 'adjustment', reason: input.reason, delta: input.delta, note: input.note ?? null });
    await checkLevel(kit.registry.audiences, tx, w, lot!.itemCode, item.name, now);
    await writeAudit(tx, ctx, { action: 'supplies.adjust', objectType: 'warehouse', objectId: w.id, regionCode: w.regionCode, details: { itemCode: lot!.itemCode, lotNo: lot!.lotNo, delta: input.delta, reason: input.reason, moveId: move.id } });
    return [move];
  });
}

/**
 * A transfer between two warehouses the caller manages (the receiving one may be any they see and
 * manage): out of the source lots (FEFO or the named lot) and into lots of the same numbers and
 * expiry at the destination, each pair of moves linked both ways.
 */
export async function transfer(kit: MoveKit, ctx: ActorContext, warehouseId: string, input: TransferRequest): Promise<MoveRow[]> {
  if (input.toWarehouseId === warehouseId) throw new AppError('SUPPLIES_TRANSFER_SAME', { fields: [{ field: 'toWarehouseId', code: 'SUPPLIES_TRANSFER_SAME' }] });
  const from = await managedWarehouse(kit.db, ctx.actor, warehouseId);
  const to = await loadWarehouse(kit.db, ctx.actor, input.toWarehouseId).catch(() => {
    throw new AppError('SUPPLIES_WAREHOUSE_UNKNOWN', { fields: [{ field: 'toWarehouseId', code: 'SUPPLIES_WAREHOUSE_UNKNOWN' }] });
  });
  const item = await requireItem(kit.db, ctx.actor, input.itemCode);
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    await lockPairs(tx, [{ warehouseId: from.id, itemCode: item.code }, { warehouseId: to.id, itemCode: item.code }]);
    const out = await takeOut(tx, ctx, from, item.code, input.quantity, input.lotId, { kind: 'transfer_out', note: input.note ?? null });
    const moves: MoveRow[] = [];
    for (const [i, taken] of out.lots.entries()) {
      const outMove = out.moves[i]!;
      const lot = await lotFor(tx, to, item.code, taken.lot.lotNo, taken.lot.expiresOn, now);
      const inMove = await applyMove(tx, ctx, to, { lot, kind: 'transfer_in', delta: taken.quantity, linkedMoveId: outMove.id, note: input.note ?? null });
      await tx.update(stockMove).set({ linkedMoveId: inMove.id }).where(eq(stockMove.id, outMove.id));
      moves.push({ ...outMove, linkedMoveId: inMove.id }, inMove);
    }
    await checkLevel(kit.registry.audiences, tx, from, item.code, item.name, now);
    await checkLevel(kit.registry.audiences, tx, to, item.code, item.name, now);
    await writeAudit(tx, ctx, { action: 'supplies.transfer', objectType: 'warehouse', objectId: from.id, regionCode: from.regionCode, details: { to: to.id, itemCode: item.code, quantity: input.quantity, moveIds: moves.map((m) => m.id) } });
    return moves;
  });
}

/**
 * The expiring lots: lots with stock expiring within their warehouse's alert days, not yet
 * notified, are notified to the managers once (the hourly job).
 */
export async function alertExpiring(kit: MoveKit, ctx: RequestContext): Promise<number> {
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    const due = await tx
      .select({ lot: stockLot, w: warehouse })
      .from(stockLot)
      .innerJoin(warehouse, eq(warehouse.id, stockLot.warehouseId))
      .where(and(gt(stockLot.quantity, 0), sql`${stockLot.expiryAlertedAt} is null`, sql`${stockLot.expiresOn} <= ${localDate(now)}::date + ${warehouse.expiryAlertDays}`))
      .limit(1000)
      .for('update', { of: stockLot, skipLocked: true });
    if (due.length === 0) return 0;
    const names = await itemsByCode(tx, due.map((d) => d.lot.itemCode));
    await notify(tx, kit.registry.audiences, now, due.map(({ lot, w }) => ({
      subject: { type: 'warehouse', id: w.id }, kind: 'supplies.expiring',
      params: { warehouse: w.name, item: names.get(lot.itemCode)?.name ?? lot.itemCode, lotNo: lot.lotNo, quantity: lot.quantity, expiresOn: lot.expiresOn! },
      audiences: [{ kind: 'accounts_at' as const, permission: 'supplies:manage' as const, regionCode: w.regionCode }],
    })));
    await tx.update(stockLot).set({ expiryAlertedAt: now }).where(inArray(stockLot.id, due.map((d) => d.lot.id)));
    return due.length;
  });
}
