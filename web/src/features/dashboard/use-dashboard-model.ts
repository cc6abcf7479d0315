/**
 * Everything both dashboard layouts show, for the place in the URL: the figures, the live feed
 * within the place (a new ticket bumps the tiles at once and the figures refresh shortly after),
 * the map layers switched on and the grid selected on the map.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { tileValue, type DashboardOverview, type DashboardPlace } from '@gridgov/contracts';
import { isApiError } from '../../api/client';
import { placeKey, type PlaceQuery } from '../../api/dashboard';
import { useSession } from '../../app/session';
import type { GridFigures } from './GridCard';
import { useLiveFeed, type FeedItem, type LiveStatus } from './live/use-live-feed';
import { useTicketLabels, type TicketLabel } from './live/use-ticket-labels';
import { TOGGLE_SOURCE, type MapToggle } from './map/dashboard-map-style';
import type { PointResources } from './map/DashboardMap';
import { eventInPlace } from './place';
import { useDashboard, usePoints, type DashboardData } from './use-dashboard';

/** How many feed entries a panel shows. */
export const FEED_SIZE = 50;
/** A burst of live events refreshes the figures once, this long after the first of them (the server folds its aggregates every second and shares an answer for a second). */
const REFRESH_AFTER_EVENT_MS = 2_500;
/** Figures that change with time alone (overdue) are read again this often. */
const REFRESH_EVERY_MS = 60_000;

export interface DashboardModel {
  key: string;
  query: PlaceQuery;
  data: DashboardData;
  overview: DashboardOverview | null;
  place: DashboardPlace | null;
  /** The place is outside the viewer's scope (or does not exist): show that, not data. */
  forbidden: boolean;
  feed: {
    items: FeedItem[];
    status: LiveStatus;
    labelOf: (item: FeedItem) => TicketLabel;
    gridName: (gridId: string | undefined) => string | undefined;
    canOpen: boolean;
  };
  toggles: ReadonlySet<MapToggle>;
  setToggle: (toggle: MapToggle, on: boolean) => void;
  points: PointResources;
  /** The grid clicked on the map (at region level), or the place itself at grid level. */
  selectedGridId: string | null;
  selectGrid: (gridId: string | null) => void;
  selectedGrid: GridFigures | null;
  /** At grid level: the place's own card, from the overview. */
  placeGrid: GridFigures | null;
}

export function useDashboardModel(query: PlaceQuery, big: boolean): DashboardModel {
  const { can } = useSession();
  const key = placeKey(query);
  // One query object per place, so loaders do not see a new one every render.
  const stableQuery = useMemo<PlaceQuery>(() => ({ region: query.region, grid: query.grid }), [query.region, query.grid]);
  const data = useDashboard(stableQuery);
  const overview = data.overview.data;
  const place = overview?.place ?? null;
  const forbidden = data.overview.data === null && isApiError(data.overview.error, 'FORBIDDEN', 'NOT_FOUND');

  // Live events: the place they are judged against is the one shown when they arrive.
  const placeRef = useRef<DashboardPlace | null>(place);
  useEffect(() => {
    placeRef.current = place;
  });
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { refresh, countNewTicket } = data;
  const onEvent = useCallback(
    (item: FeedItem) => {
      const current = placeRef.current;
      if (!current || !eventInPlace(item, current)) return;
      if (item.type === 'ticket.created') countNewTicket();
      if (refreshTimer.current === undefined) {
        refreshTimer.current = setTimeout(() => {
          refreshTimer.current = undefined;
          refresh();
        }, REFRESH_AFTER_EVENT_MS);
      }
    },
    [countNewTicket, refresh],
  );
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const live = useLiveFeed(onEvent);
  const feedItems = useMemo(() => (place ? live.items.filter((item) => eventInPlace(item, place)).slice(0, FEED_SIZE) : []), [live.items, place]);
  const canOpen = can('ticket:read');
  const labelOf = useTicketLabels(canOpen);
  const gridNames = useMemo(() => new Map((data.map.data?.grids.features ?? []).map((f) => [f.properties.gridId, f.properties.name])), [data.map.data]);
  const gridName = useCallback((gridId: string | undefined) => (gridId ? gridNames.get(gridId) : undefined), [gridNames]);

  // Map layers: what is switched on decides what is loaded.
  const [toggles, setToggles] = useState<ReadonlySet<MapToggle>>(() => new Set<MapToggle>(big ? ['heat', 'overdue'] : ['open', 'overdue']));
  const setToggle = useCallback((toggle: MapToggle, on: boolean) => {
    setToggles((prev) => {
      const next = new Set(prev);
      if (on) next.add(toggle);
      else next.delete(toggle);
      return next;
    });
  }, []);
  const wanted = (layer: string) => [...toggles].some((toggle) => TOGGLE_SOURCE[toggle] === layer);
  const points: PointResources = {
    open: usePoints(stableQuery, 'open', wanted('open')),
    overdue: usePoints(stableQuery, 'overdue', wanted('overdue')),
    places: usePoints(stableQuery, 'places', wanted('places')),
    facilities: usePoints(stableQuery, 'facilities', wanted('facilities')),
  };

  // The grid selected on the map belongs to the place it was selected in.
  const [selection, setSelection] = useState<{ key: string; gridId: string | null }>({ key, gridId: null });
  const selectGrid = useCallback((gridId: string | null) => setSelection({ key, gridId }), [key]);
  const placeGrid: GridFigures | null =
    overview && place?.kind === 'grid' && place.gridId
      ? {
          gridId: place.gridId,
          name: place.name,
          code: place.code,
          // The grid card shows the grid's own tiles (0 when the viewer may not see one).
          residents: tileValue(overview.tiles, 'residents') ?? 0,
          openTickets: tileValue(overview.tiles, 'openTickets') ?? 0,
          overdueTickets: tileValue(overview.tiles, 'overdueTickets') ?? 0,
        }
      : null;
  const selectedGridId = placeGrid ? placeGrid.gridId : selection.key === key ? selection.gridId : null;
  const selectedFeature = placeGrid ? undefined : data.map.data?.grids.features.find((f) => f.properties.gridId === selectedGridId);
  const selectedGrid: GridFigures | null = selectedFeature ? { ...selectedFeature.properties } : null;

  return {
    key,
    query: stableQuery,
    data,
    overview,
    place,
    forbidden,
    feed: { items: feedItems, status: live.status, labelOf, gridName, canOpen },
    toggles,
    setToggle,
    points,
    selectedGridId,
    selectGrid,
    selectedGrid,
    placeGrid,
  };
}
