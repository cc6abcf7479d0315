/** What every map needs first: the map settings and the grid polygons in scope. */
import { useQuery } from '@tanstack/react-query';
import { FALLBACK_MAP_CONFIG, gridQueries } from '../../api/grids';
import type { GridFeatureCollection, MapConfig } from '../../api/types';

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
