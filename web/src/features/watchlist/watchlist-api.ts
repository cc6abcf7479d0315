/** The watch list (布控名单): calls and cache keys. There is no call that looks a value up. */
import type { WatchEntry, WatchEntryRequest } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const watchlistKeys = {
  all: ['watchlist'] as const,
  list: (params: Record<string, string | number | undefined>) => ['watchlist', 'list', params] as const,
};

export const watchlistApi = {
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<WatchEntry>>('/watchlist', params, signal),
  create: (input: WatchEntryRequest) => api.post<WatchEntry>('/watchlist', input),
  deactivate: (e: WatchEntry) => api.post<WatchEntry>(`/watchlist/${e.id}/deactivate`, {}),
};
