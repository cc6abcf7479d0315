import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  },
  (t) => [
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_claimed_idx').on(t.lockedUntil).where(sql`${t.status} = 'sending'`),
  ],
);
