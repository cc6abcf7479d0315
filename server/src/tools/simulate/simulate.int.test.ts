/**
 * The device simulator against a real server: the test app on a real port with the demo county's
 * devices, and the three protocol layers started from its runtime (the embedded MQTT broker
 * storing into device_event, the GB/T 28181 registrar on the registry, GA/T 1400 with a memory
 * sink). The simulator signs in over HTTP, takes the devices over (new secrets) and drives them;
 * what they sent must be stored, the video devices must come online and leave cleanly.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { rows } from '../../platform/db/client.js';
import { EmbeddedBroker, IngestPipeline } from '../../platform/protocols/mqtt/index.js';
import { Registrar } from '../../platform/protocols/gb28181/index.js';
import { MemoryCaptureSink, MemoryNonceStore, MemorySessionStore, gat1400Routes } from '../../platform/protocols/gat1400/index.js';
import { digestCredentials, gb28181Sink, mqttAuthenticator, viidCredentials } from '../../modules/devices/index.js';
import { seedDemoDevices } from '../../modules/devices/demo.js';
import { pgEventStore } from '../../modules/sensing/events.js';
import { DEVICE_PAYLOADS } from '../../modules/sensing/payloads.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { runSimulator, SimulatorError, type SimulatorResult } from './index.js';

const WATCHED_PLATE = '湘J88888';

describe('the device simulator against a running server', () => {
  let env: TestEnv;
  let broker: EmbeddedBroker;
  let registrar: Registrar;
  let viid: FastifyInstance;
  const captures = new MemoryCaptureSink();
  const viidSessions = new MemorySessionStore();
  let url: string;
  let viidUrl: string;
  let sipId: string;
  const db = () => env.rt.database.db;
  const ports = () => ({ url, viidUrl, mqttUrl: `mqtt://127.0.0.1:${broker.port}`, sip: { host: '127.0.0.1', port: registrar.transport.udpPort, transport: 'udp' as const, id: sipId, localHost: '127.0.0.1' } });

  before(async () => {
    env = await startTestEnv();
    // Devices stamp their messages with the real time: the server's clock must agree (replay window, signed passwords).
    env.clock.advance(Date.now() - env.clock.now().getTime());
    const countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(countyCode.slice(0, 6))).map((g) => ({ ...g, id: env.gridId(g.code) }));
    await seedDemoDevices(env.rt.kit, countyCode, grids, 3);
    // Every video device starts offline: coming online must be the simulator's doing.
    await db().execute(sql`update device set status = 'offline', last_seen_at = null where protocol <> 'mqtt'`);
    sipId = `${countyCode.slice(0, 10)}2000000001`;

    await env.rt.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(env.rt.app.server.address() as AddressInfo).port}`;
    const kit = env.rt.kit;
    const pipeline = new IngestPipeline({ store: pgEventStore(db()), schemas: DEVICE_PAYLOADS, now: () => env.clock.now() });
    broker = await EmbeddedBroker.start({ port: 0, pipeline, authenticator: mqttAuthenticator(kit) });
    registrar = new Registrar({ serverId: sipId, host: '127.0.0.1', udpPort: 0, transports: ['udp'], sink: gb28181Sink(kit), credentials: digestCredentials(kit), clock: env.clock, sweepEveryMs: 0 });
    await registrar.start();
    viid = Fastify({ logger: false });
    await viid.register(gat1400Routes({ serverId: sipId, clock: env.clock, sessions: viidSessions, nonces: new MemoryNonceStore(), sink: captures, credentials: viidCredentials(kit) }));
    await viid.listen({ host: '127.0.0.1', port: 0 });
    viidUrl = `http://127.0.0.1:${(viid.server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await viid?.close();
    await registrar?.close();
    await broker?.close();
    await env?.close();
  });

  it('says clearly when the server cannot be reached or refuses the sign-in', async () => {
    await assert.rejects(runSimulator({ ...ports(), url: 'http://127.0.0.1:1', durationS: 1, log: () => undefined }), (e: unknown) => e instanceof SimulatorError && /cannot reach the GridGov server at http:\/\/127.0.0.1:1/.test(e.message));
    await assert.rejects(runSimulator({ ...ports(), password: 'wrong-password', durationS: 1, log: () => undefined }), (e: unknown) => e instanceof SimulatorError && /sign-in as county_op failed \(HTTP 401/.test(e.message));
  });

  it('drives every device of the county over its protocol: events stored, cameras online, captures in, commands answered, then leaves cleanly', async () => {
    const lines: string[] = [];
    const commandId = crypto.randomUUID();
    const running = runSimulator({ ...ports(), rate: 40, durationS: 5, alarmEveryS: 0.4, plate: WATCHED_PLATE, statusEveryS: 2, keepaliveEveryS: 1, tallyEveryS: 2, log: (line) => lines.push(line) });
    // A command to a street light once it is connected: its confirmation must come back on its ack topic.
    const light = (await rows<{ code: string }>(db(), sql`select code from device where kind = 'street_light' order by code limit 1`))[0]!.code;
    for (let i = 0; i < 100 && broker.connectedClients < 9; i++) await new Promise((r) => setTimeout(r, 50));
    await broker.command({ code: light, kind: 'street_light' }, { id: crypto.randomUUID(), commandId, action: 'speak', text: '请注意防汛' });
    const result: SimulatorResult = await running;
    const t = result.tallies;

    assert.deepEqual([t.mqtt.devices, t.gat1400.devices, t.gb28181.devices], [9, 4, 8], JSON.stringify(result.driven));
    assert.ok(result.skipped.every((s) => s.code.startsWith('GATE-')) && result.skipped.length === 3, 'the gates with vendor codes cannot speak GA/T 1400');
    for (const p of ['mqtt', 'gat1400', 'gb28181'] as const) {
      assert.equal(t[p].refused, 0, `${p}: nothing refused (${lines.join('\n')})`);
      assert.equal(t[p].failed, 0, `${p}: nothing lost`);
      assert.equal(t[p].online, 0, `${p}: every device left`);
      assert.ok(t[p].sent > 0 && t[p].acked === t[p].sent, `${p}: ${JSON.stringify(t[p])}`);
    }
    assert.equal(t.mqtt.commands, 1);
    assert.ok(t.mqtt.alarms >= 3 && t.gat1400.alarms >= 1, `alarms taken in turn, the watched plate among them: ${JSON.stringify(t)}`);
    assert.ok(lines.some((l) => /^\[\s+\d+ s\] mqtt 9\/9 online/.test(l)), lines.join('\n'));

    // MQTT: everything acknowledged is stored, alarms and the command's confirmation with it.
    const mqttCodes = result.driven.filter((d) => d.protocol === 'mqtt').map((d) => d.code);
    const stored = await rows<{ type: string; part: string; n: number }>(db(), sql`select type, part, count(*)::int as n from device_event where device_code in (${sql.join(mqttCodes.map((c) => sql`${c}`), sql`, `)}) group by 1, 2 order by 1, 2`);
    const n = (type: string, part = 'event') => stored.find((s) => s.type === type && s.part === part)?.n ?? 0;
    assert.equal(stored.reduce((sum, s) => sum + s.n, 0), t.mqtt.acked, JSON.stringify(stored));
    assert.ok(n('status') >= 9, 'every device reported its status');
    assert.ok(n('sos') + n('smoke') + n('water') === t.mqtt.alarms, JSON.stringify(stored));
    const [ack] = await rows<{ body: { commandId: string; ok: boolean } }>(db(), sql`select body from device_event where part = 'ack' and device_code = ${light}`);
    assert.deepEqual(ack?.body, { commandId, ok: true });

    // GA/T 1400: faces from the thermal cameras, vehicles from the checkpoint, the watched plate among them.
    assert.ok(captures.received.faces.length > 0 && captures.received.motorVehicles.length > 0);
    assert.ok(captures.received.motorVehicles.some((v) => v.object.PlateNo === WATCHED_PLATE));
    const captured = captures.received.faces.length + captures.received.motorVehicles.length;
    assert.ok(captured <= t.gat1400.acked - 2 * 4, 'besides Register and UnRegister, what was acknowledged is a keepalive or a capture the sink holds');
    assert.deepEqual(viidSessions.online(env.clock.now()), [], 'every GA/T 1400 device unregistered');

    // GB/T 28181: every camera and NVR registered (online), the NVRs answered the catalog query, and all unregistered at the end (offline again).
    assert.ok(t.gb28181.catalogs >= 1, JSON.stringify(t.gb28181));
    const catalogs = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'device.catalog'`);
    assert.ok(catalogs[0]!.n >= 1, 'the catalog reached the registry');
    await registrar.settled();
    const video = await rows<{ code: string; status: string; seen: boolean }>(db(), sql`select code, status, last_seen_at is not null as seen from device where protocol = 'gb28181'`);
    assert.ok(video.length === 8 && video.every((v) => v.seen), 'each came online during the run');
    assert.deepEqual(video.filter((v) => v.status !== 'offline'), [], 'and went offline when it unregistered');
    assert.deepEqual(registrar.devices(), []);
    assert.equal(broker.connectedClients, 0);

    // The takeover is audited: one new secret per driven device.
    const [issued] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'device.credentials'`);
    assert.equal(issued!.n, result.driven.length);
  });

  it('stops when told (Ctrl-C), leaving cleanly; --limit takes one device of each protocol in turn', async () => {
    const stop = new AbortController();
    const running = runSimulator({ ...ports(), limit: 3, rate: 10, alarmEveryS: 0, tallyEveryS: 0, signal: stop.signal, log: () => undefined });
    for (let i = 0; i < 200 && registrar.devices().length < 1; i++) await new Promise((r) => setTimeout(r, 25));
    const asked = Date.now();
    stop.abort();
    const result = await running;
    assert.ok(Date.now() - asked < 5000, 'it leaves promptly');
    assert.deepEqual(result.driven.map((d) => d.protocol), ['mqtt', 'gat1400', 'gb28181']);
    assert.deepEqual([result.tallies.mqtt.online, result.tallies.gat1400.online, result.tallies.gb28181.online], [0, 0, 0]);
    assert.deepEqual([result.tallies.mqtt.refused, result.tallies.gat1400.refused, result.tallies.gb28181.refused], [0, 0, 0]);
    await registrar.settled();
    assert.deepEqual(registrar.devices(), []);
    assert.equal(broker.connectedClients, 0);
  });
});
