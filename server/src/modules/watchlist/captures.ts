/**
 * What a GA/T 1400 capture becomes: a `device_event` row (kind from the registry, part `event`,
 * type face / person / vehicle, the object's ID as message id, its capture time as `at`) and, when
 * its plate or ID number is on the watch list, a `device_alarm` of type `watchlist` for the
 * filing job. Both in one transaction, so a capture is never stored without its alarm.
 *
 * The stored body is the structured fields without images or binary data, and without personal
 * values in clear: a plate becomes its hint and keyed hash, an ID number its mask and keyed hash
 * (the registers' hash, so a capture can be tied to a resident later), a name its first character.
 * A capture the device sends again (same device, ID and time) is stored once and alarms once.
 */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { maskIdNumber, normalizeIdNumber, normalizePlate, watchHint, type WatchKind } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { DeviceEvent } from '../../platform/protocols/mqtt/index.js';
import { isViidTime, parseSourceId, parseViidTime } from '../../platform/protocols/gat1400/index.js';
import { appendNew, raiseAlarm } from '../sensing/index.js';
import { devicesByCode } from '../devices/index.js';
import { watchEntry } from './tables.js';
import { HASH_FIELD } from './create-entry.js';

type CaptureKit = Pick<Kit, 'db' | 'vault' | 'clock' | 'jobs'>;
export type CaptureType = 'face' | 'person' | 'vehicle';

/** One object as the protocol layer validated it. */
export type CaptureObject = Record<string, unknown>;

/** What an alarm's period is: repeats of one device's watch-list hits within it count on one alarm. */
export const ALARM_PERIOD_MS = 10 * 60_000;

const ID_KEY: Record<CaptureType, string> = { face: 'FaceID', person: 'PersonID', vehicle: 'MotorVehicleID' };
const TIME_KEYS: Record<CaptureType, string[]> = {
  face: ['ShotTime', 'FaceAppearTime'],
  person: ['ShotTime', 'PersonAppearTime'],
  vehicle: ['PassTime', 'AppearTime', 'ShotTime'],
};

/** The capture time: its own time fields, else the one in its SourceID, else now. */
function captureTime(type: CaptureType, object: CaptureObject, now: Date): Date {
  for (const key of TIME_KEYS[type]) if (isViidTime(object[key])) return parseViidTime(object[key]);
  const source = parseSourceId(object.SourceID);
  return source ? parseViidTime(source.time) : now;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** What a capture can be matched by: its plate (vehicles) or ID number (faces, persons). */
function matchKey(type: CaptureType, object: CaptureObject): { kind: WatchKind; normalized: string } | null {
  if (type === 'vehicle') {
    const plate = text(object.PlateNo);
    const normalized = plate ? normalizePlate(plate) : '';
    // 无牌 / 未识别 and the like are not plates.
    return normalized.length >= 5 && /\d/.test(normalized) ? { kind: 'plate', normalized } : null;
  }
  const id = text(object.IDNumber);
  return id ? { kind: 'id_number', normalized: normalizeIdNumber(id) } : null;
}

/** The structured fields: no images, no binary, no long blobs, no nested objects; personal values replaced by hints and keyed hashes. */
export function structuredBody(kit: Pick<Kit, 'vault'>, object: CaptureObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null) continue;
    if (key === 'SubImageList' || /Data$|Feature/i.test(key)) continue;
    if (typeof value === 'object') continue;
    if (typeof value === 'string' && value.length > 1024) continue;
    if (key === 'PlateNo' && typeof value === 'string') {
      const plate = normalizePlate(value);
      if (plate) {
        out.PlateNoHint = watchHint('plate', plate);
        out.PlateNoHash = kit.vault.hash('plate', plate).toString('hex');
      }
      continue;
    }
    if (key === 'IDNumber' && typeof value === 'string') {
      const id = normalizeIdNumber(value);
      if (id) {
        out.IDNumberMasked = id.length === 18 ? maskIdNumber(id) : watchHint('id_number', id);
        out.IDNumberHash = kit.vault.hash('id_number', id).toString('hex');
      }
      continue;
    }
    if (key === 'Name' && typeof value === 'string') {
      out.NameMasked = `${[...value.trim()][0] ?? ''}*`;
      continue;
    }
    out[key] = value;
  }
  return out;
}

export interface CaptureDevice {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  status: string;
  regionCode: string;
  gridId: string | null;
  lng: number | null;
  lat: number | null;
}

/** The registry's devices by code (those known). */
export type CaptureOutcome = { accepted: true } | { accepted: false; reason: string };

interface Accepted {
  index: number;
  event: DeviceEvent;
  device: CaptureDevice;
  key: { kind: WatchKind; hash: Buffer } | null;
}

/**
 * Stores the captures a device (`callerCode`, registered) pushed. A capture names the device that
 * took it (`DeviceID`): the caller itself, or a device registered under it (a lower platform's or
 * an NVR's camera); another device's capture is refused, as is one of a device the registry does
 * not know or has disabled. One outcome per object, in order.
 */
export async function storeCaptures(kit: CaptureKit, callerCode: string, type: CaptureType, objects: readonly CaptureObject[]): Promise<CaptureOutcome[]> {
  const now = kit.clock.now();
  const named = objects.map((o) => text(o.DeviceID) ?? callerCode);
  const devices = await devicesByCode(kit, [...new Set([callerCode, ...named])]);
  const caller = devices.get(callerCode);
  const outcomes: CaptureOutcome[] = new Array(objects.length);
  const accepted: Accepted[] = [];
  objects.forEach((object, index) => {
    const d = devices.get(named[index]!);
    if (!caller || caller.status === 'disabled') return void (outcomes[index] = { accepted: false, reason: 'the sending device is not registered or is disabled' });
    if (!d || d.status === 'disabled') return void (outcomes[index] = { accepted: false, reason: `device ${named[index]} is not registered here or is disabled` });
    if (d.code !== caller.code && d.parentId !== caller.id) return void (outcomes[index] = { accepted: false, reason: `device ${d.code} is neither the sender nor registered under it` });
    const messageId = String(object[ID_KEY[type]]);
    const at = captureTime(type, object, now);
    const match = matchKey(type, object);
    accepted.push({
      index, device: d,
      event: { deviceCode: d.code, kind: d.kind, messageId, at, receivedAt: now, part: 'event', type, body: structuredBody(kit, object) },
      key: match ? { kind: match.kind, hash: kit.vault.hash(HASH_FIELD[match.kind], match.normalized) } : null,
    });
    outcomes[index] = { accepted: true };
  });
  if (accepted.length === 0) return outcomes;

  await kit.db.transaction(async (tx) => {
    // Captures sent again (a device retrying after a lost answer) were stored and matched the first time.
    const fresh = await appendNew(tx, accepted.map((a) => ({ ...a.event, accepted: a })));
    await raiseWatchAlarms(kit, tx, now, fresh.map((e) => e.accepted));
  });
  return outcomes;
}

/** The alarms of the fresh captures whose plate or ID number an active, unexpired entry holds. */
async function raiseWatchAlarms(kit: CaptureKit, tx: Db, now: Date, fresh: readonly Accepted[]): Promise<void> {
  const keyed = fresh.filter((a) => a.key !== null);
  if (keyed.length === 0) return;
  const entries = await tx.select({ id: watchEntry.id, kind: watchEntry.kind, valueHash: watchEntry.valueHash, hint: watchEntry.hint, severity: watchEntry.severity, createdAt: watchEntry.createdAt })
    .from(watchEntry)
    .where(and(
      eq(watchEntry.active, true),
      or(isNull(watchEntry.expiresAt), gt(watchEntry.expiresAt, now)),
      or(...keyed.map((a) => and(eq(watchEntry.kind, a.key!.kind), eq(watchEntry.valueHash, a.key!.hash)))),
    ))
    .orderBy(watchEntry.createdAt, watchEntry.id);
  for (const a of keyed) {
    const entry = entries.find((e) => e.kind === a.key!.kind && Buffer.from(e.valueHash).equals(a.key!.hash));
    if (!entry) continue;
    await raiseAlarm(kit, tx, { device: a.device, type: 'watchlist', at: a.event.at, facts: { watchEntryId: entry.id, kind: entry.kind, hint: entry.hint, severity: entry.severity } });
  }
}
