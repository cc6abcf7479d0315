/** Reads of drives (scoped), their reservations (masked, without codes), and the portal's view. */
import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { PublicSupplyDrive, Reservation, ReservationReceipt, ReservationStatus, SupplyDrive, SupplyDriveStatus } from '@gridgov/contracts';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { ancestorCodes, recordVisible, underRegion } from '../../platform/scope.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { checkIdentity, checkPhone } from '../registers/personal-data.js';
import { regionNames } from '../regions/queries.js';
import { supplyDrive, supplyPoint, supplyReservation } from './tables.js';
import { DRIVE_VISIBILITY, driveActions, loadDrive, pointVisible, type DriveRow } from './workflow.js';
import { receipt } from './reserve-supplies.js';
import { maskName } from '../registers/references.js';

async function present(db: Db, actor: Actor, drives: DriveRow[], now: Date): Promise<SupplyDrive[]> {
  if (drives.length === 0) return [];
  const names = await regionNames(db, drives.map((d) => d.regionCode));
  const points = await Promise.all(drives.map((d) => db.select().from(supplyPoint).where(and(eq(supplyPoint.driveId, d.id), pointVisible(actor, d))).orderBy(supplyPoint.name)));
  return drives.map((d, i) => {
    const ps = points[i]!;
    const sum = (f: (p: (typeof ps)[number]) => number) => ps.reduce((s, p) => s + f(p), 0);
    return {
      id: d.id, regionCode: d.regionCode, regionName: names.get(d.regionCode) ?? '', itemName: d.itemName, unit: d.unit, perPerson: d.perPerson,
      opensAt: d.opensAt.toISOString(), closesAt: d.closesAt.toISOString(), pickupFrom: d.pickupFrom.toISOString(), pickupUntil: d.pickupUntil.toISOString(),
      status: d.status as SupplyDriveStatus, version: d.version, createdAt: d.createdAt.toISOString(),
      points: ps.map((p) => ({ id: p.id, name: p.name, address: p.address, regionCode: p.regionCode, lon: p.lon, lat: p.lat, hours: p.hours, stock: p.stock, reserved: p.reserved, pickedUp: p.pickedUp })),
      totals: { stock: sum((p) => p.stock), reserved: sum((p) => p.reserved), pickedUp: sum((p) => p.pickedUp), released: sum((p) => p.released) },
      actions: driveActions(actor, d, now),
    };
  });
}

export async function listDrives(db: Db, actor: Actor, q: { status?: SupplyDriveStatus; page: number; pageSize: number }, now: Date) {
  const where = and(recordVisible(actor, DRIVE_VISIBILITY), q.status ? eq(supplyDrive.status, q.status) : undefined);
  const [found, [total]] = await Promise.all([
    db.select().from(supplyDrive).where(where).orderBy(desc(supplyDrive.opensAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(supplyDrive).where(where),
  ]);
  return { items: await present(db, actor, found, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getDrive(db: Db, actor: Actor, id: string, now: Date): Promise<SupplyDrive> {
  return (await present(db, actor, [await loadDrive(db, actor, id)], now))[0]!;
}

/** A name as staff see it on a list: the family name and a star per other character. */
export function presentReservation(r: typeof supplyReservation.$inferSelect, pointName: string): Reservation {
  return {
    id: r.id, pointId: r.pointId, pointName, name: maskName(r.name), idNumberMasked: r.idNumberMasked, phoneMasked: r.phoneMasked,
    status: r.status as ReservationStatus, reservedAt: r.reservedAt.toISOString(), pickedUpAt: r.pickedUpAt?.toISOString() ?? null,
  };
}

/** A drive's reservations at the points the caller may see, in the order they were made. */
export async function listReservations(db: Db, actor: Actor, driveId: string, q: { point?: string; status?: ReservationStatus; page: number; pageSize: number }) {
  const drive = await loadDrive(db, actor, driveId);
  const where = and(eq(supplyReservation.driveId, drive.id), pointVisible(actor, drive), q.point ? eq(supplyReservation.pointId, q.point) : undefined, q.status ? eq(supplyReservation.status, q.status) : undefined);
  const base = () => db.select({ r: supplyReservation, pointName: supplyPoint.name }).from(supplyReservation).innerJoin(supplyPoint, eq(supplyPoint.id, supplyReservation.pointId)).where(where);
  const [found, [total]] = await Promise.all([
    base().orderBy(desc(supplyReservation.reservedAt), supplyReservation.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(supplyReservation).innerJoin(supplyPoint, eq(supplyPoint.id, supplyReservation.pointId)).where(where),
  ]);
  return { items: found.map((f) => presentReservation(f.r, f.pointName)), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The drives open now at a place (run by its region, one above it or one below it; anywhere without a place), with what is left at each point. */
export async function publicDrives(db: Db, regionCode: string | undefined, now: Date): Promise<PublicSupplyDrive[]> {
  const drives = await db
    .select()
    .from(supplyDrive)
    .where(and(eq(supplyDrive.status, 'open'), sql`${supplyDrive.closesAt} > ${now}`, regionCode ? or(inArray(supplyDrive.regionCode, ancestorCodes(regionCode)), underRegion(supplyDrive.regionCode, regionCode)) : undefined))
    .orderBy(supplyDrive.opensAt)
    .limit(20);
  if (drives.length === 0) return [];
  const [names, points] = await Promise.all([regionNames(db, drives.map((d) => d.regionCode)), db.select().from(supplyPoint).where(inArray(supplyPoint.driveId, drives.map((d) => d.id))).orderBy(supplyPoint.name)]);
  return drives.map((d) => ({
    id: d.id, regionName: names.get(d.regionCode) ?? '', itemName: d.itemName, unit: d.unit, perPerson: d.perPerson,
    opensAt: d.opensAt.toISOString(), closesAt: d.closesAt.toISOString(), pickupFrom: d.pickupFrom.toISOString(), pickupUntil: d.pickupUntil.toISOString(),
    points: points.filter((p) => p.driveId === d.id).map((p) => ({ id: p.id, name: p.name, address: p.address, hours: p.hours, lon: p.lon, lat: p.lat, left: p.stock - p.reserved })),
  }));
}

/** A resident who lost the pickup code finds it again with the ID number and the phone given when reserving (both must match). */
export async function lookupReservation(db: Db, vault: PiiVault, ctx: RequestContext, input: { driveId: string; idNumber: string; phone: string }): Promise<ReservationReceipt> {
  const identity = checkIdentity('id_card', input.idNumber, {}, ctx.clock.now());
  const phone = checkPhone(input.phone);
  if (!identity.ok || !phone.ok) throw new AppError('RESERVATION_NOT_FOUND');
  const [found] = await db
    .select({ r: supplyReservation, p: supplyPoint, d: supplyDrive })
    .from(supplyReservation)
    .innerJoin(supplyPoint, eq(supplyPoint.id, supplyReservation.pointId))
    .innerJoin(supplyDrive, eq(supplyDrive.id, supplyReservation.driveId))
    .where(and(eq(supplyReservation.driveId, input.driveId), eq(supplyReservation.idNumberHash, vault.hash('id_number', identity.value.idNumber)), eq(supplyReservation.phoneHash, vault.hash('phone', phone.value))));
  if (!found) throw new AppError('RESERVATION_NOT_FOUND');
  await db.transaction((tx) => writeAudit(tx, ctx, { action: 'reservation.lookup', objectType: 'supply_reservation', objectId: found.r.id, regionCode: found.d.regionCode }));
  return receipt(
    { code: found.r.pickupCode, idMasked: found.r.idNumberMasked, drive: { item_name: found.d.itemName, unit: found.d.unit, per_person: found.d.perPerson, pickup_from: found.d.pickupFrom, pickup_until: found.d.pickupUntil }, point: found.p },
    found.r.status as ReservationStatus,
  );
}
