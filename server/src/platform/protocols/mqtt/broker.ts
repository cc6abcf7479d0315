/**
 * The embedded MQTT broker (aedes, in this process: the default with nothing to set up). Devices
 * sign in with their own credentials (`DeviceAuthenticator`: the registry's per-device secrets or
 * time-bound HMAC passwords), may publish only on their own `event` and `ack` topics and
 * subscribe only to their own `command` and `reply` topics. A message is checked and stored by
 * the `IngestPipeline` before aedes goes on, so the QoS 1 acknowledgement leaves only once it is
 * durable; a refused message is acknowledged (sending it again would not help), answered on the
 * device's `reply` topic and counted; a message that could not be stored is not acknowledged and
 * the device's session is closed, so the device sends it again.
 */
import net, { type AddressInfo } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { IngestPipeline, Refusal } from './ingest.js';
import { deviceTopic, parseDeviceTopic } from './topics.js';

export interface DeviceIdentity {
  code: string;
  kind: string;
}

export interface DeviceAuthenticator {
  /** The device the credentials belong to, or null. The MQTT client id must be the device's code. */
  authenticate(clientId: string, username: string, password: string): Promise<DeviceIdentity | null>;
}

export type BrokerRefusal = 'bad_credentials' | 'forbidden_topic' | 'forbidden_subscription';

export interface EmbeddedBrokerOptions {
  host?: string;
  port?: number;
  authenticator: DeviceAuthenticator;
  pipeline: IngestPipeline;
  /** Counted per device code (or the client id claimed when the credentials were wrong). */
  onRefusal?(code: string, reason: BrokerRefusal): void;
  /** A device came online or went offline. */
  onPresence?(device: DeviceIdentity, online: boolean): void;
}

const BAD_CREDENTIALS = 4;

export class EmbeddedBroker {
  private readonly identities = new WeakMap<Client, DeviceIdentity>();

  private constructor(
    private readonly aedes: Aedes,
    private readonly server: net.Server,
  ) {}

  static async start(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const aedes = await Aedes.createBroker();
    const server = net.createServer((socket) => aedes.handle(socket));
    const broker = new EmbeddedBroker(aedes, server);
    broker.wire(options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 1883, options.host ?? '127.0.0.1', () => resolve());
    });
    return broker;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get connectedClients(): number {
    return this.aedes.connectedClients;
  }

  private wire(options: EmbeddedBrokerOptions) {
    const { aedes } = this;
    const refuse = (code: string, reason: BrokerRefusal) => options.onRefusal?.(code, reason);
    aedes.authenticate = (client, username, password, callback) => {
      options.authenticator
        .authenticate(client.id, username ?? '', password?.toString('utf8') ?? '')
        .then((identity) => {
          if (!identity || identity.code !== client.id) {
            refuse(client.id, 'bad_credentials');
            const error = Object.assign(new Error('bad device credentials'), { returnCode: BAD_CREDENTIALS }) as AuthenticateError;
            return callback(error, false);
          }
          this.identities.set(client, identity);
          callback(null, true);
        })
        .catch((error: Error) => callback(Object.assign(error, { returnCode: 3 }) as AuthenticateError, false));
    };
    aedes.authorizePublish = (client, packet, callback) => {
      const identity = client ? this.identities.get(client) : undefined;
      const topic = parseDeviceTopic(packet.topic);
      if (!identity || !topic || topic.code !== identity.code || topic.kind !== identity.kind || (topic.part !== 'event' && topic.part !== 'ack')) {
        if (identity) refuse(identity.code, 'forbidden_topic');
        return callback(new Error(`may not publish on ${packet.topic}`));
      }
      options.pipeline
        .accept(identity, topic.part, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload))
        .then((refusal) => {
          if (refusal?.reason === 'store_failed') return callback(new Error(refusal.detail));
          if (refusal) this.reply(identity, packet.payload, refusal);
          callback(null);
        })
        .catch((error: Error) => callback(error));
    };
    aedes.authorizeSubscribe = (client, subscription, callback) => {
      const identity = this.identities.get(client);
      const topic = parseDeviceTopic(subscription.topic);
      if (!identity || !topic || topic.code !== identity.code || topic.kind !== identity.kind || (topic.part !== 'command' && topic.part !== 'reply')) {
        if (identity) refuse(identity.code, 'forbidden_subscription');
        return callback(null, null);
      }
      callback(null, subscription);
    };
    aedes.on('clientReady', (client) => {
      const identity = this.identities.get(client);
      if (identity) options.onPresence?.(identity, true);
    });
    aedes.on('clientDisconnect', (client) => {
      const identity = this.identities.get(client);
      if (identity) options.onPresence?.(identity, false);
    });
  }

  /** Tells a device why its message was refused (QoS 0 on its `reply` topic). */
  private reply(device: DeviceIdentity, payload: Buffer | string, refusal: Refusal) {
    let id: unknown = null;
    try {
      id = (JSON.parse(payload.toString()) as { id?: unknown }).id ?? null;
    } catch {
      // not JSON: no id to name
    }
    const body = JSON.stringify({ id, error: refusal.reason, detail: refusal.detail });
    this.aedes.publish({ cmd: 'publish', topic: deviceTopic(device.kind, device.code, 'reply'), payload: Buffer.from(body), qos: 0, retain: false, dup: false }, () => undefined);
  }

  /** Sends a command to a device (QoS 1 on its `command` topic); its confirmation comes back on its `ack` topic through the pipeline. */
  command(device: DeviceIdentity, body: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) =>
      this.aedes.publish({ cmd: 'publish', topic: deviceTopic(device.kind, device.code, 'command'), payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false, dup: false }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
