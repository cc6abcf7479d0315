import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What devices send (their events, and their confirmations of commands), stored compactly and
 * partitioned by local day of the device's time (`at`; the migration declares the partitioning
 * and a default partition; `partitions.ts` creates the days ahead and retention drops the old
 * ones). The key is the device's own message id within its time, so a message the broker hands
 * over twice (at least once) is stored once.
 */
export const deviceEvent = pgTable(
  'device_event',
  {
    at: timestamp('at', { withTimezone: true }).notNull(),
    deviceCode: text('device_code').notNull(),
    messageId: text('message_id').notNull(),
    kind: text('kind').notNull(),
    /** `event`, or `ack` (a device's confirmation of a command). */
    part: text('part').notNull(),
    /** The payload's type: fever, sos, smoke, water, passage, status, command_ack, ... */
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    body: jsonb('body').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.at, t.deviceCode, t.messageId] }), index('device_event_device_idx').on(t.deviceCode, t.at)],
);
