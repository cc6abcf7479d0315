/**
 * Server-side sorting of a table: a column whose key is in the list's whitelist (the contract's
 * `sortQuery` keys) gets a sorter; a click asks the server for that order (the page's rows are
 * never sorted in the browser, which would sort one page only).
 */
import type { SortOrder } from '@gridgov/contracts';

export interface SortState<K extends string> {
  sort?: K | undefined;
  order: SortOrder;
}

/** What antd's table tells onChange about its sorter, reduced to what is read here. */
export interface TableSorter {
  columnKey?: unknown;
  order?: 'ascend' | 'descend' | null | undefined;
}

/** The sort a table's sorter asks for; a column outside the whitelist (or none) clears it. */
export function sortFromTable<K extends string>(keys: readonly K[], sorter: TableSorter | TableSorter[]): SortState<K> {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  const key = one?.columnKey;
  if (!one?.order || typeof key !== 'string' || !(keys as readonly string[]).includes(key)) return { order: 'asc' };
  return { sort: key as K, order: one.order === 'descend' ? 'desc' : 'asc' };
}

/** The props that make a column sortable by the server, showing the current order. */
export function sortableColumn<K extends string>(state: SortState<K>, key: K): { sorter: true; sortOrder: 'ascend' | 'descend' | null; sortDirections: ('ascend' | 'descend')[] } {
  return {
    sorter: true,
    sortOrder: state.sort === key ? (state.order === 'desc' ? 'descend' : 'ascend') : null,
    sortDirections: ['ascend', 'descend'],
  };
}
