/**
 * Device events in the database: an MQTT device's messages through the embedded broker stored
 * in the day partitions (once, however often they are handed over), and the retention rules that
 * drop old days and short-lived status reports.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import { z } from 'zod';
import { rows } from '../../platform/db/client.js';
import { runRetention } from '../../platform/retention/retention.js';
import { localDate } from '../../platform/time-zone.js';
import { EmbeddedBroker, IngestPipeline, deviceTopic, type DeviceEvent } from '../../platform/protocols/mqtt/index.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { EVENT_RETENTION, ensureEventPartitions, pgEventStore } from './events.js';

const SCHEMAS = { smoke_sensor: z.object({ id: z.string(), ts: z.number().int(), type: z.enum(['smoke', 'status']), level: z.number().optional() }) };
const DAY = 86_400_000;

describe('device events in the database', () => {
  let env: TestEnv;
  const db = () => env.rt.database.db;
  const count = async (where = sql`true`) => (await rows<{ n: number }>(db(), sql`select count(*)::int as n from device_event where ${where}`))[0]!.n;

  before(async () => {
    env = await startTestEnv({ seed: false });
  });
  after(() => env.close());

  it('has the partitions of yesterday to two days on, made at start', async () => {
    const names = (await rows<{ name: string }>(db(), sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'device_event'::regclass order by 1`)).map((r) => r.name);
    assert.equal(names.length, 5, names.join());
    assert.ok(names.includes('device_event_default'));
  });

  it('stores what a device publishes, acknowledged after commit, once however often it is handed over', async () => {
    const store = pgEventStore(db());
    const pipeline = new IngestPipeline({ store, schemas: SCHEMAS, now: () => env.clock.now() });
    const broker = await EmbeddedBroker.start({ port: 0, pipeline, authenticator: { authenticate: async (id, user, password) => (user === id && password === 's3cret' ? { code: id, kind: 'smoke_sensor' } : null) } });
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: 'SMOKE-01', username: 'SMOKE-01', password: 's3cret', reconnectPeriod: 0 });
    try {
      const ts = env.clock.now().getTime();
      await device.publishAsync(deviceTopic('smoke_sensor', 'SMOKE-01', 'event'), JSON.stringify({ id: 'a1', ts, type: 'smoke', level: 3 }), { qos: 1 });
      // The PUBACK came back: the row is there.
      const [stored] = await rows<{ type: string; body: { level: number }; device_code: string }>(db(), sql`select type, body, device_code from device_event where message_id = 'a1'`);
      assert.deepEqual([stored!.device_code, stored!.type, stored!.body.level], ['SMOKE-01', 'smoke', 3]);
      // A broker handing the same message over again (at least once; another process's pipeline): stored once.
      const again: DeviceEvent = { deviceCode: 'SMOKE-01', kind: 'smoke_sensor', messageId: 'a1', at: new Date(ts), receivedAt: new Date(), part: 'event', type: 'smoke', body: { level: 3 } };
      await store.append([again, again]);
      assert.equal(await count(sql`device_code = 'SMOKE-01'`), 1);
    } finally {
      await device.endAsync(true);
      await broker.close();
    }
  });

  it('drops the days past retention and status reports past theirs', async () => {
    const now = env.clock.now();
    const old = new Date(now.getTime() - 200 * DAY);
    await ensureEventPartitions(db(), old, 0);
    const store = pgEventStore(db());
    const event = (id: string, at: Date, type: string): DeviceEvent => ({ deviceCode: 'SMOKE-02', kind: 'smoke_sensor', messageId: id, at, receivedAt: at, part: 'event', type, body: {} });
    await store.append([event('old', old, 'smoke'), event('status-old', new Date(now.getTime() - 10 * DAY), 'status'), event('status-new', new Date(now.getTime() - DAY / 2), 'status'), event('smoke-10d', new Date(now.getTime() - 10 * DAY), 'smoke')]);
    const run = await runRetention(env.rt.kit, EVENT_RETENTION);
    assert.equal(run.kinds['device-status']!.count, 1);
    assert.equal(run.kinds['device-event']!.count, 1);
    assert.deepEqual((await rows<{ id: string }>(db(), sql`select message_id as id from device_event where device_code = 'SMOKE-02' order by 1`)).map((r) => r.id), ['smoke-10d', 'status-new']);
    const oldTables = await rows(db(), sql`select 1 from pg_class where relname = ${`device_event_${localDate(old).replaceAll('-', '')}`}`);
    assert.equal(oldTables.length, 0, 'the old day partition is gone');
  });
});
