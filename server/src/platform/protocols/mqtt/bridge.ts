/**
 * Ingest from an external MQTT broker (`MQTT_URL`: Mosquitto, or a clustered broker such as
 * EMQX for more than one machine). The broker authenticates the devices and keeps each to its own
 * topics (an ACL on the client id, e.g. Mosquitto's `pattern write gridgov/+/%c/event`); the
 * platform's processes subscribe to every device's `event` and `ack` topics as one shared
 * subscription group, so each message reaches one process. A message is acknowledged to the
 * broker only after the pipeline stored it (mqtt.js sends the PUBACK when `handleMessage` calls
 * back), so a process that dies before storing leaves it with the broker to hand out again.
 * mqtt.js handles one message of a connection at a time, so `connections` subscribers share the
 * load.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceIdentity } from './broker.js';
import type { IngestPipeline } from './ingest.js';
import { PLATFORM_SUBSCRIPTIONS, deviceTopic, parseDeviceTopic } from './topics.js';

export interface BridgeOptions {
  url: string;
  pipeline: IngestPipeline;
  /** How many subscriber connections this process opens (default 4). */
  connections?: number;
  username?: string;
  password?: string;
  /**
   * The registered kind of a device code, or null for one the platform does not know (or has
   * disabled). The broker keeps a device to its own code's branch, but the kind segment is the
   * device's word: a message whose kind is not the registry's is refused.
   */
  kindOf(code: string): Promise<string | null>;
}

export class BrokerBridge {
  private constructor(private readonly clients: MqttClient[]) {}

  static async start(options: BridgeOptions): Promise<BrokerBridge> {
    const clients: MqttClient[] = [];
    try {
      for (let i = 0; i < (options.connections ?? 4); i++) {
        const client = await mqtt.connectAsync(options.url, {
          clientId: `gridgov-ingest-${randomUUID()}`,
          clean: true,
          protocolVersion: 5,
          username: options.username,
          password: options.password,
          reconnectPeriod: 1_000,
        });
        client.handleMessage = (packet, callback) => {
          const topic = parseDeviceTopic(packet.topic);
          if (!topic || (topic.part !== 'event' && topic.part !== 'ack')) return callback();
          const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
          options
            .kindOf(topic.code)
            .then((kind) => (kind === topic.kind ? options.pipeline.accept({ code: topic.code, kind }, topic.part as 'event' | 'ack', payload) : options.pipeline.refuse(topic.code, 'unknown_device', `${topic.code} is not a registered ${topic.kind}`)))
            .then((refusal) => callback(refusal?.reason === 'store_failed' ? new Error(refusal.detail) : undefined))
            .catch((error: Error) => callback(error));
        };
        clients.push(client);
        await client.subscribeAsync(PLATFORM_SUBSCRIPTIONS, { qos: 1 });
      }
    } catch (error) {
      await Promise.all(clients.map((c) => c.endAsync(true)));
      throw error;
    }
    return new BrokerBridge(clients);
  }

  /** Sends a command to a device (QoS 1 on its `command` topic, through the broker); its confirmation comes back on its `ack` topic. */
  async command(device: DeviceIdentity, body: Record<string, unknown>): Promise<void> {
    const client = this.clients[0];
    if (!client) throw new Error('no broker connection');
    await client.publishAsync(deviceTopic(device.kind, device.code, 'command'), JSON.stringify(body), { qos: 1 });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync()));
  }
}
