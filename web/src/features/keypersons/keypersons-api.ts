/** Key persons: calls and cache keys. Every read of an archive carries the purpose the reader stated. */
import type { KpAccess, KpAction, KpCategory, KpCategoryUpdate, KpDetail, KpSummary } from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { Page } from '../../api/types';

export const keypersonKeys = {
  all: ['keypersons'] as const,
  categories: ['keypersons', 'categories'] as const,
  list: (params: object) => ['keypersons', 'list', keyParams(params)] as const,
  detail: (id: string) => ['keypersons', 'detail', id] as const,
  stats: ['keypersons', 'stats'] as const,
  access: (status?: string) => ['keypersons', 'access', status ?? 'all'] as const,
};

export interface KpListParams {
  category?: string;
  risk?: string;
  gridId?: string;
  overdue?: string;
  status?: string;
  mine?: 'true';
  purpose?: string;
  page: number;
  pageSize: number;
}

export interface VisitBody {
  clientId: string;
  visitedOn: string;
  way: string;
  findings: string;
  lon?: number;
  lat?: number;
  photoIds: string[];
  /** Answers to the visit form (risk observations, a signature). */
  answers: Record<string, unknown>;
  formVersion?: number;
}

export const keypersonsApi = {
  categories: (signal?: AbortSignal) => api.get<{ items: KpCategory[] }>('/keypersons/categories', undefined, signal).then((r) => r.items),
  updateCategory: (code: string, patch: KpCategoryUpdate) => api.patch<null>(`/keypersons/categories/${code}`, patch),
  list: (params: KpListParams, signal?: AbortSignal) => api.get<Page<KpSummary>>('/keypersons', { ...params }, signal),
  get: (id: string, purpose: string, signal?: AbortSignal) => api.get<KpDetail>(`/keypersons/${id}`, { purpose }, signal),
  create: (body: Record<string, unknown>) => api.post<{ id: string; version: number }>('/keypersons', body),
  step: (id: string, action: KpAction, body: Record<string, unknown>) => api.post<{ id: string; version: number; status: string }>(`/keypersons/${id}/${action}`, body),
  visit: (id: string, body: VisitBody, idempotencyKey?: string) => api.post<{ id: string }>(`/keypersons/${id}/visits`, body, idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : undefined),
  requestAccess: (id: string, purpose: string) => api.post<{ id: string }>(`/keypersons/${id}/access-requests`, { purpose }),
  accessRequests: (status?: string, signal?: AbortSignal) => api.get<{ items: KpAccess[] }>('/keypersons/access-requests', { status }, signal).then((r) => r.items),
  decide: (id: string, decision: 'approve' | 'refuse', note?: string) => api.post<KpAccess>(`/keypersons/access-requests/${id}/${decision}`, note ? { note } : {}),
  setVisitDays: (code: string, days: Record<string, number | null>) => api.put<void>(`/keypersons/categories/${code}/visit-days`, days),
};
