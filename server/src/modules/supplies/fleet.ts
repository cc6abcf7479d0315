/**
 * Vehicles and drivers (运输车辆、驾驶员) of a region: seen by `logistics:read` in the subtree,
 * kept by `logistics:dispatch` (not a grid account). A driver's phone is stored as the registers
 * store phones (AES-GCM cipher, keyed hash, mask: docs/personal-data.md) and only ever shown masked;
 * a driver may be linked to a staff account (who then drives from the phone) or a resident.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { maskPhone, validatePhone, type Driver, type DriverRequest, type Vehicle, type VehicleRequest } from '@gridgov/contracts';
import type { z } from 'zod';
import type { driverUpdateRequest, vehicleUpdateRequest } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountById, accountNames } from '../../platform/accounts/accounts.js';
import { codeInSubtree, recordVisible, regionInScope, underRegion, type RecordScope, type Visibility } from '../../platform/scope.js';
import { residentFacts } from '../registers/person-facts.js';
import { driver, vehicle, warehouse } from './tables.js';
import { loadWarehouse } from './visibility.js';

export type VehicleRow = typeof vehicle.$inferSelect;
export type DriverRow = typeof driver.$inferSelect;
type FleetKit = Pick<Kit, 'db' | 'providers' | 'vault'>;

export const VEHICLE_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'logistics:read', where: (actor) => regionInScope(actor, vehicle.regionCode), test: (actor, v) => codeInSubtree(v.regionCode, actor.regionPrefix) },
  { permission: 'logistics:dispatch', where: (actor) => regionInScope(actor, vehicle.regionCode), test: (actor, v) => codeInSubtree(v.regionCode, actor.regionPrefix) },
];
export const DRIVER_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'logistics:read', where: (actor) => regionInScope(actor, driver.regionCode), test: (actor, d) => codeInSubtree(d.regionCode, actor.regionPrefix) },
  { permission: 'logistics:dispatch', where: (actor) => regionInScope(actor, driver.regionCode), test: (actor, d) => codeInSubtree(d.regionCode, actor.regionPrefix) },
];

/** Holds `logistics:dispatch`, is not a grid account, and the region lies in the subtree. */
export const dispatches = (actor: Actor, regionCode: string) => actor.gridId === null && actor.permissions.includes('logistics:dispatch') && codeInSubtree(regionCode, actor.regionPrefix);

const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$|^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4}[\u4e00-\u9fa5]$/;
function plateOf(raw: string): string {
  const plate = raw.trim().toUpperCase().replace(/[\s·.-]/g, '');
  if (!PLATE.test(plate)) throw new AppError('LOGISTICS_PLATE_INVALID', { fields: [{ field: 'plateNo', code: 'LOGISTICS_PLATE_INVALID' }] });
  return plate;
}
const regionChecked = (actor: Actor, regionCode: string) => {
  if (!dispatches(actor, regionCode)) throw new AppError('LOGISTICS_REGION', { fields: [{ field: 'regionCode', code: 'LOGISTICS_REGION' }] });
};

export async function loadVehicle(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<VehicleRow> {
  const q = db.select().from(vehicle).where(and(eq(vehicle.id, id), actor ? recordVisible(actor, VEHICLE_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? q.for('update') : q);
  if (!row) throw notFound();
  return row;
}
export async function loadDriver(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<DriverRow> {
  const q = db.select().from(driver).where(and(eq(driver.id, id), actor ? recordVisible(actor, DRIVER_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? q.for('update') : q);
  if (!row) throw notFound();
  return row;
}

async function presentVehicles(kit: Pick<Kit, 'db' | 'providers'>, rows: readonly VehicleRow[]): Promise<Vehicle[]> {
  const regions = await kit.providers.regionNames(kit.db, [...new Set(rows.map((r) => r.regionCode))]);
  const ids = [...new Set(rows.map((r) => r.warehouseId).filter((x): x is string => !!x))];
  const whs = ids.length ? await kit.db.select({ id: warehouse.id, name: warehouse.name }).from(warehouse).where(sql`${warehouse.id} in ${ids}`) : [];
  return rows.map((v) => ({
    id: v.id, plateNo: v.plateNo, kind: v.kind as Vehicle['kind'], capacityKg: v.capacityKg, capacityM3: v.capacityM3, regionCode: v.regionCode, regionName: regions.get(v.regionCode) ?? '',
    warehouseId: v.warehouseId, warehouseName: whs.find((w) => w.id === v.warehouseId)?.name ?? null, status: v.status as Vehicle['status'], note: v.note, version: v.version,
  }));
}
async function presentDrivers(kit: Pick<Kit, 'db' | 'providers'>, rows: readonly DriverRow[]): Promise<Driver[]> {
  const [regions, users] = await Promise.all([kit.providers.regionNames(kit.db, [...new Set(rows.map((r) => r.regionCode))]), accountNames(kit.db, rows.map((r) => r.userId))]);
  return rows.map((d) => ({
    id: d.id, name: d.name, phoneMasked: d.phoneMasked, licenceClass: d.licenceClass as Driver['licenceClass'], regionCode: d.regionCode, regionName: regions.get(d.regionCode) ?? '',
    userId: d.userId, userName: d.userId ? (users.get(d.userId) ?? null) : null, linkedResident: d.residentId !== null, status: d.status as Driver['status'], version: d.version,
  }));
}

export async function listVehicles(kit: FleetKit, actor: Actor, q: { regionCode?: string; status?: string }): Promise<Vehicle[]> {
  const rows = await kit.db.select().from(vehicle)
    .where(and(recordVisible(actor, VEHICLE_VISIBILITY), q.regionCode ? underRegion(vehicle.regionCode, q.regionCode) : undefined, q.status ? eq(vehicle.status, q.status) : undefined))
    .orderBy(asc(vehicle.plateNo)).limit(1000);
  return presentVehicles(kit, rows);
}
export async function listDrivers(kit: FleetKit, actor: Actor, q: { regionCode?: string; status?: string }): Promise<Driver[]> {
  const rows = await kit.db.select().from(driver)
    .where(and(recordVisible(actor, DRIVER_VISIBILITY), q.regionCode ? underRegion(driver.regionCode, q.regionCode) : undefined, q.status ? eq(driver.status, q.status) : undefined))
    .orderBy(asc(driver.name)).limit(1000);
  return presentDrivers(kit, rows);
}
export const readVehicle = async (kit: FleetKit, actor: Actor, id: string) => (await presentVehicles(kit, [await loadVehicle(kit.db, actor, id)]))[0]!;
export const readDriver = async (kit: FleetKit, actor: Actor, id: string) => (await presentDrivers(kit, [await loadDriver(kit.db, actor, id)]))[0]!;

async function checkedVehicle(kit: FleetKit, ctx: ActorContext, input: VehicleRequest) {
  regionChecked(ctx.actor, input.regionCode);
  if (input.warehouseId) {
    const w = await loadWarehouse(kit.db, ctx.actor, input.warehouseId).catch(() => {
      throw new AppError('SUPPLIES_WAREHOUSE_UNKNOWN', { fields: [{ field: 'warehouseId', code: 'SUPPLIES_WAREHOUSE_UNKNOWN' }] });
    });
    if (!codeInSubtree(w.regionCode, ctx.actor.regionPrefix)) throw new AppError('SUPPLIES_WAREHOUSE_UNKNOWN', { fields: [{ field: 'warehouseId', code: 'SUPPLIES_WAREHOUSE_UNKNOWN' }] });
  }
  return plateOf(input.plateNo);
}
async function plateFree(db: Db, plateNo: string, except: string | null) {
  const [taken] = await db.select({ id: vehicle.id }).from(vehicle).where(eq(vehicle.plateNo, plateNo));
  if (taken && taken.id !== except) throw new AppError('LOGISTICS_PLATE_TAKEN', { plateNo, fields: [{ field: 'plateNo', code: 'LOGISTICS_PLATE_TAKEN' }] });
}

export async function createVehicle(kit: FleetKit, ctx: ActorContext, input: VehicleRequest): Promise<Vehicle> {
  const plateNo = await checkedVehicle(kit, ctx, input);
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    await plateFree(tx, plateNo, null);
    await tx.insert(vehicle).values({
      id, plateNo, kind: input.kind, capacityKg: input.capacityKg, capacityM3: input.capacityM3 ?? null, regionCode: input.regionCode, warehouseId: input.warehouseId ?? null,
      status: input.status ?? 'available', note: input.note ?? null, version: 1, createdAt: now, updatedAt: now,
    });
    await writeAudit(tx, ctx, { action: 'logistics.vehicle', objectType: 'vehicle', objectId: id, regionCode: input.regionCode, details: { plateNo, kind: input.kind, status: input.status ?? 'available' } });
  });
  return readVehicle(kit, ctx.actor, id);
}

export async function updateVehicle(kit: FleetKit, ctx: ActorContext, id: string, input: z.input<typeof vehicleUpdateRequest>): Promise<Vehicle> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const v = await loadVehicle(tx, ctx.actor, id, true);
    if (!dispatches(ctx.actor, v.regionCode)) throw new AppError('FORBIDDEN');
    if (v.version !== input.version) throw new AppError('LOGISTICS_VERSION_CONFLICT', { current: v.version });
    const plateNo = await checkedVehicle({ ...kit, db: tx }, ctx, input);
    await plateFree(tx, plateNo, id);
    await tx.update(vehicle).set({
      plateNo, kind: input.kind, capacityKg: input.capacityKg, capacityM3: input.capacityM3 ?? null, regionCode: input.regionCode, warehouseId: input.warehouseId ?? null,
      status: input.status ?? v.status, note: input.note ?? null, version: v.version + 1, updatedAt: now,
    }).where(eq(vehicle.id, id));
    await writeAudit(tx, ctx, { action: 'logistics.vehicle', objectType: 'vehicle', objectId: id, regionCode: input.regionCode, details: { plateNo, status: input.status ?? v.status, version: v.version + 1 } });
  });
  return readVehicle(kit, ctx.actor, id);
}

/** The driver's links: a staff account or a resident in the caller's subtree (one at most). */
async function checkedLinks(db: Db, actor: Actor, input: { userId?: string | undefined; residentId?: string | undefined }) {
  const bad = (field: string) => new AppError('LOGISTICS_DRIVER_LINK', { fields: [{ field, code: 'LOGISTICS_DRIVER_LINK' }] });
  if (input.userId && input.residentId) throw bad('residentId');
  if (input.userId) {
    const a = await accountById(db, input.userId);
    if (!a || a.disabled || !a.scopeRegionCode || !codeInSubtree(a.scopeRegionCode, actor.regionPrefix)) throw bad('userId');
  }
  if (input.residentId) {
    const r = (await residentFacts(db, [input.residentId])).get(input.residentId);
    if (!r || !codeInSubtree(r.regionCode, actor.regionPrefix)) throw bad('residentId');
  }
}
function protectedPhone(kit: FleetKit, raw: string) {
  const phone = validatePhone(raw);
  if (!phone) throw new AppError('LOGISTICS_PHONE_INVALID', { fields: [{ field: 'phone', code: 'LOGISTICS_PHONE_INVALID' }] });
  return { phoneCipher: kit.vault.encrypt('phone', phone), phoneHash: kit.vault.hash('phone', phone), phoneMasked: maskPhone(phone) };
}

export async function createDriver(kit: FleetKit, ctx: ActorContext, input: DriverRequest): Promise<Driver> {
  regionChecked(ctx.actor, input.regionCode);
  const phone = protectedPhone(kit, input.phone);
  await checkedLinks(kit.db, ctx.actor, input);
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    await tx.insert(driver).values({
      id, name: input.name, ...phone, licenceClass: input.licenceClass, regionCode: input.regionCode, userId: input.userId ?? null, residentId: input.residentId ?? null,
      status: input.status ?? 'active', version: 1, createdAt: now, updatedAt: now,
    });
    await writeAudit(tx, ctx, { action: 'logistics.driver', objectType: 'driver', objectId: id, regionCode: input.regionCode, ...(input.residentId ? { subject: input.residentId } : {}), details: { licenceClass: input.licenceClass, link: input.userId ? 'staff' : input.residentId ? 'resident' : null } });
  });
  return readDriver(kit, ctx.actor, id);
}

export async function updateDriver(kit: FleetKit, ctx: ActorContext, id: string, input: z.input<typeof driverUpdateRequest>): Promise<Driver> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const d = await loadDriver(tx, ctx.actor, id, true);
    if (!dispatches(ctx.actor, d.regionCode)) throw new AppError('FORBIDDEN');
    if (d.version !== input.version) throw new AppError('LOGISTICS_VERSION_CONFLICT', { current: d.version });
    regionChecked(ctx.actor, input.regionCode);
    const phone = input.phone ? protectedPhone(kit, input.phone) : {};
    await checkedLinks(tx, ctx.actor, input);
    await tx.update(driver).set({
      name: input.name, ...phone, licenceClass: input.licenceClass, regionCode: input.regionCode, userId: input.userId ?? null, residentId: input.residentId ?? null,
      status: input.status ?? d.status, version: d.version + 1, updatedAt: now,
    }).where(eq(driver.id, id));
    await writeAudit(tx, ctx, { action: 'logistics.driver', objectType: 'driver', objectId: id, regionCode: input.regionCode, details: { licenceClass: input.licenceClass, phoneChanged: !!input.phone, version: d.version + 1 } });
  });
  return readDriver(kit, ctx.actor, id);
}
