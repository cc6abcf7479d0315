/**
 * The durable log between device ingest and storage past one machine (NATS JetStream). With it,
 * a gateway hands each checked message to the log instead of the database: the device's QoS 1
 * acknowledgement leaves once JetStream has stored the message (its PubAck), so ingest keeps
 * its pace while the database is slow or away, and a burst waits in the log rather than in a
 * process's memory. Every server process pulls from one shared durable consumer (work-queue
 * stream: each message to one of them), stores a batch through the platform's store in one
 * transaction, and acknowledges the batch to the log only after the commit; a process that dies
 * or fails a batch leaves it to be delivered again after `ackWaitMs` (at least once; the store
 * skips what it already holds). The message id (device, message id, time) is also JetStream's
 * `Nats-Msg-Id`, so a gateway publishing the same message twice within the duplicate window puts
 * it in the log once.
 */
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, connect, nanos, type JetStreamClient, type NatsConnection } from 'nats';
import type { DeviceEvent, EventStore } from './ingest.js';

export interface JetStreamLogOptions {
  /** nats://host:4222 (a cluster: several, comma-separated). */
  url: string;
  stream?: string;
  subject?: string;
  durable?: string;
  /** How long a delivered batch may stay unacknowledged before it is delivered again (default 30 s). */
  ackWaitMs?: number;
}

interface Wire {
  at: string;
  receivedAt: string;
  deviceCode: string;
  kind: string;
  messageId: string;
  part: DeviceEvent['part'];
  type: string;
  body: Record<string, unknown>;
}

const encode = (e: DeviceEvent) => Buffer.from(JSON.stringify({ ...e, at: e.at.toISOString(), receivedAt: e.receivedAt.toISOString() } satisfies Wire));
const decode = (data: Uint8Array): DeviceEvent => {
  const w = JSON.parse(Buffer.from(data).toString('utf8')) as Wire;
  return { ...w, at: new Date(w.at), receivedAt: new Date(w.receivedAt) };
};

export class JetStreamLog {
  private consuming = false;
  private loop: Promise<void> | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly names: { stream: string; subject: string; durable: string },
  ) {}

  /** Connects and makes the stream and the shared consumer if they are not there yet. */
  static async start(options: JetStreamLogOptions): Promise<JetStreamLog> {
    const names = { stream: options.stream ?? 'GRIDGOV_DEVICE_EVENTS', subject: options.subject ?? 'gridgov.device.events', durable: options.durable ?? 'gridgov-store' };
    const nc = await connect({ servers: options.url.split(','), name: 'gridgov', maxReconnectAttempts: -1 });
    try {
      const jsm = await nc.jetstreamManager();
      const exists = await jsm.streams.info(names.stream).then(() => true, () => false);
      if (!exists) {
        await jsm.streams.add({ name: names.stream, subjects: [names.subject], storage: StorageType.File, retention: RetentionPolicy.Workqueue, duplicate_window: nanos(120_000) });
      }
      const consumer = await jsm.consumers.info(names.stream, names.durable).then(() => true, () => false);
      if (!consumer) {
        await jsm.consumers.add(names.stream, { durable_name: names.durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(options.ackWaitMs ?? 30_000), max_ack_pending: 50_000 });
      }
      return new JetStreamLog(nc, nc.jetstream(), names);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** The ingest pipeline's store: resolves once JetStream stored every event (one PubAck each, awaited together). */
  store(): EventStore {
    return {
      append: async (events) => {
        await Promise.all(events.map((e) => this.js.publish(this.names.subject, encode(e), { msgID: `${e.deviceCode}:${e.messageId}:${e.at.getTime()}` })));
      },
    };
  }

  /**
   * Pulls batches from the shared consumer into `target` until `stop`: a batch is acknowledged
   * after `target.append` resolved (committed), and left for redelivery when it threw.
   */
  consume(target: EventStore, options: { batch?: number; onError?: (error: unknown) => void } = {}): void {
    if (this.consuming) return;
    this.consuming = true;
    this.loop = (async () => {
      const consumer = await this.js.consumers.get(this.names.stream, this.names.durable);
      while (this.consuming) {
        try {
          const messages = await consumer.fetch({ max_messages: options.batch ?? 2_000, expires: 1_000 });
          const batch = [];
          for await (const m of messages) batch.push(m);
          if (batch.length === 0) continue;
          try {
            await target.append(batch.map((m) => decode(m.data)));
            for (const m of batch) m.ack();
          } catch (error) {
            // Not stored: the log delivers them again (at once, not after the ack wait).
            for (const m of batch) m.nak(1_000);
            options.onError?.(error);
          }
        } catch (error) {
          if (!this.consuming) break;
          options.onError?.(error);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    })();
  }

  /** Messages in the log not yet stored (acknowledged), for /metrics. */
  async pending(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    const info = await jsm.consumers.info(this.names.stream, this.names.durable);
    return info.num_pending + info.num_ack_pending;
  }

  async close(): Promise<void> {
    this.consuming = false;
    await this.loop?.catch(() => undefined);
    await this.nc.drain();
  }
}
