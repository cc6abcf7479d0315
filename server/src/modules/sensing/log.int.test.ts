/**
 * The gateways with the durable log (GRIDGOV_NATS_URL, a real NATS server with JetStream started
 * here): a street light's SOS over MQTT goes through the log into the database and is filed like
 * any alarm; /metrics shows the log drained.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import type { Device, DeviceSecret } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { deviceTopic } from '../../platform/protocols/mqtt/index.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { fileAlarms, startGateways, type Gateways } from './index.js';
import { sensingGauges } from './gauges.js';

const NATS = '/usr/sbin/nats-server';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('device messages through the durable log (NATS JetStream)', { skip: fs.existsSync(NATS) ? false : 'no nats-server (Debian package nats-server)' }, () => {
  let nats: ChildProcess;
  let dir: string;
  let env: TestEnv;
  let gateways: Gateways;

  before(async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as AddressInfo;
        s.close(() => resolve(p));
      });
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-js-'));
    nats = spawn(NATS, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.end(); resolve(true); }).on('error', () => resolve(false)));
      if (up) break;
      await sleep(50);
    }
    env = await startTestEnv({ config: { mqttPort: 0, natsUrl: `nats://127.0.0.1:${port}` } });
    gateways = await startGateways(env.rt.kit);
    assert.deepEqual(gateways.problems, []);
  });
  after(async () => {
    await gateways.close();
    await env.close();
    nats.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores an SOS from the log and files it', async () => {
    const op = await env.login('county_op');
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode)!;
    const [g] = await rows<{ id: string; region_code: string; lng: number; lat: number }>(env.rt.database.db, sql`select id, region_code, (min_lon + max_lon) / 2 as lng, (min_lat + max_lat) / 2 as lat from grid where id = ${env.gridId(worker.gridCode!)}::uuid`);
    const made = await op.post<Device>('/api/devices', { code: 'LIGHT-LOG-01', name: '日志路灯', kind: 'street_light', protocol: 'mqtt', regionCode: g!.region_code, gridId: g!.id, lng: g!.lng, lat: g!.lat });
    const secret = await op.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`, {});
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${gateways.mqtt!.port}`, { clientId: 'LIGHT-LOG-01', username: 'LIGHT-LOG-01', password: secret.body.secret, reconnectPeriod: 0 });
    try {
      await device.publishAsync(deviceTopic('street_light', 'LIGHT-LOG-01', 'event'), JSON.stringify({ id: 'sos-1', ts: env.clock.now().getTime(), type: 'sos' }), { qos: 1 });
      // Acknowledged once in the log; stored by the log's consumer a moment later.
      let stored: { n: number }[] = [];
      for (let i = 0; i < 100; i++) {
        stored = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from device_alarm where device_code = 'LIGHT-LOG-01'`);
        if (stored[0]!.n > 0) break;
        await sleep(50);
      }
      assert.equal(stored[0]!.n, 1);
      assert.equal(await fileAlarms(env.rt.kit), 1);
      const [t] = await rows<{ source: string }>(env.rt.database.db, sql`select t.source from device_alarm a join ticket t on t.id = a.ticket_id where a.device_code = 'LIGHT-LOG-01'`);
      assert.equal(t!.source, 'device');
      for (let i = 0; i < 40 && (await gateways.log!.pending()) > 0; i++) await sleep(50);
      const families = await sensingGauges(env.rt.kit);
      assert.deepEqual(families.find((f) => f.name === 'gridgov_device_log_pending')!.samples, [{ value: 0 }]);
    } finally {
      await device.endAsync(true);
    }
  });
});
