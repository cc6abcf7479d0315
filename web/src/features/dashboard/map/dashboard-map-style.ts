/**
 * The dashboard map style: no tile server and no glyphs (names show in popups and the grid
 * card). Grid polygons shaded by residents, the selected grid outlined, and one source per point
 * layer: open tickets (points and a heatmap), overdue tickets, key places and facilities.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { DashboardPointLayer } from '@gridgov/contracts';
import { basemapSources, CHOROPLETH_COLORS, choroplethExpression, EMPTY_COLLECTION, quantileSteps } from '../../../shared/map/map-style';

/** What the user switches on and off; the heatmap draws the open tickets' points. */
export const MAP_TOGGLES = ['open', 'heat', 'overdue', 'places', 'facilities'] as const;
export type MapToggle = (typeof MAP_TOGGLES)[number];

/** The point layer each toggle needs loaded. */
export const TOGGLE_SOURCE: Record<MapToggle, DashboardPointLayer> = {
  open: 'open',
  heat: 'open',
  overdue: 'overdue',
  places: 'places',
  facilities: 'facilities',
};

/** The style layers each toggle shows. */
export const TOGGLE_LAYERS: Record<MapToggle, string[]> = {
  open: ['open-halo', 'open-point'],
  heat: ['open-heat'],
  overdue: ['overdue-halo', 'overdue-point'],
  places: ['places-point'],
  facilities: ['facilities-point'],
};

export const POINT_COLORS: Record<MapToggle, string> = {
  open: '#f59e0b',
  heat: '#f97316',
  overdue: '#ef4444',
  places: '#a855f7',
  facilities: '#14b8a6',
};

/** Residents per grid on the dark wall display: deep navy to bright cyan. */
const DARK_CHOROPLETH = ['#10284a', '#164a78', '#1d6fa8', '#2b98d8', '#62c6ff'] as const;

export function choroplethColors(dark: boolean): readonly string[] {
  return dark ? DARK_CHOROPLETH : CHOROPLETH_COLORS;
}

/** Lower bounds of the shades from the residents of the grids shown at this level (quantiles). */
export function residentSteps(residents: readonly number[]): number[] {
  return quantileSteps(residents);
}

export function choroplethFill(steps: readonly number[], dark: boolean): ExpressionSpecification {
  return choroplethExpression('residents', steps, choroplethColors(dark));
}

const hidden = { visibility: 'none' as const };

export function buildDashboardStyle(tileUrl: string | null, dark: boolean): StyleSpecification {
  const outline = dark ? '#4cc9f0' : '#1d4ed8';
  const stroke = dark ? '#0b1730' : '#ffffff';
  return {
    version: 8,
    sources: {
      ...basemapSources(tileUrl),
      grids: { type: 'geojson', data: EMPTY_COLLECTION, promoteId: 'gridId' },
      outlines: { type: 'geojson', data: EMPTY_COLLECTION },
      open: { type: 'geojson', data: EMPTY_COLLECTION },
      overdue: { type: 'geojson', data: EMPTY_COLLECTION },
      places: { type: 'geojson', data: EMPTY_COLLECTION },
      facilities: { type: 'geojson', data: EMPTY_COLLECTION },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': dark ? '#07111f' : '#eef1f5' } },
      ...(tileUrl ? [{ id: 'basemap', type: 'raster' as const, source: 'basemap', paint: dark ? { 'raster-brightness-max': 0.55 } : {} }] : []),
      { id: 'grid-fill', type: 'fill', source: 'grids', paint: { 'fill-color': choroplethFill([0, 1], dark), 'fill-opacity': dark ? 0.78 : 0.7 } },
      { id: 'grid-outline', type: 'line', source: 'grids', paint: { 'line-color': outline, 'line-width': 1, 'line-opacity': 0.8 } },
      // The boundaries of the place and of its child regions, over the grids' own lines.
      {
        id: 'region-outline',
        type: 'line',
        source: 'outlines',
        paint: { 'line-color': dark ? '#e2e8f0' : '#0f172a', 'line-width': ['case', ['get', 'own'], 3, 2], 'line-opacity': 0.9 },
      },
      {
        id: 'grid-selected',
        type: 'line',
        source: 'grids',
        filter: ['==', ['get', 'gridId'], ''],
        paint: { 'line-color': '#fbbf24', 'line-width': 3 },
      },
      {
        id: 'open-heat',
        type: 'heatmap',
        source: 'open',
        layout: hidden,
        paint: {
          'heatmap-weight': ['case', ['==', ['get', 'emergency'], true], 1, 0.6],
          'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 15, 2],
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 12, 15, 36],
          'heatmap-opacity': 0.85,
          'heatmap-color': [
            'interpolate',
            ['linear'],
            ['heatmap-density'],
            0,
            'rgba(0,0,0,0)',
            0.2,
            '#2563eb',
            0.4,
            '#22d3ee',
            0.6,
            '#facc15',
            0.8,
            '#f97316',
            1,
            '#dc2626',
          ],
        },
      },
      {
        id: 'places-point',
        type: 'circle',
        source: 'places',
        layout: hidden,
        paint: { 'circle-radius': 5, 'circle-color': POINT_COLORS.places, 'circle-stroke-color': stroke, 'circle-stroke-width': 1.2 },
      },
      {
        id: 'facilities-point',
        type: 'circle',
        source: 'facilities',
        layout: hidden,
        paint: { 'circle-radius': 4, 'circle-color': POINT_COLORS.facilities, 'circle-stroke-color': stroke, 'circle-stroke-width': 1 },
      },
      {
        id: 'open-halo',
        type: 'circle',
        source: 'open',
        filter: ['==', ['get', 'emergency'], true],
        layout: hidden,
        paint: { 'circle-radius': 11, 'circle-color': '#ef4444', 'circle-opacity': 0.25, 'circle-stroke-color': '#dc2626', 'circle-stroke-width': 1.2 },
      },
      {
        id: 'open-point',
        type: 'circle',
        source: 'open',
        layout: hidden,
        paint: { 'circle-radius': 5.5, 'circle-color': POINT_COLORS.open, 'circle-stroke-color': stroke, 'circle-stroke-width': 1.5 },
      },
      {
        id: 'overdue-halo',
        type: 'circle',
        source: 'overdue',
        layout: hidden,
        paint: { 'circle-radius': 12, 'circle-color': '#ef4444', 'circle-opacity': 0.18 },
      },
      {
        id: 'overdue-point',
        type: 'circle',
        source: 'overdue',
        layout: hidden,
        paint: { 'circle-radius': 6, 'circle-color': POINT_COLORS.overdue, 'circle-stroke-color': stroke, 'circle-stroke-width': 1.5 },
      },
    ],
  };
}

/** The layers that answer a click or hover with a popup of their point's label. */
export const POINT_LAYERS = ['open-point', 'overdue-point', 'places-point', 'facilities-point'] as const;
