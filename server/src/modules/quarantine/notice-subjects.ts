/**
 * What a notification shows of an order the reader may read (`ORDER_VISIBILITY`): its short number,
 * close or secondary, its grid, urgent when a fever was recorded. No name: the reader opens it.
 */
import { and, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { orderNoOf } from './present.js';
import { quarantineOrder } from './tables.js';
import { ORDER_VISIBILITY } from './workflow.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function describeOrders(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db.select().from(quarantineOrder).where(and(inArray(quarantineOrder.id, wanted), recordVisible(reader, ORDER_VISIBILITY)));
  const grids = await gridNames(db, found.flatMap((o) => (o.gridId ? [o.gridId] : [])));
  return new Map(
    found.map((o) => [o.id, { what: `隔离人员 ${orderNoOf(o.orderNo)}（${o.degree === 1 ? '密接' : '次密接'}）`, where: o.gridId ? (grids.get(o.gridId) ?? null) : null, urgent: o.alertAt !== null, dueAt: null }]),
  );
}
