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
import { safeErrorText } from '../observability/redact.js';
import { backupSocketPath, serveDataDirDumps } from '../backup/pglite-socket.js';
import { writeBackupAudit } from '../backup/backup-audit.js';

export type Db = PgDatabase<PgQueryResultHKT>;

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');
const MIGRATION_LOCK = 7_301_001;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * Subscribes to a NOTIFY channel; resolves to the unsubscribe function. `onReconnect` runs
   * after the subscription came back from a lost connection (notifications in the gap are lost).
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** The connection pool's state (PostgreSQL); null where there is no pool (PGlite). */
  poolStats(): PoolStats | null;
  /** Whether every NOTIFY subscription is connected (false while one reconnects). */
  listening(): boolean;
  /** How many times a NOTIFY subscription reconnected after losing its connection. */
  listenerReconnects(): number;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
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
    // `npm run backup` asks the process that holds the folder for a consistent dump (backup/pglite-socket.ts).
    const stopServing = dataDir === 'memory' ? null : await serveDataDirDumps(client, backupSocketPath(dataDir), (input) => writeBackupAudit(db as unknown as Db, input)).catch((error: unknown) => {
      console.warn(`The backup socket ${backupSocketPath(dataDir)} could not be opened (${String(error)}): npm run backup needs the server stopped.`);
      return null;
    });
    return {
      kind: 'pglite',
      db: db as unknown as Db,
      listen: async (channel, onPayload) => {
        const unlisten = await client.listen(channel, onPayload);
        return async () => unlisten();
      },
      poolStats: () => null,
      listening: () => true,
      listenerReconnects: () => 0,
      close: async () => {
        await stopServing?.();
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** How long a request waits for a new connection before it is answered DATABASE_UNAVAILABLE. */
const CONNECT_TIMEOUT_MS = 5000;

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server closed (a restart, pg_terminate_backend) is an 'error' on the
  // pool; unheard it would end the process. The pool drops it and opens a new one when needed.
  pool.on('error', (error) => console.error(`database: an idle connection was lost (${safeErrorText(error)}); the pool replaces it`));
  // A connection lost while checked out (inside a transaction) is an 'error' on the client that
  // node-postgres leaves to its user: the query in flight fails with it (the request answers
  // DATABASE_UNAVAILABLE), and on release the pool drops the dead client. Heard here so it
  // cannot end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
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
  const listeners = new Set<NotifyListener>();
  let reconnects = 0;
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    listen: async (channel, onPayload, onReconnect) => {
      const listener = new NotifyListener(url, channel, onPayload, () => {
        reconnects++;
        onReconnect?.();
      });
      await listener.start();
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    listening: () => [...listeners].every((l) => l.connected),
    listenerReconnects: () => reconnects,
    close: async () => {
      await Promise.all([...listeners].map((l) => l.stop()));
      listeners.clear();
      await pool.end();
    },
  };
}

/**
 * A LISTEN on its own connection that comes back by itself: when the connection ends (the
 * server restarted, the backend was terminated), it reconnects with a growing pause (0.2 s up
 * to 5 s) and listens again. Notifications sent while it was away are not replayed.
 */
class NotifyListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
    private readonly onReconnect: () => void,
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  /** The first connection: a failure here fails the start-up. */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    let lost = false;
    const onLost = (): void => {
      if (lost) return;
      lost = true;
      const wasActive = this.client === client;
      if (wasActive) this.client = null;
      void client.end().catch(() => undefined);
      if (wasActive && !this.stopped) this.scheduleReconnect(200);
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (lost || this.stopped) {
      await client.end().catch(() => undefined);
      if (lost && !this.stopped) throw new Error('the listening connection ended while it started');
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().then(
        () => {
          this.onReconnect();
          console.error(`database: listening to ${this.channel} again`);
        },
        (error: unknown) => {
          console.error(`database: listening to ${this.channel} failed (${safeErrorText(error)}); retrying`);
          this.scheduleReconnect(Math.min(delayMs * 2, 5000));
        },
      );
    }, delayMs);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}

export { sql };
