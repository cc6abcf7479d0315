import type { Region } from '@gridgov/contracts';
import { api } from './client';
import type { CreateRegionRequest, RegionDetail, UpdateRegionRequest } from './types';

export const regionsApi = {
  /** Children of `parent`; without it, the caller's own scope root. */
  list: (parent?: string, includeRevoked = false) =>
    api.get<Region[]>('/regions', { parent, includeRevoked: includeRevoked ? 'true' : undefined }),
  get: (code: string) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`),
  create: (body: CreateRegionRequest) => api.post<Region>('/regions', body),
  update: (code: string, body: UpdateRegionRequest) => api.patch<Region>(`/regions/${encodeURIComponent(code)}`, body),
};
