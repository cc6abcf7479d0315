import { queryOptions } from '@tanstack/react-query';
import type { Grid } from '@gridgov/contracts';
import { api } from './client';
import { configKeys, gridKeys } from './keys';
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
  get: (id: string, signal?: AbortSignal) => api.get<Grid>(`/grids/${encodeURIComponent(id)}`, undefined, signal),
  create: (body: CreateGridRequest) => api.post<GridWriteResponse>('/grids', body),
  update: (id: string, body: UpdateGridRequest) => api.patch<GridWriteResponse>(`/grids/${encodeURIComponent(id)}`, body),
  remove: (id: string) => api.delete<unknown>(`/grids/${encodeURIComponent(id)}`),
  geojson: (region?: string, signal?: AbortSignal) => api.get<GridFeatureCollection>('/grids/geojson', { region }, signal),
  lookup: (lon: number, lat: number) => api.get<GridLookupResponse>('/grids/lookup', { lon, lat }),
  mapConfig: (signal?: AbortSignal) => api.get<MapConfig>('/config/map', undefined, signal),
};

/** Used when /api/config/map cannot be read; maps fit to their data anyway. */
export const FALLBACK_MAP_CONFIG: MapConfig = { tileUrl: null, labelTileUrl: null, center: [104.1, 35.9], zoom: 3.5 };

export const gridQueries = {
  list: (params: GridListParams) => queryOptions({ queryKey: gridKeys.list({ ...params }), queryFn: ({ signal }) => gridsApi.list(params, signal) }),
  detail: (id: string) => queryOptions({ queryKey: gridKeys.detail(id), queryFn: ({ signal }) => gridsApi.get(id, signal) }),
  /** Polygons of a region, or of the whole scope. */
  shapes: (region: string | undefined) =>
    queryOptions({ queryKey: gridKeys.shapes(region ?? null), queryFn: ({ signal }) => gridsApi.geojson(region, signal) }),
  /** The map settings (public: the anonymous portal reads them too), read once. */
  mapConfig: () =>
    queryOptions({ queryKey: configKeys.map(), queryFn: ({ signal }) => gridsApi.mapConfig(signal), staleTime: Infinity, meta: { silent: true } }),
};
