/**
 * What exports read from a register: the records a list filter selects within a stored scope
 * (the requester's scope when the export was asked for), in pages, as stored rows together
 * with their presented (masked) form, so an export may decrypt the personal data it is allowed
 * to show. The conditions are those of the register lists (engine.ts `listWhere`).
 */
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { underRegion } from '../../platform/scope.js';
import type { RegisterDeps } from './deps.js';
import { filterWhere, revealField, type BaseRow, type ListFilters, type RegisterSpec, type RegisterTable } from './engine.js';

/** A scope as stored with an export: a region subtree, narrowed to one grid when set. */
export interface RecordScope {
  regionCode: string;
  gridId: string | null;
}

export { revealField, type ListFilters };

function inScope(t: RegisterTable, scope: RecordScope): SQL | undefined {
  return and(underRegion(t.regionCode, scope.regionCode), scope.gridId ? eq(t.gridId, scope.gridId) : undefined);
}

function exportWhere<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, scope: RecordScope, q: ListFilters): SQL | undefined {
  return filterWhere(deps, spec, inScope(spec.table, scope), q);
}

export async function countExportRecords<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, scope: RecordScope, q: ListFilters): Promise<number> {
  const [total] = await deps.db.select({ n: count() }).from(spec.table).where(exportWhere(deps, spec, scope, q));
  return Number(total?.n ?? 0);
}

export interface ExportPage<Row, Out> {
  rows: Row[];
  /** `present` of the same rows, in the same order. */
  items: Out[];
}

/** Every selected record, `batch` at a time in id order: only one page is held at once. */
export async function* iterateExportRecords<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  scope: RecordScope,
  q: ListFilters,
  batch = 1000,
): AsyncGenerator<ExportPage<Row, Out>> {
  const where = exportWhere(deps, spec, scope, q);
  const t = spec.table;
  let after = '';
  for (;;) {
    const rows = (await deps.db
      .select()
      .from(t)
      .where(and(where, after ? sql`${t.id} > ${after}` : undefined))
      .orderBy(t.id)
      .limit(batch)) as unknown as Row[];
    if (rows.length === 0) return;
    yield { rows, items: await spec.present(deps, rows) };
    after = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}

/** Whether the register holds personal data that an unmasked export would show in full. */
export function hasPersonalData<Row extends BaseRow, Out>(spec: RegisterSpec<Row, Out>): boolean {
  return Object.keys(spec.unmaskable).length > 0;
}
