/** Reads: stock by warehouse and item (with levels and alerts), lots (expiring), the stock card, moves. All within the warehouses the caller sees. */
import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { LotQuery, MoveKind, MoveQuery, AdjustReason, StockCard, StockLot, StockMove, StockQuery, StockRow } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { rows } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { itemsByCode, requireItem } from './catalogue.js';
import { stockLot, stockMove, warehouse } from './tables.js';
import { WAREHOUSE_VISIBILITY, loadWarehouse } from './visibility.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;
type MoveRow = typeof stockMove.$inferSelect;

export async function listStock(kit: ReadKit, actor: Actor, q: StockQuery, now: Date) {
  const today = localDate(now);
  const where = sql.join([
    recordVisible(actor, WAREHOUSE_VISIBILITY),
    q.warehouseId ? sql`${warehouse.id} = ${q.warehouseId}` : sql`true`,
    q.itemCode ? sql`p.item_code = ${q.itemCode}` : sql`true`,
  ], sql` and `);
  const having = q.view === 'low' ? sql`having coalesce(sum(l.quantity), 0) < max(v.min)`
    : q.view === 'high' ? sql`having coalesce(sum(l.quantity), 0) > max(v.max)`
    : q.view === 'alert' ? sql`having coalesce(sum(l.quantity), 0) < max(v.min) or coalesce(sum(l.quantity), 0) > max(v.max) or min(l.expires_on) filter (where l.quantity > 0) <= ${today}::date + max(${warehouse.expiryAlertDays})`
    : sql``;
  const base = sql`
    from (select warehouse_id, item_code from stock_lot union select warehouse_id, item_code from stock_level) p
    join ${warehouse} on ${warehouse.id} = p.warehouse_id
    left join stock_level v on v.warehouse_id = p.warehouse_id and v.item_code = p.item_code
    left join stock_lot l on l.warehouse_id = p.warehouse_id and l.item_code = p.item_code
    where ${where}
    group by ${warehouse.id}, ${warehouse.name}, ${warehouse.regionCode}, p.item_code ${having}`;
  type Row = { warehouse_id: string; warehouse_name: string; region_code: string; item_code: string; quantity: string; min: string | null; max: string | null; reserve: string | null; next_expiry: string | null };
  const [found, [total]] = await Promise.all([
    rows<Row>(kit.db, sql`select ${warehouse.id} as warehouse_id, ${warehouse.name} as warehouse_name, ${warehouse.regionCode} as region_code, p.item_code,
      coalesce(sum(l.quantity), 0) as quantity, max(v.min) as min, max(v.max) as max, max(v.reserve) as reserve, min(l.expires_on) filter (where l.quantity > 0)::text as next_expiry
      ${base} order by ${warehouse.name}, p.item_code limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    rows<{ n: string }>(kit.db, sql`select count(*) as n from (select 1 ${base}) t`),
  ]);
  const items = await itemsByCode(kit.db, found.map((r) => r.item_code));
  const num = (v: string | null) => (v === null ? null : Number(v));
  const out: StockRow[] = found.map((r) => {
    const quantity = Number(r.quantity);
    const min = num(r.min);
    const max = num(r.max);
    return {
      warehouseId: r.warehouse_id, warehouseName: r.warehouse_name, regionCode: r.region_code, itemCode: r.item_code, itemName: items.get(r.item_code)?.name ?? r.item_code, unit: items.get(r.item_code)?.unit ?? null,
      quantity, min, max, reserve: num(r.reserve), alert: min !== null && quantity < min ? 'low' : max !== null && quantity > max ? 'high' : 'ok', nextExpiry: r.next_expiry,
    };
  });
  return { items: out, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function listLots(kit: ReadKit, actor: Actor, q: LotQuery, now: Date) {
  const today = localDate(now);
  const where = and(
    recordVisible(actor, WAREHOUSE_VISIBILITY), gt(stockLot.quantity, 0),
    q.warehouseId ? eq(stockLot.warehouseId, q.warehouseId) : undefined,
    q.itemCode ? eq(stockLot.itemCode, q.itemCode) : undefined,
    q.expiringWithinDays !== undefined ? sql`${stockLot.expiresOn} <= ${today}::date + ${q.expiringWithinDays}::int` : undefined,
  );
  const [found, [total]] = await Promise.all([
    kit.db.select({ lot: stockLot, name: warehouse.name, days: warehouse.expiryAlertDays }).from(stockLot).innerJoin(warehouse, eq(warehouse.id, stockLot.warehouseId)).where(where)
      .orderBy(sql`${stockLot.expiresOn} asc nulls last`, asc(stockLot.lotNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(stockLot).innerJoin(warehouse, eq(warehouse.id, stockLot.warehouseId)).where(where),
  ]);
  const items = await itemsByCode(kit.db, found.map((f) => f.lot.itemCode));
  const limit = (days: number) => { const d = new Date(`${today}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };
  const out: StockLot[] = found.map(({ lot, name, days }) => ({
    id: lot.id, warehouseId: lot.warehouseId, warehouseName: name, itemCode: lot.itemCode, itemName: items.get(lot.itemCode)?.name ?? lot.itemCode, lotNo: lot.lotNo, expiresOn: lot.expiresOn,
    quantity: lot.quantity, expiring: lot.expiresOn !== null && lot.expiresOn <= limit(days),
  }));
  return { items: out, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function presentMoves(kit: ReadKit, moves: readonly MoveRow[]): Promise<StockMove[]> {
  if (moves.length === 0) return [];
  const [items, names, lots, whs] = await Promise.all([
    itemsByCode(kit.db, moves.map((m) => m.itemCode)),
    accountNames(kit.db, moves.map((m) => m.actorId)),
    kit.db.select({ id: stockLot.id, lotNo: stockLot.lotNo, expiresOn: stockLot.expiresOn }).from(stockLot).where(inArray(stockLot.id, [...new Set(moves.map((m) => m.lotId))])),
    kit.db.select({ id: warehouse.id, name: warehouse.name }).from(warehouse).where(inArray(warehouse.id, [...new Set(moves.map((m) => m.warehouseId))])),
  ]);
  return moves.map((m) => {
    const lot = lots.find((l) => l.id === m.lotId);
    return {
      id: m.id, at: m.at.toISOString(), warehouseId: m.warehouseId, warehouseName: whs.find((w) => w.id === m.warehouseId)?.name ?? '', itemCode: m.itemCode, itemName: items.get(m.itemCode)?.name ?? m.itemCode,
      lotNo: lot?.lotNo ?? '', expiresOn: lot?.expiresOn ?? null, kind: m.kind as MoveKind, reason: (m.reason as AdjustReason | null) ?? null, quantity: m.quantity, balance: m.balance,
      linkedMoveId: m.linkedMoveId, requestId: m.requestId, countId: m.countId, note: m.note, actorName: m.actorId ? (names.get(m.actorId) ?? null) : null,
    };
  });
}

export async function listMoves(kit: ReadKit, actor: Actor, q: MoveQuery) {
  const where: SQL | undefined = and(
    recordVisible(actor, WAREHOUSE_VISIBILITY),
    q.warehouseId ? eq(stockMove.warehouseId, q.warehouseId) : undefined,
    q.itemCode ? eq(stockMove.itemCode, q.itemCode) : undefined,
    q.kind ? eq(stockMove.kind, q.kind) : undefined,
  );
  const [found, [total]] = await Promise.all([
    kit.db.select({ m: stockMove }).from(stockMove).innerJoin(warehouse, eq(warehouse.id, stockMove.warehouseId)).where(where).orderBy(desc(stockMove.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(stockMove).innerJoin(warehouse, eq(warehouse.id, stockMove.warehouseId)).where(where),
  ]);
  return { items: await presentMoves(kit, found.map((f) => f.m)), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The stock card of an item at a warehouse: every move in order with the balance after it (the last 2,000). */
export async function stockCard(kit: ReadKit, actor: Actor, warehouseId: string, itemCode: string): Promise<StockCard> {
  const w = await loadWarehouse(kit.db, actor, warehouseId);
  const item = await requireItem(kit.db, actor, itemCode);
  const recent = await kit.db.select().from(stockMove).where(and(eq(stockMove.warehouseId, w.id), eq(stockMove.itemCode, item.code))).orderBy(desc(stockMove.id)).limit(2000);
  const moves = await presentMoves(kit, recent.reverse());
  return { warehouseId: w.id, warehouseName: w.name, itemCode: item.code, itemName: item.name, unit: item.unit, balance: moves.at(-1)?.balance ?? 0, moves };
}
