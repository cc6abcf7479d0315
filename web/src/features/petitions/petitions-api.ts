/** No-petition villages: calls and cache keys. */
import type { PetitionCriteriaInput, PetitionCriteriaView, VillageComputeResult, VillageDetail, VillageList } from '@gridgov/contracts';
import { api } from '../../api/client';

export const petitionKeys = {
  all: ['petitions'] as const,
  list: (params: Record<string, string>) => ['petitions', 'list', params] as const,
  detail: (code: string, month: string | null) => ['petitions', 'detail', code, month ?? ''] as const,
  criteria: ['petitions', 'criteria'] as const,
};

export const petitionsApi = {
  list: (params: Record<string, string>, signal?: AbortSignal) => api.get<VillageList>('/petition-villages', params, signal),
  detail: (code: string, month: string | null, signal?: AbortSignal) => api.get<VillageDetail>(`/petition-villages/${code}`, month ? { month } : undefined, signal),
  assess: (month: string) => api.post<VillageComputeResult>('/petition-villages/assess', { month }),
  criteria: (signal?: AbortSignal) => api.get<PetitionCriteriaView>('/petition-criteria', undefined, signal),
  saveCriteria: (body: PetitionCriteriaInput) => api.put<PetitionCriteriaView>('/petition-criteria', body),
};
