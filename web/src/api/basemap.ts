/** The base map from the platform's own data, the place search and the user's home area. */
import type { BasemapData, HomeArea, PlaceHit } from '@gridgov/contracts';
import { api } from './client';

/** `console`: scoped to the signed-in user; `public`: the portal's streets and public place names. */
export type BasemapAudience = 'console' | 'public';

const prefix = (audience: BasemapAudience) => (audience === 'public' ? '/public' : '');

export const basemapApi = {
  view: (audience: BasemapAudience, bbox: [number, number, number, number], zoom: number, signal?: AbortSignal) =>
    api.get<BasemapData>(`${prefix(audience)}/basemap`, { bbox: bbox.map((v) => v.toFixed(6)).join(','), zoom: Math.round(zoom * 10) / 10 }, signal),
  search: (audience: BasemapAudience, q: string, signal?: AbortSignal) =>
    api.get<{ items: PlaceHit[] }>(`${prefix(audience)}/places/search`, { q }, signal).then((r) => r.items),
  home: (signal?: AbortSignal) => api.get<HomeArea>('/basemap/home', undefined, signal),
};
