/**
 * Who sees a device: holders of `device:read` in their region subtree, and a grid worker only the
 * devices of their grid (the camera on their patrol). Who changes one: holders of
 * `device:manage` with a region scope (no grid) whose subtree holds it. Outside scope a device is
 * "not found".
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { codeInSubtree, gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { device } from './tables.js';

export type DeviceRow = typeof device.$inferSelect;

export const DEVICE_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'device:read', where: (actor) => gridRecordInScope(actor, device.regionCode, device.gridId), test: (actor, d) => placeInScope(actor, d) },
  { permission: 'device:manage', where: (actor) => gridRecordInScope(actor, device.regionCode, device.gridId), test: (actor, d) => placeInScope(actor, d) },
];

/** May register or change devices at this region: `device:manage`, a region scope, the region in the subtree. */
export const managesAt = (actor: Actor, regionCode: string) =>
  actor.gridId === null && actor.permissions.includes('device:manage') && codeInSubtree(regionCode, actor.regionPrefix);

/** The device if the actor may see it (locked for update when asked), else "not found". */
export async function loadDevice(db: Db, actor: Actor, id: string, lock = false): Promise<DeviceRow> {
  const query = db.select().from(device).where(and(eq(device.id, id), recordVisible(actor, DEVICE_VISIBILITY)));
  const [found] = lock ? await query.for('update') : await query;
  if (!found) throw notFound();
  return found;
}

/** The device, seen and kept by the actor: refused otherwise (seen but not kept: FORBIDDEN). */
export async function loadManaged(db: Db, actor: Actor, id: string): Promise<DeviceRow> {
  const found = await loadDevice(db, actor, id, true);
  if (!managesAt(actor, found.regionCode)) throw new AppError('FORBIDDEN');
  return found;
}
