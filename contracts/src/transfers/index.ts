/**
 * Imports and exports of register lists. An import is uploaded, mapped, previewed (dry run) and
 * then run as a background job; an export above a set size waits for a second person's approval.
 */
import { z } from 'zod';
import { REGISTER_KINDS, registerListQuery } from '../registers/index.js';
import { pageQuery, uuid } from '../common.js';

// ---------- imports ----------
export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * An import kind: a register kind (`REGISTER_KINDS`) or one a module offers (`arrival`). The
 * server answers IMPORT_KIND_UNKNOWN for a name it does not know.
 */
export const importKind = z.string().regex(/^[a-z][a-z_]{1,39}$/);
export const importUploadQuery = z.strictObject({ register: importKind });

/** A register field that a source column can be mapped to. */
export const importField = z.object({
  field: z.string(),
  label: z.string(),
  required: z.boolean(),
});

/** Register field -> source column header. */
export const importMapping = z.record(z.string(), z.string());

/**
 * Where an import's rows get their grid: a grid-code column (`code`), one grid for every row
 * (`fixed`, in the importer's scope), a column of grid names (`name`), or an address column
 * matched against the buildings register, or a point where the row gives one (`address`).
 */
export const IMPORT_GRID_RULES = ['code', 'fixed', 'name', 'address'] as const;
export type ImportGridRuleKind = (typeof IMPORT_GRID_RULES)[number];
const columnHeader = z.string().min(1).max(200);
export const importGridRule = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('code') }),
  z.strictObject({ by: z.literal('fixed'), gridId: uuid }),
  z.strictObject({ by: z.literal('name'), column: columnHeader }),
  z.strictObject({ by: z.literal('address'), column: columnHeader, lon: columnHeader.optional(), lat: columnHeader.optional() }),
]);
export type ImportGridRule = z.infer<typeof importGridRule>;

export const importListQuery = z.strictObject({
  ...pageQuery,
  /** Only imports in this state (`uploaded`: uploads not started yet, to resume or delete). */
  status: z.enum(IMPORT_STATUSES).optional(),
});

export const importJob = z.object({
  id: z.string(),
  /** The import kind (a register kind, or one a module offers). */
  register: importKind,
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  fileType: z.enum(['xlsx', 'csv']),
  fileBytes: z.number().int(),
  /** Column headers found in the file's first row. */
  columns: z.array(z.string()),
  fields: z.array(importField),
  /** The mapping in use, or the one suggested from the headers before the import starts. */
  mapping: importMapping,
  /** Where rows get their grid (null before the import starts). */
  gridRule: importGridRule.nullable(),
  /** The grid rules this kind offers (none: its rows are placed otherwise, e.g. an arrival by the resident it matches). */
  gridRules: z.array(z.enum(IMPORT_GRID_RULES)),
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  updatedRows: z.number().int(),
  unchangedRows: z.number().int(),
  failedRows: z.number().int(),
  hasErrorReport: z.boolean(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importMappingRequest = z.strictObject({ mapping: importMapping, grid: importGridRule.default({ by: 'code' }) });

/** One problem with one cell (or a whole row when column is null). */
export const importRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importPreview = z.object({
  /** The first rows as they would be stored (personal data masked). */
  rows: z.array(z.object({ row: z.number().int(), values: z.record(z.string(), z.string().nullable()), errors: z.array(importRowError) })),
  checkedRows: z.number().int(),
  failedRows: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreview>;

// ---------- exports ----------
/** approved and delivered: files a module streams itself (DIRECT_EXPORT_SOURCES), approved to be asked for again, and sent. */
export const EXPORT_STATUSES = ['pending_approval', 'queued', 'ready', 'rejected', 'failed', 'expired', 'approved', 'delivered'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Files a module streams straight to the caller; they share the register exports' 24-hour ledger and approval. */
export const DIRECT_EXPORT_SOURCES = ['callout_campaign', 'survey_campaign'] as const;
export type DirectExportSource = (typeof DIRECT_EXPORT_SOURCES)[number];

export const exportFilters = registerListQuery.omit({ page: true, pageSize: true });

export const createExportRequest = z.strictObject({
  register: z.enum(REGISTER_KINDS),
  format: z.enum(['xlsx', 'csv']),
  filters: exportFilters.default({}),
  /** Full ID numbers and phones: needs register:unmask and a reason. */
  unmask: z.boolean().default(false),
  reason: z.string().trim().min(4).max(200).optional(),
});

export const exportDecisionRequest = z.strictObject({ note: z.string().trim().max(200).optional() });

export const exportListQuery = z.strictObject({
  /** mine: my requests; approvals: others' requests I may approve. */
  view: z.enum(['mine', 'approvals']).default('mine'),
  status: z.enum(EXPORT_STATUSES).optional(),
});

export const exportJob = z.object({
  id: z.string(),
  register: z.enum([...REGISTER_KINDS, ...DIRECT_EXPORT_SOURCES]),
  format: z.enum(['xlsx', 'csv']),
  filters: z.record(z.string(), z.unknown()),
  unmask: z.boolean(),
  reason: z.string().nullable(),
  rowCount: z.number().int(),
  status: z.enum(EXPORT_STATUSES),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  downloads: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** What the caller may do with it (the UI shows buttons from these). */
  canApprove: z.boolean(),
  canDownload: z.boolean(),
});
export type ExportJob = z.infer<typeof exportJob>;

/** GET /api/exports: the latest exports of the chosen view (at most 200), newest first. */
export const exportList = z.object({ items: z.array(exportJob) });
export * from './audit.js';
export * from './labels.js';
export * from './errors.js';
