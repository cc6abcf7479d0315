/**
 * Outbound call campaigns. A campaign (its script frozen at approval, its prompts' audio keys);
 * its targets (one per resident, or per unmatched list entry), each with its attempts, last result,
 * the keys pressed and what the answers wrote; the calls (one row per target and attempt: the
 * unique key is what keeps a restart from dialling a number twice); the follow-up tasks answers
 * raised for grid workers.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const calloutCampaign = pgTable(
  'callout_campaign',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(),
    /** CalloutScript; frozen once approved. */
    script: jsonb('script').notNull(),
    /** CalloutTarget; a list's entries kept as their keyed hashes and masks only ({ kind: 'list', entries: [{ field, hash, masked }] }). */
    target: jsonb('target').notNull(),
    windows: jsonb('windows').notNull(),
    concurrency: integer('concurrency').notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    retryMinutes: integer('retry_minutes').notNull(),
    simulator: jsonb('simulator').notNull(),
    /** [{ key, text, hash, fileKey | null, bytes | null, error | null }] made at approval. */
    prompts: jsonb('prompts').notNull().default([]),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    approvedBy: uuid('approved_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('callout_campaign_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

export const calloutTarget = pgTable(
  'callout_target',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    seq: integer('seq').notNull(),
    residentId: uuid('resident_id'),
    householdId: uuid('household_id'),
    gridId: uuid('grid_id'),
    regionCode: text('region_code').notNull(),
    /** The resident's name masked (张**), or the list entry masked when unmatched. */
    nameMasked: text('name_masked').notNull(),
    phoneMasked: text('phone_masked'),
    /** The phone's keyed hash (hex): no two calls to one number at once. */
    phoneHash: text('phone_hash'),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastResult: text('last_result'),
    nextAt: timestamp('next_at', { withTimezone: true }),
    /** { questionKey: optionKey } */
    answers: jsonb('answers').notNull().default({}),
    /** [{ question, option, kind, declarationId, taskId, abnormal, error }] */
    outcomes: jsonb('outcomes').notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('callout_target_seq_key').on(t.campaignId, t.seq),
    uniqueIndex('callout_target_resident_key').on(t.campaignId, t.residentId),
    index('callout_target_due_idx').on(t.campaignId, t.status, t.nextAt),
    index('callout_target_calling_idx').on(t.phoneHash).where(sql`${t.status} = 'calling'`),
  ],
);

export const calloutCall = pgTable(
  'callout_call',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    targetId: uuid('target_id').notNull(),
    attempt: integer('attempt').notNull(),
    /** placed, ringing, answered (in progress), then a result: answered_done, busy, no_answer, failed. */
    status: text('status').notNull(),
    result: text('result'),
    /** Keys pressed, in order. */
    digits: text('digits').notNull().default(''),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('callout_call_attempt_key').on(t.targetId, t.attempt), index('callout_call_campaign_idx').on(t.campaignId, t.status)],
);

export const calloutTask = pgTable(
  'callout_task',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    targetId: uuid('target_id').notNull(),
    residentId: uuid('resident_id'),
    gridId: uuid('grid_id'),
    regionCode: text('region_code').notNull(),
    questionKey: text('question_key').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    note: text('note'),
    status: text('status').notNull(),
    doneBy: uuid('done_by'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('callout_task_answer_key').on(t.targetId, t.questionKey),
    index('callout_task_grid_idx').on(t.gridId, t.status),
    index('callout_task_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
  ],
);
