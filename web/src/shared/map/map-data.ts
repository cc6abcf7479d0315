/** What every register map needs first: the map settings and the grid polygons in scope. */
import { useEffect, useState } from 'react';
import { gridsApi } from '../../api/grids';
import type { GridFeatureCollection, MapConfig } from '../../api/types';

/** Used when /api/config/map cannot be read; the map fits to its data anyway. */
const FALLBACK_MAP: MapConfig = { tileUrl: null, center: [104.1, 35.9], zoom: 3.5 };

export function useMapConfig(): MapConfig | null {
  const [config, setConfig] = useState<MapConfig | null>(null);
  useEffect(() => {
    let cancelled = false;
    gridsApi
      .mapConfig()
      .then((answer) => !cancelled && setConfig(answer))
      .catch(() => !cancelled && setConfig(FALLBACK_MAP));
    return () => {
      cancelled = true;
    };
  }, []);
  return config;
}

/** Grid polygons of a region (or the whole scope); without grid:read, none. */
export function useGridShapes(region: string | undefined, enabled: boolean): GridFeatureCollection | null {
  const [shapes, setShapes] = useState<GridFeatureCollection | null>(null);
  useEffect(() => {
    if (!enabled) {
      setShapes({ type: 'FeatureCollection', features: [] });
      return;
    }
    const controller = new AbortController();
    gridsApi
      .geojson(region, controller.signal)
      .then(setShapes)
      .catch(() => {
        if (!controller.signal.aborted) setShapes({ type: 'FeatureCollection', features: [] });
      });
    return () => controller.abort();
  }, [region, enabled]);
  return shapes;
}
