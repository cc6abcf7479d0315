/**
 * What an allocation solver takes, read within the caller's scope: the open quantity of each
 * approved request line (priority, needed-by, destination point), the warehouses it may draw from
 * with their points, the stock by lot with expiry, the reserve floor per warehouse and item, and
 * what earlier allocations committed but did not yet issue. The solver itself lives elsewhere.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AllocationInput } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import { stockLevel, stockLot, supplyAllocation, supplyRequest, supplyRequestLine, warehouse } from './tables.js';
import { REQUEST_VISIBILITY } from './workflow.js';
import { WAREHOUSE_VISIBILITY } from './visibility.js';

export async function allocationInput(db: Db, actor: Actor): Promise<AllocationInput> {
  const [lines, whs] = await Promise.all([
    db.select({ r: supplyRequest, l: supplyRequestLine }).from(supplyRequestLine).innerJoin(supplyRequest, eq(supplyRequest.id, supplyRequestLine.requestId))
      .where(and(eq(supplyRequest.status, 'approved'), recordVisible(actor, REQUEST_VISIBILITY))).limit(100_000),
    db.select({ id: warehouse.id, lng: warehouse.lng, lat: warehouse.lat }).from(warehouse).where(recordVisible(actor, WAREHOUSE_VISIBILITY)),
  ]);
  const ids = whs.map((w) => w.id);
  if (ids.length === 0) return { lines: [], warehouses: [], stock: [], reserves: [], committed: [] };
  const [lots, levels, committed] = await Promise.all([
    db.select().from(stockLot).where(and(inArray(stockLot.warehouseId, ids), gt(stockLot.quantity, 0))),
    db.select().from(stockLevel).where(inArray(stockLevel.warehouseId, ids)),
    db.select({ warehouseId: supplyAllocation.warehouseId, itemCode: supplyAllocation.itemCode, quantity: sql<string>`sum(${supplyAllocation.quantity} - ${supplyAllocation.issued})` })
      .from(supplyAllocation).where(and(inArray(supplyAllocation.warehouseId, ids), sql`${supplyAllocation.quantity} > ${supplyAllocation.issued}`)).groupBy(supplyAllocation.warehouseId, supplyAllocation.itemCode),
  ]);
  return {
    lines: lines.map(({ r, l }) => ({ requestId: r.id, lineId: l.id, itemCode: l.itemCode, open: l.quantity, priority: r.priority, neededBy: r.neededBy.toISOString(), lng: r.lng, lat: r.lat })),
    warehouses: whs,
    stock: lots.map((l) => ({ warehouseId: l.warehouseId, itemCode: l.itemCode, lotId: l.id, quantity: l.quantity, expiresOn: l.expiresOn })),
    reserves: levels.map((v) => ({ warehouseId: v.warehouseId, itemCode: v.itemCode, reserve: v.reserve })),
    committed: committed.map((c) => ({ warehouseId: c.warehouseId, itemCode: c.itemCode, quantity: Number(c.quantity) })),
  };
}
