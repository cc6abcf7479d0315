/**
 * The figures of one place, each endpoint a query of its own so one slow or failing chart does
 * not hold the others. A new place starts empty (loading); a refresh of the same place keeps what
 * is shown until the new answer arrives, so the wall display never flickers, and a failed refresh
 * keeps the figures with the error beside them.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  DashboardCategories,
  DashboardDepartments,
  DashboardGridRanking,
  DashboardMap,
  DashboardOverview,
  DashboardPointLayer,
  DashboardPoints,
  DashboardTrend,
} from '@gridgov/contracts';
import { dashboardQueries, placeKey, type PlaceQuery } from '../../api/dashboard';
import { dashboardKeys } from '../../api/keys';
import { countingNewTicket } from './tiles';

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

function resource<T>(result: UseQueryResult<T>): Resource<T> {
  return { data: result.data ?? null, error: result.error, loading: result.isFetching };
}

export interface DashboardData {
  overview: Resource<DashboardOverview>;
  trend: Resource<DashboardTrend>;
  categories: Resource<DashboardCategories>;
  departments: Resource<DashboardDepartments>;
  ranking: Resource<DashboardGridRanking>;
  map: Resource<DashboardMap>;
  /** Reloads every figure of the place, keeping what is shown meanwhile. */
  refresh: () => void;
  /** A ticket reported just now: counts it in today's and the open tiles before the refresh confirms. */
  countNewTicket: () => void;
}

export function useDashboard(query: PlaceQuery): DashboardData {
  const client = useQueryClient();
  const key = placeKey(query);
  const overview = useQuery(dashboardQueries.overview(query));
  // The rest waits for nothing: a place outside the scope fails them all alike.
  const trend = useQuery(dashboardQueries.trend(query));
  const categories = useQuery(dashboardQueries.categories(query));
  const departments = useQuery(dashboardQueries.departments(query));
  const ranking = useQuery(dashboardQueries.gridRanking(query));
  const map = useQuery(dashboardQueries.map(query));

  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: dashboardKeys.place(key) }), [client, key]);
  const countNewTicket = useCallback(
    () =>
      client.setQueryData(dashboardQueries.overview(query).queryKey, (data) =>
        data ? { ...data, tiles: data.tiles.map(countingNewTicket) } : data,
      ),
    [client, query],
  );
  return {
    overview: resource(overview),
    trend: resource(trend),
    categories: resource(categories),
    departments: resource(departments),
    ranking: resource(ranking),
    map: resource(map),
    refresh,
    countNewTicket,
  };
}

/** The points of one map layer of the place, read only while the layer is switched on. */
export function usePoints(query: PlaceQuery, layer: DashboardPointLayer, enabled: boolean): Resource<DashboardPoints> {
  return resource(useQuery({ ...dashboardQueries.points(query, layer), enabled }));
}
