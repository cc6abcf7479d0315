import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Every figure the modules contribute (metrics.ts of each module), one narrow row per scope,
 * metric, day and dimension. `scope` is a region's 12-digit code (every level: a fact counts in
 * its region and each ancestor) or a grid as `<community code>/<grid id>`; `day` is the China
 * day of a daily metric, the first day of the month of a monthly one, null for a count now;
 * `dim` splits a metric by one more key (a category id, a department id), '' when it does not.
 */
export const metricValue = pgTable(
  'metric_value',
  {
    scope: text('scope').notNull(),
    metric: text('metric').notNull(),
    day: date('day', { mode: 'string' }),
    dim: text('dim').notNull().default(''),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    // A place's figures by key (overview, trend, categories, departments).
    unique('metric_value_key').on(t.scope, t.metric, t.day, t.dim).nullsNotDistinct(),
    // Every grid under a place for a metric and period (grid ranking, map, children).
    index('metric_value_metric_day_scope_idx').using('btree', t.metric, t.day, sql`${t.scope} text_pattern_ops`),
  ],
);

/**
 * Changes of facts appended by the modules' triggers inside the writer's transaction (old fact
 * with value negated, new fact), folded into metric_value by one process every poll interval.
 */
export const metricDelta = pgTable('metric_delta', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  fact: text('fact').notNull(),
  regionCode: text('region_code').notNull(),
  gridId: uuid('grid_id'),
  day: date('day', { mode: 'string' }),
  dim: text('dim').notNull().default(''),
  value: integer('value').notNull(),
});
