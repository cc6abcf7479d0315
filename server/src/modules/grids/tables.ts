import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A grid (网格) under a community, with its boundary as a GeoJSON polygon. */
export const grid = pgTable(
  'grid',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The community's 12-digit code; its prefixes place the grid in every ancestor's subtree. */
    regionCode: text('region_code').notNull(),
    boundary: jsonb('boundary').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    targetHouseholds: integer('target_households').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('grid_code_live_key').on(t.code).where(sql`${t.deletedAt} is null`),
    index('grid_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);
