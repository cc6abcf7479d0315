/**
 * No-petition villages: the criteria sets (one per region that set its own, every version kept:
 * the current one is the highest) and the status of each village or community per month, with
 * the criteria as applied, the figures and the change from the month before. `latest` marks a
 * village's newest assessed month: the dashboard's figures count those rows.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const petitionCriteria = pgTable(
  'petition_criteria',
  {
    /** The region the set holds for (its subtree, unless a region below sets its own); '' for the default. */
    regionCode: text('region_code').notNull(),
    version: integer('version').notNull(),
    collectiveMinPeople: integer('collective_min_people').notNull(),
    /** [{ metric, threshold, enabled, label: { zh, en } }] */
    criteria: jsonb('criteria').notNull(),
    note: text('note'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.version] })],
);

export const petitionVillageStatus = pgTable(
  'petition_village_status',
  {
    /** The village or community (12-digit code). */
    regionCode: text('region_code').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    status: text('status').notNull(),
    /** The metrics of the criteria not met. */
    failed: text('failed').array().notNull(),
    /** [{ metric, label, bound, threshold, value, passed }]: the criteria as applied that month. */
    checks: jsonb('checks').notNull(),
    figures: jsonb('figures').notNull(),
    change: text('change').notNull(),
    latest: boolean('latest').notNull().default(false),
    criteriaRegion: text('criteria_region').notNull(),
    criteriaVersion: integer('criteria_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.month] }),
    index('petition_village_status_month_idx').on(t.month, sql`${t.regionCode} text_pattern_ops`),
  ],
);

export type VillageStatusRow = typeof petitionVillageStatus.$inferSelect;
export type CriteriaRow = typeof petitionCriteria.$inferSelect;
