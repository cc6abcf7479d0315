/** Arrivals (人员出入境排查): calls and cache keys. */
import type { ArrivalDetail, ArrivalSummary } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const arrivalKeys = { all: ['arrivals'] as const };

/** Rows of the shared record page carry a version; arrivals are never edited, only checked. */
export type ArrivalRow = ArrivalSummary & { version: number };
export type ArrivalRecord = ArrivalDetail & { version: number };

export const arrivalsApi = {
  list: async (params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<Page<ArrivalRow>> => {
    const page = await api.get<Page<ArrivalSummary>>('/arrivals', params, signal);
    return { ...page, items: page.items.map((a) => ({ ...a, version: 1 })) };
  },
  get: async (id: string, signal?: AbortSignal): Promise<ArrivalRecord> => ({ ...(await api.get<ArrivalDetail>(`/arrivals/${id}`, undefined, signal)), version: 1 }),
  check: async (id: string, note?: string): Promise<ArrivalRecord> => ({ ...(await api.post<ArrivalDetail>(`/arrivals/${id}/check`, note ? { note } : {})), version: 1 }),
};
