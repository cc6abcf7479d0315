/**
 * What exports read from a register: the records a list filter selects within a stored scope
 * (the requester's scope when the export was asked for), in pages, as stored rows together
 * with their presented (masked) form, so an export may decrypt the personal data it is allowed
 * to show. The conditions are those of the register lists (engine.ts `listWhere`).
 */
import { and, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { RegisterListQuery } from '@gridgov/contracts';
import { underRegion } from '../../platform/scope.js';
import type { RegisterDeps } from './deps.js';
import type { BaseRow, RegisterSpec, RegisterTable, UnmaskField } from './engine.js';

/** A scope as stored with an export: a region subtree, narrowed to one grid when set. */
export interface RecordScope {
  regionCode: string;
  gridId: string | null;
}

export type ListFilters = Omit<RegisterListQuery, 'page' | 'pageSize'>;

function inScope(t: RegisterTable, scope: RecordScope): SQL | undefined {
  return and(underRegion(t.regionCode, scope.regionCode), scope.gridId ? eq(t.gridId, scope.gridId) : undefined);
}

function exportWhere<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, scope: RecordScope, q: ListFilters): SQL | undefined {
  const t = spec.table;
  return and(
    isNull(t.deletedAt),
    inScope(t, scope),
    q.region ? underRegion(t.regionCode, q.region) : undefined,
    q.gridId ? eq(t.gridId, q.gridId) : undefined,
    ...spec.filters(deps, { ...q, page: 1, pageSize: 1 }),
  );
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

/** The full value of one personal-data field of a stored row (null when the record has none). */
export function revealField<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, row: Row, field: UnmaskField): string | null {
  const source = spec.unmaskable[field];
  if (!source) return null;
  const stored = row[source.column] as unknown as Buffer | null;
  return stored ? deps.vault.decrypt(source.field, stored) : null;
}

/** Whether the register holds personal data that an unmasked export would show in full. */
export function hasPersonalData<Row extends BaseRow, Out>(spec: RegisterSpec<Row, Out>): boolean {
  return Object.keys(spec.unmaskable).length > 0;
}
