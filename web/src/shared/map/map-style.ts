/**
 * What every map style of the console shares: no tile server and no glyphs (names show in a
 * popup), an empty GeoJSON to start sources with, the optional raster base map, a palette for
 * kinds, and the choropleth shades. `buildPointsMapStyle` is the style of a map of records:
 * grid polygons (plain, or shaded by a count per grid) and points coloured per feature.
 */
import type { ExpressionSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { MapConfig } from '../../api/types';
import { basemapLabelLayers, basemapSourcesFor, basemapUnderLayers } from './basemap';

export const EMPTY_COLLECTION = { type: 'FeatureCollection' as const, features: [] };

/** The raster base map source, when a tile URL is configured. */
export function basemapSources(tileUrl: string | null): Record<string, SourceSpecification> {
  return tileUrl ? { basemap: { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 19 } } : {};
}

/** Distinct colours for the kinds of a record, in enum order. */
export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#7c3aed', '#ea580c', '#475569'] as const;

/** Residents per grid: light to dark blue; `steps` are the lower bounds of each shade. */
export const CHOROPLETH_COLORS = ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'] as const;

/** Lower bounds of the shades for counts up to `max`: 0, then four ascending steps from 1. */
export function choroplethSteps(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  return [0, 1, step + 1, 2 * step + 1, 3 * step + 1];
}

/**
 * Lower bounds of the shades from the values shown (quantiles): 0, then the smallest non-zero
 * value, then the quartiles of the non-zero values (distinct, ascending), so each shade holds a
 * similar share of the areas on screen whatever the level (a county's townships or a grid's).
 */
export function quantileSteps(values: readonly number[], shades: number = CHOROPLETH_COLORS.length): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [0, 1];
  const bounds = [positive[0]!];
  for (let i = 1; i < shades - 1; i++) {
    const q = positive[Math.floor((i * positive.length) / (shades - 1))]!;
    if (q > bounds[bounds.length - 1]!) bounds.push(q);
  }
  return [0, ...bounds];
}

/** A fill colour stepping through `colors` at `steps` (from `choroplethSteps`) of a feature's `property`. */
export function choroplethExpression(property: string, steps: readonly number[], colors: readonly string[] = CHOROPLETH_COLORS): ExpressionSpecification {
  const [, ...bounds] = steps;
  const expression: unknown[] = ['step', ['coalesce', ['get', property], 0], colors[0]];
  bounds.forEach((bound, index) => expression.push(bound, colors[index + 1]));
  return expression as ExpressionSpecification;
}

export function buildPointsMapStyle(config: Pick<MapConfig, 'tileUrl' | 'labelTileUrl'>, choropleth: number[] | null): StyleSpecification {
  return {
    version: 8,
    sources: {
      ...basemapSourcesFor(config),
      grids: { type: 'geojson', data: EMPTY_COLLECTION },
      points: { type: 'geojson', data: EMPTY_COLLECTION },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } },
      ...basemapUnderLayers(config),
      {
        id: 'grid-fill',
        type: 'fill',
        source: 'grids',
        paint: choropleth
          ? { 'fill-color': choroplethExpression('count', choropleth), 'fill-opacity': 0.8 }
          : { 'fill-color': '#93c5fd', 'fill-opacity': 0.12 },
      },
      { id: 'grid-outline', type: 'line', source: 'grids', paint: { 'line-color': '#1d4ed8', 'line-width': 1.2 } },
      {
        id: 'point-halo',
        type: 'circle',
        source: 'points',
        filter: ['==', ['get', 'highlight'], true],
        paint: { 'circle-radius': 12, 'circle-color': '#ef4444', 'circle-opacity': 0.25, 'circle-stroke-color': '#dc2626', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'point',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-radius': ['case', ['==', ['get', 'highlight'], true], 7, 5.5],
          'circle-color': ['get', 'color'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      ...basemapLabelLayers(config, 'grids'),
    ],
  };
}
