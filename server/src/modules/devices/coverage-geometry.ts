/**
 * The geometry of camera coverage, exact and in one bounded pass (no sampling):
 * - Everything is projected once onto a local plane in metres (equirectangular about the centre of
 *   the data: x east, y north; within a county the scale error stays well under 1 %).
 * - A camera's field of view is a sector: a disk of its range cut by the wedge between its left
 *   and right edge (heading ± fov/2, clockwise from north). Along one straight piece of a street
 *   (between two vertices) the part inside a sector is found in closed form: the disk gives an
 *   interval of the line's parameter (a quadratic), a wedge of at most 180° two half-planes (linear),
 *   a wider wedge is the disk less the opposite narrow wedge (up to two intervals).
 * - A piece is in a grid where it runs inside the polygon or along its edge (within EDGE_M): the
 *   piece is cut where it crosses or starts/ends running along an edge, and each stretch's midpoint
 *   is tested. Streets are drawn along the grids' edges, so a street on the edge two grids share
 *   counts for both: it is a road of each.
 * - Cameras and grids are put in square buckets (BUCKET_M) so each piece meets only those near it:
 *   the work grows with the pieces and the cameras/grids near each, not pieces × cameras.
 */

export interface Viewer {
  id: string;
  lng: number;
  lat: number;
  /** Degrees clockwise from north. */
  heading: number;
  fovDeg: number;
  rangeM: number;
}

export interface Road {
  id: string;
  coordinates: readonly (readonly number[])[];
}

export interface Area {
  id: string;
  /** GeoJSON polygon rings (outer first, holes after), lon/lat. */
  rings: readonly (readonly (readonly number[])[])[];
}

export interface RoadCoverage {
  lengthM: number;
  coveredM: number;
  /** The covered stretches, lon/lat lines. */
  covered: [number, number][][];
}

export interface AreaCoverage {
  roadM: number;
  coveredM: number;
}

export interface CoverageResult {
  roads: Map<string, RoadCoverage>;
  areas: Map<string, AreaCoverage>;
}

/** A street this close to a grid's edge runs along it (metres). */
export const EDGE_M = 1;
const BUCKET_M = 200;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG_EQUATOR = 111_320;

type Interval = [number, number];
type XY = [number, number];

interface Plane {
  x: (lng: number) => number;
  y: (lat: number) => number;
}

function planeAbout(lng0: number, lat0: number): Plane {
  const kx = M_PER_DEG_LNG_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  return { x: (lng) => (lng - lng0) * kx, y: (lat) => (lat - lat0) * M_PER_DEG_LAT };
}

/** Unit vector of a bearing (degrees clockwise from north) in x east, y north. */
const bearing = (deg: number): XY => [Math.sin((deg * Math.PI) / 180), Math.cos((deg * Math.PI) / 180)];
const cross = (a: XY, b: XY) => a[0] * b[1] - a[1] * b[0];

/** Where p0 + t·d (t over the whole line) lies in the convex wedge from bearing `from` clockwise `width` (≤ 180) degrees, apex at the origin. */
function wedgeLine(p0: XY, d: XY, from: number, width: number): Interval | null {
  let lo = -Infinity;
  let hi = Infinity;
  // Clockwise of the left edge (cross ≤ 0) and anticlockwise of the right edge (cross ≥ 0).
  for (const [v, sign] of [[bearing(from), -1], [bearing(from + width), 1]] as const) {
    const h0 = sign * cross(v, p0);
    const h1 = sign * cross(v, d);
    if (Math.abs(h1) < 1e-12) {
      if (h0 < 0) return null;
      continue;
    }
    const t = -h0 / h1;
    if (h1 > 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
  }
  return lo < hi ? [lo, hi] : null;
}

/** The parts (t in [0, 1]) of the piece a→b inside the sector of a viewer at c. */
export function sectorIntervals(a: XY, b: XY, c: XY, heading: number, fovDeg: number, rangeM: number): Interval[] {
  const p0: XY = [a[0] - c[0], a[1] - c[1]];
  const d: XY = [b[0] - a[0], b[1] - a[1]];
  const qa = d[0] * d[0] + d[1] * d[1];
  if (qa === 0) return [];
  const qb = 2 * (p0[0] * d[0] + p0[1] * d[1]);
  const qc = p0[0] * p0[0] + p0[1] * p0[1] - rangeM * rangeM;
  const disc = qb * qb - 4 * qa * qc;
  if (disc <= 0) return [];
  const root = Math.sqrt(disc);
  const lo = Math.max(0, (-qb - root) / (2 * qa));
  const hi = Math.min(1, (-qb + root) / (2 * qa));
  if (lo >= hi) return [];
  if (fovDeg >= 360) return [[lo, hi]];
  if (fovDeg <= 180) {
    const w = wedgeLine(p0, d, heading - fovDeg / 2, fovDeg);
    if (!w) return [];
    const s = Math.max(lo, w[0]);
    const e = Math.min(hi, w[1]);
    return s < e ? [[s, e]] : [];
  }
  // Wider than a half-plane: the disk less the narrow wedge behind the camera.
  const back = wedgeLine(p0, d, heading + fovDeg / 2, 360 - fovDeg);
  if (!back) return [[lo, hi]];
  const out: Interval[] = [];
  if (lo < Math.min(hi, back[0])) out.push([lo, Math.min(hi, back[0])]);
  if (Math.max(lo, back[1]) < hi) out.push([Math.max(lo, back[1]), hi]);
  return out;
}

/** Sorted, overlapping intervals joined. */
export function union(intervals: Interval[]): Interval[] {
  if (intervals.length <= 1) return intervals;
  intervals.sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [[...intervals[0]!]];
  for (const [s, e] of intervals.slice(1)) {
    const last = out[out.length - 1]!;
    if (s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const measure = (intervals: readonly Interval[]) => intervals.reduce((sum, [s, e]) => sum + (e - s), 0);

/** The length of the overlap of two sorted, disjoint interval lists. */
function overlap(a: readonly Interval[], b: readonly Interval[]): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (s < e) sum += e - s;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return sum;
}

interface PlaneArea {
  id: string;
  rings: XY[][];
  box: Box;
}

function insideRings(p: XY, rings: readonly XY[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function nearEdge(p: XY, rings: readonly XY[][], tolerance: number): boolean {
  const t2 = tolerance * tolerance;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
      const ex = ax + t * dx - p[0];
      const ey = ay + t * dy - p[1];
      if (ex * ex + ey * ey <= t2) return true;
    }
  }
  return false;
}

/** The parts (t in [0, 1]) of the piece a→b inside the area or along its edge. */
export function areaIntervals(a: XY, b: XY, area: Pick<PlaneArea, 'rings'>, tolerance = EDGE_M): Interval[] {
  const d: XY = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(d[0], d[1]);
  if (len === 0) return [];
  const cuts = [0, 1];
  for (const ring of area.rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const q0 = ring[i]!;
      const e: XY = [ring[i + 1]![0] - q0[0], ring[i + 1]![1] - q0[1]];
      const elen = Math.hypot(e[0], e[1]);
      if (elen === 0) continue;
      const w: XY = [q0[0] - a[0], q0[1] - a[1]];
      const denom = cross(d, e);
      if (Math.abs(denom) > 1e-9 * len * elen) {
        const t = cross(w, e) / denom;
        const u = cross(w, d) / denom;
        if (u >= 0 && u <= 1 && t > 0 && t < 1) cuts.push(t);
      } else if (Math.abs(cross(w, d)) / len <= tolerance) {
        // Along the edge: where the edge starts and ends on the piece.
        for (const q of [q0, ring[i + 1]!]) {
          const t = ((q[0] - a[0]) * d[0] + (q[1] - a[1]) * d[1]) / (len * len);
          if (t > 0 && t < 1) cuts.push(t);
        }
      }
    }
  }
  cuts.sort((p, q) => p - q);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = cuts[i]!;
    const e = cuts[i + 1]!;
    if (e - s < 1e-9) continue;
    const m: XY = [a[0] + ((s + e) / 2) * d[0], a[1] + ((s + e) / 2) * d[1]];
    if (!insideRings(m, area.rings) && !nearEdge(m, area.rings, tolerance)) continue;
    const last = out[out.length - 1];
    if (last && last[1] >= s) last[1] = e;
    else out.push([s, e]);
  }
  return out;
}

/** Square buckets of items by their boxes (metres), for "what lies near these boxes". */
class Buckets<T> {
  private readonly cells = new Map<number, number[]>();
  private readonly items: T[] = [];
  private readonly boxes: Box[] = [];
  private readonly stamp: number[] = [];
  private round = 0;

  private static key(ix: number, iy: number): number {
    return (ix + 100_000) * 200_000 + (iy + 100_000);
  }

  add(item: T, box: Box): void {
    const index = this.items.push(item) - 1;
    this.boxes.push(box);
    this.stamp.push(0);
    for (let ix = Math.floor(box[0] / BUCKET_M); ix <= Math.floor(box[2] / BUCKET_M); ix++) {
      for (let iy = Math.floor(box[1] / BUCKET_M); iy <= Math.floor(box[3] / BUCKET_M); iy++) {
        const k = Buckets.key(ix, iy);
        const cell = this.cells.get(k);
        if (cell) cell.push(index);
        else this.cells.set(k, [index]);
      }
    }
  }

  /** The items whose boxes meet any of the boxes, each once. */
  near(boxes: readonly Box[]): T[] {
    this.round++;
    const out: T[] = [];
    for (const [x0, y0, x1, y1] of boxes) {
      for (let ix = Math.floor(x0 / BUCKET_M); ix <= Math.floor(x1 / BUCKET_M); ix++) {
        for (let iy = Math.floor(y0 / BUCKET_M); iy <= Math.floor(y1 / BUCKET_M); iy++) {
          const cell = this.cells.get(Buckets.key(ix, iy));
          if (!cell) continue;
          for (const index of cell) {
            if (this.stamp[index] === this.round) continue;
            const b = this.boxes[index]!;
            if (b[0] > x1 || b[2] < x0 || b[1] > y1 || b[3] < y0) continue;
            this.stamp[index] = this.round;
            out.push(this.items[index]!);
          }
        }
      }
    }
    return out;
  }
}

type Box = [number, number, number, number];

const boxOf = (points: readonly XY[], pad = 0): Box => {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
};

/** A long piece is looked up in shorter bits so its bucket query stays near the line, not its whole box. */
const LOOKUP_STEP_M = 4 * BUCKET_M;

/** Per road its length, covered metres and covered stretches; per area its road metres (inside or along it) and their covered metres. */
export function computeCoverage(viewers: readonly Viewer[], roads: readonly Road[], areas: readonly Area[]): CoverageResult {
  const result: CoverageResult = { roads: new Map(), areas: new Map(areas.map((a) => [a.id, { roadM: 0, coveredM: 0 }])) };
  // About the middle of the data (the grids', else the roads', else the cameras' first points): the scale error is smallest there.
  const firsts = areas.length ? areas.map((a) => a.rings[0]?.[0] ?? [0, 0]) : roads.length ? roads.map((r) => r.coordinates[0] ?? [0, 0]) : viewers.map((v) => [v.lng, v.lat]);
  const middle = (k: 0 | 1) => (firsts.length ? (Math.min(...firsts.map((p) => p[k]!)) + Math.max(...firsts.map((p) => p[k]!))) / 2 : 0);
  const plane = planeAbout(middle(0), middle(1));
  const toXY = (p: readonly number[]): XY => [plane.x(p[0]!), plane.y(p[1]!)];

  const sectors = new Buckets<{ c: XY; v: Viewer }>();
  for (const v of viewers) {
    const c = toXY([v.lng, v.lat]);
    sectors.add({ c, v }, [c[0] - v.rangeM, c[1] - v.rangeM, c[0] + v.rangeM, c[1] + v.rangeM]);
  }
  const zones = new Buckets<PlaneArea>();
  for (const a of areas) {
    const rings = a.rings.map((ring) => ring.map(toXY));
    const box = boxOf(rings[0] ?? [], EDGE_M);
    zones.add({ id: a.id, rings, box }, box);
  }

  for (const road of roads) {
    const points = road.coordinates.map(toXY);
    const line: RoadCoverage = { lengthM: 0, coveredM: 0, covered: [] };
    let open: [number, number][] | null = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      line.lengthM += len;
      const bits = Math.ceil(len / LOOKUP_STEP_M);
      const boxes: Box[] = [];
      for (let k = 0; k < bits; k++) {
        const p: XY = [a[0] + ((b[0] - a[0]) * k) / bits, a[1] + ((b[1] - a[1]) * k) / bits];
        const q: XY = [a[0] + ((b[0] - a[0]) * (k + 1)) / bits, a[1] + ((b[1] - a[1]) * (k + 1)) / bits];
        boxes.push(boxOf([p, q], EDGE_M));
      }
      const seen: Interval[] = [];
      for (const { c, v } of sectors.near(boxes)) {
        for (const part of sectorIntervals(a, b, c, v.heading, v.fovDeg, v.rangeM)) seen.push(part);
      }
      const covered = union(seen);
      line.coveredM += measure(covered) * len;
      for (const z of zones.near(boxes)) {
        const parts = areaIntervals(a, b, z);
        if (parts.length === 0) continue;
        const tally = result.areas.get(z.id)!;
        tally.roadM += measure(parts) * len;
        tally.coveredM += overlap(parts, covered) * len;
      }
      // The covered stretches in lon/lat (the projection is affine: interpolate the ends), joined across vertices.
      const from = road.coordinates[i]!;
      const to = road.coordinates[i + 1]!;
      const at = (t: number): [number, number] => [from[0]! + t * (to[0]! - from[0]!), from[1]! + t * (to[1]! - from[1]!)];
      let joined: [number, number][] | null = open;
      for (const [s, e] of covered) {
        if (joined && s === 0) joined.push(at(e));
        else {
          joined = [at(s), at(e)];
          line.covered.push(joined);
        }
        if (e < 1) joined = null;
      }
      open = covered.length > 0 ? joined : null;
    }
    result.roads.set(road.id, line);
  }
  return result;
}

/** A viewer's sector as a closed lon/lat ring: the apex, the arc every few degrees, the apex again (a full circle has no apex). */
export function sectorRing(v: Viewer, stepDeg = 10): [number, number][] {
  const kx = M_PER_DEG_LNG_EQUATOR * Math.cos((v.lat * Math.PI) / 180);
  const arcAt = (deg: number): [number, number] => {
    const [ux, uy] = bearing(deg);
    return [v.lng + (v.rangeM * ux) / kx, v.lat + (v.rangeM * uy) / M_PER_DEG_LAT];
  };
  const fov = Math.min(360, v.fovDeg);
  const steps = Math.max(2, Math.ceil(fov / stepDeg));
  const arc = Array.from({ length: steps + 1 }, (_, i) => arcAt(v.heading - fov / 2 + (fov * i) / steps));
  if (fov >= 360) return [...arc.slice(0, -1), arc[0]!];
  return [[v.lng, v.lat], ...arc, [v.lng, v.lat]];
}
