/**
 * A transaction on one connection that can both run drizzle queries (audit, history, job
 * bookkeeping) and bulk-load rows with COPY: pg-copy-streams on PostgreSQL, COPY from a blob on
 * the embedded PGlite. Bulk imports need both in the same transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../../platform/db/client.js';

export interface BulkTx {
  /** Drizzle on the same connection and transaction. */
  db: Db;
  /** A plain parameterised query; arrays are passed as PostgreSQL arrays. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY ... FROM in text format; `data` is the tab-separated rows (UTF-8) in pieces, each ending in a newline. */
  copy(table: string, columns: readonly string[], data: ReadonlyArray<Buffer<ArrayBuffer>>): Promise<void>;
}

function clientOf(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

export async function bulkTransaction<T>(database: Database, work: (tx: BulkTx) => Promise<T>): Promise<T> {
  const client = clientOf(database);
  if (database.kind === 'postgres') {
    if (!(client instanceof pg.Pool)) throw new Error('expected a pg pool');
    const conn = await client.connect();
    try {
      await conn.query('begin');
      const tx: BulkTx = {
        db: drizzlePg(conn) as unknown as Db,
        query: async <R>(text: string, params: unknown[] = []) => (await conn.query(text, params)).rows as R[],
        copy: async (table, columns, data) => {
          await pipeline(Readable.from(data), conn.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
        },
      };
      const result = await work(tx);
      await conn.query('commit');
      return result;
    } catch (error) {
      await conn.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  }
  const lite = client as PGlite;
  return lite.transaction(async (ptx: Transaction) => {
    const tx: BulkTx = {
      db: drizzlePglite(ptx as unknown as PGlite) as unknown as Db,
      query: async <R>(text: string, params: unknown[] = []) => (await ptx.query<R>(text, params)).rows,
      copy: async (table, columns, data) => {
        await ptx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([...data]) });
      },
    };
    return work(tx);
  });
}

/** Plain queries outside a transaction, with the same parameter handling as `BulkTx.query`. */
export function directQuery(database: Database): Pick<BulkTx, 'query'> {
  const client = clientOf(database);
  return {
    query: async <R>(text: string, params: unknown[] = []) =>
      client instanceof pg.Pool ? ((await client.query(text, params)).rows as R[]) : (await (client as PGlite).query<R>(text, params)).rows,
  };
}

/** COPY text format: backslash escapes, \N for null. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

export function copyBytes(value: Buffer | null | undefined): string {
  return value ? `\\\\x${value.toString('hex')}` : '\\N';
}
