/**
 * One MQTT device: connects with its code as client id and a time-bound password (username
 * `<code>&<timestampMs>`, password HMAC-SHA256(secret, `<code><timestampMs>`), signed afresh on
 * every reconnect) or the plain secret, publishes QoS 1 on `gridgov/<kind>/<code>/event`, answers
 * every command on `.../command` with a `command_ack` on `.../ack`, and counts the refusals the
 * platform sends on `.../reply`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic } from '../../platform/protocols/mqtt/index.js';
import { signDevicePassword } from '../../modules/devices/index.js';
import { reason, type DeviceContext } from './context.js';
import { alarmMessage, commandAck, routineMessage, statusMessage, type DeviceCommand, type ListedDevice, type MqttMessage } from './messages.js';

export interface MqttDeviceOptions {
  brokerUrl: string;
  device: ListedDevice;
  secret: string;
  /** Sign in with the plain secret (username = code) instead of the time-bound password. */
  plainPassword?: boolean;
  connectTimeoutMs?: number;
}

const BAD_CREDENTIALS = /bad username or password|not authorized/i;

export class MqttDevice {
  private client: MqttClient | null = null;
  private online = false;
  private battery: number;

  constructor(
    private readonly options: MqttDeviceOptions,
    private readonly ctx: DeviceContext,
  ) {
    this.battery = 70 + ctx.random() * 30;
  }

  get device(): ListedDevice {
    return this.options.device;
  }

  private credentials(): { username: string; password: string } {
    const { code } = this.options.device;
    if (this.options.plainPassword) return { username: code, password: this.options.secret };
    const ts = this.ctx.now();
    return { username: `${code}&${ts}`, password: signDevicePassword(this.options.secret, code, ts) };
  }

  private topic(part: 'event' | 'ack' | 'command' | 'reply'): string {
    return deviceTopic(this.options.device.kind, this.options.device.code, part);
  }

  /** Connects and subscribes; false (and given up) when the first attempt fails. */
  async start(): Promise<boolean> {
    const { code } = this.options.device;
    const client = mqtt.connect(this.options.brokerUrl, { clientId: code, ...this.credentials(), clean: true, keepalive: 60, reconnectPeriod: 3000, connectTimeout: this.options.connectTimeoutMs ?? 5000 });
    this.client = client;
    const timeoutMs = (this.options.connectTimeoutMs ?? 5000) + 1000;
    const first = await new Promise<Error | null>((resolve) => {
      const timer = setTimeout(() => resolve(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      const settle = (error: Error | null) => {
        clearTimeout(timer);
        resolve(error);
      };
      client.once('connect', () => settle(null));
      client.once('error', (error) => settle(error));
      client.once('offline', () => settle(new Error(`no answer from ${this.options.brokerUrl}`)));
    });
    if (first) {
      this.ctx.notice(`${code}: cannot connect to ${this.options.brokerUrl}: ${reason(first)}`);
      await client.endAsync(true);
      this.client = null;
      return false;
    }
    this.setOnline(true);
    client.on('reconnect', () => Object.assign(client.options, this.credentials()));
    client.on('connect', () => this.setOnline(true));
    client.on('close', () => this.setOnline(false));
    client.on('error', (error) => {
      this.ctx.notice(`${code}: ${reason(error)}`);
      // Refused credentials do not get better by retrying (the secret was rotated by someone else).
      if (BAD_CREDENTIALS.test(error.message)) void client.endAsync(true);
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    try {
      await Promise.race([client.subscribeAsync({ [this.topic('command')]: { qos: 1 }, [this.topic('reply')]: { qos: 0 } }), sleep(timeoutMs).then(() => Promise.reject(new Error('no SUBACK')))]);
    } catch (error) {
      this.ctx.notice(`${code}: subscribing to its command and reply topics failed: ${reason(error)}`);
    }
    this.status();
    return true;
  }

  private setOnline(online: boolean) {
    if (online === this.online) return;
    this.online = online;
    this.ctx.tally.online += online ? 1 : -1;
  }

  private onMessage(topic: string, payload: Buffer) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
    if (topic === this.topic('reply')) {
      this.ctx.tally.refused++;
      this.ctx.notice(`${this.options.device.code}: message ${String(body.id)} refused: ${String(body.error)} ${String(body.detail ?? '')}`.trim());
    } else if (topic === this.topic('command')) {
      void this.publish('ack', commandAck(body as DeviceCommand, this.ctx.now())).then((ok) => {
        if (ok) this.ctx.tally.commands++;
      });
    }
  }

  /** Publishes QoS 1; resolves true once acknowledged, false when offline or lost. */
  publish(part: 'event' | 'ack', message: MqttMessage): Promise<boolean> {
    const client = this.client;
    if (!client?.connected) return Promise.resolve(false);
    this.ctx.tally.sent++;
    return client.publishAsync(this.topic(part), JSON.stringify(message), { qos: 1 }).then(
      () => {
        this.ctx.tally.acked++;
        return true;
      },
      () => {
        this.ctx.tally.failed++;
        return false;
      },
    );
  }

  /** The periodic status report (a sensor's battery runs down a little). */
  status(): Promise<boolean> {
    this.battery = Math.max(5, this.battery - 0.05);
    return this.publish('event', statusMessage(this.options.device.kind, this.ctx.now(), this.ctx.random, this.battery));
  }

  /** An everyday event (a gate passage, or a status report). */
  routine(): Promise<boolean> {
    return this.publish('event', routineMessage(this.options.device.kind, this.ctx.now(), this.ctx.random));
  }

  /** Connected: it can send now. */
  get ready(): boolean {
    return this.client?.connected ?? false;
  }

  /** Whether the kind has an alarm to raise. */
  get canAlarm(): boolean {
    return alarmMessage(this.options.device.kind, 0, () => 0) !== null;
  }

  /** Raises the kind's alarm (fever, SOS, smoke, water). */
  async alarm(): Promise<boolean> {
    const message = alarmMessage(this.options.device.kind, this.ctx.now(), this.ctx.random);
    if (!message || !this.client?.connected) return false;
    this.ctx.tally.alarms++;
    return this.publish('event', message);
  }

  /**
   * Disconnects cleanly: waits up to 3 s for the messages in flight, then sends DISCONNECT; a
   * connection that will not close in 2 s more is dropped (mqtt.js ignores a second `end`, so a
   * graceful end stuck on an unanswered message would otherwise keep the socket open for ever).
   */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    const inFlight = () => Object.keys(client.outgoing).length > 0;
    for (const deadline = Date.now() + 3000; inFlight() && client.connected && Date.now() < deadline; ) await sleep(25);
    const ended = await Promise.race([client.endAsync(inFlight()).then(() => true, () => false), sleep(2000).then(() => false)]);
    if (!ended) client.stream?.destroy();
    this.setOnline(false);
  }
}
