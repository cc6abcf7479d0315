/**
 * Opens the database: embedded PGlite in a data folder (default) or PostgreSQL by URL, with
 * one schema and one set of migrations for both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { lockDataDir } from './lock.js';

export type Db = PgDatabase<PgQueryResultHKT>;

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');
const MIGRATION_LOCK = 7_301_001;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Subscribes to a NOTIFY channel; resolves to the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A fixed statement on a hot path: PostgreSQL parses and plans it once per connection. */
export interface Prepared {
  name: string;
  text: string;
}

/** Runs a prepared statement outside any transaction (a single statement commits on its own). */
export async function runPrepared<T>(db: Db, statement: Prepared, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof PGlite) return (await client.query<T>(statement.text, values)).rows;
  return (await client.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values })).rows;
}

export class UnsafeDurabilityError extends Error {}

/** Production data must survive a crash: refuse to run with fsync and friends switched off. */
async function assertDurable(client: pg.Pool): Promise<void> {
  const off: string[] = [];
  for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
    const result = await client.query<{ value: string }>(`select current_setting('${setting}') as value`);
    if (result.rows[0]?.value === 'off') off.push(setting);
  }
  if (off.length > 0) {
    throw new UnsafeDurabilityError(
      `PostgreSQL runs with ${off.join(', ')} = off: committed data could be lost in a crash. ` +
        `GridGov refuses to start; turn ${off.length > 1 ? 'them' : 'it'} on in postgresql.conf.`,
    );
  }
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Folder of the embedded database; 'memory' for an in-memory one (tests). */
  dataDir: string | 'memory';
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const release = dataDir === 'memory' ? () => undefined : lockDataDir(dataDir);
  try {
    const client = dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
    await client.waitReady;
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
    return {
      kind: 'pglite',
      db: db as unknown as Db,
      listen: async (channel, onPayload) => {
        const unlisten = await client.listen(channel, onPayload);
        return async () => unlisten();
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    await assertDurable(pool);
    // Two processes starting together must not migrate at the same time.
    const lockClient = await pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(lockClient), { migrationsFolder: MIGRATIONS });
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      lockClient.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    listen: async (channel, onPayload) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    close: async () => {
      await Promise.all(listeners.splice(0).map((c) => c.end()));
      await pool.end();
    },
  };
}

export { sql };
