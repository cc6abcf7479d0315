/**
 * Who sees what. Warehouses (not personal): holders of `supplies:read` whose region subtree holds
 * them, and from below (a community's operators see their township's and county's warehouses);
 * changed only by managers of their subtree. Counts: the warehouse's subtree. Requests: readers
 * and approvers of the subtree, and requesters of their region (a grid worker: their grid).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { stockCount, warehouse } from './tables.js';

export type WarehouseRow = typeof warehouse.$inferSelect;
const ownOrAbove = (actor: Actor) => [...ancestorCodes(actor.regionCode), actor.regionCode];

export const WAREHOUSE_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'supplies:read',
    where: (actor) => sql`(${regionInScope(actor, warehouse.regionCode)} or ${inArray(warehouse.regionCode, ownOrAbove(actor))})`,
    test: (actor, w) => codeInSubtree(w.regionCode, actor.regionPrefix) || ownOrAbove(actor).includes(w.regionCode),
  },
];

export const COUNT_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'supplies:read', where: (actor) => regionInScope(actor, stockCount.regionCode), test: (actor, c) => codeInSubtree(c.regionCode, actor.regionPrefix) },
];

/** Manages the warehouse: holds `supplies:manage`, not a grid account, and the warehouse lies in the subtree. */
export const managesWarehouse = (actor: Actor, w: Pick<WarehouseRow, 'regionCode'>) =>
  actor.gridId === null && actor.permissions.includes('supplies:manage') && codeInSubtree(w.regionCode, actor.regionPrefix);

/** A warehouse the actor sees (not found otherwise), locked when asked. */
export async function loadWarehouse(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<WarehouseRow> {
  const query = db.select().from(warehouse).where(and(eq(warehouse.id, id), actor ? recordVisible(actor, WAREHOUSE_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

/** A warehouse the actor manages: not found when unseen, refused when only seen (one above). */
export async function managedWarehouse(db: Db, actor: Actor, id: string): Promise<WarehouseRow> {
  const w = await loadWarehouse(db, actor, id);
  if (!managesWarehouse(actor, w)) throw new AppError('FORBIDDEN');
  return w;
}

export { gridRecordInScope, placeInScope };
