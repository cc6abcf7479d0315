/**
 * Tiered scope (分级授权): every user sees a region subtree, or one grid. Checks are set-based
 * SQL conditions, and a record outside the caller's scope is "not found".
 */
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { divisionPrefix } from '@gridgov/contracts';
import type { Actor } from './context.js';

/** Escapes LIKE wildcards; prefixes are digits, but be safe. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` (a 12-digit region code) lies in the actor's region subtree. */
export function regionInScope(actor: Actor, column: AnyColumn | SQL): SQL {
  return sql`${column} like ${likePrefix(actor.regionPrefix)}`;
}

/** A code lies in the subtree under `prefix`. */
export function codeInSubtree(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/** For records that belong to a grid: region subtree, and the actor's own grid if they have one. */
export function gridRecordInScope(actor: Actor, regionColumn: AnyColumn, gridColumn: AnyColumn): SQL {
  const inRegion = regionInScope(actor, regionColumn);
  return actor.gridId ? sql`(${inRegion} and ${gridColumn} = ${actor.gridId})` : inRegion;
}

/** The 12-digit codes of the regions above `code` (province first). */
export function ancestorCodes(code: string): string[] {
  const own = divisionPrefix(code).length;
  return [2, 4, 6, 9].filter((n) => n < own).map((n) => code.slice(0, n).padEnd(12, '0'));
}

export function describeScope(actor: Actor): string {
  return actor.gridId ? `${actor.regionCode}/grid:${actor.gridId}` : actor.regionCode;
}

/** `column` (a 12-digit region code) lies under the region `code` (a filter within scope). */
export function underRegion(column: AnyColumn | SQL, code: string): SQL {
  return sql`${column} like ${likePrefix(divisionPrefix(code))}`;
}
