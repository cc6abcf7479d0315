/**
 * Devices through the running gateways into the closed loop: a street light's SOS over the
 * embedded MQTT broker becomes one emergency ticket however often it is pressed in the period,
 * and the grid's worker is told; smoke becomes a ticket at the sensor; a gate's passage of a
 * recognised resident becomes an access record of its compound; a loudspeaker command goes out
 * through the outbox and is confirmed by the device; a bad payload is refused and counted; a
 * GB/T 28181 camera registering over SIP comes online in the registry. Alarms are scoped like
 * lists: a worker of another grid sees none of them, and whom a gate recognised is never shown.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import mqtt, { type MqttClient } from 'mqtt';
import type { Device, DeviceAlarm, DeviceCommand, DeviceMessage, DeviceSecret } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { deliverOutbox } from '../../platform/outbox/outbox.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { deviceTopic } from '../../platform/protocols/mqtt/index.js';
import { SipDeviceClient } from '../../platform/protocols/gb28181/index.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { fileAlarms, startGateways, type Gateways } from './index.js';
import { sensingGauges } from './gauges.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('devices into the closed loop through the gateways', () => {
  let env: TestEnv;
  let gateways: Gateways;
  let countyOp: Client;
  let gw: Client;
  let otherGw: Client;
  let grid: { id: string; regionCode: string; lng: number; lat: number };
  const devices: MqttClient[] = [];
  const db = () => env.rt.database.db;

  const register = async (body: Record<string, unknown>) => {
    const made = await countyOp.post<Device>('/api/devices', { regionCode: grid.regionCode, gridId: grid.id, lng: grid.lng, lat: grid.lat, protocol: 'mqtt', ...body });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const secret = await countyOp.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`, {});
    return { ...made.body, secret: secret.body.secret };
  };
  const connect = async (d: { code: string; secret: string }) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${gateways.mqtt!.port}`, { clientId: d.code, username: d.code, password: d.secret, reconnectPeriod: 0 });
    devices.push(client);
    return client;
  };
  let seq = 0;
  const publish = (client: MqttClient, kind: string, code: string, body: Record<string, unknown>, part: 'event' | 'ack' = 'event') =>
    client.publishAsync(deviceTopic(kind, code, part), JSON.stringify({ id: `m${++seq}`, ts: env.clock.now().getTime(), ...body }), { qos: 1 });

  before(async () => {
    env = await startTestEnv({ registers: true, config: { mqttPort: 0, sipPort: 0 } });
    gateways = await startGateways(env.rt.kit);
    assert.deepEqual(gateways.problems, []);
    countyOp = await env.login('county_op');
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode)!;
    gw = await env.login(worker.username);
    const other = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode && a.gridCode !== worker.gridCode)!;
    otherGw = await env.login(other.username);
    const [g] = await rows<{ id: string; region_code: string; lng: number; lat: number }>(db(), sql`select id, region_code, (min_lon + max_lon) / 2 as lng, (min_lat + max_lat) / 2 as lat from grid where id = ${env.gridId(worker.gridCode!)}::uuid`);
    grid = { id: g!.id, regionCode: g!.region_code, lng: g!.lng, lat: g!.lat };
  });
  after(async () => {
    for (const d of devices) await d.endAsync(true);
    await gateways.close();
    await env.close();
  });

  it('files one emergency ticket for an SOS pressed twice in its period, and tells the grid worker', async () => {
    const light = await register({ code: 'LIGHT-SOS-01', name: '幸福路3号智慧路灯', kind: 'street_light', address: '幸福路3号' });
    const client = await connect(light);
    await publish(client, 'street_light', light.code, { type: 'sos' });
    await publish(client, 'street_light', light.code, { type: 'sos' });
    assert.equal(await fileAlarms(env.rt.kit), 1);
    const [alarm] = await rows<{ status: string; repeats: number; ticket_id: string; notified_user_id: string | null }>(db(), sql`select status, repeats, ticket_id, notified_user_id from device_alarm where device_code = ${light.code}`);
    assert.deepEqual([alarm!.status, alarm!.repeats], ['filed', 2]);
    const [ticket] = await rows<{ source: string; emergency: boolean; grid_id: string; description: string }>(db(), sql`select source, emergency, grid_id, description from ticket where id = ${alarm!.ticket_id}::uuid`);
    assert.deepEqual([ticket!.source, ticket!.emergency, ticket!.grid_id], ['device', true, grid.id]);
    assert.match(ticket!.description, /一键求助/);
    const told = await rows<{ user_id: string }>(db(), sql`select user_id from notification where kind = 'device_alarm.sos' and subject_id = ${alarm!.ticket_id}`);
    assert.equal(told.length, 1);
    assert.equal(told[0]!.user_id, alarm!.notified_user_id);
    // A third press in the period: counted on the same alarm, no second ticket.
    await publish(client, 'street_light', light.code, { type: 'sos' });
    assert.equal(await fileAlarms(env.rt.kit), 0);
    const tickets = await rows(db(), sql`select 1 from ticket where description like ${'%LIGHT-SOS-01%'}`);
    assert.equal(tickets.length, 1);

    // Scoped like a list: the grid's worker sees it with its ticket, another grid's worker does not.
    const mine = await gw.get<{ items: DeviceAlarm[] }>('/api/device-alarms');
    assert.equal(mine.status, 200);
    const seen = mine.body.items.find((a) => a.deviceCode === light.code)!;
    assert.equal(seen.repeats, 3);
    assert.ok(seen.ticketNumber);
    const theirs = await otherGw.get<{ items: DeviceAlarm[]; total: number }>('/api/device-alarms');
    assert.equal(theirs.body.items.some((a) => a.deviceCode === light.code), false);
    const layer = await otherGw.get<{ features: unknown[] }>('/api/device-alarms/layer');
    assert.equal(layer.body.features.length, 0);
  });

  it('files smoke at the sensor, refuses and counts a bad payload, and answers the device why', async () => {
    const smoke = await register({ code: 'SMOKE-ALARM-01', name: '3栋烟感', kind: 'smoke_sensor' });
    const client = await connect(smoke);
    const replies: string[] = [];
    await client.subscribeAsync(deviceTopic('smoke_sensor', smoke.code, 'reply'), { qos: 0 });
    client.on('message', (_t, payload) => replies.push(payload.toString()));
    await publish(client, 'smoke_sensor', smoke.code, { type: 'smoke', level: 'high' });
    await publish(client, 'smoke_sensor', smoke.code, { type: 'smoke', level: 80 });
    for (let i = 0; i < 20 && replies.length === 0; i++) await sleep(25);
    assert.match(replies[0] ?? '', /bad_payload.*level/);
    assert.equal(gateways.refusals.get('bad_payload'), 1);
    assert.equal(gateways.refusalsByDevice.get(smoke.code), 1);
    // The same counts on /metrics: by reason, and the devices refused most.
    const families = await sensingGauges(env.rt.kit);
    const family = (name: string) => families.find((f) => f.name === name)!.samples;
    assert.deepEqual(family('gridgov_device_refusals'), [{ labels: { reason: 'bad_payload' }, value: 1 }]);
    assert.deepEqual(family('gridgov_device_refusals_top'), [{ labels: { device: smoke.code }, value: 1 }]);
    assert.ok(family('gridgov_mqtt_connected_devices')[0]!.value >= 2);
    await fileAlarms(env.rt.kit);
    const [row] = await rows<{ code: string; lon: number }>(db(), sql`select c.code, t.lon from device_alarm a join ticket t on t.id = a.ticket_id join ticket_category c on c.id = t.category_id where a.device_code = ${smoke.code}`);
    assert.equal(row!.code, 'alarm.smoke');
    assert.ok(Math.abs(row!.lon - grid.lng) < 1e-9);
  });

  it('keeps a gate passage as an access record of its compound, without showing whom it recognised', async () => {
    const [home] = await rows<{ building_id: string; resident_id: string }>(db(), sql`
      select b.id as building_id, r.id as resident_id from building b join resident r on r.grid_id = b.grid_id where b.grid_id = ${grid.id}::uuid and r.deleted_at is null and b.deleted_at is null limit 1`);
    const gate = await register({ code: 'GATE-EAST-01', name: '幸福小区东门', kind: 'access_gate' });
    await db().execute(sql`update device set compound_type = 'building', compound_id = ${home!.building_id}::uuid where id = ${gate.id}::uuid`);
    const client = await connect(gate);
    await publish(client, 'access_gate', gate.code, { type: 'passage', direction: 'out', method: 'face', residentId: home!.resident_id });
    await publish(client, 'access_gate', gate.code, { type: 'passage', direction: 'in', method: 'card' });
    const records = await rows<{ direction: string; compound_id: string }>(db(), sql`select direction, compound_id from access_record where gate_id = ${gate.code}`);
    assert.deepEqual(records, [{ direction: 'out', compound_id: home!.building_id }]);
    const messages = await countyOp.get<DeviceMessage[]>(`/api/devices/${gate.id}/messages`);
    assert.equal(messages.status, 200);
    assert.equal(messages.body.length, 2);
    assert.ok(!JSON.stringify(messages.body).includes(home!.resident_id), 'the resident is not shown');
    assert.equal(messages.body.find((m) => m.body.direction === 'out')!.body.recognised, true);
  });

  it('files fever for the follow-up visit, and gives the recognised resident fever evidence for the health code', async () => {
    const [person] = await rows<{ id: string }>(db(), sql`select id from resident where grid_id = ${grid.id}::uuid and deleted_at is null order by id desc limit 1`);
    const thermal = await register({ code: `${grid.regionCode.slice(0, 8)}001320000999`, name: '东门测温摄像机', kind: 'thermal_camera' });
    const client = await connect(thermal);
    await publish(client, 'thermal_camera', thermal.code, { type: 'fever', temperature: 38.7, residentId: person!.id });
    await fileAlarms(env.rt.kit);
    const [a] = await rows<{ status: string; person_id: string; category: string }>(db(), sql`
      select a.status, a.person_id, c.code as category from device_alarm a join ticket t on t.id = a.ticket_id join ticket_category c on c.id = t.category_id where a.device_code = ${thermal.code}`);
    assert.deepEqual([a!.status, a!.person_id, a!.category], ['filed', person!.id, 'alarm.fever']);
    const [code] = await rows<{ colour: string; evidence: { kind: string }[] }>(db(), sql`select colour, evidence from health_code where person_key = ${person!.id}::uuid`);
    assert.ok(code, 'the health code was recomputed');
    assert.notEqual(code!.colour, 'green');
    assert.ok(code!.evidence.some((e) => e.kind === 'fever'));
    // The alarm as listed: the temperature, never the person.
    const listed = await countyOp.get<{ items: DeviceAlarm[] }>('/api/device-alarms?type=fever');
    const seen = listed.body.items.find((x) => x.deviceCode === thermal.code)!;
    assert.equal(seen.facts.temperature, 38.7);
    assert.ok(!JSON.stringify(listed.body).includes(person!.id));
  });

  it('raises a watch-list capture as a warning at the region the entry names', async () => {
    const county = `${grid.regionCode.slice(0, 6)}000000`;
    const camera = await register({ code: `${grid.regionCode.slice(0, 8)}001320000888`, name: '卡口摄像机', kind: 'vehicle_checkpoint', protocol: 'gat1400' });
    const entry = '00000000-0000-4000-8000-00000000f00d';
    await db().execute(sql`insert into watch_entry (id, kind, value_hash, hint, label, region_code, severity, created_by, created_at)
      values (${entry}::uuid, 'plate', decode('00', 'hex'), '**A123', '测试布控', ${county}, 'high', ${entry}::uuid, now())`);
    await db().execute(sql`insert into device_alarm (device_id, device_code, type, period_start, first_at, last_at, region_code, grid_id, lng, lat, facts, created_at)
      values (${camera.id}::uuid, ${camera.code}, 'watchlist', ${env.clock.now()}, ${env.clock.now()}, ${env.clock.now()}, ${grid.regionCode}, ${grid.id}::uuid, ${grid.lng}, ${grid.lat},
              ${JSON.stringify({ watchEntryId: entry, kind: 'plate', hint: '**A123', severity: 'high' })}::jsonb, ${env.clock.now()})`);
    await fileAlarms(env.rt.kit);
    const [w] = await rows<{ region_code: string; subject_type: string; status: string }>(db(), sql`
      select w.region_code, w.subject_type, a.status from device_alarm a join warning w on w.id = a.warning_id where a.device_code = ${camera.code}`);
    assert.deepEqual([w!.region_code, w!.subject_type, w!.status], [county, 'device_alarm', 'filed']);
  });

  it('keeps the alarms of the day on the dashboard, as a recount finds them', async () => {
    await foldMetrics(db(), env.rt.kit.registry.metrics);
    const mine = env.rt.kit.registry.metrics.filter((m) => m.name.startsWith('sensing.'));
    assert.deepEqual(await compareWithRecount(db(), mine), []);
    const [kept] = await rows<{ n: number }>(db(), sql`select coalesce(sum(value), 0)::int as n from metric_value where metric = 'sensing.alarms'`);
    assert.ok(kept!.n >= 4, 'the alarms of the tests so far');
  });

  it('sends a loudspeaker command through the outbox and marks it confirmed when the device answers', async () => {
    const light = await register({ code: 'LIGHT-SPEAK-01', name: '广场路灯喇叭', kind: 'street_light' });
    const client = await connect(light);
    await client.subscribeAsync(deviceTopic('street_light', light.code, 'command'), { qos: 1 });
    const received: Record<string, unknown>[] = [];
    client.on('message', (_t, payload) => received.push(JSON.parse(payload.toString()) as Record<string, unknown>));
    const refused = await countyOp.post<{ error: { code: string } }>(`/api/devices/${light.id}/commands`, { action: 'gate_open' });
    assert.equal(refused.body.error.code, 'DEVICE_COMMAND_UNSUPPORTED');
    const denied = await gw.post(`/api/devices/${light.id}/commands`, { action: 'speak', text: '请勿聚集' });
    assert.equal(denied.status, 403);
    const sent = await countyOp.post<DeviceCommand>(`/api/devices/${light.id}/commands`, { action: 'speak', text: '请勿聚集，注意防疫' });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.status, 'queued');
    await deliverOutbox(db(), env.clock, env.rt.kit.registry.channels);
    for (let i = 0; i < 40 && received.length === 0; i++) await sleep(25);
    assert.equal(received[0]?.text, '请勿聚集，注意防疫');
    assert.equal(received[0]?.commandId, sent.body.id);
    await publish(client, 'street_light', light.code, { type: 'command_ack', commandId: sent.body.id, ok: true }, 'ack');
    const state = await countyOp.get<DeviceCommand[]>(`/api/devices/${light.id}/commands`);
    assert.equal(state.body[0]!.status, 'confirmed');
  });

  it('brings a GB/T 28181 camera online when it registers over SIP with its secret', async () => {
    const code = `${grid.regionCode.slice(0, 8)}001320000777`;
    const camera = await register({ code, name: '东门国标摄像机', kind: 'camera', protocol: 'gb28181' });
    const sip = new SipDeviceClient({ deviceId: code, password: camera.secret, server: { host: '127.0.0.1', port: gateways.sip!.udpPort, id: gateways.sip!.id }, transport: 'udp' });
    await sip.start();
    try {
      const answer = await sip.register();
      assert.equal(answer.status, 200);
      for (let i = 0; i < 40; i++) {
        const [d] = await rows<{ status: string }>(db(), sql`select status from device where code = ${code}`);
        if (d!.status === 'online') break;
        await sleep(25);
      }
      const [d] = await rows<{ status: string }>(db(), sql`select status from device where code = ${code}`);
      assert.equal(d!.status, 'online');
    } finally {
      await sip.close();
    }
  });
});
