/**
 * Stores one batch of checked resident rows, keyed by ID number (its keyed hash):
 * new people are COPYed straight into `resident`; existing ones in scope are compared column by
 * column (hashes for personal data, since ciphertexts differ at every encryption) and only real
 * changes are written, each with a register_history entry (masked values only); a person already
 * registered outside the importer's scope is refused, never moved or overwritten.
 *
 * The one place outside the registers module that writes `resident` (by table name, through
 * COPY, which the register engine's one-record-at-a-time writes cannot offer); history goes
 * through the registers' bulk writer.
 */
import type { ActorContext } from '../../platform/http/types.js';
import { diffRows, historyRow } from '../registers/history.js';
import { insertHistoryRows } from '../registers/bulk-writer.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { spendDuplicateRows } from '../registers/unmask-budget.js';
import type { BulkTx } from './bulk-tx.js';
import { LINE_COLUMNS, readLine, SUFFIX_COLUMNS, type LineColumn } from './resident-line.js';
import type { BatchChunk } from './resident-checker.js';
import { chunkKey, chunkLine, DATES_NAMED, KEY_BYTES, STORED } from './row-preparer.js';
import type { RowIssue } from './row-issues.js';
import type { GridRef } from '../grids/queries.js';

/** A row of a batch that is already registered: read back from its line for comparison. */
interface KnownRow {
  row: number;
  line: string;
  grid: GridRef;
  datesNamed: boolean;
}

export interface StoreContext {
  ctx: ActorContext;
  importId: string;
  /** Register fields the import names: only their columns are compared and updated. */
  fields: ReadonlySet<string>;
  /** Header of the ID number column, for issues. */
  idColumn: string | null;
  /** Whether every person so far was new (see storeResidents); shared by the import's batches. */
  mode: { optimistic: boolean };
  /** The importer's unmask budget an hour: each row registered outside their scope spends a unit. */
  unmaskPerHour: number;
}

export interface StoreResult {
  created: number;
  updated: number;
  unchanged: number;
  issues: RowIssue[];
}

/** A stored row as read for comparison: every column as text (bytes as hex, tags joined). */
type ExistingRow = Record<LineColumn | 'grid_id' | 'region_code', string | null> & { id: string; version: number; id_hash: string; region_code: string };

const COPY_COLUMNS = [...LINE_COLUMNS, ...SUFFIX_COLUMNS];

const SELECT_EXISTING = `select id, version, encode(id_hash, 'hex') as id_hash, grid_id::text as grid_id, region_code, name, id_type, id_masked,
       encode(phone_hash, 'hex') as phone_hash, phone_masked, sex, birth_date::text as birth_date, kind, nationality, ethnicity,
       registered_address, address, notes, array_to_string(tags, ',') as tags
  from resident
 where id_hash = any(array(select substring($1::bytea from g * 32 + 1 for 32) from generate_series(0, $2::int - 1) as g)) and deleted_at is null`;

/**
 * What an import may change, by register field: the columns compared to decide "unchanged", the
 * columns written (an update sets `set`, default the new value), and the history's field names.
 */
interface Part {
  field: string;
  compare: LineColumn[];
  write: Array<{ column: LineColumn | 'grid_id' | 'region_code'; type: string; set?: string }>;
}
const PARTS: Part[] = [
  { field: 'gridCode', compare: [], write: [{ column: 'grid_id', type: 'uuid' }, { column: 'region_code', type: 'text' }] },
  { field: 'name', compare: ['name'], write: [{ column: 'name', type: 'text' }, { column: 'name_pinyin', type: 'text' }, { column: 'name_initials', type: 'text' }] },
  { field: 'idType', compare: ['id_type'], write: [{ column: 'id_type', type: 'text' }] },
  {
    field: 'phone',
    compare: ['phone_hash'],
    write: [
      // The stored ciphertext stays when the number is the same.
      { column: 'phone_cipher', type: 'text', set: "case when r.phone_hash is distinct from decode(u.phone_hash, 'hex') then decode(u.phone_cipher, 'hex') else r.phone_cipher end" },
      { column: 'phone_hash', type: 'text', set: "decode(u.phone_hash, 'hex')" },
      { column: 'phone_masked', type: 'text' },
    ],
  },
  { field: 'kind', compare: ['kind'], write: [{ column: 'kind', type: 'text' }] },
  { field: 'nationality', compare: ['nationality'], write: [{ column: 'nationality', type: 'text' }] },
  { field: 'ethnicity', compare: ['ethnicity'], write: [{ column: 'ethnicity', type: 'text' }] },
  { field: 'registeredAddress', compare: ['registered_address'], write: [{ column: 'registered_address', type: 'text' }] },
  { field: 'address', compare: ['address'], write: [{ column: 'address', type: 'text' }] },
  { field: 'notes', compare: ['notes'], write: [{ column: 'notes', type: 'text' }] },
  { field: 'tags', compare: ['tags'], write: [{ column: 'tags', type: 'text', set: "coalesce(string_to_array(nullif(u.tags, ''), ','), '{}')" }] },
];
/** Birth date and sex, when the row names them (ID cards always do). */
const DATES: Part = { field: 'dates', compare: ['birth_date', 'sex'], write: [{ column: 'birth_date', type: 'date' }, { column: 'sex', type: 'text' }] };

function partsOf(s: StoreContext, r: KnownRow): Part[] {
  const parts = PARTS.filter((p) => p.field === 'gridCode' || s.fields.has(p.field));
  return r.datesNamed ? [...parts, DATES] : parts;
}

type Values = Record<LineColumn | 'grid_id' | 'region_code', string | null>;

function valuesOf(r: KnownRow): Values {
  return { ...readLine(r.line), grid_id: r.grid.id, region_code: r.grid.regionCode };
}

/** A stored row's content fields, named as the register's history names them. */
function historyView(v: Values): Record<string, unknown> {
  return {
    gridId: v.grid_id,
    regionCode: v.region_code,
    name: v.name,
    idType: v.id_type,
    idMasked: v.id_masked,
    birthDate: v.birth_date,
    sex: v.sex,
    phoneMasked: v.phone_masked,
    kind: v.kind,
    nationality: v.nationality,
    ethnicity: v.ethnicity,
    registeredAddress: v.registered_address,
    address: v.address,
    notes: v.notes,
    tags: v.tags ? v.tags.split(',') : [],
  };
}

function inScope(ctx: ActorContext, e: ExistingRow): boolean {
  return e.region_code.startsWith(ctx.actor.regionPrefix) && (!ctx.actor.gridId || e.grid_id === ctx.actor.gridId);
}

async function updateRows(tx: BulkTx, s: StoreContext, rows: Array<{ id: string; parts: Part[]; values: Values }>, now: Date): Promise<void> {
  // Rows name the same columns unless their identity documents differ: one statement per set.
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const signature = r.parts.map((p) => p.field).join(',');
    groups.set(signature, [...(groups.get(signature) ?? []), r]);
  }
  for (const group of groups.values()) {
    const columns = group[0]!.parts.flatMap((p) => p.write);
    const params: unknown[] = [group.map((r) => r.id), ...columns.map((c) => group.map((r) => r.values[c.column])), now.toISOString(), s.ctx.actor.id, s.importId];
    const n = columns.length;
    const unnest = ['$1::uuid[]', ...columns.map((c, i) => `$${i + 2}::${c.type}[]`)].join(', ');
    const names = ['id', ...columns.map((c) => c.column)].join(', ');
    const sets = columns.map((c) => `${c.column} = ${c.set ?? `u.${c.column}`}`).join(', ');
    await tx.query(
      `update resident as r set ${sets}, version = r.version + 1, updated_at = $${n + 2}, updated_by = $${n + 3}, import_job_id = $${n + 4}
       from unnest(${unnest}) as u(${names}) where r.id = u.id`,
      params,
    );
  }
}

/** Keys of the rows to store (valid, admitted, with a grid in scope), one after another. */
function keysOf(batch: readonly BatchChunk[]): { keys: Buffer; count: number } {
  const parts: Buffer[] = [];
  for (const { chunk, grids } of batch) {
    const keys = Buffer.from(chunk.keys.buffer, chunk.keys.byteOffset, chunk.keys.byteLength);
    for (let i = 0; i < chunk.rows.length; i++) if (chunk.flags[i]! & STORED && grids[i]) parts.push(keys.subarray(i * KEY_BYTES, (i + 1) * KEY_BYTES));
  }
  return { keys: Buffer.concat(parts), count: parts.length };
}

/** COPY data is written in pieces of about this many bytes (small enough for the collector's ordinary spaces). */
const PIECE_BYTES = 60_000;

/** The COPY data of the batch's rows to store, but for those whose key is in `skip`. */
function copyData(batch: readonly BatchChunk[], suffix: (grid: GridRef) => Buffer, skip: ReadonlyMap<string, unknown>): { pieces: Array<Buffer<ArrayBuffer>>; rows: number } {
  const pieces: Array<Buffer<ArrayBuffer>> = [];
  let piece: Buffer[] = [];
  let bytes = 0;
  let rows = 0;
  for (const { chunk, grids } of batch) {
    const lines = Buffer.from(chunk.lines.buffer, chunk.lines.byteOffset, chunk.lines.byteLength);
    for (let i = 0; i < chunk.rows.length; i++) {
      const grid = grids[i];
      if (!(chunk.flags[i]! & STORED) || !grid || (skip.size && skip.has(chunkKey(chunk, i)))) continue;
      const line = lines.subarray(i > 0 ? chunk.ends[i - 1] : 0, chunk.ends[i]);
      const end = suffix(grid);
      piece.push(line, end);
      bytes += line.length + end.length;
      rows++;
      if (bytes >= PIECE_BYTES) {
        pieces.push(Buffer.concat(piece, bytes));
        piece = [];
        bytes = 0;
      }
    }
  }
  if (piece.length) pieces.push(Buffer.concat(piece, bytes));
  return { pieces, rows };
}

/**
 * Stores a batch. While the file has brought only people not yet registered (`mode.optimistic`),
 * the whole batch is COPYed at once and the unique index on the ID number's hash says otherwise;
 * after the first person found registered, each batch looks its people up first (and locks them),
 * compares and updates.
 */
export async function storeResidents(tx: BulkTx, s: StoreContext, batch: readonly BatchChunk[]): Promise<StoreResult> {
  const result: StoreResult = { created: 0, updated: 0, unchanged: 0, issues: [] };
  const { keys, count } = keysOf(batch);
  if (count === 0) return result;
  const now = s.ctx.clock.now();
  const stamp = now.toISOString();
  const actor = s.ctx.actor.id;
  const suffixes = new Map<string, Buffer>();
  const suffix = (grid: GridRef) => {
    let bytes = suffixes.get(grid.id);
    if (!bytes) suffixes.set(grid.id, (bytes = Buffer.from(`\t${grid.id}\t${grid.regionCode}\t1\t${stamp}\t${stamp}\t${actor}\t${actor}\t${s.importId}\n`)));
    return bytes;
  };
  if (s.mode.optimistic) {
    await tx.query('savepoint import_batch');
    try {
      const data = copyData(batch, suffix, new Map());
      await tx.copy('resident', COPY_COLUMNS, data.pieces);
      await tx.query('release savepoint import_batch');
      result.created = data.rows;
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await tx.query('rollback to savepoint import_batch');
      s.mode.optimistic = false;
    }
  }
  const existing = await tx.query<ExistingRow>(`${SELECT_EXISTING} for update`, [keys, count]);
  const byKey = new Map(existing.map((e) => [e.id_hash, e]));
  const changed: Array<{ id: string; parts: Part[]; values: Values }> = [];
  let outside = 0;
  const history: Array<ReturnType<typeof historyRow>> = [];
  if (byKey.size) {
    for (const { chunk, grids } of batch) {
      for (let i = 0; i < chunk.rows.length; i++) {
        const grid = grids[i];
        const found = chunk.flags[i]! & STORED && grid ? byKey.get(chunkKey(chunk, i)) : undefined;
        if (!found || !grid) continue;
        const known: KnownRow = { row: chunk.rows[i]!, line: chunkLine(chunk, i), grid, datesNamed: (chunk.flags[i]! & DATES_NAMED) !== 0 };
        if (!inScope(s.ctx, found)) {
          result.issues.push({ row: known.row, column: s.idColumn, field: 'idNumber', code: 'REGISTER_DUPLICATE' });
          outside++;
          continue;
        }
        const parts = partsOf(s, known);
        const values = valuesOf(known);
        const differs = found.grid_id !== values.grid_id || parts.some((p) => p.compare.some((c) => found[c] !== values[c]));
        if (!differs) {
          result.unchanged++;
          continue;
        }
        const named = new Set<string>(parts.flatMap((p) => p.write.map((w) => w.column)));
        // Only what the import writes can show as changed.
        const after = Object.fromEntries(Object.entries(historyView(values)).filter(([field]) => named.has(COLUMN_OF[field] ?? '')));
        changed.push({ id: found.id, parts, values });
        history.push(historyRow(s.ctx, { kind: 'resident', recordId: found.id, version: found.version + 1, action: 'import', changes: diffRows(historyView(found), after) }));
      }
    }
  }
  // Rows registered outside the scope confirm their numbers: past the budget the batch (and the import) stops.
  await spendDuplicateRows(tx.db, s.ctx, s.unmaskPerHour, 'resident', outside, s.importId);
  const data = copyData(batch, suffix, byKey);
  if (data.rows) await tx.copy('resident', COPY_COLUMNS, data.pieces);
  result.created = data.rows;
  if (changed.length) {
    await updateRows(tx, s, changed, now);
    await insertHistoryRows(tx.db, history);
    result.updated = changed.length;
  }
  return result;
}

/** History field -> the column that holds it. */
const COLUMN_OF: Record<string, string> = {
  gridId: 'grid_id', regionCode: 'region_code', name: 'name', idType: 'id_type', idMasked: 'id_masked', birthDate: 'birth_date', sex: 'sex',
  phoneMasked: 'phone_masked', kind: 'kind', nationality: 'nationality', ethnicity: 'ethnicity', registeredAddress: 'registered_address',
  address: 'address', notes: 'notes', tags: 'tags',
};

/** For a preview: keys (hex) of people already registered outside the importer's scope. */
export async function residentsOutsideScope(db: Pick<BulkTx, 'query'>, ctx: ActorContext, keys: Buffer[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = await db.query<ExistingRow>(SELECT_EXISTING, [Buffer.concat(keys), keys.length]);
  return new Set(found.filter((e) => !inScope(ctx, e)).map((e) => e.id_hash));
}
