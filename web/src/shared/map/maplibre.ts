/**
 * MapLibre, loaded the Vite way: the CSP bundle plus its worker emitted as a separate asset,
 * so no blob: worker is needed (the server's Content-Security-Policy can stay strict).
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ControlPosition, Map as MapLibreMap, MapOptions } from 'maplibre-gl';
import type { MapConfig } from '../../api/types';
import type { BasemapAudience } from '../../api/basemap';
import { followOwnBasemap } from './basemap';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };

/**
 * A map in its container with the zoom buttons and, unless `scale` is null, the scale bar; null
 * when the browser cannot draw one (no WebGL), so the page goes on without it. With `basemap`,
 * the platform's own streets and places follow the view when no tile service is configured.
 */
export function createMap(
  options: MapOptions,
  scale: ControlPosition | null = 'bottom-left',
  basemap?: { config: Pick<MapConfig, 'tileUrl'>; audience: BasemapAudience },
): MapLibreMap | null {
  let map: MapLibreMap;
  try {
    map = new maplibregl.Map({ attributionControl: false, ...options });
  } catch (err) {
    console.error(err);
    return null;
  }
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  if (scale) map.addControl(new maplibregl.ScaleControl({}), scale);
  if (basemap) map.once('remove', followOwnBasemap(map, basemap.config, basemap.audience));
  return map;
}
