/**
 * The device simulator against a running server: the test app on a real port with the demo
 * county's devices and the gateways started as main.ts starts them (the embedded MQTT broker and
 * the GB/T 28181 registrar, ports 0) and GA/T 1400 under /VIID on the app. The simulator signs in
 * over HTTP, takes the devices over (new secrets) and drives them: what they sent must be stored
 * and filed, a command through the outbox confirmed, the video devices online and then cleanly
 * gone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { DeviceCommand } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { deliverOutbox } from '../../platform/outbox/outbox.js';
import { seedDemoDevices } from '../../modules/devices/demo.js';
import { fileAlarms, startGateways, type Gateways } from '../../modules/sensing/index.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { runSimulator, SimulatorError, type SimulatorResult } from './index.js';

const WATCHED_PLATE = '湘J88888';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  for (const start = Date.now(); !(await condition()); await sleep(25)) {
    if (Date.now() - start > timeoutMs) throw new Error(`not in time: ${what}`);
  }
}

describe('the device simulator against a running server', { timeout: 180_000 }, () => {
  let env: TestEnv;
  let gateways: Gateways;
  let countyOp: Client;
  let url: string;
  const db = () => env.rt.database.db;
  const online = async (protocol: string) => (await rows<{ n: number }>(db(), sql`select count(*)::int as n from device where protocol = ${protocol} and status = 'online'`))[0]!.n;
  const ports = () => ({ url, mqttUrl: `mqtt://127.0.0.1:${gateways.mqtt!.port}`, sip: { host: '127.0.0.1', port: gateways.sip!.udpPort, transport: 'udp' as const, id: gateways.sip!.id, localHost: '127.0.0.1' } });

  before(async () => {
    env = await startTestEnv({ config: { mqttPort: 0, sipPort: 0 } });
    // Devices stamp their messages with the real time: the server's clock must agree (replay window, signed passwords).
    env.clock.advance(Date.now() - env.clock.now().getTime());
    const countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(countyCode.slice(0, 6))).map((g) => ({ ...g, id: env.gridId(g.code) }));
    await seedDemoDevices(env.rt.kit, countyCode, grids, 3);
    // Every device starts offline: coming online must be the simulator's doing.
    await db().execute(sql`update device set status = 'offline', last_seen_at = null`);

    await env.rt.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(env.rt.app.server.address() as AddressInfo).port}`;
    gateways = await startGateways(env.rt.kit);
    assert.deepEqual(gateways.problems, []);
    countyOp = await env.login('county_op');
  });

  after(async () => {
    await gateways?.close();
    await env?.close();
  });

  it('says clearly when the server cannot be reached or refuses the sign-in', async () => {
    await assert.rejects(runSimulator({ ...ports(), url: 'http://127.0.0.1:1', durationS: 1, log: () => undefined }), (e: unknown) => e instanceof SimulatorError && /cannot reach the GridGov server at http:\/\/127.0.0.1:1/.test(e.message));
    await assert.rejects(runSimulator({ ...ports(), password: 'wrong-password', durationS: 1, log: () => undefined }), (e: unknown) => e instanceof SimulatorError && /sign-in as county_op failed \(HTTP 401/.test(e.message));
  });

  it('drives every device of the county over its protocol: events stored, cameras online, captures in, commands answered, then leaves cleanly', async () => {
    const lines: string[] = [];
    const running = runSimulator({ ...ports(), rate: 40, durationS: 5, alarmEveryS: 0.4, plate: WATCHED_PLATE, statusEveryS: 2, keepaliveEveryS: 1, tallyEveryS: 2, log: (line) => lines.push(line) });
    // A loudspeaker command through the API and the outbox once the lights are connected: the simulated light must confirm it.
    const [light] = await rows<{ id: string; code: string }>(db(), sql`select id, code from device where kind = 'street_light' order by code limit 1`);
    await until(async () => (await online('mqtt')) === 12, 'the MQTT devices online');
    const sent = await countyOp.post<DeviceCommand>(`/api/devices/${light!.id}/commands`, { action: 'speak', text: '请注意防汛，远离低洼地带' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal(await deliverOutbox(db(), env.clock, env.rt.kit.registry.channels), 1);
    const result: SimulatorResult = await running;
    const t = result.tallies;

    assert.deepEqual([t.mqtt.devices, t.gat1400.devices, t.gb28181.devices], [12, 4, 8], JSON.stringify(result.driven));
    assert.deepEqual(result.skipped, []);
    for (const p of ['mqtt', 'gat1400', 'gb28181'] as const) {
      assert.equal(t[p].refused, 0, `${p}: nothing refused (${lines.join('\n')})`);
      assert.equal(t[p].failed, 0, `${p}: nothing lost`);
      assert.equal(t[p].online, 0, `${p}: every device left`);
      assert.ok(t[p].sent > 0 && t[p].acked === t[p].sent, `${p}: ${JSON.stringify(t[p])}`);
    }
    assert.equal(t.mqtt.commands, 1);
    assert.ok(t.mqtt.alarms >= 3 && t.gat1400.alarms >= 1, `alarms taken in turn, the watched plate among them: ${JSON.stringify(t)}`);
    assert.ok(lines.some((l) => /^\[\s+\d+ s\] mqtt 12\/12 online/.test(l)), lines.join('\n'));

    // MQTT: everything acknowledged is stored, alarms and the command's confirmation with it.
    const mqttCodes = result.driven.filter((d) => d.protocol === 'mqtt').map((d) => d.code);
    const stored = await rows<{ type: string; part: string; n: number }>(db(), sql`select type, part, count(*)::int as n from device_event where device_code in (${sql.join(mqttCodes.map((c) => sql`${c}`), sql`, `)}) group by 1, 2 order by 1, 2`);
    const n = (type: string, part = 'event') => stored.find((s) => s.type === type && s.part === part)?.n ?? 0;
    assert.equal(stored.reduce((sum, s) => sum + s.n, 0), t.mqtt.acked, JSON.stringify(stored));
    assert.ok(n('status') >= 9 && n('passage') > 0, 'every light and sensor reported its status, the gates passages');
    assert.ok(n('sos') + n('smoke') + n('water') === t.mqtt.alarms, JSON.stringify(stored));
    const [ack] = await rows<{ body: { commandId: string; ok: boolean } }>(db(), sql`select body from device_event where part = 'ack' and device_code = ${light!.code}`);
    assert.deepEqual(ack?.body, { commandId: sent.body.id, ok: true });
    const commands = await countyOp.get<DeviceCommand[]>(`/api/devices/${light!.id}/commands`);
    assert.equal(commands.body[0]!.status, 'confirmed');
    // The MQTT devices came online by what they sent; their alarms are filed into the closed loop.
    const mqttDevices = await rows<{ status: string }>(db(), sql`select status from device where protocol = 'mqtt'`);
    assert.ok(mqttDevices.length === 12 && mqttDevices.every((d) => d.status === 'online'));
    const alarms = await rows<{ type: string }>(db(), sql`select type from device_alarm`);
    assert.ok(alarms.length >= 3 && alarms.every((a) => ['sos', 'smoke', 'water'].includes(a.type)), JSON.stringify(alarms));
    assert.equal(await fileAlarms(env.rt.kit), alarms.length);
    const tickets = await rows<{ n: number }>(db(), sql`select count(*)::int as n from ticket where source = 'device'`);
    assert.equal(tickets[0]!.n, alarms.length, 'one ticket per alarm (its repeats in the period counted on it)');

    // GA/T 1400 (/VIID on the app): faces from the thermal cameras and vehicles from the checkpoint stored, each device seen, and offline once unregistered.
    const viidCodes = result.driven.filter((d) => d.protocol === 'gat1400').map((d) => d.code);
    const viidStored = await rows<{ type: string; n: number }>(db(), sql`select type, count(*)::int as n from device_event where device_code in (${sql.join(viidCodes.map((c) => sql`${c}`), sql`, `)}) group by 1 order by 1`);
    assert.deepEqual(viidStored.map((r) => r.type), ['face', 'vehicle'], JSON.stringify(viidStored));
    assert.ok(viidStored.reduce((sum, r) => sum + r.n, 0) <= t.gat1400.acked - 2 * 4, 'besides Register and UnRegister, what was acknowledged is a keepalive or a stored capture');
    const viidDevices = await rows<{ status: string; seen: boolean }>(db(), sql`select status, last_seen_at is not null as seen from device where protocol = 'gat1400' and code in (${sql.join(viidCodes.map((c) => sql`${c}`), sql`, `)})`);
    assert.ok(viidDevices.length === 4 && viidDevices.every((d) => d.seen && d.status === 'offline'), JSON.stringify(viidDevices));

    // GB/T 28181: every camera and NVR registered (online), the NVRs answered the catalog query, and all unregistered at the end (offline again).
    assert.ok(t.gb28181.catalogs >= 1, JSON.stringify(t.gb28181));
    const catalogs = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'device.catalog'`);
    assert.ok(catalogs[0]!.n >= 1, 'the catalog reached the registry');
    const video = await rows<{ code: string; status: string; seen: boolean }>(db(), sql`select code, status, last_seen_at is not null as seen from device where protocol = 'gb28181'`);
    assert.ok(video.length === 8 && video.every((v) => v.seen), 'each came online during the run');
    await until(async () => (await online('gb28181')) === 0, 'the video devices offline once unregistered');
    assert.deepEqual([...gateways.refusals.entries()], [], 'the gateways refused nothing');

    // The takeover is audited: one new secret per driven device.
    const [issued] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'device.credentials'`);
    assert.equal(issued!.n, result.driven.length);
  });

  it('stops when told (Ctrl-C), leaving cleanly; --limit takes one device of each protocol in turn', async () => {
    const stop = new AbortController();
    const running = runSimulator({ ...ports(), limit: 3, rate: 10, alarmEveryS: 0, tallyEveryS: 0, signal: stop.signal, log: () => undefined });
    await until(async () => (await online('gb28181')) === 1, 'the camera registered');
    const asked = Date.now();
    stop.abort();
    const result = await running;
    assert.ok(Date.now() - asked < 5000, 'it leaves promptly');
    assert.deepEqual(result.driven.map((d) => d.protocol), ['mqtt', 'gat1400', 'gb28181']);
    assert.deepEqual([result.tallies.mqtt.online, result.tallies.gat1400.online, result.tallies.gb28181.online], [0, 0, 0]);
    assert.deepEqual([result.tallies.mqtt.refused, result.tallies.gat1400.refused, result.tallies.gb28181.refused], [0, 0, 0]);
    await until(async () => (await online('gb28181')) === 0, 'the camera unregistered');
  });
});
