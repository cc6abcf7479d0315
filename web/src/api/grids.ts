import type { Grid } from '@gridgov/contracts';
import { api } from './client';
import type {
  CreateGridRequest,
  GridFeatureCollection,
  GridLookupResponse,
  GridWriteResponse,
  MapConfig,
  Page,
  UpdateGridRequest,
} from './types';

export interface GridListParams {
  region?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const gridsApi = {
  list: (params: GridListParams, signal?: AbortSignal) => api.get<Page<Grid>>('/grids', { ...params }, signal),
  get: (id: string) => api.get<Grid>(`/grids/${encodeURIComponent(id)}`),
  create: (body: CreateGridRequest) => api.post<GridWriteResponse>('/grids', body),
  update: (id: string, body: UpdateGridRequest) => api.patch<GridWriteResponse>(`/grids/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<unknown>(`/grids/${encodeURIComponent(id)}`),
  geojson: (region?: string, signal?: AbortSignal) => api.get<GridFeatureCollection>('/grids/geojson', { region }, signal),
  lookup: (lon: number, lat: number) => api.get<GridLookupResponse>('/grids/lookup', { lon, lat }),
  mapConfig: () => api.get<MapConfig>('/config/map'),
};
