/** The console frame's reads: the menu's to-do counts, the header's global search, the account form's grid picker. */
import type { GlobalSearchResult, GridOption, TodoCounts } from '@gridgov/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { navigationKeys } from './keys';

/** How often the menu's counts are read again (ticket changes made here refresh them at once). */
export const TODO_POLL_MS = 30_000;

export const navigationApi = {
  todoCounts: (signal?: AbortSignal) => api.get<TodoCounts>('/todo-counts', undefined, signal),
  search: (q: string, signal?: AbortSignal) => api.get<GlobalSearchResult>('/search', { q }, signal),
  gridOptions: (q: string, signal?: AbortSignal) => api.get<{ items: GridOption[] }>('/users/grid-options', { q }, signal),
};

export const navigationQueries = {
  todoCounts: () => queryOptions({ queryKey: navigationKeys.todoCounts(), queryFn: ({ signal }) => navigationApi.todoCounts(signal), refetchInterval: TODO_POLL_MS, meta: { silent: true } }),
  search: (q: string) => queryOptions({ queryKey: navigationKeys.search(q), queryFn: ({ signal }) => navigationApi.search(q, signal), staleTime: 0, gcTime: 0 }),
  gridOptions: (q: string) => queryOptions({ queryKey: navigationKeys.gridOptions(q), queryFn: ({ signal }) => navigationApi.gridOptions(q, signal) }),
};
