/**
 * Risk warnings: the rules a locality configured (a kind some module declares, its parameters,
 * the level it raises at), the runs of the nightly job, and the warnings themselves with their
 * timeline. One open warning per rule and key (a partial unique index); a key once marked a false
 * positive is not raised again.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const warningRule = pgTable('warning_rule', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  params: jsonb('params').notNull(),
  /** grid, community, township or county: the level of region that receives its warnings. */
  level: text('level').notNull(),
  severity: text('severity').notNull(),
  enabled: boolean('enabled').notNull(),
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** One run of the rules (nightly or "run now"): per rule its hits, new warnings and duration. */
export const warningRun = pgTable(
  'warning_run',
  {
    id: uuid('id').primaryKey(),
    trigger: text('trigger').notNull(),
    actorId: uuid('actor_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    hits: integer('hits').notNull().default(0),
    raised: integer('raised').notNull().default(0),
    /** [{ ruleId, kind, name, hits, raised, ms, error }] */
    rules: jsonb('rules').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('warning_run_started_idx').on(t.startedAt)],
);

export const warning = pgTable(
  'warning',
  {
    id: uuid('id').primaryKey(),
    ruleId: uuid('rule_id').notNull(),
    runId: uuid('run_id'),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Where the warning goes: the region of the rule's level that contains the hit. */
    regionCode: text('region_code').notNull(),
    /** The hit's grid, kept only for rules raised at grid level (its grid workers see it). */
    gridId: uuid('grid_id'),
    /** Where the hit itself was. */
    hitRegionCode: text('hit_region_code').notNull(),
    hitGridId: uuid('hit_grid_id'),
    level: text('level').notNull(),
    severity: text('severity').notNull(),
    /** { records: [{ type, id }], facts: { ... } }: ids and counts, no personal data. */
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull(),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeDepartmentId: uuid('assignee_department_id'),
    note: text('note'),
    falsePositiveReason: text('false_positive_reason'),
    version: integer('version').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    // The literal list is OPEN_WARNING_STATUSES (drizzle-kit loads this file alone).
    uniqueIndex('warning_open_rule_key').on(t.ruleId, t.key).where(sql`${t.status} in ('raised', 'acknowledged', 'assigned', 'handled')`),
    // The engine's NOT EXISTS also looks at false positives of the key.
    index('warning_rule_key_idx').on(t.ruleId, t.key),
    index('warning_region_status_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('warning_grid_idx').on(t.gridId),
    index('warning_department_idx').on(t.assigneeDepartmentId),
    index('warning_rule_status_idx').on(t.ruleId, t.status),
  ],
);

/** Every step of a warning, in order. */
export const warningEvent = pgTable(
  'warning_event',
  {
    /** In order of writing (steps of one instant keep their order). */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warningId: uuid('warning_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('warning_event_warning_idx').on(t.warningId, t.at)],
);
