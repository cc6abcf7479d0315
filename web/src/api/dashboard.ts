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
import { queryOptions } from '@tanstack/react-query';
import { api, buildUrl } from './client';
import { dashboardKeys } from './keys';

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

/** A stable key of the place asked for (the viewer's own when neither is given). */
export function placeKey(query: PlaceQuery): string {
  return query.grid ? `grid:${query.grid}` : query.region ? `region:${query.region}` : 'own';
}

/** Failures show in the box of the figure (the wall display has no message bar to read). */
const quiet = { meta: { silent: true } } as const;

/** Each figure of a place is read on its own, so one slow or failing answer holds up no other. */
export const dashboardQueries = {
  overview: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'overview'), queryFn: ({ signal }) => dashboardApi.overview(query, signal), ...quiet }),
  trend: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'trend'), queryFn: ({ signal }) => dashboardApi.trend(query, signal), ...quiet }),
  categories: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'categories'), queryFn: ({ signal }) => dashboardApi.categories(query, signal), ...quiet }),
  departments: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'departments'), queryFn: ({ signal }) => dashboardApi.departments(query, signal), ...quiet }),
  gridRanking: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'gridRanking'), queryFn: ({ signal }) => dashboardApi.gridRanking(query, signal), ...quiet }),
  map: (query: PlaceQuery) =>
    queryOptions({ queryKey: dashboardKeys.figure(placeKey(query), 'map'), queryFn: ({ signal }) => dashboardApi.map(query, signal), ...quiet }),
  points: (query: PlaceQuery, layer: DashboardPointLayer) =>
    queryOptions({ queryKey: dashboardKeys.points(placeKey(query), layer), queryFn: ({ signal }) => dashboardApi.points(query, layer, signal), ...quiet }),
};

/** An event of the live feed (`GET /api/live`, server-sent events). */
export type { LiveEvent } from '@gridgov/contracts';

/** The ticket events the dashboard listens to. */
export const LIVE_TICKET_EVENTS = ['ticket.created', 'ticket.changed'] as const;

/** Where the browser opens the live feed (same origin: the session cookie goes along). */
export const LIVE_URL = buildUrl('/live');
