/**
 * Devices over MQTT against real brokers: the embedded aedes broker with real mqtt.js devices
 * over TCP, and the bridge to the local Mosquitto (skipped when none listens on 127.0.0.1:1883).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { z } from 'zod';
import { BrokerBridge, EmbeddedBroker, IngestPipeline, deviceTopic, type DeviceEvent, type EventStore } from './index.js';

const envelope = { id: z.string().min(1).max(64), ts: z.number().int() };
const SCHEMAS = {
  thermal_camera: z.object({ ...envelope, type: z.literal('fever'), temperature: z.number().min(30).max(45) }),
  street_light: z.object({ ...envelope, type: z.enum(['sos', 'status', 'command_ack']), lamp: z.enum(['on', 'off']).optional(), commandId: z.string().optional() }),
};

/** A store that keeps events in memory, can be held shut (a slow disk) or fail once. */
class Store implements EventStore {
  readonly events: DeviceEvent[] = [];
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  failNext = 0;
  hold() {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release() {
    this.open?.();
    this.gate = null;
  }
  async append(events: readonly DeviceEvent[]) {
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('disk full');
    }
    for (const e of events) if (!this.events.some((x) => x.deviceCode === e.deviceCode && x.messageId === e.messageId)) this.events.push(e);
  }
}

const DEVICES = new Map([
  ['34020000001320000001', { kind: 'thermal_camera', password: 'tc-secret-1' }],
  ['LIGHT-0001', { kind: 'street_light', password: 'light-secret-1' }],
  ['LIGHT-0002', { kind: 'street_light', password: 'light-secret-2' }],
]);

let seq = 0;
const message = (body: Record<string, unknown>) => JSON.stringify({ id: `m${++seq}`, ts: Date.now(), ...body });

describe('MQTT devices on the embedded broker (aedes)', () => {
  const store = new Store();
  const refusals: string[] = [];
  let broker: EmbeddedBroker;
  let pipeline: IngestPipeline;
  const clients: MqttClient[] = [];
  const connect = async (code: string, password: string, options: mqtt.IClientOptions = {}) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: code, username: code, password, reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };

  before(async () => {
    pipeline = new IngestPipeline({ store, schemas: SCHEMAS, maxPerSecond: 20, onRefusal: (code, r) => refusals.push(`${code}:${r.reason}`) });
    broker = await EmbeddedBroker.start({
      port: 0,
      pipeline,
      authenticator: {
        async authenticate(_clientId, username, password) {
          const d = DEVICES.get(username);
          return d && d.password === password ? { code: username, kind: d.kind } : null;
        },
      },
      onRefusal: (code, reason) => refusals.push(`${code}:${reason}`),
    });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker.close();
  });

  it('acknowledges a QoS 1 message only once it is stored', async () => {
    const camera = await connect('34020000001320000001', 'tc-secret-1');
    store.hold();
    let acked = false;
    const publishing = camera.publishAsync(deviceTopic('thermal_camera', '34020000001320000001', 'event'), message({ type: 'fever', temperature: 38.6 }), { qos: 1 }).then(() => (acked = true));
    await sleep(300);
    assert.equal(acked, false, 'no PUBACK while the store has not committed');
    assert.equal(store.events.length, 0);
    store.release();
    await publishing;
    assert.equal(store.events.length, 1);
    assert.deepEqual([store.events[0]!.type, store.events[0]!.body.temperature, store.events[0]!.part], ['fever', 38.6, 'event']);
  });

  it('refuses wrong credentials, and a client id that is not the device', async () => {
    await assert.rejects(connect('LIGHT-0001', 'wrong'), /Bad username or password|Not authorized|connack/i);
    await assert.rejects(connect('LIGHT-0009', 'light-secret-1', { username: 'LIGHT-0001' }), /Bad username or password|Not authorized|connack/i);
    assert.deepEqual(refusals.splice(0), ['LIGHT-0001:bad_credentials', 'LIGHT-0009:bad_credentials']);
  });

  it('answers a bad payload, a replay and a stale time on the reply topic, counts them, and keeps the session', async () => {
    const light = await connect('LIGHT-0001', 'light-secret-1');
    const replies: { error: string }[] = [];
    light.on('message', (_t, payload) => replies.push(JSON.parse(payload.toString()) as { error: string }));
    await light.subscribeAsync(deviceTopic('street_light', 'LIGHT-0001', 'reply'), { qos: 0 });
    const topic = deviceTopic('street_light', 'LIGHT-0001', 'event');
    await light.publishAsync(topic, 'not json', { qos: 1 });
    await light.publishAsync(topic, message({ type: 'explode' }), { qos: 1 });
    const once = JSON.stringify({ id: 'sos-1', ts: Date.now(), type: 'sos' });
    await light.publishAsync(topic, once, { qos: 1 });
    await light.publishAsync(topic, once, { qos: 1 });
    await light.publishAsync(topic, JSON.stringify({ id: 'old', ts: Date.now() - 3_600_000, type: 'sos' }), { qos: 1 });
    await sleep(200);
    assert.deepEqual(replies.map((r) => r.error), ['bad_payload', 'bad_payload', 'duplicate', 'bad_time']);
    assert.deepEqual(refusals.splice(0), ['LIGHT-0001:bad_payload', 'LIGHT-0001:bad_payload', 'LIGHT-0001:duplicate', 'LIGHT-0001:bad_time']);
    assert.equal(store.events.filter((e) => e.deviceCode === 'LIGHT-0001').length, 1, 'the SOS once');
    assert.ok(light.connected);
  });

  it('closes a device that publishes on another device\'s topic and denies subscribing to another device\'s commands', async () => {
    const light = await connect('LIGHT-0002', 'light-secret-2');
    await assert.rejects(light.subscribeAsync(deviceTopic('street_light', 'LIGHT-0001', 'command'), { qos: 1 }), /Subscribe error/, 'subscription refused');
    const closed = new Promise((resolve) => light.once('close', () => resolve(undefined)));
    light.publish(deviceTopic('street_light', 'LIGHT-0001', 'event'), message({ type: 'sos' }), { qos: 1 });
    await closed;
    assert.deepEqual(refusals.splice(0), ['LIGHT-0002:forbidden_subscription', 'LIGHT-0002:forbidden_topic']);
    assert.equal(store.events.filter((e) => e.deviceCode === 'LIGHT-0002').length, 0);
  });

  it('refuses a flooding device beyond its rate while another device is stored as usual', async () => {
    const flooder = await connect('LIGHT-0002', 'light-secret-2');
    const camera = await connect('34020000001320000001', 'tc-secret-1');
    const before = store.events.length;
    await Promise.all([
      ...Array.from({ length: 60 }, () => flooder.publishAsync(deviceTopic('street_light', 'LIGHT-0002', 'event'), message({ type: 'status', lamp: 'on' }), { qos: 1 })),
      ...Array.from({ length: 5 }, () => camera.publishAsync(deviceTopic('thermal_camera', '34020000001320000001', 'event'), message({ type: 'fever', temperature: 37.9 }), { qos: 1 })),
    ]);
    const floods = refusals.splice(0).filter((r) => r === 'LIGHT-0002:flood').length;
    const stored = store.events.slice(before);
    assert.equal(stored.filter((e) => e.deviceCode === '34020000001320000001').length, 5);
    assert.equal(stored.filter((e) => e.deviceCode === 'LIGHT-0002').length + floods, 60);
    assert.ok(floods >= 20, `most of the flood refused (${floods})`);
  });

  it('sends a command to a device and stores its confirmation', async () => {
    await sleep(1_100); // a new second for the rate limit
    const light = await connect('LIGHT-0001', 'light-secret-1', { clientId: 'LIGHT-0001' });
    const got = new Promise<Record<string, unknown>>((resolve) => light.once('message', (_t, p) => resolve(JSON.parse(p.toString()) as Record<string, unknown>)));
    await light.subscribeAsync(deviceTopic('street_light', 'LIGHT-0001', 'command'), { qos: 1 });
    await broker.command({ code: 'LIGHT-0001', kind: 'street_light' }, { commandId: 'c-1', action: 'speak', text: '请注意防汛' });
    const command = await got;
    assert.equal(command.text, '请注意防汛');
    await light.publishAsync(deviceTopic('street_light', 'LIGHT-0001', 'ack'), message({ type: 'command_ack', commandId: 'c-1' }), { qos: 1 });
    assert.ok(store.events.some((e) => e.part === 'ack' && e.body.commandId === 'c-1'));
  });

  it('does not acknowledge a message it could not store: the device sends it again', async () => {
    const light = await connect('LIGHT-0001', 'light-secret-1', { reconnectPeriod: 100, clean: false });
    store.failNext = 1;
    const body = JSON.stringify({ id: 'retry-1', ts: Date.now(), type: 'sos' });
    await light.publishAsync(deviceTopic('street_light', 'LIGHT-0001', 'event'), body, { qos: 1 });
    assert.equal(store.events.filter((e) => e.messageId === 'retry-1').length, 1, 'stored once, after the retry');
    assert.ok(refusals.splice(0).includes('LIGHT-0001:store_failed'));
  });
});

const mosquittoUp = await new Promise<boolean>((resolve) => {
  const socket = net.connect(1883, '127.0.0.1', () => {
    socket.end();
    resolve(true);
  });
  socket.on('error', () => resolve(false));
});

describe('MQTT devices through an external broker (the local Mosquitto)', { skip: mosquittoUp ? false : 'no MQTT broker on 127.0.0.1:1883 (Debian package mosquitto)' }, () => {
  it('stores what devices publish there, once, through the shared subscription, and counts a bad payload', async () => {
    const store = new Store();
    const refusals: string[] = [];
    const pipeline = new IngestPipeline({ store, schemas: SCHEMAS, onRefusal: (code, r) => refusals.push(`${code}:${r.reason}`) });
    // Two platform processes in one shared group: each message reaches one of them.
    const code = `T${Date.now()}`;
    const kindOf = async (c: string) => (c === code ? 'thermal_camera' : null);
    const bridges = await Promise.all([BrokerBridge.start({ url: 'mqtt://127.0.0.1:1883', pipeline, connections: 2, kindOf }), BrokerBridge.start({ url: 'mqtt://127.0.0.1:1883', pipeline, connections: 2, kindOf })]);
    const device = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: code, reconnectPeriod: 0 });
    try {
      const topic = deviceTopic('thermal_camera', code, 'event');
      for (let i = 0; i < 20; i++) await device.publishAsync(topic, message({ type: 'fever', temperature: 38 + i / 10 }), { qos: 1 });
      await device.publishAsync(topic, '{"id":"x"}', { qos: 1 });
      // The broker keeps the device to its code's branch; the kind is the registry's, not the device's word.
      await device.publishAsync(deviceTopic('smoke_sensor', code, 'event'), message({ type: 'smoke' }), { qos: 1 });
      for (let i = 0; i < 50 && store.events.length < 20; i++) await sleep(50);
      await pipeline.drained();
      assert.equal(store.events.length, 20);
      assert.equal(new Set(store.events.map((e) => e.messageId)).size, 20);
      for (let i = 0; i < 20 && refusals.length < 2; i++) await sleep(50);
      assert.deepEqual(refusals.sort(), [`${code}:bad_payload`, `${code}:unknown_device`]);
    } finally {
      await device.endAsync(true);
      await Promise.all(bridges.map((b) => b.close()));
    }
  });
});
