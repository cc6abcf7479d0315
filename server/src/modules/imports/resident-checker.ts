/**
 * Admits prepared rows (see row-preparer.ts) in file order, for the preview and the run alike:
 * duplicates within the file (the first row wins) and the grid, named by its code and looked up
 * in the importer's scope only, once per batch.
 */
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import type { GridRef } from '../grids/queries.js';
import { CODE_RULE, GridResolver } from './grid-rule.js';
import { planColumns } from './fields.js';
import { FirstRows } from './first-rows.js';
import type { RowIssue } from './row-issues.js';
import { RESIDENT_FIELDS } from './resident-rows.js';
import { HAS_KEY, KEY_BYTES, STORED, type PreparedChunk, type RowPlan } from './row-preparer.js';

/** An admitted chunk of a batch, with the grid of each row once resolved. */
export interface BatchChunk {
  chunk: PreparedChunk;
  grids: Array<GridRef | null>;
}

export class ResidentChecker {
  private readonly firstRows = new FirstRows();
  private readonly grids: GridResolver;
  private readonly columnOf: (field: string) => string | null;
  readonly mappedFields: ReadonlySet<string>;

  constructor(
    private readonly db: Db,
    actor: Actor,
    plan: RowPlan,
  ) {
    const mapped = planColumns(RESIDENT_FIELDS, plan.columns, plan.mapping);
    const headers = new Map(mapped.map((p) => [p.spec.field, p.header]));
    this.columnOf = (field) => headers.get(field) ?? null;
    this.mappedFields = new Set(mapped.map((p) => p.spec.field));
    this.grids = new GridResolver(actor, plan.grid ?? CODE_RULE, this.columnOf('gridCode'));
  }

  columnFor(field: string): string | null {
    return this.columnOf(field);
  }

  /**
   * Admits a prepared chunk in file order: its problems go to `issues`, plus each row that repeats
   * an earlier row's ID number. Rows before `from` were committed before a restart: they only mark
   * their ID numbers, so later duplicates are still seen, and are not stored again.
   */
  admit(chunk: PreparedChunk, issues: RowIssue[], from = 0): void {
    const firstKept = chunk.rows[from] ?? Infinity;
    for (const issue of chunk.issues) if (issue.row >= firstKept) issues.push(issue);
    for (let i = 0; i < chunk.rows.length; i++) {
      const row = chunk.rows[i]!;
      const first = chunk.flags[i]! & HAS_KEY ? this.firstRows.firstOrAdd(chunk.keys, i * KEY_BYTES, row) : null;
      if (i < from) {
        chunk.flags[i] = chunk.flags[i]! & ~STORED;
        chunk.gridCodes[i] = null;
      } else if (first !== null) {
        issues.push({ row, column: this.columnOf('idNumber'), field: 'idNumber', code: 'IMPORT_DUPLICATE_ROW', firstRow: first });
        chunk.flags[i] = chunk.flags[i]! & ~STORED;
      }
    }
  }

  /** Looks up the grids of the chunks' rows (by the import's grid rule, cached for the whole import); a grid not found fails its row. */
  async resolveGrids(chunks: PreparedChunk[], issues: RowIssue[]): Promise<BatchChunk[]> {
    await this.grids.load(this.db, chunks.flatMap((c) => c.gridCodes.filter((k): k is string => k !== null)));
    const miss = this.grids.miss;
    return chunks.map((chunk) => {
      const grids = chunk.gridCodes.map((code, i) => {
        const grid = code === null ? null : this.grids.get(code);
        if (code !== null && !grid) {
          issues.push({ row: chunk.rows[i]!, ...miss });
          chunk.flags[i] = chunk.flags[i]! & ~STORED;
        }
        return grid;
      });
      return { chunk, grids };
    });
  }
}
