/**
 * The figures of one place, each endpoint loaded on its own so one slow or failing chart does not
 * hold the others. A new place starts empty (loading); a refresh of the same place keeps what is
 * shown until the new answer arrives, so the wall display never flickers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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
import { dashboardApi, type PlaceQuery } from '../../api/dashboard';
import { queryKey } from './place';

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

type Loader<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Loads `load` whenever `key` or `version` changes (and `enabled`); a new key clears the data, a
 * new version keeps it while reloading. `update` changes the data in place (local bumps).
 */
function useResource<T>(key: string, version: number, enabled: boolean, load: Loader<T>): [Resource<T>, (change: (data: T) => T) => void] {
  const [state, setState] = useState<Resource<T> & { key: string }>({ key, data: null, error: null, loading: enabled });
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState((prev) => (prev.key === key ? { ...prev, loading: true } : { key, data: null, error: null, loading: true }));
    loader
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed refresh of the same place keeps the figures shown, with the error beside them.
        setState((prev) => ({ key, data: prev.key === key ? prev.data : null, error, loading: false }));
      });
    return () => controller.abort();
  }, [key, version, enabled]);

  const update = useCallback((change: (data: T) => T) => {
    setState((prev) => (prev.data === null ? prev : { ...prev, data: change(prev.data) }));
  }, []);

  // Until the effect has run for a new key, the old place's data must not show.
  const current: Resource<T> = state.key === key ? state : { data: null, error: null, loading: enabled };
  return [current, update];
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
  version: number;
  /** A ticket reported just now: counts it in today's and the open tiles before the refresh confirms. */
  countNewTicket: () => void;
}

export function useDashboard(query: PlaceQuery): DashboardData {
  const key = queryKey(query);
  const [version, setVersion] = useState(0);
  const [overview, updateOverview] = useResource(key, version, true, (signal) => dashboardApi.overview(query, signal));
  // The rest waits for nothing: a place outside the scope fails them all alike.
  const [trend] = useResource(key, version, true, (signal) => dashboardApi.trend(query, signal));
  const [categories] = useResource(key, version, true, (signal) => dashboardApi.categories(query, signal));
  const [departments] = useResource(key, version, true, (signal) => dashboardApi.departments(query, signal));
  const [ranking] = useResource(key, version, true, (signal) => dashboardApi.gridRanking(query, signal));
  const [map] = useResource(key, version, true, (signal) => dashboardApi.map(query, signal));

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const countNewTicket = useCallback(
    () =>
      updateOverview((data) => ({
        ...data,
        kpis: { ...data.kpis, ticketsToday: data.kpis.ticketsToday + 1, openTickets: data.kpis.openTickets + 1 },
      })),
    [updateOverview],
  );
  return { overview, trend, categories, departments, ranking, map, refresh, version, countNewTicket };
}

/** The points of one map layer of the place, loaded only while the layer is switched on. */
export function usePoints(query: PlaceQuery, layer: DashboardPointLayer, enabled: boolean, version: number): Resource<DashboardPoints> {
  const [points] = useResource(`${queryKey(query)}:${layer}`, version, enabled, (signal) => dashboardApi.points(query, layer, signal));
  return points;
}
