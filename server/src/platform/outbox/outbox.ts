/**
 * The outbox: `enqueueOutbox` writes messages in the caller's transaction; `deliverOutbox` claims
 * due ones with a lease in one short statement (so two processes never send one together, and a
 * crashed sender's claim runs out and is taken again), sends each through its channel outside
 * any transaction (no row lock is held during a network call), and records the result: sent,
 * retried later (1 min, 2, 4, ... up to `MAX_ATTEMPTS`), failed, disabled (the channel is not
 * configured here) or expired.
 *
 * The claim's attempt number is its fencing token: just before a message is sent its lease is
 * renewed only if the claim is still this one (a batch waiting behind slow gateways may outlive
 * its lease, and another process may have claimed the message since: then this one skips it),
 * and a result is recorded only under the same claim. Delivery is at least once: a sender killed
 * after the gateway took a message but before recording it leaves it to be sent again when the
 * lease ends, with the same `id`, which every channel sends along so the receiver can drop the
 * repeat.
 *
 * The bulk path (a broadcast to a city): `enqueueOutboxBulk` writes one batch of messages with
 * INSERT ... SELECT from a set the caller gives (rows after a cursor, in key order), each with a
 * unique dedup key, so a batch written twice adds nothing; the caller commits each batch with its
 * cursor, so millions of messages never sit in one transaction. `deliverOutboxBulk` claims bulk
 * messages of one channel in large batches, hands the whole batch to the channel's `deliverBatch`
 * (or to `deliver` one by one when it has none) and records the results in one or two statements.
 * On a PostgreSQL server the claim is the rows' locks, held in a transaction while the batch is
 * handed over (`FOR UPDATE SKIP LOCKED`; a sender that dies drops its connection and with it the
 * locks), so a message is written once when sent instead of twice; the embedded database has a
 * single connection that such a transaction would hold from every other request, so there the
 * claim is the lease above. `outboxTallies` reads the delivery counts of a subject per channel,
 * kept by triggers on the table (`outbox_tally`).
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Locale, MessageParams } from '@gridgov/contracts';
import { rows, type Db } from '../db/client.js';
import { defineJob } from '../jobs/queue.js';
import type { Clock } from '../clock.js';
import { outbox } from './tables.js';

export interface OutboxMessage {
  channel: string;
  recipient: string;
  targetCipher?: Buffer | null;
  kind?: string;
  params?: MessageParams;
  locale?: Locale;
  payload?: Record<string, unknown>;
  subject?: { type: string; id: string };
  expiresAt?: Date;
}

/** A message as a channel receives it. */
export interface ClaimedMessage {
  id: string;
  channel: string;
  recipient: string;
  targetCipher: Buffer | null;
  kind: string | null;
  params: MessageParams;
  locale: Locale;
  payload: Record<string, unknown>;
  subjectType: string | null;
  subjectId: string | null;
  attempts: number;
}

export type DeliveryResult = { status: 'sent' } | { status: 'disabled' } | { status: 'retry'; error: string } | { status: 'failed'; error: string };

export interface OutboxChannel {
  name: string;
  deliver(message: ClaimedMessage): Promise<DeliveryResult>;
  /**
   * Hands a batch of bulk messages over at once (one request to the gateway); answers one result
   * per message, in order. Channels without it get bulk messages one by one through `deliver`.
   */
  deliverBatch?(messages: readonly ClaimedMessage[]): Promise<DeliveryResult[]>;
}

export const MAX_ATTEMPTS = 8;
/** The default lease of a claimed message (`GRIDGOV_JOB_LEASE_MS`). */
const LEASE_MS = 60_000;
const BATCH = 50;
const PARALLEL = 8;

export async function enqueueOutbox(tx: Db, now: Date, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(outbox).values(
    messages.map((m) => ({
      id: randomUUID(),
      channel: m.channel,
      recipient: m.recipient,
      targetCipher: m.targetCipher ?? null,
      kind: m.kind ?? null,
      params: m.params ?? {},
      locale: m.locale ?? 'zh-CN',
      payload: m.payload ?? {},
      subjectType: m.subject?.type ?? null,
      subjectId: m.subject?.id ?? null,
      status: 'pending',
      nextAttemptAt: now,
      expiresAt: m.expiresAt ?? null,
      createdAt: now,
    })),
  );
}

interface ClaimedRow {
  id: string;
  channel: string;
  recipient: string;
  target_cipher: Buffer | Uint8Array | null;
  kind: string | null;
  params: MessageParams;
  locale: Locale;
  payload: Record<string, unknown>;
  subject_type: string | null;
  subject_id: string | null;
  attempts: number;
  expires_at: Date | string | null;
}

/** Claims up to `limit` due messages (and those whose sender's lease ran out) in one statement. */
async function claim(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  return rows<ClaimedRow>(
    db,
    sql`update outbox set status = 'sending', locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}, attempts = attempts + 1
        where id in (
          select id from outbox
          where (status = 'pending' and not bulk and next_attempt_at <= ${at}) or (status = 'sending' and not bulk and locked_until < ${at})
          order by next_attempt_at limit ${limit}
          for update skip locked)
        returning ${CLAIMED}`,
  );
}

const CLAIMED = sql.raw('id, channel, recipient, target_cipher, kind, params, locale, payload, subject_type, subject_id, attempts, expires_at');

const toClaimed = (row: ClaimedRow): ClaimedMessage => ({
  id: row.id, channel: row.channel, recipient: row.recipient, targetCipher: row.target_cipher ? Buffer.from(row.target_cipher) : null, kind: row.kind,
  params: row.params, locale: row.locale, payload: row.payload, subjectType: row.subject_type, subjectId: row.subject_id, attempts: row.attempts,
});

/** The message still under this claim (status sending, the same attempt). */
function held(id: string, attempts: number) {
  return sql`id = ${id} and status = 'sending' and attempts = ${attempts}`;
}

/** Renews the claim's lease just before sending; false: the claim is no longer this one. */
async function renew(db: Db, id: string, attempts: number, now: Date, leaseMs: number): Promise<boolean> {
  const renewed = await rows(db, sql`update outbox set locked_until = ${new Date(now.getTime() + leaseMs).toISOString()} where ${held(id, attempts)} returning id`);
  return renewed.length > 0;
}

/** When a message tried `attempts` times is due again: 1 min, 2, 4, ... */
const retryAt = (now: Date, attempts: number) => new Date(now.getTime() + 60_000 * 2 ** (attempts - 1));

async function record(db: Db, id: string, result: DeliveryResult, attempts: number, now: Date): Promise<void> {
  const at = now.toISOString();
  switch (result.status) {
    case 'sent':
      await db.execute(sql`update outbox set status = 'sent', sent_at = ${at}, locked_until = null, last_error = null where ${held(id, attempts)}`);
      return;
    case 'disabled':
      await db.execute(sql`update outbox set status = 'disabled', locked_until = null where ${held(id, attempts)}`);
      return;
    default: {
      const final = result.status === 'failed' || attempts >= MAX_ATTEMPTS;
      const next = retryAt(now, attempts).toISOString();
      await db.execute(
        sql`update outbox set status = ${final ? 'failed' : 'pending'}, next_attempt_at = ${next}, locked_until = null, last_error = ${result.error.slice(0, 500)} where ${held(id, attempts)}`,
      );
    }
  }
}

/**
 * Ends the leases of messages being sent: only for a database no other process can reach (the
 * embedded one, whose folder lock this process holds), at start.
 */
export async function releaseOutboxLeases(db: Db, clock: Clock): Promise<void> {
  const ended = new Date(clock.now().getTime() - 1).toISOString();
  await db.execute(sql`update outbox set locked_until = ${ended} where status = 'sending' and locked_until > ${ended}`);
}

/** One delivery pass: answers how many messages it handled. */
export async function deliverOutbox(db: Db, clock: Clock, channels: ReadonlyMap<string, OutboxChannel>, limit = BATCH, leaseMs = LEASE_MS): Promise<number> {
  const claimed = await claim(db, clock.now(), limit, leaseMs);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < claimed.length) {
      const row = claimed[next++]!;
      const now = clock.now();
      if (row.expires_at && new Date(row.expires_at) <= now) {
        await db.execute(sql`update outbox set status = 'expired', locked_until = null where ${held(row.id, row.attempts)}`);
        continue;
      }
      // Waited behind slow sends past the lease: another process may hold it now.
      if (!(await renew(db, row.id, row.attempts, now, leaseMs))) continue;
      const channel = channels.get(row.channel);
      let result: DeliveryResult;
      try {
        result = channel ? await channel.deliver(toClaimed(row)) : { status: 'failed', error: `no channel ${row.channel}` };
      } catch (error) {
        result = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
      }
      await record(db, row.id, result, row.attempts, clock.now());
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
  return claimed.length;
}

/** The recurring delivery timer (every process may run it; claims keep them apart). */
export const outboxDeliveryJob = (channels: ReadonlyMap<string, OutboxChannel>, leaseMs = LEASE_MS) =>
  defineJob({
    name: 'platform.outbox.deliver',
    payload: z.object({}),
    repeatEveryMs: 5_000,
    async handle(_payload, { db, clock }) {
      while ((await deliverOutbox(db, clock, channels, BATCH, leaseMs)) === BATCH) {
        // a full batch: there may be more due
      }
    },
  });

// ---------------------------------------------------------------- the bulk path

/** How many bulk messages one claim takes, and how many claims of one channel run at once. */
export const BULK_BATCH = 2_000;
export const BULK_LANES = 3;

export interface BulkEnqueue {
  channel: string;
  subject: { type: string; id: string };
  /**
   * The messages of one batch, in key order after the cursor: a `select` with the columns
   * `key` (text, unique within the subject and channel: the dedup key's tail and the cursor),
   * `recipient` (as shown: a masked phone, a device id), `target_cipher` (bytea or null),
   * `locale`, `params` (jsonb) and `payload` (jsonb).
   */
  rows: SQL;
  kind?: string | null;
  expiresAt?: Date | null;
}

/**
 * A UUID whose first 48 bits are the millisecond (version 7 layout; PostgreSQL 15 has no
 * `uuidv7()`): a batch's ids land at the right edge of the primary key instead of on random
 * pages, which at millions of messages is the difference between appending and rewriting a
 * large index.
 */
const TIME_ORDERED_UUID = sql.raw(
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`,
);

/**
 * Writes one batch of bulk messages in the caller's transaction, skipping those already written
 * (the dedup key `<subject type>:<subject id>:<channel>:<key>`). Answers how many rows the set
 * gave, how many were new, and the last key (the next batch's cursor; null when the set was empty).
 */
export async function enqueueOutboxBulk(tx: Db, now: Date, batch: BulkEnqueue): Promise<{ taken: number; inserted: number; last: string | null }> {
  const at = now.toISOString();
  const prefix = `${batch.subject.type}:${batch.subject.id}:${batch.channel}:`;
  const [r] = await rows<{ taken: number; inserted: number; last: string | null }>(
    tx,
    sql`with s as (${batch.rows}),
      ins as (
        insert into outbox (id, channel, recipient, target_cipher, kind, params, locale, payload, subject_type, subject_id, status, attempts, next_attempt_at, expires_at, created_at, bulk, dedup_key)
        select ${TIME_ORDERED_UUID}, ${batch.channel}, s.recipient, s.target_cipher, ${batch.kind ?? null}, s.params, s.locale, s.payload, ${batch.subject.type}, ${batch.subject.id},
               'pending', 0, ${at}::timestamptz, ${batch.expiresAt?.toISOString() ?? null}::timestamptz, ${at}::timestamptz, true, ${prefix} || s.key
        from s
        on conflict (dedup_key) where dedup_key is not null do nothing
        returning 1)
      select (select count(*) from s)::int as taken, (select count(*) from ins)::int as inserted, (select max(s.key collate "C") from s) as last`,
  );
  return { taken: r!.taken, inserted: r!.inserted, last: r!.last };
}

/** Claims up to `limit` due bulk messages of one channel: those due, then those whose sender's lease ran out. */
async function claimBulk(db: Db, channel: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  // Two index scans, each with its own limit: an OR of both would read every due message to sort them.
  return rows<ClaimedRow>(
    db,
    sql`with due as (select id from outbox where status = 'pending' and bulk and channel = ${channel} and next_attempt_at <= ${at}
                     order by next_attempt_at limit ${limit} for update skip locked),
             lapsed as (select id from outbox where status = 'sending' and bulk and channel = ${channel} and locked_until < ${at}
                        limit ${limit} for update skip locked)
        update outbox set status = 'sending', locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}, attempts = attempts + 1
        where id in (select id from due union all select id from lapsed)
        returning ${CLAIMED}`,
  );
}

type BulkResult = DeliveryResult | { status: 'expired' };

/**
 * Records the results of one claimed batch, each under its own claim: a leased message is still
 * `sending` with the claim's attempt number; a locked one (`held`) is still `pending` with the
 * attempt before. The usual batch, all sent, is one update by id; the rest one update from a set.
 */
async function recordBulk(db: Db, claimed: readonly ClaimedRow[], results: readonly BulkResult[], now: Date, held: boolean): Promise<void> {
  const at = now.toISOString();
  const from = held ? 'pending' : 'sending';
  const before = held ? 1 : 0;
  const lines = claimed.map((row, i) => {
    const r = results[i] ?? { status: 'retry', error: 'no result from the channel' };
    const final = r.status === 'failed' || (r.status === 'retry' && row.attempts >= MAX_ATTEMPTS);
    const status = r.status === 'retry' ? (final ? 'failed' : 'pending') : r.status;
    return { id: row.id, attempts: row.attempts, status, next: r.status === 'retry' ? retryAt(now, row.attempts).toISOString() : null, error: 'error' in r ? r.error.slice(0, 500) : null };
  });
  const sent = new Map<number, string[]>();
  for (const l of lines) {
    if (l.status !== 'sent') continue;
    const ids = sent.get(l.attempts);
    if (ids) ids.push(l.id);
    else sent.set(l.attempts, [l.id]);
  }
  for (const [attempts, ids] of sent) {
    await db.execute(sql`
      update outbox set status = 'sent', locked_until = null, attempts = ${attempts}, sent_at = ${at}::timestamptz, last_error = null
      where id = any(${`{${ids.join(',')}}`}::uuid[]) and status = ${from} and attempts = ${attempts - before}`);
  }
  const rest = lines.filter((l) => l.status !== 'sent');
  if (rest.length === 0) return;
  await db.execute(sql`
    update outbox o set status = r.status, locked_until = null, attempts = r.attempts,
           next_attempt_at = coalesce(r.next, o.next_attempt_at),
           last_error = coalesce(r.error, o.last_error)
    from jsonb_to_recordset(${JSON.stringify(rest)}::jsonb) as r(id uuid, attempts int, status text, next timestamptz, error text)
    where o.id = r.id and o.status = ${from} and o.attempts = r.attempts - ${before}`);
}

/** Locks up to `limit` due bulk messages of one channel in the caller's transaction, answered with the attempt they are on. */
async function lockBulk(tx: Db, channel: string, now: Date, limit: number): Promise<ClaimedRow[]> {
  return rows<ClaimedRow>(
    tx,
    sql`select id, channel, recipient, target_cipher, kind, params, locale, payload, subject_type, subject_id, attempts + 1 as attempts, expires_at
        from outbox where status = 'pending' and bulk and channel = ${channel} and next_attempt_at <= ${now.toISOString()}
        order by next_attempt_at limit ${limit} for update skip locked`,
  );
}

export interface BulkOptions {
  /** How many messages one claim takes (`BULK_BATCH`). */
  batch?: number;
  /** How many claims of one channel run at once (`BULK_LANES`). */
  lanes?: number;
  /** The claim's lease; with `hold`, the longest a transaction may sit idle while the channel sends. */
  leaseMs?: number;
  /** Claims are row locks held in a transaction during the hand-over (a PostgreSQL server), not leases. */
  hold?: boolean;
  signal?: AbortSignal;
}

/** Hands claimed messages to the channel (`deliverBatch`, else `deliver` one by one, `PARALLEL` at a time); expired ones are not sent. */
async function handOver(channel: OutboxChannel | undefined, name: string, claimed: readonly ClaimedRow[], now: Date): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(claimed.length);
  const live: number[] = [];
  claimed.forEach((row, i) => {
    if (row.expires_at && new Date(row.expires_at) <= now) results[i] = { status: 'expired' };
    else live.push(i);
  });
  const messages = live.map((i) => toClaimed(claimed[i]!));
  const failure = (error: unknown): DeliveryResult => ({ status: 'retry', error: error instanceof Error ? error.message : String(error) });
  if (!channel) {
    for (const i of live) results[i] = { status: 'failed', error: `no channel ${name}` };
  } else if (channel.deliverBatch) {
    let answered: DeliveryResult[];
    try {
      answered = messages.length ? await channel.deliverBatch(messages) : [];
    } catch (error) {
      answered = messages.map(() => failure(error));
    }
    live.forEach((i, k) => (results[i] = answered[k] ?? { status: 'retry', error: 'no result from the channel' }));
  } else {
    let next = 0;
    const worker = async () => {
      while (next < live.length) {
        const k = next++;
        try {
          results[live[k]!] = await channel.deliver(messages[k]!);
        } catch (error) {
          results[live[k]!] = failure(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, live.length) }, worker));
  }
  return results;
}

/** One bulk pass of one channel: claims a batch, hands it over and records the results. Answers how many it claimed. */
export async function deliverOutboxBulk(db: Db, clock: Clock, channel: OutboxChannel | undefined, name: string, options: BulkOptions = {}): Promise<number> {
  const limit = options.batch ?? BULK_BATCH;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  if (options.hold) {
    return db.transaction(async (tx) => {
      // A sender stuck past its lease loses its connection, and the messages are free again.
      await tx.execute(sql.raw(`set local idle_in_transaction_session_timeout = ${Math.round(leaseMs)}`));
      const claimed = await lockBulk(tx, name, clock.now(), limit);
      if (claimed.length === 0) return 0;
      await recordBulk(tx, claimed, await handOver(channel, name, claimed, clock.now()), clock.now(), true);
      return claimed.length;
    });
  }
  const claimed = await claimBulk(db, name, clock.now(), limit, leaseMs);
  if (claimed.length === 0) return 0;
  await recordBulk(db, claimed, await handOver(channel, name, claimed, clock.now()), clock.now(), false);
  return claimed.length;
}

/**
 * Delivers bulk messages until none is due: per channel, `lanes` claims at a time (each lane
 * claims its next batch when its last one is recorded). Answers how many messages it handled.
 */
export async function drainOutboxBulk(db: Db, clock: Clock, channels: ReadonlyMap<string, OutboxChannel>, options: BulkOptions = {}): Promise<number> {
  const batch = options.batch ?? BULK_BATCH;
  // The registered channels (a probe of an index each when idle); a bulk message on an unknown channel is never claimed.
  let handled = 0;
  for (const [name, channel] of channels) {
    const lane = async () => {
      for (;;) {
        if (options.signal?.aborted) return;
        const n = await deliverOutboxBulk(db, clock, channel, name, options);
        handled += n;
        if (n < batch) return;
      }
    };
    await Promise.all(Array.from({ length: options.lanes ?? BULK_LANES }, lane));
  }
  return handled;
}

/** Cancels the bulk messages of a subject not yet handed over (a broadcast called off while sending). */
export async function cancelOutboxBulk(db: Db, subject: { type: string; id: string }): Promise<number> {
  const done = await rows<{ n: number }>(
    db,
    sql`with c as (update outbox set status = 'cancelled', locked_until = null where subject_type = ${subject.type} and subject_id = ${subject.id} and bulk and status = 'pending' returning 1)
        select count(*)::int as n from c`,
  );
  return done[0]?.n ?? 0;
}

export const TALLY_BUCKETS = ['queued', 'retrying', 'sent', 'failed', 'disabled', 'cancelled'] as const;
export type TallyBucket = (typeof TALLY_BUCKETS)[number];

/** The delivery counts of a subject's bulk messages, per channel and bucket (kept by the table's triggers). */
export async function outboxTallies(db: Db, subject: { type: string; id: string }): Promise<Map<string, Record<TallyBucket, number>>> {
  const found = await rows<{ channel: string; bucket: TallyBucket; n: number | string }>(
    db,
    sql`select channel, bucket, n from outbox_tally where subject_type = ${subject.type} and subject_id = ${subject.id}`,
  );
  const out = new Map<string, Record<TallyBucket, number>>();
  for (const f of found) {
    const counts = out.get(f.channel) ?? { queued: 0, retrying: 0, sent: 0, failed: 0, disabled: 0, cancelled: 0 };
    counts[f.bucket] = Number(f.n);
    out.set(f.channel, counts);
  }
  return out;
}

/** The recurring bulk delivery timer (every process may run it; claims keep them apart). */
export const outboxBulkDeliveryJob = (channels: ReadonlyMap<string, OutboxChannel>, options: { leaseMs: number; hold: boolean }) =>
  defineJob({
    name: 'platform.outbox.deliver-bulk',
    payload: z.object({}),
    repeatEveryMs: 2_000,
    async handle(_payload, { db, clock, signal }) {
      await drainOutboxBulk(db, clock, channels, { ...options, signal });
    },
  });
