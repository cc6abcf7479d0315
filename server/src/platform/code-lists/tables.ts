import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * National code lists as rows (民族 GB/T 3304, 性别 GB/T 2261.1, 学历 GB/T 4658, 证件类型): one row
 * per list and code, seeded from `@gridgov/contracts/code-lists` at start (new codes are added,
 * names kept up to date), read by forms and pages.
 */
export const codeListItem = pgTable(
  'code_list_item',
  {
    list: text('list').notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** The order the standard lists them in. */
    position: integer('position').notNull(),
    /** The standard the list follows (GB/T 3304-1991...). */
    standard: text('standard').notNull(),
  },
  (t) => [primaryKey({ columns: [t.list, t.code] })],
);
