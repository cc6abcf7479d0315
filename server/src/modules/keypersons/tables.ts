import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Categories of key and special populations, as data: the shipped set is written at start if
 * missing (ship.ts); a locality renames, disables or overrides visit intervals here, and edits
 * the category's fields through its form definition (`form_key`, forms kit).
 */
export const kpCategory = pgTable('kp_category', {
  code: text('code').primaryKey(),
  /** special (特殊人群) or care (关爱对象). */
  group: text('group_kind').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  formKey: text('form_key').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Visit intervals as data: days between visits by risk level, for a region subtree (the most
 * specific region wins) and optionally one category (beats the rule without a category).
 */
export const kpVisitRule = pgTable(
  'kp_visit_rule',
  {
    id: uuid('id').primaryKey(),
    /** 12-digit code; '000000000000' applies everywhere. */
    regionCode: text('region_code').notNull(),
    categoryCode: text('category_code'),
    riskLevel: text('risk_level').notNull(),
    intervalDays: integer('interval_days').notNull(),
  },
  (t) => [
    uniqueIndex('kp_visit_rule_key').on(t.regionCode, sql`coalesce(${t.categoryCode}, '')`, t.riskLevel),
    check('kp_visit_rule_interval_check', sql`${t.intervalDays} between 1 and 366`),
  ],
);

/** An archive: one resident in one category, managed in one grid. */
export const keyPerson = pgTable(
  'key_person',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    categoryCode: text('category_code').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').notNull(),
    riskLevel: text('risk_level').notNull(),
    managementLevel: text('management_level'),
    /** active, or handover (waiting for the receiving grid's confirmation). */
    status: text('status').notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id').notNull(),
    /** The receiving side while a hand-over waits. */
    handoverGridId: uuid('handover_grid_id'),
    handoverRegionCode: text('handover_region_code'),
    handoverReason: text('handover_reason'),
    handoverBy: uuid('handover_by'),
    workerId: uuid('worker_id'),
    helpers: jsonb('helpers').notNull().default(sql`'[]'::jsonb`),
    /** From the resident's record, to tell a minor's archive (under 18 on the day it is read). */
    birthDate: date('birth_date'),
    visitIntervalDays: integer('visit_interval_days').notNull(),
    nextVisitDue: timestamp('next_visit_due', { withTimezone: true }).notNull(),
    lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
    /** The due date the last overdue alert was sent for (one alert per missed due date). */
    overdueAlertedFor: timestamp('overdue_alerted_for', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('key_person_resident_category_key').on(t.residentId, t.categoryCode),
    index('key_person_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    index('key_person_grid_idx').on(t.gridId),
    index('key_person_handover_grid_idx').on(t.handoverGridId).where(sql`${t.handoverGridId} is not null`),
    index('key_person_due_idx').on(t.nextVisitDue),
    check('key_person_risk_check', sql`${t.riskLevel} in ('high', 'medium', 'low')`),
    check('key_person_status_check', sql`${t.status} in ('active', 'handover')`),
  ],
);

/** Every change of a risk or management level: who, when, from, to, and the reason. */
export const kpRiskChange = pgTable(
  'kp_risk_change',
  {
    id: uuid('id').primaryKey(),
    keyPersonId: uuid('key_person_id').notNull(),
    field: text('field').notNull(),
    fromLevel: text('from_level'),
    toLevel: text('to_level').notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kp_risk_change_person_idx').on(t.keyPersonId, t.changedAt)],
);

/** Visit logs (走访记录); the id is made by the phone, so a resend is the same visit. */
export const kpVisit = pgTable(
  'kp_visit',
  {
    id: uuid('id').primaryKey(),
    keyPersonId: uuid('key_person_id').notNull(),
    visitedOn: date('visited_on').notNull(),
    way: text('way').notNull(),
    findings: text('findings').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The visit form answered (`keypersons.visit`: risk observations, a signature...); null before it existed. */
    formKey: text('form_key'),
    formVersion: integer('form_version'),
    answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
    visitedBy: uuid('visited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kp_visit_person_idx').on(t.keyPersonId, t.visitedOn)],
);

/** Requests to open a minor's archive; approved by another holder of `keyperson:approve`, for a limited time. */
export const kpAccessRequest = pgTable(
  'kp_access_request',
  {
    id: uuid('id').primaryKey(),
    keyPersonId: uuid('key_person_id').notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    note: text('note'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('kp_access_request_person_idx').on(t.keyPersonId, t.requestedBy),
    index('kp_access_request_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    check('kp_access_request_status_check', sql`${t.status} in ('pending', 'approved', 'refused')`),
  ],
);
