/**
 * Quarantine. An order is one person's quarantine (from a contact of a case), with the schedule
 * computed from the rule in force when it was given (phases, end, test days), where (a site for a
 * centralised phase, a home address for a home phase), how and when it was given, the responsible
 * worker, and its state. A follow-up is one order's one local day (`(order_id, day)` is unique:
 * the nightly job may run any number of times). Sites have a capacity. The rule is versioned data.
 * The person is kept as the key check-ins and contacts know them by, with the name masked only.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const quarantineOrder = pgTable(
  'quarantine_order',
  {
    id: uuid('id').primaryKey(),
    /** The short number (Q12) notices show. */
    orderNo: integer('order_no').generatedAlwaysAsIdentity().notNull(),
    personKey: uuid('person_key').notNull(),
    residentId: uuid('resident_id'),
    /** The name as the reader may see it (周**): the order keeps no full name. */
    nameMasked: text('name_masked'),
    contactId: uuid('contact_id'),
    degree: smallint('degree').notNull(),
    /** [{ kind, from, to }] local dates, inclusive. */
    phases: jsonb('phases').notNull(),
    startDate: date('start_date').notNull(),
    /** The last day of the quarantine. */
    endDate: date('end_date').notNull(),
    /** The last day of the centralised phase (null: none): the site's bed is taken until then. */
    centralisedUntil: date('centralised_until'),
    testDates: date('test_dates').array().notNull(),
    siteId: uuid('site_id'),
    address: text('address'),
    means: text('means').notNull(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    workerId: uuid('worker_id'),
    status: text('status').notNull(),
    /** Consecutive missed follow-ups up to yesterday (the nightly job counts them). */
    missedStreak: smallint('missed_streak').notNull().default(0),
    /** A follow-up's temperature reached the fever threshold. */
    alertAt: timestamp('alert_at', { withTimezone: true }),
    /** The contact's last exposure the schedule was computed from (re-exposure moves it on). */
    exposureAt: timestamp('exposure_at', { withTimezone: true }),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    note: text('note'),
    ruleVersion: integer('rule_version').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('quarantine_order_no_key').on(t.orderNo),
    index('quarantine_order_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('quarantine_order_grid_idx').on(t.gridId, t.status),
    index('quarantine_order_person_idx').on(t.personKey),
    index('quarantine_order_site_idx').on(t.siteId, t.status),
    index('quarantine_order_status_idx').on(t.status, t.endDate),
  ],
);

/** Every step of an order, in order. */
export const quarantineOrderEvent = pgTable(
  'quarantine_order_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('quarantine_order_event_order_idx').on(t.orderId, t.id)],
);

export const quarantineFollowup = pgTable(
  'quarantine_followup',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull(),
    day: date('day').notNull(),
    testDue: boolean('test_due').notNull(),
    /** pending, done, missed */
    status: text('status').notNull(),
    /** The responsible worker when it was created. */
    workerId: uuid('worker_id'),
    temperature: real('temperature'),
    symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
    testResult: text('test_result'),
    fever: boolean('fever').notNull().default(false),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('quarantine_followup_order_day_key').on(t.orderId, t.day), index('quarantine_followup_worker_idx').on(t.workerId, t.day)],
);

export const quarantineSite = pgTable(
  'quarantine_site',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    capacity: integer('capacity').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('quarantine_site_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);

/** The rule's versions: the newest is in force; each order records the version it used. */
export const quarantineRuleTable = pgTable('quarantine_rule', {
  version: integer('version').primaryKey(),
  params: jsonb('params').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
