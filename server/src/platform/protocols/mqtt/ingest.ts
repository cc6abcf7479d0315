/**
 * Device messages from MQTT into durable storage. `IngestPipeline.accept` checks one message
 * (the payload's schema for the device's kind, its message id and time), refuses duplicates and
 * replays (the same message id of a device within the replay window, or a time outside it), and
 * resolves only when the message is durably stored: the broker sends the QoS 1 acknowledgement
 * then, so a message acknowledged is never lost. Stores are grouped (group commit): messages
 * arriving together are written in one call of the `EventStore` (one transaction) of up to
 * `maxBatch`, so durable ingest costs one commit per batch, not per message.
 *
 * A refusal is counted per device (`onRefusal`) and answered to the device, never by closing
 * other devices' sessions; a device sending faster than `maxPerSecond` is refused for the rest of
 * that second.
 */
import type { z } from 'zod';

/** A device message as stored. */
export interface DeviceEvent {
  deviceCode: string;
  kind: string;
  /** The device's own message id (its dedup key with the device code). */
  messageId: string;
  /** When the device says it happened. */
  at: Date;
  receivedAt: Date;
  /** `event` or `ack` (a command's delivery confirmation). */
  part: 'event' | 'ack';
  /** The payload's `type` (fever, sos, smoke, passage, ...). */
  type: string;
  body: Record<string, unknown>;
}

export interface EventStore {
  /** Stores the events in one transaction; resolves once committed. Events already stored (device, message id) are skipped, not an error. */
  append(events: readonly DeviceEvent[]): Promise<void>;
}

export type RefusalReason = 'bad_payload' | 'bad_time' | 'duplicate' | 'flood' | 'store_failed' | 'unknown_device';

export interface Refusal {
  reason: RefusalReason;
  /** A short English explanation, sent back to the device. */
  detail: string;
}

/** The envelope every device message carries; `schemas[kind]` checks the rest. */
export interface Envelope {
  id: string;
  ts: number;
  type: string;
}

export interface IngestOptions {
  store: EventStore;
  /** Per device kind, the schema of a message (the envelope's fields included). A kind without one is refused. */
  schemas: Readonly<Record<string, z.ZodType<Envelope & Record<string, unknown>>>>;
  now?: () => Date;
  /** How far a message's time may be from the server's (default 10 min). */
  replayWindowMs?: number;
  /** The most messages one store call takes (default 2,000). */
  maxBatch?: number;
  /** The most messages of one device in one second (default 50). */
  maxPerSecond?: number;
  onRefusal?(deviceCode: string, refusal: Refusal): void;
}

interface Pending {
  event: DeviceEvent;
  resolve(): void;
  reject(error: Error): void;
}

/** The message ids of one device seen within the window (time-ordered for expiry). */
class SeenIds {
  private readonly ids = new Map<string, number>();
  has(id: string, now: number, windowMs: number): boolean {
    const at = this.ids.get(id);
    return at !== undefined && now - at <= 2 * windowMs;
  }
  delete(id: string) {
    this.ids.delete(id);
  }
  add(id: string, now: number, windowMs: number) {
    this.ids.set(id, now);
    // Drop the expired ones from the oldest end (Map keeps insertion order).
    for (const [k, at] of this.ids) {
      if (now - at <= 2 * windowMs && this.ids.size <= 100_000) break;
      this.ids.delete(k);
    }
  }
}

export class IngestPipeline {
  private readonly seen = new Map<string, SeenIds>();
  private readonly rate = new Map<string, { second: number; n: number }>();
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly now: () => Date;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly maxPerSecond: number;
  stored = 0;

  constructor(private readonly options: IngestOptions) {
    this.now = options.now ?? (() => new Date());
    this.windowMs = options.replayWindowMs ?? 10 * 60_000;
    this.maxBatch = options.maxBatch ?? 2_000;
    this.maxPerSecond = options.maxPerSecond ?? 50;
  }

  /** Refuses a message before it is looked at (counted like the pipeline's own refusals). */
  async refuse(deviceCode: string, reason: RefusalReason, detail: string): Promise<Refusal> {
    const refusal = { reason, detail };
    this.options.onRefusal?.(deviceCode, refusal);
    return refusal;
  }

  /** Checks a message; resolves with null once it is durably stored, or with the refusal (already counted). */
  async accept(device: { code: string; kind: string }, part: 'event' | 'ack', payload: Buffer): Promise<Refusal | null> {
    const refuse = (reason: RefusalReason, detail: string): Refusal => {
      const refusal = { reason, detail };
      this.options.onRefusal?.(device.code, refusal);
      return refusal;
    };
    const now = this.now();
    const second = Math.floor(now.getTime() / 1000);
    const rate = this.rate.get(device.code);
    if (rate?.second === second) {
      if (++rate.n > this.maxPerSecond) return refuse('flood', `more than ${this.maxPerSecond} messages a second`);
    } else this.rate.set(device.code, { second, n: 1 });

    const schema = this.options.schemas[device.kind];
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return refuse('bad_payload', 'the payload is not JSON');
    }
    if (!schema) return refuse('bad_payload', `no message schema for kind ${device.kind}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse('bad_payload', `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const { id, ts, type, ...body } = parsed.data;
    if (Math.abs(ts - now.getTime()) > this.windowMs) return refuse('bad_time', `ts ${ts} is outside the replay window`);
    let seen = this.seen.get(device.code);
    if (!seen) this.seen.set(device.code, (seen = new SeenIds()));
    if (seen.has(id, now.getTime(), this.windowMs)) return refuse('duplicate', `message ${id} was already received`);
    seen.add(id, now.getTime(), this.windowMs);

    const event: DeviceEvent = { deviceCode: device.code, kind: device.kind, messageId: id, at: new Date(ts), receivedAt: now, part, type, body };
    try {
      await new Promise<void>((resolve, reject) => {
        this.queue.push({ event, resolve, reject });
        this.schedule();
      });
      return null;
    } catch (error) {
      // Not stored: the device may send it again (its id is free again).
      seen.delete(id);
      return refuse('store_failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** One flush at a time; messages arriving during a flush go in the next one. */
  private schedule() {
    if (this.flushing) return;
    this.flushing = (async () => {
      // Let the messages of this turn of the event loop join the batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.options.store.append(batch.map((p) => p.event));
          this.stored += batch.length;
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    })().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
  }

  /** Resolves when nothing waits to be stored. */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
