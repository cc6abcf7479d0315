import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * What devices send (their events, and their confirmations of commands), stored compactly and
 * partitioned by local day of the device's time (`at`; the migration declares the partitioning
 * and a default partition; `events.ts` creates the days ahead and retention drops the old
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
    /** The payload's type: fever, sos, smoke, water, passage, status, face, vehicle, ... */
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    body: jsonb('body').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.at, t.deviceCode, t.messageId] }), index('device_event_device_idx').on(t.deviceCode, t.at)],
);

/**
 * An alarm a device raised (fever, SOS, smoke, water, a watch-list capture), one per device, type
 * and period (`period_start`: repeats within the period count on the same alarm). Written in the
 * statement that stores the event; the filing job then turns it into its ticket, warning or
 * evidence (`status` new → filed, or failed with the reason) and records what it made.
 */
export const deviceAlarm = pgTable(
  'device_alarm',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    deviceId: uuid('device_id').notNull(),
    deviceCode: text('device_code').notNull(),
    type: text('type').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    repeats: integer('repeats').notNull().default(1),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /** The person a gate or a capture identified (a resident's id), for fever follow-up; never shown in lists. */
    personId: uuid('person_id'),
    /** What the device measured: temperature, level, plate (masked), the watch entry's id... no personal data beyond that. */
    facts: jsonb('facts').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('new'),
    ticketId: uuid('ticket_id'),
    warningId: uuid('warning_id'),
    notifiedUserId: uuid('notified_user_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('device_alarm_period_key').on(t.deviceCode, t.type, t.periodStart),
    index('device_alarm_new_idx').on(t.createdAt).where(sql`${t.status} = 'new'`),
    index('device_alarm_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.firstAt),
  ],
);

/**
 * A command to a device (loudspeaker text, display text, gate open/close): sent through the
 * outbox (retried), confirmed by the device on its `ack` topic (`confirmed`), or expired.
 */
export const deviceCommand = pgTable(
  'device_command',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id').notNull(),
    action: text('action').notNull(),
    params: jsonb('params').notNull(),
    status: text('status').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    result: text('result'),
  },
  (t) => [index('device_command_device_idx').on(t.deviceId, t.createdAt), index('device_command_open_idx').on(t.expiresAt).where(sql`${t.status} in ('queued', 'sent')`)],
);
