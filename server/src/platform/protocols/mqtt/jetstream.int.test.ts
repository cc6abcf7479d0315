/**
 * The durable log between ingest and storage, against a real NATS server with JetStream (the
 * Debian `nats-server`, started here on a free port with a scratch store): devices' messages
 * through the embedded broker are acknowledged once the log holds them, stored by the log's
 * consumers in batches, each once even when published twice, and a batch the store failed is
 * delivered again and stored; two consumers (two processes) share the work.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { z } from 'zod';
import { EmbeddedBroker, IngestPipeline, JetStreamLog, deviceTopic, type DeviceEvent, type EventStore } from './index.js';

const NATS = '/usr/sbin/nats-server';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SCHEMAS = { street_light: z.object({ id: z.string(), ts: z.number().int(), type: z.enum(['sos', 'status']) }) };

/** A store that keeps events by their key (device, message id, time: as the database does) and can be told to fail its next calls. */
class Store implements EventStore {
  readonly events = new Map<string, DeviceEvent>();
  calls = 0;
  failNext = 0;
  async append(events: readonly DeviceEvent[]) {
    this.calls++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database away');
    }
    for (const e of events) this.events.set(`${e.deviceCode}:${e.messageId}:${e.at.getTime()}`, e);
  }
}

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as AddressInfo;
    s.close(() => resolve(port));
  });
});

describe('the durable log between ingest and storage (NATS JetStream)', { skip: fs.existsSync(NATS) ? false : 'no nats-server (Debian package nats-server)' }, () => {
  let server: ChildProcess;
  let url: string;
  let dir: string;

  before(async () => {
    const port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-js-'));
    server = spawn(NATS, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' });
    url = `nats://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.end(); resolve(true); }).on('error', () => resolve(false)));
      if (up) break;
      await sleep(50);
    }
  });
  after(() => {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges a device once the log holds the message, and stores it from the log once', async () => {
    const log = await JetStreamLog.start({ url, stream: 'T1', subject: 't1.events', durable: 't1' });
    const store = new Store();
    const pipeline = new IngestPipeline({ store: log.store(), schemas: SCHEMAS });
    const broker = await EmbeddedBroker.start({ port: 0, pipeline, authenticator: { authenticate: async (id) => ({ code: id, kind: 'street_light' }) } });
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: 'SL-1', reconnectPeriod: 0 });
    try {
      for (let i = 0; i < 50; i++) await device.publishAsync(deviceTopic('street_light', 'SL-1', 'event'), JSON.stringify({ id: `m${i}`, ts: Date.now(), type: 'status' }), { qos: 1 });
      // Acknowledged to the device: in the log, not stored yet (no consumer runs).
      assert.equal(store.events.size, 0);
      assert.equal(await log.pending(), 50);
      // The same message published again (another gateway, a retry) is one message in the log.
      await log.store().append([{ deviceCode: 'SL-1', kind: 'street_light', messageId: 'm0', at: new Date(0), receivedAt: new Date(0), part: 'event', type: 'status', body: {} }]);
      await log.store().append([{ deviceCode: 'SL-1', kind: 'street_light', messageId: 'm0', at: new Date(0), receivedAt: new Date(0), part: 'event', type: 'status', body: {} }]);
      for (let i = 0; i < 40 && (await log.pending()) < 51; i++) await sleep(50);
      assert.equal(await log.pending(), 51);
      log.consume(store);
      for (let i = 0; i < 100 && store.events.size < 51; i++) await sleep(50);
      assert.equal(store.events.size, 51);
      for (let i = 0; i < 40 && (await log.pending()) > 0; i++) await sleep(50);
      assert.equal(await log.pending(), 0, 'acknowledged to the log after the store');
      assert.ok(store.calls <= 5, `stored in batches (${store.calls} calls)`);
    } finally {
      await device.endAsync(true);
      await broker.close();
      await log.close();
    }
  });

  it('delivers a batch the store failed again, and shares the work between two consumers', async () => {
    const writer = await JetStreamLog.start({ url, stream: 'T2', subject: 't2.events', durable: 't2' });
    const [a, b] = [await JetStreamLog.start({ url, stream: 'T2', subject: 't2.events', durable: 't2' }), await JetStreamLog.start({ url, stream: 'T2', subject: 't2.events', durable: 't2' })];
    const store = new Store();
    store.failNext = 1;
    const errors: unknown[] = [];
    try {
      const events: DeviceEvent[] = Array.from({ length: 400 }, (_, i) => ({ deviceCode: `D${i % 7}`, kind: 'street_light', messageId: `e${i}`, at: new Date(1_700_000_000_000 + i), receivedAt: new Date(), part: 'event', type: 'status', body: { i } }));
      await writer.store().append(events);
      a.consume(store, { batch: 50, onError: (e) => errors.push(e) });
      b.consume(store, { batch: 50, onError: (e) => errors.push(e) });
      for (let i = 0; i < 200 && store.events.size < 400; i++) await sleep(50);
      assert.equal(store.events.size, 400, 'every message stored, the failed batch too');
      assert.equal(errors.length, 1);
      const e10 = store.events.get(`D3:e10:${1_700_000_000_010}`)!;
      assert.deepEqual(e10.body, { i: 10 });
      assert.ok(e10.at instanceof Date);
      for (let i = 0; i < 40 && (await writer.pending()) > 0; i++) await sleep(50);
      assert.equal(await writer.pending(), 0);
    } finally {
      await Promise.all([a.close(), b.close(), writer.close()]);
    }
  });
});
