/**
 * The place a dashboard shows, as the URL carries it (`#/dashboard?region=<code>` or
 * `?grid=<id>`, plus `screen=big` for the wall display), and which live events fall within it.
 */
import { divisionPrefix, type DashboardPlace } from '@gridgov/contracts';
import type { LiveEvent, PlaceQuery } from '../../api/dashboard';
import { pathWithQuery } from '../../app/routes';

export const DASHBOARD_PATH = '/dashboard';

export interface DashboardLocation {
  query: PlaceQuery;
  big: boolean;
}

export function readLocation(params: URLSearchParams): DashboardLocation {
  const grid = params.get('grid') || undefined;
  const region = grid ? undefined : params.get('region') || undefined;
  return { query: { region, grid }, big: params.get('screen') === 'big' };
}


export function placeQuery(place: DashboardPlace): PlaceQuery {
  return place.kind === 'grid' && place.gridId ? { grid: place.gridId } : { region: place.code };
}

export function dashboardPath(query: PlaceQuery, big: boolean): string {
  return pathWithQuery(DASHBOARD_PATH, { region: query.region, grid: query.grid, screen: big ? 'big' : undefined });
}

/**
 * Does a live event belong to the place? A region holds the events whose region code starts with
 * its division prefix (the code without its trailing zero segments, as the server scopes); a
 * grid holds the events of that grid.
 */
export function eventInPlace(event: Pick<LiveEvent, 'regionCode' | 'gridId'>, place: DashboardPlace): boolean {
  if (place.kind === 'grid') return place.gridId !== null && event.gridId === place.gridId;
  let prefix: string;
  try {
    prefix = divisionPrefix(place.code);
  } catch {
    return false;
  }
  return typeof event.regionCode === 'string' && event.regionCode.startsWith(prefix);
}
