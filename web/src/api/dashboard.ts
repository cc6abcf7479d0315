/**
 * The command-centre dashboard (M11): figures of one place (a region or a grid) and the live
 * feed. Every figure endpoint takes the same place query (`region` or `grid`; neither: the
 * viewer's own place). Shapes come from the contracts.
 */
import type {
  DashboardCategories,
  DashboardDepartments,
  DashboardGridRanking,
  DashboardMap,
  DashboardOverview,
  DashboardPlaceQuery,
  DashboardPointLayer,
  DashboardPoints,
  DashboardTrend,
} from '@gridgov/contracts';
import { api, buildUrl } from './client';

export type PlaceQuery = DashboardPlaceQuery;

const place = (query: PlaceQuery) => ({ region: query.region, grid: query.grid });

export const dashboardApi = {
  overview: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardOverview>('/dashboard/overview', place(query), signal),
  trend: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardTrend>('/dashboard/trend', place(query), signal),
  categories: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardCategories>('/dashboard/categories', place(query), signal),
  departments: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardDepartments>('/dashboard/departments', place(query), signal),
  gridRanking: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardGridRanking>('/dashboard/grid-ranking', place(query), signal),
  map: (query: PlaceQuery, signal?: AbortSignal) => api.get<DashboardMap>('/dashboard/map', place(query), signal),
  points: (query: PlaceQuery, layer: DashboardPointLayer, signal?: AbortSignal) =>
    api.get<DashboardPoints>('/dashboard/points', { ...place(query), layer }, signal),
};

/** An event of the live feed (`GET /api/live`, server-sent events). */
export type { LiveEvent } from '@gridgov/contracts';

/** The ticket events the dashboard listens to. */
export const LIVE_TICKET_EVENTS = ['ticket.created', 'ticket.changed'] as const;

/** Where the browser opens the live feed (same origin: the session cookie goes along). */
export const LIVE_URL = buildUrl('/live');
