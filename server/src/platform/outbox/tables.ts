import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Messages to send after commit (SMS, WeChat-style webhooks, device commands, partner webhooks),
 * written in the transaction of the change that causes them. Delivery claims a batch with a
 * lease, sends outside any transaction, then records each result; failures retry with backoff.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').notNull(),
    /** Who it goes to, as shown (a masked phone, `department:<id>`, a device id); the full phone stays in the ciphertext. */
    recipient: text('recipient').notNull(),
    targetCipher: bytea('target_cipher'),
    /** The message kind and parameters (contracts' messages), rendered in `locale` when sent. */
    kind: text('kind'),
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    locale: text('locale').notNull().default('zh-CN'),
    /** Channel-specific data (a device command's arguments, a webhook's URL). */
    payload: jsonb('payload').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    /** pending, sending (claimed), sent, failed, disabled (no channel configured), expired. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * Written by the bulk path (`enqueueOutboxBulk`): delivered in batches per channel
     * (`deliverOutboxBulk`, through the channel's `deliverBatch` when it has one) and counted per
     * subject, channel and state in `outbox_tally`.
     */
    bulk: boolean('bulk').notNull().default(false),
    /** At most one message per key (a broadcast's recipient on a channel): a repeated bulk enqueue adds nothing. */
    dedupKey: text('dedup_key'),
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending' and not ${t.bulk}`),
    index('outbox_bulk_due_idx').on(t.channel, t.nextAttemptAt).where(sql`${t.status} = 'pending' and ${t.bulk}`),
    index('outbox_claimed_idx').on(t.lockedUntil).where(sql`${t.status} = 'sending'`),
    uniqueIndex('outbox_dedup_key').on(t.dedupKey).where(sql`${t.dedupKey} is not null`),
  ],
);

/**
 * Delivery counts of bulk messages per subject (a broadcast), channel and state, kept by
 * statement-level triggers on `outbox` (in the migration): `queued` (not yet tried, or on its
 * first try), `retrying` (tried before, due again or being tried), `sent`, `failed` (refused,
 * out of tries, expired), `disabled` (the channel is not configured), `cancelled`. Reading them
 * is one short index scan whatever the number of messages.
 */
export const outboxTally = pgTable(
  'outbox_tally',
  {
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    channel: text('channel').notNull(),
    bucket: text('bucket').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId, t.channel, t.bucket] })],
);
