/** Self-declaration: calls and cache keys (console and portal). */
import type { DeclarationDetail, DeclarationHistory, DeclarationMode, DeclarationReceipt, DeclarationSummary, FormDefinition } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const declarationKeys = {
  all: ['declarations'] as const,
  form: ['declarations', 'form'] as const,
  today: ['declarations', 'today'] as const,
};

/** Rows of the shared record page carry a version; declarations are never edited. */
export type DeclarationRow = DeclarationSummary & { version: number };
export type DeclarationRecord = DeclarationDetail & { version: number };

export interface DeclarationBody {
  mode: DeclarationMode;
  regionCode?: string;
  formVersion: number;
  answers: Record<string, unknown>;
}

export const declarationsApi = {
  list: async (params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<Page<DeclarationRow>> => {
    const page = await api.get<Page<DeclarationSummary>>('/declarations', params, signal);
    return { ...page, items: page.items.map((d) => ({ ...d, version: 1 })) };
  },
  get: async (id: string, purpose: string, signal?: AbortSignal): Promise<DeclarationRecord> => ({ ...(await api.get<DeclarationDetail>(`/declarations/${id}`, { purpose }, signal)), version: 1 }),
  today: (signal?: AbortSignal) => api.get<{ day: string; total: number; abnormal: number; unmatched: number }>('/declarations/today', undefined, signal),
  record: (body: DeclarationBody) => api.post<DeclarationReceipt>('/declarations', body),
  form: (signal?: AbortSignal) => api.get<{ version: number; definition: FormDefinition }>('/public/declarations/form', undefined, signal),
  declare: (body: DeclarationBody) => api.post<DeclarationReceipt>('/public/declarations', body),
  history: (body: { idNumber: string; phone: string }) => api.post<DeclarationHistory>('/public/declarations/history', body),
};
