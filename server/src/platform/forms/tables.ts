import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Form definitions (forms as data), one row per key and version. A draft may change; once
 * published a version never changes again (a trigger, migration 0010, refuses it), it may only
 * be retired. Submissions name the key and version they answered.
 */
export const formDefinition = pgTable(
  'form_definition',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    /** draft, published or retired. */
    status: text('status').notNull(),
    /** The whole definition (contracts `FormDefinition`), checked before it is stored. */
    definition: jsonb('definition').notNull(),
    /** Goes up at every save of the draft (optimistic concurrency for the editor). */
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredBy: uuid('retired_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('form_definition_key_version_key').on(t.key, t.version),
    // At most one draft per form: the next version is being written.
    uniqueIndex('form_definition_one_draft_key').on(t.key).where(sql`${t.status} = 'draft'`),
    check('form_definition_status_check', sql`${t.status} in ('draft', 'published', 'retired')`),
  ],
);
