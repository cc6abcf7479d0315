/**
 * Reading what devices raised and sent: the alarms of the reader's scope (a grid worker's grid,
 * an operator's subtree; lists, map layer and live events alike), and one device's recent
 * messages (for a device the reader may see). Readers see what the device measured, never whom
 * it recognised: a resident's id, and a capture's hashed plate or ID number, are left out.
 */
import { and, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AlarmLayer, AlarmListQuery, DeviceAlarm, DeviceMessage } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { dayBounds } from '../../platform/time-zone.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { gridNames } from '../grids/queries.js';
import { ticketNumbers } from '../tickets/queries.js';
import { loadDevice } from '../devices/visibility.js';
import { deviceAlarm, deviceEvent } from './tables.js';

export const ALARM_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'device_alarm:read', where: (actor) => gridRecordInScope(actor, deviceAlarm.regionCode, deviceAlarm.gridId), test: (actor, a) => placeInScope(actor, a) },
];

type AlarmRow = typeof deviceAlarm.$inferSelect;

function filters(actor: Actor, q: Partial<AlarmListQuery>) {
  return and(
    recordVisible(actor, ALARM_VISIBILITY),
    q.type ? eq(deviceAlarm.type, q.type) : undefined,
    q.deviceId ? eq(deviceAlarm.deviceId, q.deviceId) : undefined,
    q.gridId ? eq(deviceAlarm.gridId, q.gridId) : undefined,
    q.since ? gte(deviceAlarm.firstAt, dayBounds(q.since)[0]) : undefined,
  );
}

async function present(db: Db, found: AlarmRow[]): Promise<DeviceAlarm[]> {
  const [grids, numbers, devices] = await Promise.all([
    gridNames(db, found.flatMap((a) => (a.gridId ? [a.gridId] : []))),
    ticketNumbers(db, found.flatMap((a) => (a.ticketId ? [a.ticketId] : []))),
    found.length ? rows<{ id: string; name: string }>(db, sql`select id, name from device where id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(found.map((a) => a.deviceId))])}::jsonb)::uuid)`) : [],
  ]);
  const names = new Map(devices.map((d) => [d.id, d.name]));
  return found.map((a) => ({
    id: a.id, type: a.type as DeviceAlarm['type'], status: a.status as DeviceAlarm['status'], deviceId: a.deviceId, deviceCode: a.deviceCode, deviceName: names.get(a.deviceId) ?? a.deviceCode,
    regionCode: a.regionCode, gridId: a.gridId, gridName: a.gridId ? (grids.get(a.gridId) ?? null) : null, lng: a.lng, lat: a.lat,
    firstAt: a.firstAt.toISOString(), lastAt: a.lastAt.toISOString(), repeats: a.repeats, facts: a.facts as Record<string, unknown>,
    ticketId: a.ticketId, ticketNumber: a.ticketId ? (numbers.get(a.ticketId) ?? null) : null, warningId: a.warningId, notified: a.notifiedUserId !== null, error: a.error,
  }));
}

export async function listAlarms(kit: Pick<Kit, 'db'>, ctx: ActorContext, q: AlarmListQuery) {
  const where = filters(ctx.actor, q);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(deviceAlarm).where(where).orderBy(desc(deviceAlarm.firstAt), desc(deviceAlarm.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(deviceAlarm).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'device_alarm.list', objectType: 'device_alarm', details: { type: q.type ?? null, deviceId: q.deviceId ?? null, gridId: q.gridId ?? null, since: q.since ?? null, page: q.page } });
  return { items: await present(kit.db, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The alarms of the scope as map points: since the day given, else the last 24 hours (at most 2,000, the latest). */
export async function alarmLayer(kit: Pick<Kit, 'db'>, ctx: ActorContext, q: Pick<AlarmListQuery, 'type' | 'gridId' | 'since'>): Promise<AlarmLayer> {
  const since = q.since ? dayBounds(q.since)[0] : new Date(ctx.clock.now().getTime() - 86_400_000);
  const found = await kit.db.select().from(deviceAlarm).where(and(filters(ctx.actor, { ...q, since: undefined }), gte(deviceAlarm.firstAt, since), sql`${deviceAlarm.lng} is not null`)).orderBy(desc(deviceAlarm.firstAt)).limit(2000);
  const presented = await present(kit.db, found);
  return {
    type: 'FeatureCollection',
    features: presented.map((a) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.lng!, a.lat!] }, properties: { id: a.id, type: a.type, deviceName: a.deviceName, firstAt: a.firstAt, repeats: a.repeats, status: a.status } })),
  };
}

/** The alarms of the last 24 hours per grid of the scope (the map's count layer), with the SOS and fever among them. */
export async function alarmsByGrid(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<{ items: { gridId: string; alarms: number; urgent: number }[] }> {
  const since = new Date(ctx.clock.now().getTime() - 86_400_000);
  const found = await kit.db
    .select({ gridId: deviceAlarm.gridId, alarms: count(), urgent: sql<number>`count(*) filter (where ${deviceAlarm.type} in ('sos', 'fever', 'smoke'))::int` })
    .from(deviceAlarm)
    .where(and(recordVisible(ctx.actor, ALARM_VISIBILITY), gte(deviceAlarm.firstAt, since), sql`${deviceAlarm.gridId} is not null`))
    .groupBy(deviceAlarm.gridId);
  return { items: found.map((g) => ({ gridId: g.gridId!, alarms: Number(g.alarms), urgent: Number(g.urgent) })) };
}

/** A device's latest messages (audited: a gate's passages say who came and went, even without names). */
export async function deviceMessages(kit: Pick<Kit, 'db'>, ctx: ActorContext, deviceId: string, limit: number): Promise<DeviceMessage[]> {
  const d = await loadDevice(kit.db, ctx.actor, deviceId);
  const found = await kit.db.select().from(deviceEvent).where(eq(deviceEvent.deviceCode, d.code)).orderBy(desc(deviceEvent.at)).limit(limit);
  await writeAudit(kit.db, ctx, { action: 'device_event.list', objectType: 'device', objectId: deviceId, regionCode: d.regionCode, details: { code: d.code, limit } });
  return found.map((e) => ({ at: e.at.toISOString(), receivedAt: e.receivedAt.toISOString(), messageId: e.messageId, part: e.part as DeviceMessage['part'], type: e.type, body: shownBody(e.body as Record<string, unknown>) }));
}

/**
 * A message as a reader sees it: without the resident a device recognised (only that it did),
 * and without the keyed hashes of a capture's plate or ID number, which would let a reader
 * follow one car or person from camera to camera (they serve the watch-list match only).
 */
function shownBody(stored: Record<string, unknown>): Record<string, unknown> {
  const shown = Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'residentId' && !key.endsWith('Hash')));
  return 'residentId' in stored ? { ...shown, recognised: true } : shown;
}

/** What an alarm is, for the notifications and warnings about it (only those the reader may see). */
export async function describeAlarms(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  if (ids.length === 0) return new Map();
  const found = await db.select().from(deviceAlarm).where(and(inArray(deviceAlarm.id, [...ids]), recordVisible(reader, ALARM_VISIBILITY)));
  const presented = await present(db, found);
  const what: Record<string, string> = { fever: '体温异常', sos: '一键求助', smoke: '烟感报警', water: '水浸报警', watchlist: '布控比中' };
  return new Map(presented.map((a) => [a.id, { what: `${what[a.type] ?? a.type}：${a.deviceName}`, where: a.gridName, urgent: a.type !== 'water', dueAt: null }]));
}
