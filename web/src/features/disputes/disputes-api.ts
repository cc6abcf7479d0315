/** Disputes: calls, cache keys. */
import type { CodeListResponse, Dispute, DisputeAction, DisputeListItem, DisputeStatus } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { DownloadedFile } from '../../api/client';
import type { Page } from '../../api/types';

export const disputeKeys = {
  all: ['disputes'] as const,
  codeList: (list: string) => ['code-lists', list] as const,
};

export interface DisputeListParams {
  status?: DisputeStatus;
  region?: string;
  gridId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export const disputesApi = {
  list: (params: DisputeListParams, signal?: AbortSignal) => api.get<Page<DisputeListItem>>('/disputes', { ...params }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Dispute>(`/disputes/${id}`, undefined, signal),
  create: (body: { gridId: string; formVersion: number; answers: Record<string, unknown> }) => api.post<Dispute>('/disputes', body),
  step: (id: string, action: DisputeAction, body: Record<string, unknown>) => api.post<Dispute>(`/disputes/${id}/${action}`, body),
  unmask: (id: string, body: { reason: string; seq: number }) => api.post<{ idNumber: string | null; phone: string | null }>(`/disputes/${id}/unmask`, body),
  agreement: (id: string): Promise<DownloadedFile> => api.download(`/disputes/${id}/agreement`, undefined, 'agreement.docx'),
  codeList: (list: string, signal?: AbortSignal) => api.get<CodeListResponse>('/code-lists', { list }, signal),
};
