import { sql } from 'drizzle-orm';
import { date, index, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The five-level region tree keyed by 12-digit statistical division codes. A revoked code
 * keeps its row with `valid_to` set, so history that points at it still resolves.
 */
export const region = pgTable(
  'region',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 1 province, 2 city, 3 county, 4 township, 5 community. */
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('region_code_current_key').on(t.code).where(sql`${t.validTo} is null`),
    index('region_code_idx').on(sql`${t.code} text_pattern_ops`),
    index('region_parent_idx').on(t.parentCode),
  ],
);
