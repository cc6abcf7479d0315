/** The map style: no tile server needed. The base map (raster tiles, or the platform's own
 * streets and buildings), the grid polygons with their names, and the polygon being drawn. */
import type { StyleSpecification } from 'maplibre-gl';
import type { MapConfig } from '../../api/types';
import { basemapLabelLayers, basemapSourcesFor, basemapUnderLayers } from '../../shared/map/basemap';
import { EMPTY_COLLECTION } from '../../shared/map/map-style';

export const SELECTED_LAYERS = ['grid-selected-fill', 'grid-selected-outline'] as const;

export function buildStyle(config: Pick<MapConfig, 'tileUrl' | 'labelTileUrl'>): StyleSpecification {
  return {
    version: 8,
    sources: {
      ...basemapSourcesFor(config),
      grids: { type: 'geojson', data: EMPTY_COLLECTION },
      draft: { type: 'geojson', data: EMPTY_COLLECTION },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } },
      ...basemapUnderLayers(config),
      { id: 'grid-fill', type: 'fill', source: 'grids', paint: { 'fill-color': '#3b82f6', 'fill-opacity': 0.18 } },
      { id: 'grid-outline', type: 'line', source: 'grids', paint: { 'line-color': '#1d4ed8', 'line-width': 1.2 } },
      {
        id: 'grid-selected-fill',
        type: 'fill',
        source: 'grids',
        filter: ['==', ['get', 'id'], ''],
        paint: { 'fill-color': '#f59e0b', 'fill-opacity': 0.4 },
      },
      {
        id: 'grid-selected-outline',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'id'], ''],
        paint: { 'line-color': '#b45309', 'line-width': 3 },
      },
      {
        id: 'draft-fill',
        type: 'fill',
        source: 'draft',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#10b981', 'fill-opacity': 0.25 },
      },
      {
        id: 'draft-line',
        type: 'line',
        source: 'draft',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': '#047857', 'line-width': 2, 'line-dasharray': [2, 1] },
      },
      {
        id: 'draft-vertices',
        type: 'circle',
        source: 'draft',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#047857', 'circle-stroke-width': 2 },
      },
      ...basemapLabelLayers(config, 'grids'),
    ],
  };
}
