/**
 * Tiered scope (分级授权): every user sees a region subtree, or one grid. Checks are set-based
 * SQL conditions, and a record outside the caller's scope is "not found". The same rules are
 * also tests on one record (a live event, a notification), so lists, single reads and the live
 * feed cannot disagree.
 */
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { divisionPrefix, type Permission } from '@gridgov/contracts';
import type { Actor } from './context.js';

type Column = AnyColumn | SQL;

/** Escapes LIKE wildcards; prefixes are digits, but be safe. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` (a 12-digit region code) lies in the actor's region subtree. */
export function regionInScope(actor: Actor, column: Column): SQL {
  return sql`${column} like ${likePrefix(actor.regionPrefix)}`;
}

/** A code lies in the subtree under `prefix`. */
export function codeInSubtree(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/** For records that belong to a grid: region subtree, and the actor's own grid if they have one. */
export function gridRecordInScope(actor: Actor, regionColumn: Column, gridColumn: Column): SQL {
  const inRegion = regionInScope(actor, regionColumn);
  return actor.gridId ? sql`(${inRegion} and ${gridColumn} = ${actor.gridId})` : inRegion;
}

/** Where a record is: its region (12-digit code) and, for records of a grid, the grid. */
export interface RecordPlace {
  regionCode: string;
  gridId?: string | null;
}

/**
 * A record as a receiver's scope sees it: its kind (whose visibility rules apply), its place,
 * and who else it is bound to (departments handling it, people it belongs to). Live events and
 * notifications carry one.
 */
export interface RecordScope extends RecordPlace {
  record: string;
  departmentIds?: string[];
  userIds?: string[];
  /** The record's state, for rules that depend on it (a published announcement). */
  state?: string;
  /** Other places the record also belongs to (a shipment: its destination besides its origin). */
  places?: RecordPlace[];
}

/** The JS twin of `gridRecordInScope`: the place lies in the actor's subtree (and grid). */
export function placeInScope(actor: Actor, place: RecordPlace): boolean {
  if (!place.regionCode || !codeInSubtree(place.regionCode, actor.regionPrefix)) return false;
  return !actor.gridId || place.gridId === actor.gridId;
}

/**
 * One way of seeing a kind of record: the permission it takes, and the condition under which a
 * holder sees a record, as SQL over the record's table (lists, single reads) and as a test on a
 * record's description (live events, notifications).
 */
export interface VisibilityRule<R> {
  permission: Permission;
  where(actor: Actor): SQL;
  test(actor: Actor, record: R): boolean;
}

/** Who sees a kind of record: any of its rules whose permission the actor holds. */
export type Visibility<R> = readonly VisibilityRule<R>[];

/** SQL: the record is visible to the actor by one of the rules it holds (false when none). */
export function recordVisible<R>(actor: Actor, visibility: Visibility<R>): SQL {
  const held = visibility.filter((rule) => actor.permissions.includes(rule.permission)).map((rule) => rule.where(actor));
  if (held.length === 0) return sql`false`;
  return held.length === 1 ? held[0]! : sql`(${sql.join(held, sql` or `)})`;
}

/** The record (as described) is visible to the actor by one of the rules it holds. */
export function recordVisibleTo<R>(actor: Actor, visibility: Visibility<R>, record: R): boolean {
  return visibility.some((rule) => actor.permissions.includes(rule.permission) && rule.test(actor, record));
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
export function underRegion(column: Column, code: string): SQL {
  return sql`${column} like ${likePrefix(divisionPrefix(code))}`;
}
