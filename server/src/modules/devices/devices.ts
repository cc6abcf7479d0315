/**
 * The register itself: list (filters, paged), one, create, update (version checked), disable,
 * and the map layer. Every read and write is scoped by DEVICE_VISIBILITY and audited; a code is
 * checked against its kind (video devices carry the 20-digit national ID, whose type code is kept).
 */
import { and, asc, count, eq, ilike, isNotNull, or, type SQL } from 'drizzle-orm';
import {
  checkDeviceCode, DEFAULT_SILENCE_SECONDS, deviceRequest, deviceTypeCode, divisionPrefix, NATIONAL_ID_KINDS,
  type Device, type DeviceKind, type DeviceLayer, type DeviceListQuery, type DeviceRequest, type DeviceStatus, type DeviceUpdateRequest,
} from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { departmentNames, departmentsVisibleTo } from '../departments/queries.js';
import { gridsInScope } from '../grids/queries.js';
import { compoundsByIds, type CompoundType } from '../registers/compounds.js';
import { device } from './tables.js';
import { DEVICE_VISIBILITY, loadDevice, loadManaged, managesAt, type DeviceRow } from './visibility.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;
type Fields = ReturnType<typeof deviceRequest.parse>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function presentDevices(kit: ReadKit, found: readonly DeviceRow[]): Promise<Device[]> {
  if (found.length === 0) return [];
  const compoundRefs = found.flatMap((d) => (d.compoundType && d.compoundId ? [{ type: d.compoundType as CompoundType, id: d.compoundId }] : []));
  const [regions, grids, departments, compounds] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(found.map((d) => d.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(found.flatMap((d) => (d.gridId ? [d.gridId] : [])))]),
    departmentNames(kit.db, [...new Set(found.flatMap((d) => (d.departmentId ? [d.departmentId] : [])))]),
    compoundsByIds(kit.db, compoundRefs),
  ]);
  return found.map((d) => ({
    id: d.id, code: d.code, typeCode: d.typeCode, name: d.name, kind: d.kind as DeviceKind, protocol: d.protocol as Device['protocol'], parentId: d.parentId,
    regionCode: d.regionCode, regionName: regions.get(d.regionCode) ?? '', gridId: d.gridId, gridName: d.gridId ? (grids.get(d.gridId) ?? null) : null,
    lng: d.lng, lat: d.lat, address: d.address, departmentId: d.departmentId, departmentName: d.departmentId ? (departments.get(d.departmentId) ?? null) : null,
    vendor: d.vendor, model: d.model, status: d.status as DeviceStatus, lastSeenAt: iso(d.lastSeenAt), silenceSeconds: d.silenceSeconds,
    heading: d.heading, fovDeg: d.fovDeg, rangeM: d.rangeM, compoundType: (d.compoundType as CompoundType | null) ?? null, compoundId: d.compoundId,
    compoundName: d.compoundType && d.compoundId ? (compounds.get(`${d.compoundType}:${d.compoundId}`)?.name ?? null) : null,
    hasSecret: d.secretHash !== null, secretIssuedAt: iso(d.secretIssuedAt), version: d.version, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
  }));
}

function filters(actor: Actor, q: Partial<Pick<DeviceListQuery, 'kind' | 'status' | 'gridId' | 'q'>>): SQL {
  const parts: SQL[] = [recordVisible(actor, DEVICE_VISIBILITY)];
  if (q.kind) parts.push(eq(device.kind, q.kind));
  if (q.status) parts.push(eq(device.status, q.status));
  if (q.gridId) parts.push(eq(device.gridId, q.gridId));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(device.name, like), ilike(device.code, like), ilike(device.address, like))!);
  }
  return and(...parts)!;
}

export async function listDevices(kit: ReadKit, ctx: ActorContext, q: DeviceListQuery) {
  const where = filters(ctx.actor, q);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(device).where(where).orderBy(asc(device.regionCode), asc(device.name), asc(device.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(device).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'device.list', objectType: 'device', details: { kind: q.kind ?? null, status: q.status ?? null, gridId: q.gridId ?? null, q: q.q ?? null, page: q.page } });
  return { items: await presentDevices(kit, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function readDevice(kit: ReadKit, ctx: ActorContext, id: string): Promise<Device> {
  const found = await loadDevice(kit.db, ctx.actor, id);
  await writeAudit(kit.db, ctx, { action: 'device.read', objectType: 'device', objectId: id, regionCode: found.regionCode });
  return (await presentDevices(kit, [found]))[0]!;
}

const fieldError = (code: 'DEVICE_CODE_INVALID' | 'DEVICE_CODE_TYPE' | 'DEVICE_CODE_TAKEN' | 'DEVICE_REGION' | 'DEVICE_GRID' | 'DEVICE_PARENT' | 'DEVICE_DEPARTMENT' | 'DEVICE_COMPOUND', field: string) =>
  new AppError(code, { fields: [{ field, code }] });

/** The place, parent and owner must lie in the caller's scope; the code must fit the kind. Returns the derived type code. */
export async function checkDevice(db: Db, actor: Actor, input: Fields, selfId: string | null): Promise<string | null> {
  const problem = checkDeviceCode(input.kind, input.code);
  if (problem) throw fieldError(problem, 'code');
  if (!managesAt(actor, input.regionCode)) throw fieldError('DEVICE_REGION', 'regionCode');
  if (input.gridId) {
    const grid = (await gridsInScope(db, actor, [input.gridId])).get(input.gridId);
    if (!grid || !grid.regionCode.startsWith(divisionPrefix(input.regionCode))) throw fieldError('DEVICE_GRID', 'gridId');
  }
  if (input.parentId) {
    const [parent] = await db.select().from(device).where(and(eq(device.id, input.parentId), recordVisible(actor, DEVICE_VISIBILITY)));
    if (!parent || parent.id === selfId || (parent.kind !== 'nvr' && parent.kind !== 'video_platform')) throw fieldError('DEVICE_PARENT', 'parentId');
  }
  if (input.departmentId && !(await departmentsVisibleTo(db, actor, [input.departmentId])).has(input.departmentId)) throw fieldError('DEVICE_DEPARTMENT', 'departmentId');
  // A gate's compound: both its type and id or neither, a live building or venue within the device's region (so within the caller's scope).
  if ((input.compoundType === null) !== (input.compoundId === null)) throw fieldError('DEVICE_COMPOUND', input.compoundType === null ? 'compoundType' : 'compoundId');
  if (input.compoundType && input.compoundId) {
    const compound = (await compoundsByIds(db, [{ type: input.compoundType, id: input.compoundId }])).get(`${input.compoundType}:${input.compoundId}`);
    if (!compound || !compound.regionCode.startsWith(divisionPrefix(input.regionCode)) || !managesAt(actor, compound.regionCode)) throw fieldError('DEVICE_COMPOUND', 'compoundId');
  }
  return NATIONAL_ID_KINDS.includes(input.kind) ? deviceTypeCode(input.code) : null;
}

function refuseTaken(error: unknown): never {
  if (isUniqueViolation(error, 'device_code_key')) throw fieldError('DEVICE_CODE_TAKEN', 'code');
  throw error;
}

export async function createDevice(kit: ReadKit, ctx: ActorContext, body: DeviceRequest): Promise<Device> {
  const input = deviceRequest.parse(body);
  const typeCode = await checkDevice(kit.db, ctx.actor, input, null);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  const made = await kit.db.transaction(async (tx) => {
    const [row] = await tx.insert(device).values({
      id, ...input, typeCode, silenceSeconds: input.silenceSeconds ?? DEFAULT_SILENCE_SECONDS[input.kind], status: 'unknown', version: 1, createdAt: now, updatedAt: now,
    }).returning();
    await writeAudit(tx, ctx, { action: 'device.create', objectType: 'device', objectId: id, regionCode: input.regionCode, details: { code: input.code, name: input.name, kind: input.kind, protocol: input.protocol } });
    return row!;
  }).catch(refuseTaken);
  return (await presentDevices(kit, [made]))[0]!;
}

export async function updateDevice(kit: ReadKit, ctx: ActorContext, id: string, body: DeviceUpdateRequest): Promise<Device> {
  const { version, ...rest } = body;
  const input = deviceRequest.parse(rest);
  const now = ctx.clock.now();
  const saved = await kit.db.transaction(async (tx) => {
    const d = await loadManaged(tx, ctx.actor, id);
    if (d.version !== version) throw new AppError('DEVICE_VERSION_CONFLICT', { current: d.version });
    const typeCode = await checkDevice(tx, ctx.actor, input, id);
    const [row] = await tx.update(device).set({
      ...input, typeCode, silenceSeconds: input.silenceSeconds ?? DEFAULT_SILENCE_SECONDS[input.kind], version: d.version + 1, updatedAt: now,
    }).where(eq(device.id, id)).returning();
    await writeAudit(tx, ctx, {
      action: 'device.update', objectType: 'device', objectId: id, regionCode: input.regionCode,
      details: {
        from: { code: d.code, name: d.name, regionCode: d.regionCode, gridId: d.gridId, view: [d.heading, d.fovDeg, d.rangeM], compoundId: d.compoundId },
        to: { code: input.code, name: input.name, regionCode: input.regionCode, gridId: input.gridId, view: [input.heading, input.fovDeg, input.rangeM], compoundId: input.compoundId },
        version: d.version + 1,
      },
    });
    return row!;
  }).catch(refuseTaken);
  return (await presentDevices(kit, [saved]))[0]!;
}

/** Disabled devices keep their history but are never online again and lose their secret. */
export async function disableDevice(kit: ReadKit, ctx: ActorContext, id: string, version: number): Promise<Device> {
  const now = ctx.clock.now();
  const saved = await kit.db.transaction(async (tx) => {
    const d = await loadManaged(tx, ctx.actor, id);
    if (d.version !== version) throw new AppError('DEVICE_VERSION_CONFLICT', { current: d.version });
    if (d.status === 'disabled') throw new AppError('DEVICE_DISABLED');
    const [row] = await tx.update(device).set({ status: 'disabled', secretCipher: null, secretHash: null, version: d.version + 1, updatedAt: now }).where(eq(device.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'device.disable', objectType: 'device', objectId: id, regionCode: d.regionCode, details: { code: d.code, from: d.status } });
    return row!;
  });
  return (await presentDevices(kit, [saved]))[0]!;
}

/** The devices in scope that have a position, as GeoJSON points with their status, and the counts by status of every device in scope (with or without a position). */
export async function deviceLayer(kit: ReadKit, ctx: ActorContext, q: Partial<Pick<DeviceListQuery, 'kind' | 'gridId'>>): Promise<DeviceLayer> {
  const where = filters(ctx.actor, q);
  const [points, tally] = await Promise.all([
    kit.db.select({ id: device.id, name: device.name, code: device.code, kind: device.kind, status: device.status, lng: device.lng, lat: device.lat })
      .from(device).where(and(where, isNotNull(device.lng), isNotNull(device.lat))).orderBy(asc(device.id)).limit(20_000),
    kit.db.select({ status: device.status, n: count() }).from(device).where(where).groupBy(device.status),
  ]);
  await writeAudit(kit.db, ctx, { action: 'device.map', objectType: 'device', details: { kind: q.kind ?? null, gridId: q.gridId ?? null, points: points.length } });
  const counts: Record<DeviceStatus, number> = { unknown: 0, online: 0, offline: 0, disabled: 0 };
  for (const t of tally) counts[t.status as DeviceStatus] = Number(t.n);
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lng!, p.lat!] as [number, number] },
      properties: { id: p.id, name: p.name, code: p.code, kind: p.kind as DeviceKind, status: p.status as DeviceStatus },
    })),
    counts,
  };
}

