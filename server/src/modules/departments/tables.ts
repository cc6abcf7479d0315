import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A department (部门) that handles dispatched tickets: a county bureau, a township office, a
 * utility. Department handlers are accounts linked to one department.
 */
export const department = pgTable(
  'department',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The region it serves; tickets in that subtree may be dispatched to it. */
    regionCode: text('region_code').notNull(),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('department_region_name_live_key').on(t.regionCode, t.name).where(sql`${t.deletedAt} is null`),
    index('department_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
  ],
);

/** Which department an account handles tickets for (department handlers only). */
export const departmentMember = pgTable(
  'department_member',
  {
    userId: uuid('user_id').primaryKey(),
    departmentId: uuid('department_id').notNull(),
  },
  (t) => [index('department_member_department_idx').on(t.departmentId)],
);
