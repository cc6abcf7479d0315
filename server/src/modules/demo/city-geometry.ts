/**
 * Irregular, exactly nested outlines for the demo city. The city is a lattice of small units
 * (about 280 m x 280 m); counties, townships, communities and grids are blocks of units cut by
 * random guillotine splits, so no level is a comb of equal strips. Every lattice vertex is moved
 * by a seeded jitter and every unit edge bends through two seeded points, so outlines look drawn
 * by hand; a vertex or bend is a function of its lattice index alone, so neighbours share their
 * edge's coordinates exactly and the blocks of a level tile their parent with no gap or overlap.
 *
 * The jitter is small enough that the bent lattice stays a plane tiling (a vertex moves at most
 * 0.15 unit per axis, a bend at most 0.07 unit across its edge): every ring is simple. A smooth
 * bend of the whole plane on top (warp) curves the longer edges without folding anything.
 */
import type { Random } from './names.js';

/** A block of lattice units: columns [x0, x1), rows [y0, y1). */
export interface UnitBlock {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Ring = number[][];

export const UNITS_PER_GRID = 6;
const UNIT = { lon: 0.0029, lat: 0.0025 };
const VERTEX_JITTER = 0.15;
const BEND = 0.08;
const BENDS = [1 / 3, 2 / 3];

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** The whole city's block: about `units` units, a little wider than tall. */
export function cityBlock(units: number): UnitBlock {
  const width = Math.ceil(Math.sqrt(units * 1.25));
  return { x0: 0, y0: 0, x1: width, y1: Math.ceil(units / width) };
}

/**
 * Cuts `block` into `n` blocks by guillotine cuts (longer side first, the cut moved up to 15%
 * off the even share), each of at least `minUnits` units if the block allows it (else fewer, down
 * to one: rounding at the levels above can leave a block tight).
 */
export function splitBlock(block: UnitBlock, n: number, random: Random, minUnits: number): UnitBlock[] {
  if (n <= 1) return [block];
  const n1 = Math.floor(n / 2);
  const n2 = n - n1;
  const width = block.x1 - block.x0;
  const height = block.y1 - block.y0;
  const axes: Array<'x' | 'y'> = width >= height ? ['x', 'y'] : ['y', 'x'];
  const share = (n1 / n) * (0.85 + 0.3 * random());
  for (let least = minUnits; least >= 1; least--) {
    for (const axis of axes) {
      const [length, across] = axis === 'x' ? [width, height] : [height, width];
      const min = Math.max(1, Math.ceil((n1 * least) / across));
      const max = Math.min(length - 1, length - Math.ceil((n2 * least) / across));
      if (min > max) continue;
      const cut = Math.min(max, Math.max(min, Math.round(length * share)));
      const [first, second]: [UnitBlock, UnitBlock] =
        axis === 'x'
          ? [{ ...block, x1: block.x0 + cut }, { ...block, x0: block.x0 + cut }]
          : [{ ...block, y1: block.y0 + cut }, { ...block, y0: block.y0 + cut }];
      return [...splitBlock(first, n1, random, least), ...splitBlock(second, n2, random, least)];
    }
  }
  throw new RangeError(`a block of ${width} x ${height} units cannot hold ${n} pieces`);
}

/** The bent lattice of one city: positions of vertices and edge bends, computed once each. */
export class BentLattice {
  private readonly vertices = new Map<number, [number, number]>();
  private readonly west: number;
  private readonly south: number;
  private readonly phases: [number, number, number, number];

  constructor(
    private readonly seed: number,
    center: { lon: number; lat: number },
    city: UnitBlock,
  ) {
    this.west = center.lon - ((city.x1 - city.x0) * UNIT.lon) / 2;
    this.south = center.lat - ((city.y1 - city.y0) * UNIT.lat) / 2;
    const phase = (salt: number) => Math.PI * (1 + this.noise(0, 0, salt));
    this.phases = [phase(3), phase(4), phase(5), phase(6)];
  }

  /** A draw in [-1, 1) from the lattice index alone. */
  private noise(i: number, j: number, salt: number): number {
    let h = Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(j + 0x165667b1, 0x27d4eb2f) ^ salt;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    return ((h >>> 0) / 4294967296) * 2 - 1;
  }

  /**
   * A smooth bend of the whole plane, so that block edges curve over several units: slopes of
   * the displacement stay small enough (below 0.5) that the map never folds.
   */
  private warp(u: number, v: number): [number, number] {
    const [a, b, c, d] = this.phases;
    const TAU = 2 * Math.PI;
    return [
      u + 0.6 * Math.sin((TAU * v) / 14 + a) + 0.25 * Math.sin((TAU * (u + v)) / 9 + b),
      v + 0.6 * Math.sin((TAU * u) / 12 + c) + 0.25 * Math.sin((TAU * (u - v)) / 10 + d),
    ];
  }

  vertex(i: number, j: number): [number, number] {
    const key = i * 1_000_003 + j;
    let p = this.vertices.get(key);
    if (!p) {
      const [u, v] = this.warp(i + VERTEX_JITTER * this.noise(i, j, 1), j + VERTEX_JITTER * this.noise(i, j, 2));
      p = [round7(this.west + u * UNIT.lon), round7(this.south + v * UNIT.lat)];
      this.vertices.set(key, p);
    }
    return p;
  }

  /** The bends of the unit edge from (i, j) to (i + 1, j) ('h') or to (i, j + 1) ('v'), in that direction. */
  private bends(kind: 'h' | 'v', i: number, j: number): number[][] {
    const a = this.vertex(i, j);
    const b = kind === 'h' ? this.vertex(i + 1, j) : this.vertex(i, j + 1);
    return BENDS.map((t, k) => {
      const across = BEND * Math.sin(Math.PI * t) * this.noise(i, j, kind === 'h' ? 10 + k : 20 + k);
      const lon = a[0] + (b[0] - a[0]) * t + (kind === 'v' ? across * UNIT.lon : 0);
      const lat = a[1] + (b[1] - a[1]) * t + (kind === 'h' ? across * UNIT.lat : 0);
      return [round7(lon), round7(lat)];
    });
  }

  /** The closed, counter-clockwise ring around a block, through every vertex and bend of its edge. */
  ring(block: UnitBlock): Ring {
    const { x0, y0, x1, y1 } = block;
    const ring: Ring = [];
    for (let i = x0; i < x1; i++) ring.push(this.vertex(i, y0), ...this.bends('h', i, y0));
    for (let j = y0; j < y1; j++) ring.push(this.vertex(x1, j), ...this.bends('v', x1, j));
    for (let i = x1; i > x0; i--) ring.push(this.vertex(i, y1), ...this.bends('h', i - 1, y1).reverse());
    for (let j = y1; j > y0; j--) ring.push(this.vertex(x0, j), ...this.bends('v', x0, j - 1).reverse());
    ring.push(this.vertex(x0, y0));
    return ring.map((p) => [p[0]!, p[1]!]);
  }
}
