import { sql } from 'drizzle-orm';
import { boolean, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A watch-list entry: a plate or an ID number a capture is matched against, kept only as its
 * keyed hash (the vault's), with a label the officer gave, the level its warnings go to and an
 * end date. The value itself is never stored or shown again.
 */
export const watchEntry = pgTable(
  'watch_entry',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    valueHash: bytea('value_hash').notNull(),
    /** The last characters only (`**1234`), so an officer can tell entries apart. */
    hint: text('hint').notNull(),
    label: text('label').notNull(),
    regionCode: text('region_code').notNull(),
    severity: text('severity').notNull(),
    active: boolean('active').notNull().default(true),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('watch_entry_hash_idx').on(t.kind, t.valueHash).where(sql`${t.active}`)],
);
