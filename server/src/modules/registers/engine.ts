/**
 * The shared machinery of every register: scoped reads, create / update / soft delete with
 * optimistic concurrency, field history and audit in the same transaction, map points, and the
 * audited, rate-limited unmask of personal data. Each register supplies a `RegisterSpec`.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect, PgTable } from 'drizzle-orm/pg-core';
import { type RegisterAccess, type RegisterKind, type RegisterListQuery, type UNMASK_FIELDS } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, notFound } from '../../platform/errors.js';
import { gridRecordInScope, underRegion } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { PiiField } from '../../platform/pii/vault.js';
import { gridsInScope, type GridRef } from '../grids/queries.js';
import type { RegisterDeps } from './deps.js';
import { diffRows, readHistory, writeHistory } from './history.js';
import { lockUnmaskBudget, spendUnmaskBudget, unmaskUnitsUsed } from './unmask-budget.js';

export interface BaseRow {
  id: string;
  gridId: string;
  regionCode: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  createdBy: string | null;
  updatedBy: string | null;
}

/** A register table: the shared record columns plus its own. */
export type RegisterTable = PgTable & {
  id: PgColumn;
  gridId: PgColumn;
  regionCode: PgColumn;
  version: PgColumn;
  deletedAt: PgColumn;
  updatedAt: PgColumn;
};

export type UnmaskField = (typeof UNMASK_FIELDS)[number];

/** A list's filters without paging. */
export type ListFilters = Omit<RegisterListQuery, 'page' | 'pageSize'>;

export interface WriteInput {
  gridId?: string;
  version?: number;
}

/** How rows are read: order, page, and whether to lock them for a change. */
export interface RowQuery {
  orderBy?: SQL;
  limit?: number;
  offset?: number;
  forUpdate?: boolean;
}

/** Applies a RowQuery to a register's typed select (`db.select().from(table).where(...).$dynamic()`). */
export function shapedRows<Q extends PgSelect>(select: Q, o: RowQuery): Q {
  let q = select;
  if (o.orderBy) q = q.orderBy(o.orderBy);
  if (o.limit !== undefined) q = q.limit(o.limit);
  if (o.offset !== undefined) q = q.offset(o.offset);
  if (o.forUpdate) q = q.for('update');
  return q;
}

export interface RegisterSpec<Row extends BaseRow, Out> {
  kind: RegisterKind;
  table: RegisterTable;
  /**
   * Its rows that match a condition, typed: `(db, where, o) => shapedRows(db.select().from(table).where(where).$dynamic(), o).execute()`.
   * Written out per register because the engine cannot select from a table it knows only generically.
   */
  rows(db: RegisterDeps['db'], where: SQL | undefined, o: RowQuery): Promise<Row[]>;
  /** Writes changed columns of one row, typed: `(db, id, set) => db.update(table).set(set).where(eq(table.id, id))`. */
  update(db: RegisterDeps['db'], id: string, set: Partial<Row> | Partial<BaseRow>): Promise<unknown>;
  /** The permissions to read, write and unmask this register (contracts' REGISTER_ACCESS). */
  access: RegisterAccess;
  /**
   * Whether its records are about people (or list them: household members, employees). Every
   * read of such a register is audited: one entry per record read, per page listed, per search.
   */
  aboutPeople: boolean;
  /**
   * Stored columns from a create input (current = null) or an update patch over `current`.
   * Throws AppError for bad input; references to other records are checked in scope here.
   */
  toColumns(deps: RegisterDeps, ctx: ActorContext, input: Record<string, unknown>, current: Row | null, grid: GridRef): Promise<Partial<Row>>;
  /** The grid of a record whose input names no grid (a dwelling lives in its building's grid). */
  gridOf?(deps: RegisterDeps, ctx: ActorContext, input: Record<string, unknown>, current: Row | null): Promise<string | null>;
  present(deps: RegisterDeps, rows: Row[]): Promise<Out[]>;
  /** List filters beyond region, grid and soft delete. */
  filters(deps: RegisterDeps, q: RegisterListQuery): (SQL | undefined)[];
  orderBy: SQL;
  /** Columns with personal data that the unmask endpoint may decrypt. */
  unmaskable: Partial<Record<UnmaskField, { stored(row: Row): Buffer | null; field: PiiField }>>;
  /** Map point of a record, when it has one. */
  point?: { lon: PgColumn; lat: PgColumn; name: SQL; kind: PgColumn };
  /** Work to do in the delete transaction (memberships, links). */
  onDelete?(tx: RegisterDeps['db'], row: Row): Promise<void>;
}

export function scopeWhere(actor: Actor, table: RegisterTable): SQL {
  return gridRecordInScope(actor, table.regionCode, table.gridId);
}

/** A register list's conditions: live records within `scope` that match the list filters. */
export function filterWhere<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, scope: SQL | undefined, q: ListFilters): SQL | undefined {
  const t = spec.table;
  return and(
    isNull(t.deletedAt),
    scope,
    q.region ? underRegion(t.regionCode, q.region) : undefined,
    q.gridId ? eq(t.gridId, q.gridId) : undefined,
    ...spec.filters(deps, { ...q, page: 1, pageSize: 1 }),
  );
}

function listWhere<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, actor: Actor, q: ListFilters): SQL | undefined {
  return filterWhere(deps, spec, scopeWhere(actor, spec.table), q);
}

/** Loads live records by condition within the actor's scope. */
export async function loadRows<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  actor: Actor,
  where: SQL | undefined,
  forUpdate = false,
): Promise<Row[]> {
  const t = spec.table;
  return spec.rows(deps.db, and(isNull(t.deletedAt), scopeWhere(actor, t), where), { forUpdate });
}

export async function loadRow<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  const [row] = await loadRows(deps, spec, actor, eq(spec.table.id, id), forUpdate);
  if (!row) throw notFound();
  return row;
}

export async function listRecords<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  ctx: ActorContext,
  q: RegisterListQuery,
): Promise<{ items: Out[]; total: number; page: number; pageSize: number }> {
  const exact = exactSearchKeys(q);
  if (exact.length > 0) return exactSearch(deps, spec, ctx, q, exact);
  const where = listWhere(deps, spec, ctx.actor, q);
  const t = spec.table;
  const [rows, [total]] = await Promise.all([
    spec.rows(deps.db, where, { orderBy: spec.orderBy, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    deps.db.select({ n: count() }).from(t).where(where),
  ]);
  if (spec.aboutPeople) {
    // A page of people is a bulk read of personal data: one entry per page, with the filter.
    await writeAudit(deps.db, ctx, {
      action: `${spec.kind}.list`,
      objectType: spec.kind,
      regionCode: q.region ?? ctx.actor.regionCode,
      details: { filters: shownListFilters(q), page: q.page, pageSize: q.pageSize, rows: rows.length, total: Number(total?.n ?? 0) },
    });
  }
  return { items: await spec.present(deps, rows), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** The exact-match filters a query uses (ID number, phone). */
export function exactSearchKeys(q: ListFilters): ('idNumber' | 'phone')[] {
  return (['idNumber', 'phone'] as const).filter((k) => Boolean(q[k]));
}

/** A list's filters as the audit log keeps them: the values of exact-match filters left out. */
export function shownListFilters(q: ListFilters): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || key === 'page' || key === 'pageSize') continue;
    shown[key] = key === 'idNumber' || key === 'phone' ? '(exact)' : value;
  }
  return shown;
}

/**
 * Looking people up by exact ID number or phone confirms a guess whatever it answers, so it is
 * an unmask: it needs the register's unmask permission, spends one unit of the caller's unmask
 * budget (matches or not), is audited, and answers only records in the caller's scope.
 */
async function exactSearch<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  ctx: ActorContext,
  q: RegisterListQuery,
  by: ('idNumber' | 'phone')[],
): Promise<{ items: Out[]; total: number; page: number; pageSize: number }> {
  assertExactSearchAllowed(spec.access, ctx.actor);
  const where = listWhere(deps, spec, ctx.actor, q);
  const t = spec.table;
  const { rows, total } = await deps.db.transaction(async (tx) => {
    await spendUnmaskBudget(tx, ctx, deps.config.unmaskPerHour);
    const [found, [n]] = await Promise.all([
      spec.rows(tx, where, { orderBy: spec.orderBy, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      tx.select({ n: count() }).from(t).where(where),
    ]);
    await writeAudit(tx, ctx, {
      action: `${spec.kind}.search`,
      objectType: spec.kind,
      regionCode: q.region ?? ctx.actor.regionCode,
      details: { by, filters: shownListFilters(q), matches: Number(n?.n ?? 0) },
    });
    return { rows: found, total: Number(n?.n ?? 0) };
  });
  return { items: await spec.present(deps, rows), total, page: q.page, pageSize: q.pageSize };
}

/** An exact ID-number or phone search (lists, exports) needs the register's unmask permission. */
export function assertExactSearchAllowed(access: RegisterAccess, actor: Actor): void {
  if (!actor.permissions.includes(access.unmask)) throw new AppError('REGISTER_EXACT_SEARCH_FORBIDDEN');
}

export async function getRecord<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, ctx: ActorContext, id: string): Promise<Out> {
  const row = await loadRow(deps, spec, ctx.actor, id);
  if (spec.aboutPeople) await writeAudit(deps.db, ctx, { action: `${spec.kind}.read`, objectType: spec.kind, objectId: id, subject: id, regionCode: row.regionCode });
  const [out] = await spec.present(deps, [row]);
  return out!;
}

async function resolveGrid(deps: RegisterDeps, ctx: ActorContext, gridId: string | null | undefined): Promise<GridRef> {
  const grid = gridId ? (await gridsInScope(deps.db, ctx.actor, [gridId])).get(gridId) : undefined;
  if (!grid) throw new AppError('REGISTER_GRID_INVALID');
  return grid;
}

/**
 * Runs a write; a unique-index violation becomes REGISTER_DUPLICATE. The answer is the same
 * whether the record it collides with is in the caller's scope or not, and says nothing of it;
 * since it still confirms that a number is registered, each one spends a unit of the caller's
 * unmask budget, and a caller whose budget is spent may not write these fields until it renews.
 */
async function guardDuplicate<T>(deps: RegisterDeps, ctx: ActorContext, kind: RegisterKind, work: () => Promise<T>): Promise<T> {
  if ((await unmaskUnitsUsed(deps.db, ctx)) >= deps.config.unmaskPerHour) {
    throw new AppError('UNMASK_RATE_LIMITED', { limitPerHour: deps.config.unmaskPerHour });
  }
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await deps.db.transaction(async (tx) => {
      await lockUnmaskBudget(tx, ctx);
      await writeAudit(tx, ctx, { action: 'register.duplicate', objectType: kind, outcome: 'denied' });
    });
    throw new AppError('REGISTER_DUPLICATE');
  }
}

export async function createRecord<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, ctx: ActorContext, input: WriteInput & Record<string, unknown>): Promise<Out> {
  const gridId = spec.gridOf ? await spec.gridOf(deps, ctx, input, null) : input.gridId;
  const grid = await resolveGrid(deps, ctx, gridId);
  const columns = await spec.toColumns(deps, ctx, input, null, grid);
  const now = ctx.clock.now();
  const id = randomUUID();
  const row = { ...columns, id, gridId: grid.id, regionCode: grid.regionCode, version: 1, createdAt: now, updatedAt: now, createdBy: ctx.actor.id, updatedBy: ctx.actor.id };
  await guardDuplicate(deps, ctx, spec.kind, () =>
    deps.db.transaction(async (tx) => {
      // The engine's one cast: a new row is its spec's columns plus the record columns, and
      // toColumns answers every required column of a create (or throws); drizzle cannot check
      // that against a table it knows only generically.
      await tx.insert(spec.table).values(row as never);
      await writeHistory(tx, ctx, { kind: spec.kind, recordId: id, version: 1, action: 'create', changes: diffRows(null, row) });
      await writeAudit(tx, ctx, { action: `${spec.kind}.create`, objectType: spec.kind, objectId: id, subject: id, regionCode: grid.regionCode, details: { gridId: grid.id } });
    }),
  );
  return getRecordUnaudited(deps, spec, ctx.actor, id);
}

async function getRecordUnaudited<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, actor: Actor, id: string): Promise<Out> {
  const [out] = await spec.present(deps, [await loadRow(deps, spec, actor, id)]);
  return out!;
}

export async function updateRecord<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  ctx: ActorContext,
  id: string,
  patch: WriteInput & Record<string, unknown>,
): Promise<Out> {
  const { version, ...changes } = patch;
  await guardDuplicate(deps, ctx, spec.kind, () =>
    deps.db.transaction(async (tx) => {
      const txDeps = { ...deps, db: tx };
      const current = await loadRow(txDeps, spec, ctx.actor, id, true);
      if (current.version !== version) throw new AppError('REGISTER_VERSION_CONFLICT', { current: current.version });
      const gridId = spec.gridOf ? await spec.gridOf(txDeps, ctx, changes, current) : (changes.gridId ?? current.gridId);
      const grid = await resolveGrid(txDeps, ctx, gridId);
      const columns = await spec.toColumns(txDeps, ctx, changes, current, grid);
      const next = { ...columns, gridId: grid.id, regionCode: grid.regionCode };
      const diff = diffRows(current, next);
      if (diff.length === 0) return;
      const now = ctx.clock.now();
      await spec.update(tx, id, { ...next, version: current.version + 1, updatedAt: now, updatedBy: ctx.actor.id });
      await writeHistory(tx, ctx, { kind: spec.kind, recordId: id, version: current.version + 1, action: 'update', changes: diff });
      await writeAudit(tx, ctx, {
        action: `${spec.kind}.update`,
        objectType: spec.kind,
        objectId: id,
        subject: id,
        regionCode: grid.regionCode,
        details: { version: current.version + 1, fields: diff.map((c) => c.field) },
      });
    }),
  );
  return getRecordUnaudited(deps, spec, ctx.actor, id);
}

export async function deleteRecord<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, ctx: ActorContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const current = await loadRow({ ...deps, db: tx }, spec, ctx.actor, id, true);
    const now = ctx.clock.now();
    await spec.update(tx, id, { deletedAt: now, version: current.version + 1, updatedAt: now, updatedBy: ctx.actor.id });
    await spec.onDelete?.(tx, current);
    await writeHistory(tx, ctx, { kind: spec.kind, recordId: id, version: current.version + 1, action: 'delete', changes: [] });
    await writeAudit(tx, ctx, { action: `${spec.kind}.delete`, objectType: spec.kind, objectId: id, subject: id, regionCode: current.regionCode });
  });
}

export async function recordHistory<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, ctx: ActorContext, id: string) {
  const row = await loadRow(deps, spec, ctx.actor, id);
  if (spec.aboutPeople) await writeAudit(deps.db, ctx, { action: `${spec.kind}.history.read`, objectType: spec.kind, objectId: id, subject: id, regionCode: row.regionCode });
  return readHistory(deps.db, spec.kind, id);
}

/** Map points of the records in scope, capped so a city-wide view stays light. */
export async function recordPoints<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  actor: Actor,
  q: { region?: string; gridId?: string; kind?: string },
  limit = 5000,
) {
  const p = spec.point;
  if (!p) throw notFound();
  const where = and(listWhere(deps, spec, actor, q), sql`${p.lon} is not null and ${p.lat} is not null`);
  const found = await deps.db
    .select({ id: spec.table.id, name: p.name, kind: p.kind, lon: p.lon, lat: p.lat })
    .from(spec.table)
    .where(where)
    .limit(limit + 1);
  const items = found.slice(0, limit).map((f) => ({ id: String(f.id), name: String(f.name), kind: String(f.kind), lon: Number(f.lon), lat: Number(f.lat) }));
  return { items, truncated: found.length > limit };
}

/**
 * The full value of personal data, for a role that may see it and a stated reason. Every unmask
 * is audited with the reason and spends one unit of the user's unmask budget (unmask-budget.ts).
 */
export async function unmaskRecord<Row extends BaseRow, Out>(
  deps: RegisterDeps,
  spec: RegisterSpec<Row, Out>,
  ctx: ActorContext,
  id: string,
  request: { reason: string; fields: UnmaskField[] },
): Promise<Partial<Record<UnmaskField, string | null>>> {
  const fields = [...new Set(request.fields)].filter((f) => spec.unmaskable[f]);
  if (fields.length === 0) throw new AppError('VALIDATION_FAILED', { fields: 'nothing to unmask on this record' });
  return deps.db.transaction(async (tx) => {
    await spendUnmaskBudget(tx, ctx, deps.config.unmaskPerHour);
    const row = await loadRow({ ...deps, db: tx }, spec, ctx.actor, id);
    const result: Partial<Record<UnmaskField, string | null>> = {};
    for (const f of fields) result[f] = revealField(deps, spec, row, f);
    await writeAudit(tx, ctx, {
      action: 'register.unmask',
      objectType: spec.kind,
      objectId: id,
      subject: id,
      regionCode: row.regionCode,
      details: { fields, reason: request.reason },
    });
    return result;
  });
}

/** The full value of one personal-data field of a stored row (null when the record has none). */
export function revealField<Row extends BaseRow, Out>(deps: RegisterDeps, spec: RegisterSpec<Row, Out>, row: Row, field: UnmaskField): string | null {
  const source = spec.unmaskable[field];
  if (!source) return null;
  const stored = source.stored(row);
  return stored ? deps.vault.decrypt(source.field, stored) : null;
}
