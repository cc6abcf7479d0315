/**
 * Staff at a pickup point confirm a collection by the resident's pickup code: only at the points
 * of the drive they may see (any other code is "unknown", whether or not it exists elsewhere),
 * only within the pickup window, once. Answers the reservation, masked, so the staff can compare
 * it with the ID card shown. Audited.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Reservation } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { Db } from '../../platform/db/client.js';
import { supplyPoint, supplyReservation } from './tables.js';
import { loadDrive, pointVisible } from './workflow.js';
import { presentReservation } from './queries.js';

export async function confirmPickup(db: Db, ctx: ActorContext, driveId: string, code: string): Promise<Reservation> {
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const drive = await loadDrive(tx, ctx.actor, driveId);
    const [found] = await tx
      .select({ r: supplyReservation, pointName: supplyPoint.name, pointRegion: supplyPoint.regionCode })
      .from(supplyReservation)
      .innerJoin(supplyPoint, eq(supplyPoint.id, supplyReservation.pointId))
      .where(and(eq(supplyReservation.driveId, drive.id), eq(supplyReservation.pickupCode, code), pointVisible(ctx.actor, drive)))
      .for('update', { of: supplyReservation });
    if (!found) throw new AppError('RESERVATION_CODE_UNKNOWN');
    if (found.r.status === 'picked_up') throw new AppError('RESERVATION_PICKED_UP');
    if (found.r.status === 'released') throw new AppError('RESERVATION_RELEASED');
    if (now < drive.pickupFrom || now >= drive.pickupUntil || !['open', 'closed'].includes(drive.status)) throw new AppError('RESERVATION_PICKUP_WINDOW');
    await tx.update(supplyReservation).set({ status: 'picked_up', pickedUpAt: now, pickedUpBy: ctx.actor.id }).where(eq(supplyReservation.id, found.r.id));
    await tx.update(supplyPoint).set({ pickedUp: sql`${supplyPoint.pickedUp} + 1` }).where(eq(supplyPoint.id, found.r.pointId));
    await writeAudit(tx, ctx, { action: 'reservation.pickup', objectType: 'supply_reservation', objectId: found.r.id, regionCode: found.pointRegion, details: { driveId: drive.id, pointId: found.r.pointId } });
    return presentReservation({ ...found.r, status: 'picked_up', pickedUpAt: now }, found.pointName);
  });
}
