/**
 * Server-side sorting of lists: the query names a whitelisted key (contracts `sortQuery`), the
 * list maps each key to its column, and ties fall back to the list's own order and the id, so
 * pages do not overlap.
 */
import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SortOrder } from '@gridgov/contracts';

export type SortColumns<K extends string> = Record<K, AnyColumn | SQL>;

/** The ORDER BY of a list: the asked key first (nulls last either way), then the default order. */
export function sortOrder<K extends string>(columns: SortColumns<K>, sort: K | undefined, order: SortOrder, fallback: readonly SQL[]): SQL[] {
  if (!sort) return [...fallback];
  const column = columns[sort];
  const first = order === 'desc' ? sql`${desc(column)} nulls last` : sql`${asc(column)} nulls last`;
  return [first, ...fallback];
}
