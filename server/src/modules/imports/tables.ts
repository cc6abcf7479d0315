import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * An import of a spreadsheet into a register: uploaded, previewed (dry run), then run as a
 * background job with progress. The job writes with the importer's scope as it was at upload.
 */
export const importJob = pgTable(
  'import_job',
  {
    id: uuid('id').primaryKey(),
    register: text('register').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    fileType: text('file_type').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** Headers of the file's first row. */
    columns: jsonb('columns').notNull(),
    /** Column mapping: register field -> source column header. */
    mapping: jsonb('mapping'),
    /** Where rows get their grid (contracts' ImportGridRule); null before the start. */
    gridRule: jsonb('grid_rule'),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    unchangedRows: integer('unchanged_rows').notNull().default(0),
    failedRows: integer('failed_rows').notNull().default(0),
    errorReportPath: text('error_report_path'),
    /** Why the whole import failed, when it did (error code and details). */
    failure: jsonb('failure'),
    createdBy: uuid('created_by').notNull(),
    scopeRegionCode: text('scope_region_code').notNull(),
    scopeGridId: uuid('scope_grid_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_job_created_by_idx').on(t.createdBy, t.createdAt)],
);
