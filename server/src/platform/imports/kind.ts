/**
 * What a module offers to imports (`defineModule({ imports: { <kind>: ImportKind } })`): the
 * columns of its spreadsheet, the permission an importer holds, how one row is checked and how a
 * batch of checked rows is stored. The imports module does the rest for every kind alike (upload,
 * mapping, header search, the dry-run preview, batches with progress and resume, the issue log
 * and the error report with its 原因 column, the template) and never imports the module: it finds
 * the kind in the kit's registry. The register kinds are the imports module's own targets.
 */
import type { ErrorCode, Permission } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import type { PiiVault } from '../pii/vault.js';
import type { Config } from '../config.js';

/** How a cell is cleaned of what Excel does to it (full-width forms, spaces, +86, scientific notation). */
export type CellKind = 'id' | 'phone' | 'code';

/** A column an import offers: its names in the template and the header aliases it is recognised by. */
export interface FieldSpec {
  field: string;
  zh: string;
  en: string;
  required: boolean;
  /** Longest accepted cell, in characters. */
  max: number;
  /** Other header names for the field (compared after `normalizeHeader`). */
  aliases: readonly string[];
  /** How the cell is cleaned before it is checked. */
  normalize?: CellKind;
}

/**
 * A problem found in one row (or one cell) of an imported file: a stable error code, where it is,
 * and the few facts a message needs. Messages never repeat a cell's value, so a report cannot
 * leak an ID number or a phone.
 */
export interface RowIssue {
  row: number;
  /** Header of the column, or null for the whole row. */
  column: string | null;
  field: string | null;
  code: ErrorCode;
  /** A sub-reason from validation (ID numbers: format, birth_date, check_digit). */
  reason?: string;
  /** Length limit, for IMPORT_CELL_TOO_LONG. */
  max?: number;
  /** The earlier row, for IMPORT_DUPLICATE_ROW. */
  firstRow?: number;
  /** What may be written, for IMPORT_CELL_INVALID. */
  allowed?: string;
}

/** What a row check reports a problem with (the row is then not stored). */
export type IssueAt = (field: string, code: ErrorCode, extra?: Partial<Pick<RowIssue, 'reason' | 'max' | 'allowed'>>) => void;

/** A row that passed its own check: what `store` gets, and what the preview shows (masked). */
export interface CheckedRow<P> {
  value: P;
  display: Record<string, string | null>;
}

/**
 * One batch of checked rows being stored, in the batch's transaction (rolled back for the
 * preview). `ctx.actor` is the importer with the scope they had at upload.
 */
export interface ImportBatch {
  db: Db;
  ctx: ActorContext;
  vault: PiiVault;
  importId: string;
  /** A row found wanting while storing (a reference out of scope): it is not stored and is reported. */
  fail(row: number, field: string | null, code: ErrorCode): void;
  /**
   * Tells other modules what the batch changed (`arrival.import`), in the batch's transaction
   * (platform/workflow `runReactions`): their reactions commit with the batch, or roll back with
   * it (a preview).
   */
  react(kind: string, action: string): Promise<void>;
  /** Tells the consumers of evidence (health codes) that what is known about these people changed, in the batch's transaction (kit/evidence.ts). */
  evidenceChanged(personKeys: readonly (string | null)[]): Promise<void>;
}

/** What a batch stored: new records, and rows that were already there (a re-import). */
export interface StoredRows {
  created: number;
  unchanged: number;
}

/** What a row check may use besides the row: the vault (to protect numbers), the time, the retention settings. */
export interface ParseEnv {
  vault: PiiVault;
  now: Date;
  config: Pick<Config, 'retentionDays'>;
}

export interface ImportKind<P = unknown> {
  /** The permission that may import this kind (checked on upload, template, preview and start). */
  permission: Permission;
  /** The columns, in template order. */
  fields: readonly FieldSpec[];
  /** What the template's help sheet says of a field (allowed words, formats). */
  notes: Readonly<Record<string, string>>;
  /** Fields whose cells make a row's key within the file: a repeated key is a duplicate row. */
  fileKey: readonly string[];
  /** The field a duplicate row is reported against. */
  keyField: string;
  /** Checks one row's mapped cells (trimmed, '' -> null; required ones present): null when it failed. */
  parse(values: Record<string, string | null>, issue: IssueAt, env: ParseEnv): CheckedRow<P> | null;
  /** Stores a batch of checked rows (its rows in file order); a row it refuses goes through `batch.fail`. */
  store(batch: ImportBatch, rows: ReadonlyArray<{ row: number; value: P }>): Promise<StoredRows>;
}

/** An import kind, typed by what its rows carry, registered without that type. */
export function defineImportKind<P>(kind: ImportKind<P>): ImportKind {
  return kind as unknown as ImportKind;
}
