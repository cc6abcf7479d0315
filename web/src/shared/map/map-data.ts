/** What every map needs first: the map settings and the grid polygons in scope. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { FALLBACK_MAP_CONFIG, gridQueries } from '../../api/grids';
import type { GridFeatureCollection, MapConfig } from '../../api/types';
import { useSession } from '../../app/session';
import { useRememberedReference } from '../offline/reference-cache';

export interface MapSettings {
  config: MapConfig;
  /** False when the settings could not be read and the fallback is used. */
  fromServer: boolean;
}

/** The map settings, or the fallback when they cannot be read; null while reading. */
export function useMapSettings(): MapSettings | null {
  const { data, isError } = useQuery(gridQueries.mapConfig());
  if (data) return { config: data, fromServer: true };
  return isError ? { config: FALLBACK_MAP_CONFIG, fromServer: false } : null;
}

export function useMapConfig(): MapConfig | null {
  return useMapSettings()?.config ?? null;
}

const NO_SHAPES: GridFeatureCollection = { type: 'FeatureCollection', features: [] };

/** Grid polygons of a region (or the whole scope); without grid:read (or when they cannot be read), none. */
export function useGridShapes(region: string | undefined, enabled: boolean): GridFeatureCollection | null {
  const { data, isError } = useQuery({ ...gridQueries.shapes(region), enabled, meta: { silent: true } });
  if (!enabled || isError) return NO_SHAPES;
  return data ?? null;
}

/**
 * The outline of the user's own grid(s) (the scope's grid and `gridIds`, e.g. the grids of a
 * worker's tasks), remembered on the phone per account when read online so that a map drawn
 * offline still shows it; forgotten with the account's other remembered data on sign-out.
 * Only the polygon, id and name are kept. Null until read (online) or remembered.
 */
export function useOwnGridOutline(gridIds: readonly string[] = []): GridFeatureCollection | null {
  const { me, can } = useSession();
  const own = me?.scope.gridId ?? null;
  const key = [...new Set([...(own ? [own] : []), ...gridIds])].sort().join(',');
  const enabled = can('grid:read') && key !== '';
  // Only what was read: a failed read (offline) must not replace what the phone remembers.
  const { data } = useQuery({ ...gridQueries.shapes(undefined), enabled, meta: { silent: true } });
  const read = useMemo<GridFeatureCollection | undefined>(() => {
    if (!enabled || !data) return undefined;
    const wanted = new Set(key.split(','));
    return {
      type: 'FeatureCollection',
      features: data.features
        .filter((f) => wanted.has(f.properties.id))
        .map((f) => ({ type: 'Feature', id: f.properties.id, geometry: f.geometry, properties: f.properties })),
    };
  }, [enabled, data, key]);
  return useRememberedReference(me?.id ?? null, 'own-grid-outline', read) ?? null;
}
