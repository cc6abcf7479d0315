/**
 * Bulk loading of empty tables with COPY (text format) for the demo generator: each table in a
 * transaction that empties it first (TRUNCATE, so COPY can FREEZE the rows: no later rewrite to
 * set hint bits or freeze them), with triggers off on the loading connection
 * (`session_replication_role = replica`, local to the transaction), its indexes dropped before
 * and built again after the rows are in (optional). On PostgreSQL every table has its own
 * connection from the pool and its own COPY stream; on the embedded PGlite the tables share its
 * one connection and the rows go in pieces (`copy ... from '/dev/blob'`).
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../platform/db/client.js';

export interface CopyTable {
  name: string;
  columns: readonly string[];
}

/** Where the rows of one table go: `write` buffers lines and says when to `drain` before writing on. */
export interface CopySink {
  /** Adds `rows` lines (each ending in a newline; text or UTF-8); true when the caller must `await drain()` before writing more. */
  write(lines: string | Uint8Array, rows?: number): boolean;
  drain(): Promise<void>;
  readonly rows: number;
}

export interface LoadTimes {
  /** Milliseconds spent streaming rows (generation included), building indexes, committing. */
  copyMs: number;
  indexMs: number;
  /** Whether triggers were off while loading (the role must be a superuser). */
  triggersOff: boolean;
}

export interface LoadOptions {
  /** 'rebuild': drop the tables' indexes before the COPY and build them after; 'keep': load into them. */
  indexes: 'rebuild' | 'keep';
}

/** Statement of one query on a loading connection. */
type Run = (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface IndexDef {
  name: string;
  def: string;
  constraint: string | null;
  constraintDef: string | null;
}

const ident = (name: string) => pg.escapeIdentifier(name);

/** The table's indexes as they can be made again; constraint indexes of tables other tables reference stay. */
async function indexesOf(run: Run, table: string): Promise<IndexDef[]> {
  const found = await run(
    `select i.relname as name, pg_get_indexdef(i.oid) as def, c.conname as constraint, case when c.oid is null then null else pg_get_constraintdef(c.oid) end as constraint_def,
            exists (select 1 from pg_constraint f where f.confrelid = t.oid and f.contype = 'f') as referenced
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = t.oid and c.contype in ('p', 'u', 'x')
      where t.oid = $1::text::regclass
      order by i.relname`,
    [table],
  );
  return found
    .filter((r) => !(r.constraint && r.referenced))
    .map((r) => ({ name: String(r.name), def: String(r.def), constraint: r.constraint ? String(r.constraint) : null, constraintDef: r.constraint_def ? String(r.constraint_def) : null }));
}

async function dropIndexes(run: Run, table: string, indexes: readonly IndexDef[]): Promise<void> {
  for (const index of indexes) {
    await run(index.constraint ? `alter table ${ident(table)} drop constraint ${ident(index.constraint)}` : `drop index ${ident(index.name)}`);
  }
}

async function buildIndexes(run: Run, table: string, indexes: readonly IndexDef[]): Promise<void> {
  for (const index of indexes) {
    await run(index.constraint ? `alter table ${ident(table)} add constraint ${ident(index.constraint)} ${index.constraintDef}` : index.def);
  }
}

/** Prepares one table on its connection: triggers off, emptied, indexes dropped (when asked). */
async function prepare(run: Run, table: CopyTable, options: LoadOptions, superuser: boolean): Promise<IndexDef[]> {
  if (superuser) await run('set local session_replication_role = replica');
  const [row] = await run(`select exists (select 1 from ${ident(table.name)}) as taken`);
  if (row?.taken) throw new Error(`table ${table.name} is not empty: the demo generator loads only empty tables`);
  await run(`truncate ${ident(table.name)}`);
  const indexes = options.indexes === 'rebuild' ? await indexesOf(run, table.name) : [];
  await dropIndexes(run, table.name, indexes);
  return indexes;
}

const copySql = (table: CopyTable, from: string) => `copy ${ident(table.name)} (${table.columns.map(ident).join(', ')}) from ${from} with (freeze)`;

/** Lines are encoded straight into pieces of this many bytes, each handed to the COPY stream whole. */
const PG_PIECE = 1 << 18;

class PgSink implements CopySink {
  rows = 0;
  private piece = Buffer.allocUnsafe(PG_PIECE);
  private used = 0;
  private failure: Error | null = null;

  constructor(readonly stream: Writable) {
    stream.on('error', (error: Error) => (this.failure ??= error));
  }

  write(lines: string | Uint8Array, rows = 1): boolean {
    this.rows += rows;
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    if (typeof lines !== 'string' || lines.length * 3 > PG_PIECE) {
      // Already UTF-8 (a worker's batch), or large: passed on as it is, after what is buffered.
      const full = this.used > 0 && this.flush();
      return this.send(typeof lines === 'string' ? Buffer.from(lines) : lines) || full;
    }
    if (lines.length * 3 > PG_PIECE - this.used) {
      const full = this.flush();
      this.used += this.piece.write(lines, this.used);
      return full;
    }
    this.used += this.piece.write(lines, this.used);
    return false;
  }

  private send(bytes: Uint8Array): boolean {
    if (this.failure) throw this.failure;
    return !this.stream.write(bytes);
  }

  /** Hands the piece to the stream (it keeps it until sent: a new one takes its place); true when the stream is full. */
  private flush(): boolean {
    const full = this.send(this.piece.subarray(0, this.used));
    this.piece = Buffer.allocUnsafe(PG_PIECE);
    this.used = 0;
    return full;
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    if (this.used) this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

/** PGlite takes each piece as one COPY statement of about this many characters. */
const LITE_PIECE = 8 << 20;

class LiteSink implements CopySink {
  rows = 0;
  private parts: Array<string | Uint8Array<ArrayBuffer>> = [];
  private size = 0;

  constructor(
    private readonly tx: Transaction,
    private readonly table: CopyTable,
  ) {}

  write(lines: string | Uint8Array, rows = 1): boolean {
    this.parts.push(typeof lines === 'string' ? lines : new Uint8Array(lines));
    this.size += lines.length;
    this.rows += rows;
    return this.size >= LITE_PIECE;
  }

  async drain(): Promise<void> {
    if (!this.size) return;
    const blob = new Blob(this.parts);
    this.parts = [];
    this.size = 0;
    await this.tx.query(copySql(this.table, "'/dev/blob'"), [], { blob });
  }
}

function clientOf(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

/** Whether the loading role may turn triggers off (`session_replication_role` needs a superuser). */
async function isSuperuser(run: Run): Promise<boolean> {
  const [row] = await run('select rolsuper from pg_roles where rolname = current_user');
  return Boolean(row?.rolsuper);
}

/**
 * Loads empty `tables` with what `fill` writes to their sinks (in the order of `tables`), then
 * builds their indexes again and commits. Nothing is committed when anything fails.
 */
export async function copyLoad(database: Database, tables: readonly CopyTable[], options: LoadOptions, fill: (sinks: CopySink[]) => Promise<void>): Promise<LoadTimes> {
  const client = clientOf(database);
  if (database.kind === 'postgres') {
    if (!(client instanceof pg.Pool)) throw new Error('expected a pg pool');
    return copyLoadPg(client, tables, options, fill);
  }
  return copyLoadLite(client as PGlite, tables, options, fill);
}

async function copyLoadPg(pool: pg.Pool, tables: readonly CopyTable[], options: LoadOptions, fill: (sinks: CopySink[]) => Promise<void>): Promise<LoadTimes> {
  const conns: pg.PoolClient[] = [];
  let done = false;
  try {
    for (let i = 0; i < tables.length; i++) conns.push(await pool.connect());
    const runs: Run[] = conns.map((c) => async (text, params = []) => (await c.query(text, params)).rows as Array<Record<string, unknown>>);
    const superuser = await isSuperuser(runs[0]!);
    await Promise.all(runs.map((run) => run('begin')));
    const indexes = await Promise.all(
      tables.map(async (t, i) => {
        await runs[i]!("set local maintenance_work_mem = '1GB'");
        return prepare(runs[i]!, t, options, superuser);
      }),
    );
    const started = performance.now();
    const sinks = tables.map((t, i) => new PgSink(conns[i]!.query(copyFrom(copySql(t, 'stdin')))));
    await fill(sinks);
    await Promise.all(sinks.map((s) => s.end()));
    const copied = performance.now();
    // Each table's indexes on its own connection, side by side.
    await Promise.all(tables.map((t, i) => buildIndexes(runs[i]!, t.name, indexes[i]!)));
    const indexed = performance.now();
    for (const run of runs) await run('commit');
    done = true;
    return { copyMs: copied - started, indexMs: indexed - copied, triggersOff: superuser };
  } finally {
    // After a failure the connections are closed, not given back: the server rolls their
    // transactions back, and a COPY cut off halfway leaves nothing behind in the pool.
    for (const c of conns) c.release(done ? undefined : true);
  }
}

async function copyLoadLite(lite: PGlite, tables: readonly CopyTable[], options: LoadOptions, fill: (sinks: CopySink[]) => Promise<void>): Promise<LoadTimes> {
  return lite.transaction(async (tx) => {
    const run: Run = async (text, params = []) => (await tx.query<Record<string, unknown>>(text, params)).rows;
    const superuser = await isSuperuser(run);
    const indexes: IndexDef[][] = [];
    for (const t of tables) indexes.push(await prepare(run, t, options, superuser));
    const started = performance.now();
    const sinks = tables.map((t) => new LiteSink(tx, t));
    await fill(sinks);
    for (const s of sinks) await s.drain();
    const copied = performance.now();
    for (const [i, t] of tables.entries()) await buildIndexes(run, t.name, indexes[i]!);
    return { copyMs: copied - started, indexMs: performance.now() - copied, triggersOff: superuser };
  });
}
