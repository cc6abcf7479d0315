import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A survey campaign (走访摸排): a form, a region, a window, a target, alert rules; its tasks are generated in batches when it opens. */
export const surveyCampaign = pgTable(
  'survey_campaign',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    target: jsonb('target').notNull(),
    /** List targets: the household ids matched at creation, and the numbers that matched none. */
    targetIds: jsonb('target_ids'),
    unmatched: jsonb('unmatched').notNull().default(sql`'[]'::jsonb`),
    alertRules: jsonb('alert_rules').notNull(),
    ticketCategoryId: uuid('ticket_category_id'),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    /** waiting | running | done; the cursor is the last household id taken (generation resumes after it). */
    generation: text('generation').notNull(),
    genCursor: uuid('gen_cursor'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('survey_campaign_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

/** One household to visit (or a follow-up an alert raised), in its grid, assigned to one of the grid's workers. */
export const surveyTask = pgTable(
  'survey_task',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    kind: text('kind').notNull(),
    householdId: uuid('household_id').notNull(),
    householdNumber: text('household_number').notNull(),
    address: text('address'),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    assigneeId: uuid('assignee_id'),
    status: text('status').notNull(),
    alertKey: text('alert_key'),
    parentTaskId: uuid('parent_task_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('survey_task_household_uq').on(t.campaignId, t.householdId).where(sql`${t.kind} = 'visit'`),
    index('survey_task_campaign_grid_idx').on(t.campaignId, t.gridId, t.status),
    index('survey_task_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** Tasks and answers per campaign and grid: the progress tiles read this, never the tasks. */
export const surveyProgress = pgTable(
  'survey_progress',
  {
    campaignId: uuid('campaign_id').notNull(),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    total: integer('total').notNull(),
    done: integer('done').notNull(),
    alerts: integer('alerts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.gridId] })],
);

/** A task's answer: the phone's id, the form version, the answers (health data), the alerts raised. */
export const surveyAnswer = pgTable(
  'survey_answer',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').notNull(),
    alerts: jsonb('alerts').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    ticketId: uuid('ticket_id'),
    answeredBy: uuid('answered_by').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('survey_answer_task_uq').on(t.taskId), index('survey_answer_campaign_idx').on(t.campaignId, t.answeredAt)],
);
