/**
 * Stock counts (盘点): a sheet of a warehouse's lots with their book quantities; the counter enters
 * what is on the shelf; confirming posts each difference (counted minus the book at that moment,
 * under the pairs' locks) as an adjustment with the reason `count`, linked to the sheet.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CountLinesRequest, CountQuery, CountStatus, CountSummary, StockCount } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { itemsByCode } from './catalogue.js';
import { applyMove, checkLevel, lockPairs, type MoveKit } from './stock.js';
import { stockCount, stockCountLine, stockLot, warehouse } from './tables.js';
import { COUNT_VISIBILITY, loadWarehouse, managedWarehouse, managesWarehouse } from './visibility.js';

type CountRow = typeof stockCount.$inferSelect;
type ReadKit = Pick<Kit, 'db' | 'providers'>;

async function loadCount(db: Db, actor: Actor, id: string, forUpdate = false): Promise<CountRow> {
  const query = db.select().from(stockCount).where(and(eq(stockCount.id, id), recordVisible(actor, COUNT_VISIBILITY)));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export async function readCount(kit: ReadKit, actor: Actor, id: string): Promise<StockCount> {
  const c = await loadCount(kit.db, actor, id);
  const [lines, [w]] = await Promise.all([
    kit.db.select({ line: stockCountLine, lotNo: stockLot.lotNo, expiresOn: stockLot.expiresOn }).from(stockCountLine).innerJoin(stockLot, eq(stockLot.id, stockCountLine.lotId)).where(eq(stockCountLine.countId, id)).orderBy(asc(stockCountLine.itemCode), asc(stockLot.lotNo)),
    kit.db.select({ name: warehouse.name }).from(warehouse).where(eq(warehouse.id, c.warehouseId)),
  ]);
  const items = await itemsByCode(kit.db, lines.map((l) => l.line.itemCode));
  return {
    id: c.id, countNo: c.countNo, warehouseId: c.warehouseId, warehouseName: w?.name ?? '', regionCode: c.regionCode, status: c.status as CountStatus, note: c.note,
    createdAt: c.createdAt.toISOString(), confirmedAt: c.confirmedAt?.toISOString() ?? null, version: c.version,
    lines: lines.map(({ line, lotNo, expiresOn }) => ({
      id: line.id, lotId: line.lotId, itemCode: line.itemCode, itemName: items.get(line.itemCode)?.name ?? line.itemCode, lotNo, expiresOn, book: line.book, counted: line.counted,
      difference: line.counted === null ? null : line.counted - line.book,
    })),
  };
}

export async function listCounts(kit: ReadKit, actor: Actor, q: CountQuery) {
  const where = and(recordVisible(actor, COUNT_VISIBILITY), q.warehouseId ? eq(stockCount.warehouseId, q.warehouseId) : undefined, q.status ? eq(stockCount.status, q.status) : undefined);
  const [found, [total]] = await Promise.all([
    kit.db.select({ c: stockCount, name: warehouse.name, lines: sql<string>`(select count(*) from stock_count_line x where x.count_id = ${stockCount.id})`, counted: sql<string>`(select count(x.counted) from stock_count_line x where x.count_id = ${stockCount.id})` })
      .from(stockCount).innerJoin(warehouse, eq(warehouse.id, stockCount.warehouseId)).where(where).orderBy(desc(stockCount.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(stockCount).where(where),
  ]);
  const items: CountSummary[] = found.map(({ c, name, lines, counted }) => ({
    id: c.id, countNo: c.countNo, warehouseId: c.warehouseId, warehouseName: name, regionCode: c.regionCode, status: c.status as CountStatus, note: c.note, createdAt: c.createdAt.toISOString(),
    confirmedAt: c.confirmedAt?.toISOString() ?? null, version: c.version, lineCount: Number(lines), counted: Number(counted),
  }));
  return { items, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function createCount(kit: ReadKit, ctx: ActorContext, warehouseId: string, input: { itemCodes?: string[] | undefined; note?: string | undefined }): Promise<StockCount> {
  const w = await managedWarehouse(kit.db, ctx.actor, warehouseId);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  await kit.db.transaction(async (tx) => {
    const lots = await tx.select().from(stockLot).where(and(eq(stockLot.warehouseId, w.id), input.itemCodes?.length ? inArray(stockLot.itemCode, input.itemCodes) : undefined));
    await tx.insert(stockCount).values({ id, warehouseId: w.id, regionCode: w.regionCode, status: 'open', note: input.note ?? null, version: 1, createdBy: ctx.actor.id, createdAt: now });
    if (lots.length) await tx.insert(stockCountLine).values(lots.map((l) => ({ id: crypto.randomUUID(), countId: id, lotId: l.id, itemCode: l.itemCode, book: l.quantity, counted: null })));
    await writeAudit(tx, ctx, { action: 'supplies.count', objectType: 'stock_count', objectId: id, regionCode: w.regionCode, details: { step: 'create', warehouseId: w.id, lines: lots.length } });
  });
  return readCount(kit, ctx.actor, id);
}

/** Locks an open count the caller manages, at the version they read. */
async function openCount(tx: Db, ctx: ActorContext, id: string, version: number): Promise<CountRow> {
  const c = await loadCount(tx, ctx.actor, id, true);
  const w = await loadWarehouse(tx, null, c.warehouseId);
  if (!managesWarehouse(ctx.actor, w)) throw new AppError('FORBIDDEN');
  if (c.status !== 'open') throw new AppError('SUPPLIES_COUNT_STATE', { status: c.status });
  if (c.version !== version) throw new AppError('SUPPLIES_VERSION_CONFLICT', { current: c.version });
  return c;
}

export async function enterCounts(kit: ReadKit, ctx: ActorContext, id: string, input: CountLinesRequest): Promise<StockCount> {
  await kit.db.transaction(async (tx) => {
    const c = await openCount(tx, ctx, id, input.version);
    for (const l of input.lines) {
      const [done] = await tx.update(stockCountLine).set({ counted: l.counted }).where(and(eq(stockCountLine.id, l.lineId), eq(stockCountLine.countId, id))).returning({ id: stockCountLine.id });
      if (!done) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'lines', code: 'SUPPLIES_LOT_UNKNOWN' }] });
    }
    await tx.update(stockCount).set({ version: c.version + 1 }).where(eq(stockCount.id, id));
    await writeAudit(tx, ctx, { action: 'supplies.count', objectType: 'stock_count', objectId: id, regionCode: c.regionCode, details: { step: 'enter', lines: input.lines } });
  });
  return readCount(kit, ctx.actor, id);
}

export async function confirmCount(kit: ReadKit & MoveKit, ctx: ActorContext, id: string, version: number): Promise<StockCount> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const c = await openCount(tx, ctx, id, version);
    const missing = await tx.select({ n: count() }).from(stockCountLine).where(and(eq(stockCountLine.countId, id), isNull(stockCountLine.counted)));
    if (Number(missing[0]?.n ?? 0) > 0) throw new AppError('SUPPLIES_COUNT_INCOMPLETE', { missing: Number(missing[0]!.n) });
    const w = await loadWarehouse(tx, null, c.warehouseId);
    const lines = await tx.select().from(stockCountLine).where(eq(stockCountLine.countId, id));
    await lockPairs(tx, lines.map((l) => ({ warehouseId: w.id, itemCode: l.itemCode })));
    const posted: { lotId: string; delta: number }[] = [];
    for (const line of lines) {
      const [lot] = await tx.select().from(stockLot).where(eq(stockLot.id, line.lotId));
      const delta = line.counted! - lot!.quantity;
      if (delta === 0) continue;
      await applyMove(tx, ctx, w, { lot: lot!, kind: 'adjustment', reason: 'count', delta, countId: id });
      posted.push({ lotId: lot!.id, delta });
    }
    const items = await itemsByCode(tx, lines.map((l) => l.itemCode));
    for (const code of new Set(lines.map((l) => l.itemCode))) await checkLevel(kit.registry.audiences, tx, w, code, items.get(code)?.name ?? code, now);
    await tx.update(stockCount).set({ status: 'confirmed', confirmedAt: now, version: c.version + 1 }).where(eq(stockCount.id, id));
    await writeAudit(tx, ctx, { action: 'supplies.count', objectType: 'stock_count', objectId: id, regionCode: c.regionCode, details: { step: 'confirm', posted } });
  });
  return readCount(kit, ctx.actor, id);
}

export async function cancelCount(kit: ReadKit, ctx: ActorContext, id: string, version: number): Promise<StockCount> {
  await kit.db.transaction(async (tx) => {
    const c = await openCount(tx, ctx, id, version);
    await tx.update(stockCount).set({ status: 'cancelled', version: c.version + 1 }).where(eq(stockCount.id, id));
    await writeAudit(tx, ctx, { action: 'supplies.count', objectType: 'stock_count', objectId: id, regionCode: c.regionCode, details: { step: 'cancel' } });
  });
  return readCount(kit, ctx.actor, id);
}
