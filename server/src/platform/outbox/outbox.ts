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
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
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
          where (status = 'pending' and next_attempt_at <= ${at}) or (status = 'sending' and locked_until < ${at})
          order by next_attempt_at limit ${limit}
          for update skip locked)
        returning id, channel, recipient, target_cipher, kind, params, locale, payload, subject_type, subject_id, attempts, expires_at`,
  );
}

/** The message still under this claim (status sending, the same attempt). */
function held(id: string, attempts: number) {
  return sql`id = ${id} and status = 'sending' and attempts = ${attempts}`;
}

/** Renews the claim's lease just before sending; false: the claim is no longer this one. */
async function renew(db: Db, id: string, attempts: number, now: Date, leaseMs: number): Promise<boolean> {
  const renewed = await rows(db, sql`update outbox set locked_until = ${new Date(now.getTime() + leaseMs).toISOString()} where ${held(id, attempts)} returning id`);
  return renewed.length > 0;
}

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
      const next = new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)).toISOString();
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
        result = channel
          ? await channel.deliver({
              id: row.id, channel: row.channel, recipient: row.recipient, targetCipher: row.target_cipher ? Buffer.from(row.target_cipher) : null, kind: row.kind,
              params: row.params, locale: row.locale, payload: row.payload, subjectType: row.subject_type, subjectId: row.subject_id, attempts: row.attempts,
            })
          : { status: 'failed', error: `no channel ${row.channel}` };
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
