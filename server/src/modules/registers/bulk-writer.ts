/**
 * The registers' bulk writer: what imports use to read and write many records at once without
 * reaching into this module's tables. Records are found by their natural keys (any scope: the
 * caller decides what an out-of-scope match means), created with multi-row inserts and updated
 * with one statement per batch, each update with a register_history entry (masked values only).
 *
 * Residents keep their own COPY path (imports/resident-store.ts); they use `insertHistoryRows`.
 */
import { randomUUID } from 'node:crypto';
import { and, getTableColumns, getTableName, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { RegisterKind } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { diffRows, historyRow } from './history.js';
import { checkIdentity, type Checked, type CheckedIdentity } from './personal-data.js';
import { building, dwelling, facility, household, householdMember, organization, registerHistory, resident, venue } from './tables.js';
import type { RegisterTable } from './engine.js';

/** Kinds written by the generic bulk path (residents have their own). */
export type BulkKind = Exclude<RegisterKind, 'resident'>;

const TABLES: Record<BulkKind, RegisterTable> = { building, dwelling, venue, facility, organization, household };

/** A stored record as the bulk writer reads it: drizzle field names. */
export type StoredRecord = Record<string, unknown> & { id: string; gridId: string; regionCode: string; version: number };

export type HistoryRow = ReturnType<typeof historyRow>;

/** Writes history entries, a thousand per statement. */
export async function insertHistoryRows(db: Db, rows: readonly HistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(registerHistory).values(rows.slice(i, i + 1000));
}

/**
 * Live records of a kind whose fields hold one of the given values, for every field named
 * (an over-approximation of a key match: callers compare the whole key).
 */
export async function findLiveRecords(db: Db, kind: BulkKind, where: Record<string, readonly unknown[]>): Promise<StoredRecord[]> {
  const table = TABLES[kind];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const conditions: SQL[] = [];
  for (const [field, values] of Object.entries(where)) {
    const column = columns[field];
    if (!column) throw new Error(`no column ${field} on ${kind}`);
    if (values.length === 0) return [];
    conditions.push(inArray(column, [...new Set(values)] as unknown[]));
  }
  return (await db.select().from(table).where(and(isNull(table.deletedAt), ...conditions))) as unknown as StoredRecord[];
}

export interface NewRecord {
  gridId: string;
  regionCode: string;
  columns: Record<string, unknown>;
}

export interface ChangedRecord {
  current: StoredRecord;
  gridId: string;
  regionCode: string;
  columns: Record<string, unknown>;
}

/** Whether `columns` (and the grid) would change the stored record. */
export function recordDiffers(change: ChangedRecord): boolean {
  const after = { ...change.columns, gridId: change.gridId, regionCode: change.regionCode };
  return diffRows(change.current, after).length > 0 || secretsDiffer(change.current, after);
}

/** Ciphertexts differ at every encryption: a protected value is compared by its hash. */
function secretsDiffer(current: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return Object.entries(after).some(([field, value]) => {
    if (!field.endsWith('Hash')) return false;
    const stored = current[field];
    if (value === null || stored === null || value === undefined || stored === undefined) return (value ?? null) !== (stored ?? null);
    return !(value as Buffer).equals(stored as Buffer);
  });
}

const stamp = (ctx: RequestContext, importId: string) => ({
  version: 1,
  createdAt: ctx.clock.now(),
  updatedAt: ctx.clock.now(),
  createdBy: ctx.actor?.id ?? null,
  updatedBy: ctx.actor?.id ?? null,
  importJobId: importId,
});

/**
 * Creates records: one statement per set of columns, the rows passed as one JSON parameter
 * (a query builder's per-value work would cost more than the database's); answers their ids
 * in order.
 */
export async function insertRecords(db: Db, ctx: RequestContext, kind: BulkKind, importId: string, rows: readonly NewRecord[]): Promise<string[]> {
  const table = TABLES[kind];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const tableName = sql.identifier(getTableName(table));
  const ids: string[] = [];
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const r of rows) {
    const id = randomUUID();
    ids.push(id);
    const values: Record<string, unknown> = { ...r.columns, id, gridId: r.gridId, regionCode: r.regionCode, ...stamp(ctx, importId) };
    const signature = Object.keys(values).sort().join(',');
    groups.set(signature, [...(groups.get(signature) ?? []), values]);
  }
  for (const group of groups.values()) {
    const defs = Object.keys(group[0]!)
      .sort()
      .map((field) => {
        const column = columns[field];
        if (!column) throw new Error(`no column ${field} on ${kind}`);
        return { field, name: column.name, ...recordsetType(column) };
      });
    const recordset = defs.map((d) => `${d.name} ${d.type}`).join(', ');
    const names = defs.map((d) => d.name).join(', ');
    const reads = defs.map((d) => d.read(d.name)).join(', ');
    for (let i = 0; i < group.length; i += 2000) {
      const data = group.slice(i, i + 2000).map((v) => Object.fromEntries(defs.map((d) => [d.name, jsonValue(v[d.field])])));
      await db.execute(sql`insert into ${tableName} (${sql.raw(names)}) select ${sql.raw(reads)} from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as u(${sql.raw(recordset)})`);
    }
  }
  return ids;
}

/** How a column travels through `jsonb_to_recordset`: bytes as hex text. */
function recordsetType(column: PgColumn): { type: string; read: (name: string) => string } {
  const type = column.getSQLType();
  if (type === 'bytea') return { type: 'text', read: (name) => `decode(u.${name}, 'hex')` };
  return { type, read: (name) => `u.${name}` };
}

function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * Updates records with the given columns (one statement per set of columns), bumps their
 * versions and writes one history entry each with the changed fields.
 */
export async function updateRecords(db: Db, ctx: RequestContext, kind: BulkKind, importId: string, rows: readonly ChangedRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const table = TABLES[kind];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, ChangedRecord[]>();
  for (const r of rows) {
    const signature = Object.keys(r.columns).sort().join(',');
    groups.set(signature, [...(groups.get(signature) ?? []), r]);
  }
  const now = ctx.clock.now();
  const tableName = sql.identifier(getTableName(table));
  for (const group of groups.values()) {
    const fields = [...Object.keys(group[0]!.columns).sort(), 'gridId', 'regionCode'];
    const defs = fields.map((field) => ({ field, name: columns[field]!.name, ...recordsetType(columns[field]!) }));
    const data = group.map((r) => {
      const all: Record<string, unknown> = { ...r.columns, gridId: r.gridId, regionCode: r.regionCode };
      return Object.fromEntries([['id', r.current.id], ...defs.map((d) => [d.name, jsonValue(all[d.field])])]);
    });
    const recordset = ['id uuid', ...defs.map((d) => `${d.name} ${d.type}`)].join(', ');
    const sets = defs.map((d) => `${d.name} = ${d.read(d.name)}`).join(', ');
    await db.execute(
      sql`update ${tableName} as t set ${sql.raw(sets)}, version = t.version + 1, updated_at = ${now.toISOString()}::timestamptz,
          updated_by = ${ctx.actor?.id ?? null}::uuid, import_job_id = ${importId}::uuid
          from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as u(${sql.raw(recordset)}) where t.id = u.id`,
    );
  }
  const history = rows.map((r) =>
    historyRow(ctx, {
      kind,
      recordId: r.current.id,
      version: r.current.version + 1,
      action: 'import',
      changes: diffRows(r.current, { ...r.columns, gridId: r.gridId, regionCode: r.regionCode }),
    }),
  );
  await insertHistoryRows(db, history);
}

/** A resident found by identity document. */
export interface PersonRef {
  id: string;
  gridId: string;
  regionCode: string;
  householdId: string | null;
}

/** A document number typed without its type: 18 characters of an ID card are checked as one (GB 11643), anything else as another document. */
export function checkDocument(idNumber: string, today: Date): Checked<CheckedIdentity> {
  const value = idNumber.replace(/\s/g, '');
  return checkIdentity(/^\d{17}[\dXx]$/.test(value) ? 'id_card' : 'other', value, {}, today);
}

/** The keyed hash of an identity document number as residents store it (ID card or other), or null if it is not valid. */
export function identityHash(vault: PiiVault, idNumber: string, today: Date): Buffer | null {
  const checked = checkDocument(idNumber, today);
  return checked.ok ? vault.hash('id_number', checked.value.idNumber) : null;
}

/** Live residents by the keyed hash of their ID number (hex), with the household they belong to. */
export async function residentsByIdHash(db: Db, hashes: readonly Buffer[]): Promise<Map<string, PersonRef>> {
  if (hashes.length === 0) return new Map();
  const found = await db
    .select({ id: resident.id, idHash: resident.idHash, gridId: resident.gridId, regionCode: resident.regionCode, householdId: householdMember.householdId })
    .from(resident)
    .leftJoin(householdMember, sql`${householdMember.residentId} = ${resident.id}`)
    .where(and(isNull(resident.deletedAt), inArray(resident.idHash, [...hashes])));
  return new Map(found.map((r) => [r.idHash.toString('hex'), { id: r.id, gridId: r.gridId, regionCode: r.regionCode, householdId: r.householdId }]));
}

/** The heads of households (household id -> resident id). */
export async function householdHeads(db: Db, householdIds: readonly string[]): Promise<Map<string, string>> {
  if (householdIds.length === 0) return new Map();
  const found = await db
    .select({ householdId: householdMember.householdId, residentId: householdMember.residentId })
    .from(householdMember)
    .where(and(inArray(householdMember.householdId, [...householdIds]), sql`${householdMember.relation} = 'head'`));
  return new Map(found.map((h) => [h.householdId, h.residentId]));
}

/** Makes residents the heads of households (neither already a member anywhere). */
export async function addHouseholdHeads(db: Db, ctx: RequestContext, heads: ReadonlyArray<{ householdId: string; residentId: string }>): Promise<void> {
  const rows = heads.map((h) => ({ ...h, relation: 'head', joinedAt: ctx.clock.now() }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(householdMember).values(rows.slice(i, i + 1000));
}
