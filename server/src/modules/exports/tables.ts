import { integer, boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * An export of a filtered register list. Above the configured row count it waits for a second
 * person's approval before the file is made; every request, decision and download is audited.
 */
export const exportRequest = pgTable(
  'export_request',
  {
    id: uuid('id').primaryKey(),
    register: text('register').notNull(),
    format: text('format').notNull(),
    filters: jsonb('filters').notNull(),
    unmask: boolean('unmask').notNull().default(false),
    reason: text('reason'),
    rowCount: integer('row_count').notNull(),
    status: text('status').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    scopeRegionCode: text('scope_region_code').notNull(),
    scopeGridId: uuid('scope_grid_id'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    filePath: text('file_path'),
    downloads: integer('downloads').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('export_request_region_status_idx').on(t.scopeRegionCode, t.status)],
);
