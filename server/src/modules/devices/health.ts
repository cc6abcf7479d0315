/**
 * Device health and what the protocol layers call. `markSeen` is every sign of life (an MQTT
 * message, a GA/T 1400 keepalive, a GB/T 28181 heartbeat): the device is online again. The sweep
 * (a recurring job) marks online devices silent past their `silence_seconds` offline and tells
 * the owner department once per outage (or, without an owner, the device keepers of its region).
 * `upsertCatalog` takes a GB/T 28181 catalog from an NVR or lower platform.
 */
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { DEFAULT_SILENCE_SECONDS, divisionPrefix, kindOfType, parseDeviceId } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { notify } from '../../platform/notifications/notify.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { localDateTime } from '../../platform/time-zone.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import type { DeviceRow } from './visibility.js';
import { device } from './tables.js';

type HealthKit = Pick<Kit, 'db' | 'clock' | 'registry'>;

/**
 * A sign of life of the device `code` at `at`: online again (unless disabled), last seen moved
 * forward (never back). Returns false for a code nobody registered (the caller refuses it).
 */
export async function markSeen(kit: Pick<Kit, 'db'>, code: string, at: Date): Promise<boolean> {
  const updated = await kit.db.update(device).set({
    lastSeenAt: sql`greatest(${device.lastSeenAt}, ${at.toISOString()}::timestamptz)`,
    status: sql`case when ${device.status} = 'disabled' then 'disabled' else 'online' end`,
    offlineNotifiedAt: sql`case when ${device.status} = 'disabled' then ${device.offlineNotifiedAt} else null end`,
  }).where(eq(device.code, code)).returning({ id: device.id });
  return updated.length > 0;
}

/** Marks the devices offline, tells each owner once and audits each outage (in the caller's transaction). */
async function goDark(kit: Pick<Kit, 'clock' | 'registry'>, tx: Db, dark: readonly DeviceRow[], now: Date): Promise<void> {
  if (dark.length === 0) return;
  const ctx = systemContext(kit.clock, 'devices.health');
  await tx.update(device).set({ status: 'offline', offlineNotifiedAt: now }).where(inArray(device.id, dark.map((d) => d.id)));
  await notify(tx, kit.registry.audiences, now, dark.map((d) => ({
    subject: { type: 'device', id: d.id }, kind: 'device.offline',
    params: { name: d.name, code: d.code, lastSeen: d.lastSeenAt ? localDateTime(d.lastSeenAt) : '-' },
    audiences: d.departmentId ? [{ kind: 'department_members', departmentIds: [d.departmentId] }] : [{ kind: 'accounts_at', permission: 'device:manage' as const, regionCode: d.regionCode }],
  })));
  for (const d of dark) {
    await writeAudit(tx, ctx, { action: 'device.offline', objectType: 'device', objectId: d.id, regionCode: d.regionCode, details: { code: d.code, lastSeenAt: d.lastSeenAt?.toISOString() ?? null, silenceSeconds: d.silenceSeconds } });
  }
}

/**
 * A protocol layer saw the device go (a GB/T 28181 registration expired, missed heartbeats, an
 * UnRegister): offline now, its owner told once, unless it was already offline or disabled.
 */
export async function markOffline(kit: HealthKit, code: string, at: Date): Promise<boolean> {
  return kit.db.transaction(async (tx) => {
    const found = await tx.select().from(device).where(and(eq(device.code, code), eq(device.status, 'online'))).for('update');
    await goDark(kit, tx, found, at);
    return found.length > 0;
  });
}

/** Marks offline the online devices silent past their allowance; one notice and one audit entry per device that went dark. Returns how many. */
export async function sweepOffline(kit: HealthKit): Promise<number> {
  const now = kit.clock.now();
  return kit.db.transaction(async (tx) => {
    const dark = await tx.select().from(device).where(and(
      eq(device.status, 'online'),
      lt(sql`${device.lastSeenAt} + make_interval(secs => ${device.silenceSeconds})`, sql`${now.toISOString()}::timestamptz`),
    )).orderBy(device.id).limit(5000).for('update', { skipLocked: true });
    await goDark(kit, tx, dark, now);
    return dark.length;
  });
}

/** One item of a GB/T 28181 Catalog response (the fields the registry keeps). */
export interface CatalogItem {
  DeviceID: string;
  Name?: string | null;
  Manufacturer?: string | null;
  Model?: string | null;
  CivilCode?: string | null;
  Longitude?: number | string | null;
  Latitude?: number | string | null;
  /** `ON` / `OFF` (some devices send `ONLINE` / `OFFLINE`). */
  Status?: string | null;
  ParentID?: string | null;
}

export interface CatalogResult {
  created: number;
  updated: number;
  /** Items whose ID is not a national ID of a device kind (groups 215/216, alarm inputs...), or whose ID belongs to another sender's tree. */
  skipped: string[];
}

/** Recorders before the channels that may name them as parent. */
const rank = (item: CatalogItem) => (kindOfType(String(item.DeviceID ?? '').trim().slice(10, 13)) === 'nvr' ? 0 : 1);

const coordinate = (v: number | string | null | undefined, limit: number): number | null => {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit && n !== 0 ? n : null;
};

/**
 * Takes the catalog an NVR or lower platform (`parentCode`, registered) reported: new channels
 * become devices under it, or under the recorder of the same catalog their ParentID names (kind from the type code, the parent's region unless the CivilCode
 * names a region below it, the parent's grid, department and protocol); known ones of the same
 * parent get their name, vendor, model, position and status. Returns null for an unknown parent.
 */
export async function upsertCatalog(kit: Pick<Kit, 'db' | 'clock'>, parentCode: string, items: readonly CatalogItem[]): Promise<CatalogResult | null> {
  const now = kit.clock.now();
  const ctx = systemContext(kit.clock, 'devices.catalog');
  return kit.db.transaction(async (tx) => {
    const [parent] = await tx.select().from(device).where(and(eq(device.code, parentCode), ne(device.status, 'disabled'))).for('update');
    if (!parent) return null;
    const result: CatalogResult = { created: 0, updated: 0, skipped: [] };
    const codes = [...new Set(items.map((i) => String(i.DeviceID ?? '').trim()))].filter((c) => c && c !== parentCode);
    const known = new Map((codes.length ? await tx.select().from(device).where(inArray(device.code, codes)).for('update') : []).map((d) => [d.code, d]));
    const seen = new Set<string>();
    // The sender and the recorders in its catalog, by code: an item whose ParentID names one of them hangs under it (a platform's NVRs, then their cameras).
    const tree = new Map<string, string>([[parent.code, parent.id]]);
    const recorderFirst = [...items].sort((a, b) => rank(a) - rank(b));
    for (const item of recorderFirst) {
      const code = String(item.DeviceID ?? '').trim();
      if (!code || code === parentCode || seen.has(code)) continue;
      seen.add(code);
      const parts = parseDeviceId(code);
      const kind = parts ? kindOfType(parts.type) : null;
      if (!parts || !kind) {
        result.skipped.push(code);
        continue;
      }
      const civil = (item.CivilCode ?? '').trim();
      const civil12 = /^\d{2,12}$/.test(civil) && civil.length % 2 === 0 ? civil.padEnd(12, '0') : null;
      const regionCode = civil12 && civil12.startsWith(divisionPrefix(parent.regionCode)) ? civil12 : parent.regionCode;
      const online = /^(ON|ONLINE)$/i.test((item.Status ?? '').trim());
      const fields = {
        name: (item.Name ?? '').trim().slice(0, 100) || code,
        vendor: (item.Manufacturer ?? '').trim().slice(0, 60) || null,
        model: (item.Model ?? '').trim().slice(0, 60) || null,
        lng: coordinate(item.Longitude, 180), lat: coordinate(item.Latitude, 90),
      };
      const parentId = tree.get(String(item.ParentID ?? '').trim()) ?? parent.id;
      const existing = known.get(code);
      if (existing) {
        if (!existing.parentId || ![...tree.values()].includes(existing.parentId) || existing.status === 'disabled') {
          result.skipped.push(code);
          continue;
        }
        await tx.update(device).set({
          ...fields, lng: fields.lng ?? existing.lng, lat: fields.lat ?? existing.lat,
          ...(online ? { status: 'online', lastSeenAt: now, offlineNotifiedAt: null } : existing.status === 'online' ? { status: 'offline', offlineNotifiedAt: now } : {}),
          parentId, version: existing.version + 1, updatedAt: now,
        }).where(eq(device.id, existing.id));
        if (kind === 'nvr') tree.set(code, existing.id);
        result.updated++;
      } else {
        const id = crypto.randomUUID();
        await tx.insert(device).values({
          id, code, typeCode: parts.type, kind, protocol: parent.protocol, parentId, regionCode, gridId: regionCode === parent.regionCode ? parent.gridId : null,
          departmentId: parent.departmentId, address: null, ...fields, status: online ? 'online' : 'offline', lastSeenAt: online ? now : null,
          offlineNotifiedAt: online ? null : now, silenceSeconds: DEFAULT_SILENCE_SECONDS[kind], version: 1, createdAt: now, updatedAt: now,
        });
        if (kind === 'nvr') tree.set(code, id);
        result.created++;
      }
    }
    await tx.update(device).set({ status: sql`case when ${device.status} = 'disabled' then 'disabled' else 'online' end`, lastSeenAt: now, offlineNotifiedAt: null }).where(eq(device.id, parent.id));
    await writeAudit(tx, ctx, { action: 'device.catalog', objectType: 'device', objectId: parent.id, regionCode: parent.regionCode, details: { code: parentCode, created: result.created, updated: result.updated, skipped: result.skipped.length } });
    return result;
  });
}
