import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Announcements of a region (公告): drafted, submitted, published by a second person, withdrawn. */
export const announcement = pgTable(
  'announcement',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** staff, or public (also shown on the residents' portal). */
    audience: text('audience').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('announcement_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);
