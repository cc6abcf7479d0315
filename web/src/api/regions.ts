import { queryOptions } from '@tanstack/react-query';
import type { Region } from '@gridgov/contracts';
import { api } from './client';
import { regionKeys } from './keys';
import type { CreateRegionRequest, RegionDetail, UpdateRegionRequest } from './types';

export const regionsApi = {
  /** Children of `parent`; without it, the caller's own scope root. */
  list: (parent?: string, includeRevoked = false, signal?: AbortSignal) =>
    api.get<Region[]>('/regions', { parent, includeRevoked: includeRevoked ? 'true' : undefined }, signal),
  get: (code: string, signal?: AbortSignal) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`, undefined, signal),
  create: (body: CreateRegionRequest) => api.post<Region>('/regions', body),
  update: (code: string, body: UpdateRegionRequest) => api.patch<Region>(`/regions/${encodeURIComponent(code)}`, body),
};

export const regionQueries = {
  /** Children of a region; without one, the caller's scope roots. */
  children: (parent: string | undefined, includeRevoked: boolean) =>
    queryOptions({
      queryKey: regionKeys.children(parent ?? null, includeRevoked),
      queryFn: ({ signal }) => regionsApi.list(parent, includeRevoked, signal),
    }),
  detail: (code: string) => queryOptions({ queryKey: regionKeys.detail(code), queryFn: ({ signal }) => regionsApi.get(code, signal) }),
};
