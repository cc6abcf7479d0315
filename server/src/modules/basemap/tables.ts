import { sql } from 'drizzle-orm';
import { doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A named street of the base map, as a GeoJSON line with its bounds (for reads by view). */
export const street = pgTable(
  'street',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** `main` (路, drawn from the city's zoom) or `minor` (街, drawn close up). */
    kind: text('kind').notNull(),
    /** The smallest region the street runs within; reads are scoped by it. */
    regionCode: text('region_code').notNull(),
    line: jsonb('line').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('street_bounds_idx').on(t.minLon, t.maxLon, t.minLat, t.maxLat), index('street_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);
