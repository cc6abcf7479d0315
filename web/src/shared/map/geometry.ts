/** Small polygon helpers: bounds for zooming, and reading a pasted GeoJSON boundary. */
import type { PolygonGeometry } from '@gridgov/contracts';
import type { MessageKey } from '../../i18n/i18n';

export type Position = [number, number];
export type Bounds = [Position, Position];

export function ringsBounds(rings: readonly (readonly (readonly number[])[])[]): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x === undefined || y === undefined) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return Number.isFinite(minX) ? [[minX, minY], [maxX, maxY]] : null;
}

export function mergeBounds(all: readonly (Bounds | null)[]): Bounds | null {
  const corners = all.flatMap((bounds) => (bounds ? [bounds[0], bounds[1]] : []));
  return ringsBounds([corners]);
}

export function collectionBounds(collection: { features: readonly { geometry: { coordinates: number[][][] } }[] }): Bounds | null {
  return mergeBounds(collection.features.map((feature) => ringsBounds(feature.geometry.coordinates)));
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** A closed ring from open vertices (first point repeated at the end). */
export function closeRing(points: readonly Position[]): Position[] {
  const ring = points.map(([x, y]): Position => [x, y]);
  const first = ring[0];
  if (first && !samePosition(first, ring[ring.length - 1])) ring.push([first[0], first[1]]);
  return ring;
}

export function polygonFromVertices(vertices: readonly Position[]): PolygonGeometry {
  return { type: 'Polygon', coordinates: [closeRing(vertices)] };
}

export type ParseResult = { ok: true; polygon: PolygonGeometry } | { ok: false; error: MessageKey };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPosition(value: unknown): Position | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number') return null;
  if (x < -180 || x > 180 || y < -90 || y > 90) return null;
  return [x, y];
}

function readRings(value: unknown): Position[][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const rings: Position[][] = [];
  for (const rawRing of value as unknown[]) {
    if (!Array.isArray(rawRing)) return null;
    const ring: Position[] = [];
    for (const rawPosition of rawRing as unknown[]) {
      const position = readPosition(rawPosition);
      if (!position) return null;
      ring.push(position);
    }
    const closed = closeRing(ring);
    if (closed.length < 4) return null;
    rings.push(closed);
  }
  return rings;
}

/** Finds the one polygon in a geometry, a Feature, or a FeatureCollection of one feature. */
function findPolygon(value: unknown): unknown {
  if (!isRecord(value)) return null;
  if (value.type === 'Polygon') return value.coordinates;
  if (value.type === 'MultiPolygon' && Array.isArray(value.coordinates) && value.coordinates.length === 1) {
    return (value.coordinates as unknown[])[0];
  }
  if (value.type === 'Feature') return findPolygon(value.geometry);
  if (value.type === 'FeatureCollection' && Array.isArray(value.features) && value.features.length === 1) {
    return findPolygon((value.features as unknown[])[0]);
  }
  return null;
}

export function parseBoundary(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'grids.geojsonNotJson' };
  }
  const coordinates = findPolygon(json);
  if (coordinates === null) return { ok: false, error: 'grids.geojsonNotPolygon' };
  const rings = readRings(coordinates);
  if (!rings) return { ok: false, error: 'grids.geojsonBadCoordinates' };
  return { ok: true, polygon: { type: 'Polygon', coordinates: rings } };
}

/**
 * A point inside a polygon to put its figure on: the outer ring's area centroid when it lies
 * inside, else the middle of the widest span of the ring along the centroid's latitude (for
 * L- or C-shaped grids whose centroid falls outside).
 */
export function labelPoint(rings: readonly (readonly (readonly number[])[])[]): Position | null {
  const ring = rings[0];
  if (!ring || ring.length < 3) return null;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area === 0) {
    const bounds = ringsBounds([ring]);
    return bounds ? [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2] : null;
  }
  const centroid: Position = [cx / (3 * area), cy / (3 * area)];
  // Where the ring crosses the centroid's latitude: inside between the 1st and 2nd, 3rd and 4th...
  const crossings: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    if (y0 > centroid[1] !== y1 > centroid[1]) crossings.push(x0 + ((centroid[1] - y0) * (x1 - x0)) / (y1 - y0));
  }
  crossings.sort((a, b) => a - b);
  let widest: [number, number] | null = null;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const span: [number, number] = [crossings[k]!, crossings[k + 1]!];
    if (centroid[0] >= span[0] && centroid[0] <= span[1]) return centroid;
    if (!widest || span[1] - span[0] > widest[1] - widest[0]) widest = span;
  }
  return widest ? [(widest[0] + widest[1]) / 2, centroid[1]] : centroid;
}
