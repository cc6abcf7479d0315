/**
 * The import target of a kind a module offers (platform/imports/kind.ts): rows are read in file
 * order with the rules every import shares (formulas refused, length limits, required cells, a
 * repeated key is a duplicate of its first row), checked by the kind's `parse`, and stored by the
 * kind's `store` in batches, each batch in one transaction with the job's progress and its
 * problems (`commitBatch`); a run resumes after the last committed batch. The preview stores the
 * first rows the same way in a transaction that is rolled back. Such a kind places its rows
 * itself: it offers no grid rule.
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { maskIdNumber, maskPhone, type ImportPreview } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { CheckedRow, ImportBatch, ImportKind, IssueAt, ParseEnv } from '../../platform/imports/kind.js';
import type { Db } from '../../platform/db/client.js';
import { runReactions } from '../../platform/workflow/workflow.js';
import { runInBatches, type StoredBatch } from './batch-commit.js';
import type { ImportDeps } from './deps.js';
import { planColumns, readMappedCells, type MappedField } from './fields.js';
import type { ImportTarget } from './import-target.js';
import { groupIssues, type RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';

/** Reads and checks rows of one import in file order; remembers keys across batches. */
class KindReader {
  readonly plan: MappedField[];
  private readonly headers: Map<string, string>;
  private readonly firstRows = new Map<string, number>();

  constructor(
    private readonly kind: ImportKind,
    private readonly env: ParseEnv,
    columns: readonly string[],
    mapping: Record<string, string>,
  ) {
    this.plan = planColumns(kind.fields, columns, mapping);
    this.headers = new Map(this.plan.map((p) => [p.spec.field, p.header]));
  }

  columnOf(field: string | null): string | null {
    return field === null ? null : (this.headers.get(field) ?? null);
  }

  /** Checks a row; `remember` only marks its key (a row committed before a restart). */
  read(row: SheetRow, issues: RowIssue[], remember = false): CheckedRow<unknown> | null {
    const found: RowIssue[] = [];
    const values = readMappedCells(row, this.plan, found);
    const key = this.kind.fileKey.every((f) => values[f]) ? this.kind.fileKey.map((f) => values[f]!.toUpperCase()).join('\u0000') : null;
    const first = key === null ? undefined : this.firstRows.get(key);
    if (key !== null && first === undefined) this.firstRows.set(key, row.row);
    if (remember) return null;
    const issue: IssueAt = (field, code, extra) => found.push({ row: row.row, column: this.columnOf(field), field, code, ...extra });
    // A row whose cells already failed is not checked further (its problems are the cells').
    const checked = found.length ? null : this.kind.parse(values, issue, this.env);
    if (first !== undefined) found.push({ row: row.row, column: this.columnOf(this.kind.keyField), field: this.kind.keyField, code: 'IMPORT_DUPLICATE_ROW', firstRow: first });
    issues.push(...found);
    return found.length || !checked ? null : checked;
  }
}

async function storeRows(kind: ImportKind, deps: ImportDeps, db: Db, ctx: ActorContext, importId: string, reader: KindReader, rows: ReadonlyArray<{ row: number; value: unknown }>): Promise<StoredBatch> {
  const issues: RowIssue[] = [];
  const failed = new Set<number>();
  const batch: ImportBatch = {
    db,
    ctx,
    vault: deps.vault,
    importId,
    fail(row, field, code) {
      if (failed.has(row)) return;
      failed.add(row);
      issues.push({ row, column: reader.columnOf(field), field, code });
    },
    react: (kind, action) => runReactions({ ...deps, db }, db, { kind, id: importId, action, from: '', to: '', now: ctx.clock.now(), ctx }),
    evidenceChanged: (personKeys) => evidenceChanged(deps, db, personKeys, ctx.clock.now()),
  };
  const stored = rows.length ? await kind.store(batch, rows) : { created: 0, unchanged: 0 };
  return { created: stored.created, updated: 0, unchanged: stored.unchanged, issues };
}

/** A cell of a row that failed its check, as the preview shows it. */
function shownCell({ spec }: MappedField, cell: string): string | null {
  const value = cell.trim();
  if (!value) return null;
  if (spec.normalize === 'phone' || /phone/i.test(spec.field)) return maskPhone(value);
  if (spec.normalize === 'id' || /idnumber|documentnumber/i.test(spec.field)) return maskIdNumber(value);
  return value;
}

/** Thrown to roll a dry run back. */
class DryRun extends Error {}

export function kindTarget(name: string, kind: ImportKind): ImportTarget {
  return {
    kind: name,
    permission: kind.permission,
    fields: kind.fields,
    notes: kind.notes,
    gridRules: [],

    async preview(deps, ctx, job, rows, mapping): Promise<ImportPreview> {
      const reader = new KindReader(kind, { vault: deps.vault, now: ctx.clock.now(), config: deps.config }, job.columns as string[], mapping);
      const issues: RowIssue[] = [];
      const checked = rows.map((row) => ({ row: row.row, checked: reader.read(row, issues) }));
      const ready = checked.flatMap((c) => (c.checked ? [{ row: c.row, value: c.checked.value }] : []));
      try {
        await deps.database.db.transaction(async (tx) => {
          const stored = await storeRows(kind, deps, tx, ctx, job.id, reader, ready);
          issues.push(...stored.issues);
          throw new DryRun();
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
      }
      const byRow = groupIssues(issues, ctx.locale);
      const out = checked.map((c, i) => {
        // A row that failed its own check shows its cells as written, ID numbers and phones masked.
        const values = c.checked ? c.checked.display : Object.fromEntries(reader.plan.map((p) => [p.spec.field, shownCell(p, rows[i]!.cells[p.index] ?? '')]));
        return { row: c.row, values, errors: byRow(c.row) };
      });
      return { rows: out, checkedRows: out.length, failedRows: out.filter((r) => r.errors.length > 0).length };
    },

    async run(deps, ctx, job, headerAt, log) {
      const reader = new KindReader(kind, { vault: deps.vault, now: ctx.clock.now(), config: deps.config }, job.columns as string[], (job.mapping ?? {}) as Record<string, string>);
      await runInBatches(deps, ctx, job, headerAt, log, (row, issues, replay) => reader.read(row, issues, replay)?.value ?? null, (tx, batch) => storeRows(kind, deps, tx.db, ctx, job.id, reader, batch));
    },
  };
}
