/**
 * The import pipeline of every register kind but residents: rows are read and checked in file
 * order (cells, words, numbers, phones; a repeated natural key is a duplicate of its first
 * row), and stored in batches through the registers' bulk writer. For each batch: grids by code
 * in the importer's scope, references by natural key (a dwelling's building, a household's
 * head), the records already registered by natural key (one outside the scope is refused,
 * never moved or overwritten; one in scope is compared and updated only when it changed), then
 * one multi-row insert and one update statement. The dry run stores the first rows the same way
 * in a transaction that is rolled back.
 */
import { maskIdNumber, maskPhone, type ErrorCode, type ImportGridRule, type ImportPreview } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import type { GridRef } from '../grids/queries.js';
import { findLiveRecords, insertRecords, recordDiffers, updateRecords, type BulkKind, type ChangedRecord, type StoredRecord } from '../registers/bulk-writer.js';
import { runInBatches, type StoredBatch } from './batch-commit.js';
import { EVERY_GRID_RULE, GridKeyReader, GridResolver, gridRuleOf } from './grid-rule.js';
import { planColumns, readMappedCells, type FieldSpec, type MappedField } from './fields.js';
import type { ImportTarget } from './import-target.js';
import type { IssueLog } from './issue-log.js';
import { groupIssues, type RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';

/** What a kind's `parse` reports a problem with. */
export type IssueAt = (field: string, code: ErrorCode, extra?: Partial<RowIssue>) => void;

/** A row checked on its own: the columns it would store, and what is resolved per batch. */
export interface ParsedRow {
  columns: Record<string, unknown>;
  gridCode: string | null;
  /** Natural references resolved per batch (a building's name, a head's ID number hash). */
  refs: Record<string, string | Buffer | null>;
  /** Masked values for the preview. */
  display: Record<string, string | null>;
}

/** A row placed in a batch: its grid known, its columns final. */
export interface PlacedRow {
  row: number;
  parsed: ParsedRow;
  grid: GridRef | null;
  columns: Record<string, unknown>;
  /** The record already registered under the row's natural key, if any (in scope). */
  existing: StoredRecord | null;
  failed: boolean;
  /** What `check` resolved for `afterWrite` (a household head's resident id). */
  refs?: Record<string, string>;
}

export interface BatchContext {
  db: Db;
  ctx: ActorContext;
  /** A problem with a row of the batch: the row is not stored. */
  fail(row: PlacedRow, field: string, code: ErrorCode, extra?: Partial<RowIssue>): void;
}

/** One register kind's part: its columns, its row check, its natural key and references. */
export interface KindImport {
  register: BulkKind;
  fields: readonly FieldSpec[];
  notes: Readonly<Record<string, string>>;
  /** Fields whose mapped cells make the natural key within the file. */
  fileKey: readonly string[];
  /** The field a duplicate row is reported against. */
  keyField: string;
  /** Stored fields that make the natural key (with the grid when it is part of it). */
  storedKey: readonly string[];
  /** Stored key fields to look existing records up by (those never null). */
  lookupBy: readonly string[];
  /** Columns a new record gets when the file does not give them (defaults, generated codes). */
  onCreate?(columns: Record<string, unknown>): Record<string, unknown>;
  parse(values: Record<string, string | null>, issue: IssueAt, env: { vault: PiiVault; today: Date; mapped: ReadonlySet<string> }): ParsedRow | null;
  /** Places rows whose grid comes from a reference (a dwelling's building); default: the grid code. */
  place?(batch: BatchContext, rows: PlacedRow[], grids: (code: string) => GridRef | null): Promise<void>;
  /** Checks that need the existing records (a household's head). */
  check?(batch: BatchContext, rows: PlacedRow[]): Promise<void>;
  /** Writes that follow the records (a household's head membership). */
  afterWrite?(batch: BatchContext, rows: Array<PlacedRow & { id: string }>): Promise<void>;
}

function inScope(actor: Actor, record: { regionCode: string; gridId: string }): boolean {
  return record.regionCode.startsWith(actor.regionPrefix) && (!actor.gridId || record.gridId === actor.gridId);
}

function keyOf(fields: readonly string[], values: Record<string, unknown>): string {
  return fields.map((f) => String(values[f] ?? '')).join('\u0000');
}

/** Reads and checks rows of one import in file order; remembers natural keys across batches. */
class RowReader {
  readonly plan: MappedField[];
  readonly columnOf: (field: string) => string | null;
  private readonly mapped: ReadonlySet<string>;
  private readonly firstRows = new Map<string, number>();
  private readonly gridKeys: GridKeyReader;

  constructor(
    private readonly kind: KindImport,
    private readonly vault: PiiVault,
    columns: readonly string[],
    mapping: Record<string, string>,
    private readonly today: Date,
    rule: ImportGridRule,
  ) {
    this.gridKeys = new GridKeyReader(rule, columns);
    this.plan = planColumns(kind.fields, columns, mapping);
    const headers = new Map(this.plan.map((p) => [p.spec.field, p.header]));
    this.columnOf = (field) => headers.get(field) ?? null;
    this.mapped = new Set(headers.keys());
  }

  /** Checks a row; `remember` only marks its key (a row committed before a restart). */
  read(row: SheetRow, issues: RowIssue[], remember = false): ParsedRow | null {
    const found: RowIssue[] = [];
    const values = readMappedCells(row, this.plan, found);
    // The grid's key stands in for the grid code (a dwelling names its building's grid by code).
    if (this.gridKeys.rule.by !== 'code') values.gridCode = remember ? null : this.gridKeys.read(row, values, found);
    const key = this.kind.fileKey.every((f) => values[f]) ? keyOf(this.kind.fileKey, values) : null;
    const first = key === null ? undefined : this.firstRows.get(key);
    if (key !== null && first === undefined) this.firstRows.set(key, row.row);
    if (remember) return null;
    const issue: IssueAt = (field, code, extra) => found.push({ row: row.row, column: this.columnOf(field), field, code, ...extra });
    const parsed = this.kind.parse(values, issue, { vault: this.vault, today: this.today, mapped: this.mapped });
    if (first !== undefined) found.push({ row: row.row, column: this.columnOf(this.kind.keyField), field: this.kind.keyField, code: 'IMPORT_DUPLICATE_ROW', firstRow: first });
    issues.push(...found);
    return found.length || !parsed ? null : parsed;
  }
}

/** Stores one batch of checked rows; problems found on the way go to the batch's issues. */
async function storeRows(
  kind: KindImport,
  db: Db,
  ctx: ActorContext,
  importId: string,
  grids: GridResolver,
  reader: RowReader,
  rows: ReadonlyArray<{ row: number; parsed: ParsedRow }>,
): Promise<StoredBatch> {
  const result: StoredBatch = { created: 0, updated: 0, unchanged: 0, issues: [] };
  const batch: BatchContext = {
    db,
    ctx,
    fail(row, field, code, extra) {
      if (row.failed) return;
      row.failed = true;
      result.issues.push({ row: row.row, column: reader.columnOf(field), field, code, ...extra });
    },
  };
  await grids.load(db, rows.flatMap((r) => (r.parsed.gridCode ? [r.parsed.gridCode] : [])));
  const placed: PlacedRow[] = rows.map((r) => ({ row: r.row, parsed: r.parsed, grid: null, columns: { ...r.parsed.columns }, existing: null, failed: false }));
  if (kind.place) await kind.place(batch, placed, (code) => grids.get(code));
  else {
    for (const p of placed) {
      p.grid = p.parsed.gridCode ? grids.get(p.parsed.gridCode) : null;
      if (!p.grid) batch.fail(p, grids.miss.field ?? 'gridCode', grids.miss.code, { column: grids.miss.column ?? reader.columnOf('gridCode') });
    }
  }
  const live = placed.filter((p) => !p.failed && p.grid);
  for (const p of live) p.columns.gridId = p.grid!.id;
  const lookup = Object.fromEntries(kind.lookupBy.map((f) => [f, live.map((p) => p.columns[f])]));
  const stored = live.length ? await findLiveRecords(db, kind.register, lookup) : [];
  const byKey = new Map(stored.map((s) => [keyOf(kind.storedKey, s), s]));
  for (const p of live) {
    const found = byKey.get(keyOf(kind.storedKey, p.columns));
    if (!found) continue;
    if (!inScope(ctx.actor, found)) batch.fail(p, kind.keyField, 'REGISTER_DUPLICATE');
    else p.existing = found;
  }
  await kind.check?.(batch, live);
  const creates: PlacedRow[] = [];
  const updates: Array<PlacedRow & { change: ChangedRecord }> = [];
  for (const p of live) {
    if (p.failed) continue;
    const { gridId: _gridId, ...columns } = p.columns;
    if (!p.existing) {
      creates.push(p);
      continue;
    }
    const change: ChangedRecord = { current: p.existing, gridId: p.grid!.id, regionCode: p.grid!.regionCode, columns };
    if (recordDiffers(change)) updates.push({ ...p, change });
    else result.unchanged++;
  }
  const ids = await insertRecords(
    db,
    ctx,
    kind.register,
    importId,
    creates.map((p) => {
      const { gridId: _gridId, ...columns } = p.columns;
      return { gridId: p.grid!.id, regionCode: p.grid!.regionCode, columns: kind.onCreate ? kind.onCreate(columns) : columns };
    }),
  );
  await updateRecords(db, ctx, kind.register, importId, updates.map((u) => u.change));
  result.created = creates.length;
  result.updated = updates.length;
  await kind.afterWrite?.(batch, [...creates.map((p, i) => ({ ...p, id: ids[i]! })), ...live.filter((p) => !p.failed && p.existing).map((p) => ({ ...p, id: p.existing!.id }))]);
  return result;
}

/** Thrown to roll a dry run back. */
class DryRun extends Error {}

export function rowTarget(kind: KindImport): ImportTarget {
  return {
    kind: kind.register,
    permission: 'register:import',
    fields: kind.fields,
    notes: kind.notes,
    // A kind that places rows by a reference (a dwelling by its building) takes grid codes only.
    gridRules: kind.place ? ['code'] : EVERY_GRID_RULE,

    async preview(deps, ctx, job, rows, mapping): Promise<ImportPreview> {
      const reader = new RowReader(kind, deps.vault, job.columns as string[], mapping, ctx.clock.now(), gridRuleOf(job));
      const issues: RowIssue[] = [];
      const checked = rows.map((row) => ({ row: row.row, parsed: reader.read(row, issues) }));
      const ready = checked.flatMap((c) => (c.parsed ? [{ row: c.row, parsed: c.parsed }] : []));
      const grids = new GridResolver(ctx.actor, gridRuleOf(job), reader.columnOf('gridCode'));
      try {
        await deps.database.db.transaction(async (tx) => {
          const stored = await storeRows(kind, tx, ctx, job.id, grids, reader, ready);
          issues.push(...stored.issues);
          throw new DryRun();
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
      }
      const byRow = groupIssues(issues, ctx.locale);
      const out = rows.map((row, i) => {
        const parsed = checked[i]!.parsed;
        const values = parsed ? parsed.display : Object.fromEntries(reader.plan.map((p) => [p.spec.field, displayCell(p.spec.field, row.cells[p.index] ?? '')]));
        // The grid the row goes to, by name (a dwelling's comes from its building: not shown).
        const grid = parsed?.gridCode && !kind.place ? grids.get(parsed.gridCode) : null;
        return { row: row.row, values: { ...values, gridName: grid?.name ?? null }, errors: byRow(row.row) };
      });
      return { rows: out, checkedRows: out.length, failedRows: out.filter((r) => r.errors.length > 0).length };
    },

    async run(deps, ctx, job, headerAt, log: IssueLog) {
      const rule = gridRuleOf(job);
      const reader = new RowReader(kind, deps.vault, job.columns as string[], (job.mapping ?? {}) as Record<string, string>, ctx.clock.now(), rule);
      const grids = new GridResolver(ctx.actor, rule, reader.columnOf('gridCode'));
      await runInBatches(deps, ctx, job, headerAt, log, (row, issues, replay) => reader.read(row, issues, replay), (tx, batch) =>
        storeRows(kind, tx.db, ctx, job.id, grids, reader, batch.map(({ row, value }) => ({ row, parsed: value }))),
      );
    },
  };
}

/** A cell as the preview shows a row that failed its check: phones and ID numbers masked. */
function displayCell(field: string, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (/phone/i.test(field)) return maskPhone(v);
  if (/idnumber/i.test(field)) return maskIdNumber(v);
  return v;
}
