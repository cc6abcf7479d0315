/**
 * What a backup's manifest says about its data, and what a restore is checked against: the row
 * count of every table, the schema's migration level and the audit chain's head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rows, sql, type Db } from '../db/client.js';
import { auditHead } from './audit-checkpoint.js';

export interface DatabaseFacts {
  /** Exact row counts of every table of the application (schema public), by name. */
  rowCounts: Record<string, number>;
  totalRows: number;
  /** Migrations applied, and the last one's name (server/drizzle). */
  migrations: { applied: number; last: string | null };
  auditHead: { seq: string; hash: string };
}

const JOURNAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle/meta/_journal.json');

function migrationTag(applied: number): string | null {
  if (applied === 0) return null;
  const journal = JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: { idx: number; tag: string }[] };
  return journal.entries.find((e) => e.idx === applied - 1)?.tag ?? `(migration ${applied}, newer than this code)`;
}

export async function databaseFacts(db: Db): Promise<DatabaseFacts> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const rowCounts: Record<string, number> = {};
  let totalRows = 0;
  for (const { name } of tables) {
    const [counted] = await rows<{ n: string }>(db, sql`select count(*)::text as n from ${sql.identifier(name)}`);
    rowCounts[name] = Number(counted?.n ?? 0);
    totalRows += rowCounts[name];
  }
  const [registry] = await rows<{ found: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`);
  const [migrated] = registry?.found ? await rows<{ n: string }>(db, sql`select count(*)::text as n from drizzle.__drizzle_migrations`) : [];
  const applied = Number(migrated?.n ?? 0);
  const head = tables.some((t) => t.name === 'audit_log') ? await auditHead(db) : { seq: '0', hash: '' };
  return { rowCounts, totalRows, migrations: { applied, last: migrationTag(applied) }, auditHead: head };
}

/** The tables whose counts differ, as readable lines (empty: all equal). */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.filter((n) => expected[n] !== actual[n]).map((n) => `${n}: manifest ${expected[n] ?? 'absent'}, restored ${actual[n] ?? 'absent'}`);
}
