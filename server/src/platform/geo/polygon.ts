/**
 * GeoJSON polygon helpers. Coordinates are [lon, lat] and the math is planar, which is
 * accurate enough for city-sized grids.
 */
import polygonClipping from 'polygon-clipping';
import type { Pair, Polygon as ClipPolygon } from 'polygon-clipping';

/** GeoJSON Polygon coordinates: the outer ring, then holes; each ring closed. */
export type PolygonCoordinates = number[][][];
export type GeoJsonPolygon = { type: 'Polygon'; coordinates: PolygonCoordinates };
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

const x = (p: number[] | undefined): number => p?.[0] ?? NaN;
const y = (p: number[] | undefined): number => p?.[1] ?? NaN;

/** Signed shoelace area of a closed ring (positive when counter-clockwise). */
export function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += x(ring[i]) * y(ring[i + 1]) - x(ring[i + 1]) * y(ring[i]);
  }
  return sum / 2;
}

/** Returns why the geometry is not a usable polygon, or null when it is. */
export function validatePolygon(geom: GeoJsonPolygon): string | null {
  if (geom.type !== 'Polygon') return 'type must be Polygon';
  if (!Array.isArray(geom.coordinates) || geom.coordinates.length === 0) return 'no rings';
  for (const [index, ring] of geom.coordinates.entries()) {
    const name = index === 0 ? 'outer ring' : `hole ${index}`;
    if (!Array.isArray(ring) || ring.length < 4) return `${name} needs at least 4 positions`;
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2) return `${name} has a position without lon/lat`;
      const [lon, lat] = [x(p), y(p)];
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return `${name} has a non-finite coordinate`;
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `${name} has a coordinate out of range`;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (x(first) !== x(last) || y(first) !== y(last)) return `${name} is not closed`;
    if (ringArea(ring) === 0) return `${name} has zero area`;
  }
  const outer = geom.coordinates[0] ?? [];
  if (ringSelfIntersects(outer)) return 'outer ring intersects itself';
  return null;
}

/** Orientation of (a, b, c): > 0 counter-clockwise, < 0 clockwise, 0 collinear. */
function orient(a: number[], b: number[], c: number[]): number {
  return (x(b) - x(a)) * (y(c) - y(a)) - (y(b) - y(a)) * (x(c) - x(a));
}

function onSegment(a: number[], b: number[], p: number[]): boolean {
  return (
    orient(a, b, p) === 0 &&
    Math.min(x(a), x(b)) <= x(p) && x(p) <= Math.max(x(a), x(b)) &&
    Math.min(y(a), y(b)) <= y(p) && y(p) <= Math.max(y(a), y(b))
  );
}

/** Closed-segment intersection, touching included. */
function segmentsIntersect(a: number[], b: number[], c: number[], d: number[]): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(c, d, a) || onSegment(c, d, b) || onSegment(a, b, c) || onSegment(a, b, d);
}

/**
 * O(n²) check, fine for hand-drawn grid boundaries. Repeated consecutive positions are
 * ignored; neighbouring edges may share only their common vertex.
 */
function ringSelfIntersects(ring: number[][]): boolean {
  const pts = ring.filter((p, i) => i === 0 || x(p) !== x(ring[i - 1]) || y(p) !== y(ring[i - 1]));
  const n = pts.length - 1; // number of edges
  const at = (i: number): number[] => pts[i] ?? [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (!adjacent) {
        if (segmentsIntersect(at(i), at(i + 1), at(j), at(j + 1))) return true;
      } else if (j === i + 1) {
        // Edges i and i+1 share pts[i+1]; a spike doubles back along the first edge.
        if (onSegment(at(i), at(i + 1), at(j + 1)) || onSegment(at(j), at(j + 1), at(i))) return true;
      } else if (onSegment(at(j), at(j + 1), at(1)) || onSegment(at(0), at(1), at(j))) {
        return true; // edges n-1 and 0 share pts[0]
      }
    }
  }
  return false;
}

/**
 * Ray casting over every ring, so holes are respected. Points exactly on an edge follow a
 * half-open rule, and each edge is evaluated from its lower end whichever way the ring runs,
 * so on an edge shared by two tiles exactly one of them contains the point.
 */
export function pointInPolygon(lon: number, lat: number, coordinates: PolygonCoordinates): boolean {
  // Hot path of every grid lookup: positions are read directly (validated polygons only).
  let inside = false;
  for (const ring of coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1]! > lat === b[1]! > lat) continue;
      const [low, high] = a[1]! < b[1]! ? [a, b] : [b, a];
      const x0 = low[0]!;
      const y0 = low[1]!;
      if (lon < ((high[0]! - x0) * (lat - y0)) / (high[1]! - y0) + x0) inside = !inside;
    }
  }
  return inside;
}

/**
 * A point inside the polygon to jump to or drop a pin on: the middle of its bounding box when
 * that lies inside, else the middle of the widest span of the horizontal line through it.
 */
export function interiorPoint(coordinates: PolygonCoordinates): [number, number] {
  const [w, s, e, n] = bbox(coordinates);
  const lat = (s + n) / 2;
  if (pointInPolygon((w + e) / 2, lat, coordinates)) return [(w + e) / 2, lat];
  const crossings: number[] = [];
  for (const ring of coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay! > lat !== by! > lat) crossings.push(ax! + ((lat - ay!) * (bx! - ax!)) / (by! - ay!));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] = [(w + e) / 2, lat];
  let widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (width > widest) [widest, best] = [width, [(crossings[i]! + crossings[i + 1]!) / 2, lat]];
  }
  return best;
}

export function bbox(coordinates: PolygonCoordinates): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of coordinates) {
    for (const p of ring) {
      box[0] = Math.min(box[0], x(p));
      box[1] = Math.min(box[1], y(p));
      box[2] = Math.max(box[2], x(p));
      box[3] = Math.max(box[3], y(p));
    }
  }
  return box;
}

function toClip(coordinates: PolygonCoordinates): ClipPolygon {
  return coordinates.map((ring) => ring.map((p): Pair => [x(p), y(p)]));
}

/** Area (in square degrees) of the intersection; shared edges or corners give 0. */
export function overlapArea(a: PolygonCoordinates, b: PolygonCoordinates): number {
  const parts = polygonClipping.intersection(toClip(a), toClip(b));
  let area = 0;
  for (const polygon of parts) {
    for (const [index, ring] of polygon.entries()) {
      area += (index === 0 ? 1 : -1) * Math.abs(ringArea(ring));
    }
  }
  return area;
}

export function polygonsOverlap(a: PolygonCoordinates, b: PolygonCoordinates, epsilon = 1e-12): boolean {
  const [aMinX, aMinY, aMaxX, aMaxY] = bbox(a);
  const [bMinX, bMinY, bMaxX, bMaxY] = bbox(b);
  if (aMaxX <= bMinX || bMaxX <= aMinX || aMaxY <= bMinY || bMaxY <= aMinY) return false;
  return overlapArea(a, b) > epsilon;
}
