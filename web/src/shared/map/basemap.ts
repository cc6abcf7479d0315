/**
 * The base map under every map: raster tiles when the deployment configured a tile service
 * (its own, or 天地图 with a key: base layer plus label layer), else one drawn from the
 * platform's own data: streets from the basemap module, building footprints and place names
 * from the registers (read per view), and labels. Labels need no glyph server: MapLibre draws
 * every glyph locally (TinySDF) with the browser's fonts when the style has no `glyphs`, so
 * Chinese names render offline.
 */
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { BasemapData } from '@gridgov/contracts';
import type { MapConfig } from '../../api/types';
import { basemapApi, type BasemapAudience } from '../../api/basemap';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** CSS font families for labels, Chinese first: drawn locally, no glyph server. */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];

const HALO = { 'text-color': '#374151', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 } as const;

/** Sources of the base map: raster tiles, or the platform's own streets and places. */
export function basemapSourcesFor(config: Pick<MapConfig, 'tileUrl' | 'labelTileUrl'>): Record<string, SourceSpecification> {
  if (config.tileUrl) {
    return {
      basemap: { type: 'raster', tiles: [config.tileUrl], tileSize: 256, maxzoom: 18 },
      ...(config.labelTileUrl ? { 'basemap-labels': { type: 'raster', tiles: [config.labelTileUrl], tileSize: 256, maxzoom: 18 } } : {}),
    };
  }
  return { 'own-streets': { type: 'geojson', data: EMPTY }, 'own-buildings': { type: 'geojson', data: EMPTY }, 'own-places': { type: 'geojson', data: EMPTY } };
}

/** Layers drawn under the data: the raster base map, or streets and building footprints. */
export function basemapUnderLayers(config: Pick<MapConfig, 'tileUrl' | 'labelTileUrl'>): LayerSpecification[] {
  if (config.tileUrl) {
    return [
      { id: 'basemap', type: 'raster', source: 'basemap' },
      ...(config.labelTileUrl ? [{ id: 'basemap-labels', type: 'raster' as const, source: 'basemap-labels' }] : []),
    ];
  }
  const width = (main: number, minor: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, ['match', ['get', 'kind'], 'main', main * 0.4, minor * 0.3], 17, ['match', ['get', 'kind'], 'main', main * 2.2, minor * 2]];
  return [
    { id: 'own-street-casing', type: 'line', source: 'own-streets', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#cbd5e1', 'line-width': width(9, 6) } },
    { id: 'own-street', type: 'line', source: 'own-streets', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': ['match', ['get', 'kind'], 'main', '#fde68a', '#ffffff'], 'line-width': width(7, 4.5) } },
    { id: 'own-building', type: 'fill', source: 'own-buildings', paint: { 'fill-color': ['match', ['get', 'kind'], 'venue', '#fbcfe8', '#d6d3d1'], 'fill-outline-color': '#a8a29e' } },
  ];
}

/** Labels over everything: street names along the lines, place names, and the grids' names (from the `grids` source). */
export function basemapLabelLayers(config: Pick<MapConfig, 'tileUrl'>, gridSource: string | null): LayerSpecification[] {
  const grids: LayerSpecification[] = gridSource
    ? [{
        id: 'grid-label',
        type: 'symbol',
        source: gridSource,
        minzoom: 12,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 13, 'text-max-width': 8 },
        paint: { 'text-color': '#1e3a8a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
      }]
    : [];
  if (config.tileUrl) return grids;
  return [
    {
      id: 'own-street-label',
      type: 'symbol',
      source: 'own-streets',
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['match', ['get', 'kind'], 'main', 13, 11], 'symbol-spacing': 320 },
      paint: HALO,
    },
    {
      id: 'own-place-label',
      type: 'symbol',
      source: 'own-places',
      minzoom: 16,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-offset': [0, 1.1], 'text-optional': true },
      paint: { ...HALO, 'text-color': '#57534e' },
    },
    ...grids,
  ];
}

/** A square footprint of about 24 m around a building's point (the registers store a point). */
function footprint([lon, lat]: [number, number], kind: string): GeoJSON.Feature {
  const dLat = 0.00011;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return {
    type: 'Feature',
    properties: { kind },
    geometry: { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] },
  };
}

function buildingFeatures(places: BasemapData['places']): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: places.features.map((f) => footprint(f.geometry.coordinates, f.properties.kind)) };
}

/**
 * Keeps the platform's own base map filled for the view: reads streets and places after each
 * move (the last read wins); nothing to read when raster tiles are configured. The container
 * carries the view (`data-view`: lon,lat,zoom) and how many streets are drawn (`data-streets`),
 * for people debugging a map and for the browser tests. Returns the cleanup.
 */
export function followOwnBasemap(map: MapLibreMap, config: Pick<MapConfig, 'tileUrl'>, audience: BasemapAudience): () => void {
  const container = map.getContainer();
  let controller: AbortController | null = null;
  const load = () => {
    const centre = map.getCenter();
    container.dataset.view = `${centre.lng.toFixed(6)},${centre.lat.toFixed(6)},${map.getZoom().toFixed(2)}`;
    if (config.tileUrl) return;
    controller?.abort();
    controller = new AbortController();
    const b = map.getBounds();
    const pad = 0.1;
    const dx = (b.getEast() - b.getWest()) * pad;
    const dy = (b.getNorth() - b.getSouth()) * pad;
    const bbox: [number, number, number, number] = [
      Math.max(-180, b.getWest() - dx), Math.max(-90, b.getSouth() - dy), Math.min(180, b.getEast() + dx), Math.min(90, b.getNorth() + dy),
    ];
    basemapApi.view(audience, bbox, map.getZoom(), controller.signal).then(
      (data) => {
        (map.getSource('own-streets') as GeoJSONSource | undefined)?.setData(data.streets);
        (map.getSource('own-buildings') as GeoJSONSource | undefined)?.setData(buildingFeatures(data.places));
        (map.getSource('own-places') as GeoJSONSource | undefined)?.setData(data.places);
        container.dataset.streets = String(data.streets.features.length);
        container.dataset.places = String(data.places.features.length);
      },
      () => undefined,
    );
  };
  map.on('moveend', load);
  if (map.loaded()) load();
  else map.once('load', load);
  return () => {
    controller?.abort();
    map.off('moveend', load);
  };
}
