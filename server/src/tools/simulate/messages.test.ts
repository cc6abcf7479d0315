/**
 * The simulator's messages against the server's own schemas: every MQTT message of every kind
 * parses with DEVICE_PAYLOADS (what the ingest pipeline checks), GA/T 1400 captures with the VIID
 * object schemas, plates look like plates, and an NVR's catalog lists its children.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_KINDS } from '@gridgov/contracts';
import { DEVICE_PAYLOADS } from '../../modules/sensing/payloads.js';
import { faceObject, motorVehicleObject } from '../../platform/protocols/gat1400/schemas.js';
import { isContentId, isSourceId } from '../../platform/protocols/gat1400/ids.js';
import { MQTT_ALARM_TYPES, alarmMessage, catalogOf, commandAck, faceCapture, randomPlate, routineMessage, statusMessage, vehicleCapture, type ListedDevice } from './messages.js';

/** A small seeded generator (mulberry32), so every run checks the same values. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NOON = Date.parse('2026-12-05T12:00:00+08:00');
const NIGHT = Date.parse('2026-12-05T22:00:00+08:00');
const CHECKPOINT = '43070201000132000007';

describe('simulator messages', () => {
  it('every MQTT message of every kind is what the server accepts for that kind', () => {
    const random = seeded(17);
    for (const kind of DEVICE_KINDS) {
      for (let i = 0; i < 50; i++) {
        const ts = i % 2 ? NOON : NIGHT;
        const messages = [statusMessage(kind, ts, random, 100 - i), routineMessage(kind, ts, random), alarmMessage(kind, ts, random), commandAck({ id: 'c1', commandId: crypto.randomUUID(), action: 'speak', text: '请注意' }, ts)];
        for (const m of messages.filter((x) => x !== null)) {
          const parsed = DEVICE_PAYLOADS[kind]!.safeParse(m);
          assert.ok(parsed.success, `${kind} ${m.type}: ${JSON.stringify(m)} ${parsed.success ? '' : parsed.error.message}`);
          assert.equal(m.ts, ts);
        }
      }
    }
  });

  it('alarms are the kinds\' alarm types; ids are unique; a light is on at night', () => {
    const random = seeded(3);
    for (const kind of DEVICE_KINDS) assert.equal(alarmMessage(kind, NOON, random)?.type ?? null, MQTT_ALARM_TYPES[kind] ?? null, kind);
    const fevers = Array.from({ length: 200 }, () => alarmMessage('thermal_camera', NOON, random)!);
    assert.ok(fevers.every((f) => (f.temperature as number) >= 37.5 && (f.temperature as number) <= 39.5));
    assert.equal(new Set(fevers.map((f) => f.id)).size, 200);
    assert.equal(statusMessage('street_light', NIGHT, random).lamp, 'on');
    assert.equal(statusMessage('street_light', NOON, random).lamp, 'off');
    assert.equal(routineMessage('access_gate', NOON, random).type, 'passage');
    assert.equal(routineMessage('smoke_sensor', NOON, random).type, 'status', 'a sensor\'s everyday message is its status, never a false alarm');
  });

  it('answers a command with its commandId (or its id when the platform sent no commandId)', () => {
    const commandId = crypto.randomUUID();
    const ack = commandAck({ id: 'x', commandId, action: 'display', text: '暴雨预警' }, NOON);
    assert.deepEqual({ type: ack.type, commandId: ack.commandId, ok: ack.ok }, { type: 'command_ack', commandId, ok: true });
    assert.equal(commandAck({ id: commandId }, NOON).commandId, commandId);
  });

  it('makes plates of the device\'s province, blue (7) or green new-energy (8)', () => {
    const random = seeded(5);
    const plates = Array.from({ length: 500 }, () => randomPlate('430702010001', random));
    for (const { plateNo, plateColor } of plates) {
      if (plateColor === 5) assert.match(plateNo, /^[\u4e00-\u9fa5][A-HJ-NP-Z][0-9][A-HJ-NP-Z0-9]{4}$/u, plateNo);
      else assert.match(plateNo, /^[\u4e00-\u9fa5][A-HJ-NP-Z][DF][0-9]{5}$/u, plateNo);
    }
    const local = plates.filter((p) => p.plateNo.startsWith('湘')).length;
    assert.ok(local > 350 && local < 500, `mostly local, some from elsewhere (${local})`);
    assert.ok(plates.some((p) => p.plateColor === 9) && plates.some((p) => p.plateColor === 5));
  });

  it('GA/T 1400 captures carry 41- and 48-digit ids and parse with the VIID schemas', () => {
    const random = seeded(9);
    const at = new Date(NOON);
    const v = vehicleCapture(CHECKPOINT, at, 3, { plateNo: '湘AD12345', plateColor: 9 }, random);
    const vehicle = motorVehicleObject.parse(v);
    assert.equal(vehicle.PlateNo, '湘AD12345');
    assert.ok(isSourceId(v.SourceID) && isContentId(v.MotorVehicleID));
    assert.equal(v.PassTime, '20261205120000');
    const f = faceCapture(CHECKPOINT, at, 4, random);
    faceObject.parse(f);
    assert.ok(isContentId(f.FaceID));
    assert.notEqual(f.SourceID, v.SourceID, 'two captures of one second differ by their sequence');
  });

  it('an NVR\'s catalog is its children in the registry (those driven), on', () => {
    const dev = (id: string, code: string, kind: ListedDevice['kind'], parentId: string | null): ListedDevice => ({ id, code, name: `设备${id}`, kind, protocol: 'gb28181', status: 'online', parentId, regionCode: '430702010001', vendor: '海康威视', model: null, lng: 111.7, lat: 29.0 });
    const nvr = dev('n', '43070201000118000001', 'nvr', null);
    const all = [nvr, dev('a', '43070201000132000002', 'camera', 'n'), dev('b', '43070201000131000003', 'camera', 'n'), dev('c', '43070201000132000004', 'camera', null)];
    const channels = catalogOf(nvr, all);
    assert.deepEqual(channels.map((c) => [c.deviceId, c.parentId, c.status]), [['43070201000132000002', nvr.code, 'ON'], ['43070201000131000003', nvr.code, 'ON']]);
    assert.deepEqual(catalogOf(all[1]!, all), [], 'a camera has no channels');
    assert.deepEqual(catalogOf(nvr, all, new Set(['n', 'b'])).map((c) => c.deviceId), ['43070201000131000003'], 'only the children the simulator drives');
  });
});
