/**
 * What the simulated devices say: the MQTT messages of each device kind (the shapes of
 * modules/sensing/payloads.ts: the envelope `id`, `ts` in ms and `type`, then the type's fields),
 * their answers to commands, GA/T 1400 faces and vehicles with realistic Chinese plates, and the
 * GB/T 28181 catalog an NVR reports. Pure functions of a random source and a time, so tests can
 * check every shape against the server's own schemas.
 */
import { randomUUID } from 'node:crypto';
import type { DeviceKind } from '@gridgov/contracts';
import type { CatalogChannel } from '../../platform/protocols/gb28181/index.js';
import { sampleFace, sampleMotorVehicle } from '../../platform/protocols/gat1400/samples.js';

/** A number in [0, 1): Math.random, or a seeded source in tests. */
export type Random = () => number;

export type MqttMessage = { id: string; ts: number; type: string } & Record<string, unknown>;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number, decimals = 1) => Number((low + random() * (high - low)).toFixed(decimals));
const envelope = (type: string, ts: number) => ({ id: randomUUID(), ts, type });

/** The kinds whose MQTT event is an alarm (fever, SOS, smoke, water); the others have no alarm of their own. */
export const MQTT_ALARM_TYPES: Partial<Record<DeviceKind, string>> = { thermal_camera: 'fever', street_light: 'sos', smoke_sensor: 'smoke', water_sensor: 'water' };

/** The hour of day in China time (lamps are on from 18:00 to 06:00). */
const chinaHour = (ts: number) => new Date(ts + 8 * 3_600_000).getUTCHours();

/** A periodic status report: a street light's lamp and power, a sensor's battery. */
export function statusMessage(kind: string, ts: number, random: Random, battery = 90): MqttMessage {
  const base = envelope('status', ts);
  if (kind === 'street_light') {
    const hour = chinaHour(ts);
    const on = hour >= 18 || hour < 6;
    return { ...base, lamp: on ? 'on' : 'off', power: on ? between(random, 80, 120) : between(random, 1, 4) };
  }
  if (kind === 'smoke_sensor' || kind === 'water_sensor') return { ...base, battery: Math.max(0, Math.min(100, Math.round(battery))) };
  return base;
}

/**
 * An everyday event of the kind (what the rate spends): a gate passage, or a status report for the
 * kinds whose only events are alarms (a thermal camera, a light, a sensor) or that have none.
 */
export function routineMessage(kind: string, ts: number, random: Random): MqttMessage {
  if (kind === 'access_gate') {
    return { ...envelope('passage', ts), direction: pick(random, ['in', 'out'] as const), method: pick(random, ['face', 'face', 'face', 'card', 'qr'] as const), temperature: between(random, 36.1, 36.9) };
  }
  return statusMessage(kind, ts, random);
}

/** The alarm event of the kind (fever 37.5-39.5 °C, SOS, smoke, water), or null for a kind that has none. */
export function alarmMessage(kind: string, ts: number, random: Random): MqttMessage | null {
  switch (kind) {
    case 'thermal_camera':
      return { ...envelope('fever', ts), temperature: between(random, 37.5, 39.5) };
    case 'street_light':
      return envelope('sos', ts);
    case 'smoke_sensor':
      return { ...envelope('smoke', ts), level: Math.round(between(random, 40, 95, 0)) };
    case 'water_sensor':
      return { ...envelope('water', ts), depthCm: Math.round(between(random, 5, 40, 0)) };
    default:
      return null;
  }
}

/** A command as the platform sends it on `.../command`: `{ id, commandId, action, params... }`. */
export interface DeviceCommand {
  id?: string;
  commandId?: string;
  action?: string;
  [key: string]: unknown;
}

/** The confirmation of a command, for `.../ack`. */
export function commandAck(command: DeviceCommand, ts: number): MqttMessage {
  return { ...envelope('command_ack', ts), commandId: String(command.commandId ?? command.id ?? ''), ok: true };
}

/** Plate prefixes by province (the first two digits of the division code). */
const PROVINCE_PLATES: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁',
  '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝', '51': '川', '52': '贵', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};
/** Plate letters: no I or O (they read as 1 and 0). */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

/**
 * A plate as seen on the road: mostly local (the province of `regionCode`), a few from elsewhere;
 * most blue (7 characters), some green new-energy ones (8: D or F then 5 digits). Which is which
 * comes back with the GA/T 1400 plate colour (5 blue, 9 green).
 */
export function randomPlate(regionCode: string, random: Random): { plateNo: string; plateColor: number } {
  const local = PROVINCE_PLATES[regionCode.slice(0, 2)] ?? '湘';
  const province = random() < 0.85 ? local : pick(random, Object.values(PROVINCE_PLATES));
  const city = random() < 0.7 ? 'A' : pick(random, [...LETTERS.slice(0, 12)]);
  if (random() < 0.2) {
    const tail = Array.from({ length: 5 }, () => pick(random, [...DIGITS])).join('');
    return { plateNo: `${province}${city}${pick(random, ['D', 'F'])}${tail}`, plateColor: 9 };
  }
  const pool = `${LETTERS}${DIGITS}${DIGITS}${DIGITS}`;
  const tail = Array.from({ length: 5 }, (_, i) => pick(random, [...(i === 0 ? DIGITS : pool)])).join('');
  return { plateNo: `${province}${city}${tail}`, plateColor: 5 };
}

/** A vehicle passing a checkpoint at `at` (the `n`th capture of its second), with this plate. */
export function vehicleCapture(deviceId: string, at: Date, n: number, plate: { plateNo: string; plateColor: number }, random: Random): Record<string, unknown> {
  return { ...sampleMotorVehicle(deviceId, at, n, plate.plateNo), PlateColor: plate.plateColor, LaneNo: String(1 + Math.floor(random() * 3)), Speed: String(between(random, 20, 60)) };
}

/** A face a camera or gate captured at `at`. */
export function faceCapture(deviceId: string, at: Date, n: number, random: Random): Record<string, unknown> {
  return { ...sampleFace(deviceId, at, n), GenderCode: pick(random, ['1', '2']) };
}

/** What the registry knows of a device (the fields of GET /api/devices this tool reads). */
export interface ListedDevice {
  id: string;
  code: string;
  name: string;
  kind: DeviceKind;
  protocol: string;
  status: string;
  parentId: string | null;
  regionCode: string;
  vendor: string | null;
  model: string | null;
  lng: number | null;
  lat: number | null;
}

/**
 * The catalog an NVR (or a lower platform) answers: its child devices in the registry, on. Only
 * the children in `driven` (when given): the catalog sets the status of what it lists, and the
 * simulator changes nothing of the devices it does not drive.
 */
export function catalogOf(parent: ListedDevice, all: readonly ListedDevice[], driven?: ReadonlySet<string>): CatalogChannel[] {
  return all
    .filter((d) => d.parentId === parent.id && (!driven || driven.has(d.id)))
    .map((d) => ({
      deviceId: d.code,
      name: d.name,
      manufacturer: d.vendor ?? undefined,
      model: d.model ?? undefined,
      civilCode: d.regionCode,
      parental: false,
      parentId: parent.code,
      status: 'ON' as const,
      longitude: d.lng ?? undefined,
      latitude: d.lat ?? undefined,
    }));
}
