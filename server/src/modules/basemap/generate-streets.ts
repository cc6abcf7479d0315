/**
 * A believable street network for a city whose only geometry is its grid polygons: streets run
 * along the grids' edges (the edges grids share, and the outer edges), chained into straight
 * lines; the lines between communities are main roads (路), those between grids of one
 * community minor streets (街). Names come from the usual Chinese street names. Deterministic:
 * the same grids always give the same streets.
 */
import type { StreetKind } from '@gridgov/contracts';

export interface StreetSourceGrid {
  code: string;
  /** The community's 12-digit code. */
  regionCode: string;
  boundary: { coordinates: number[][][] };
}

export interface GeneratedStreet {
  name: string;
  kind: StreetKind;
  /** The smallest region holding every grid the street runs along. */
  regionCode: string;
  coordinates: [number, number][];
}

const MAIN_NAMES = ['人民', '建设', '解放', '中山', '朝阳', '和平', '胜利', '新华', '光明', '文化', '团结', '长江', '武陵', '洞庭', '沅江', '桃源', '青年', '工农', '东风', '红旗', '健康', '友谊', '迎宾', '滨湖', '紫缘', '柳叶', '德山', '鼎城', '善卷', '龙港'] as const;
const MINOR_NAMES = ['幸福', '育才', '花园', '兴隆', '丹阳', '白马', '皂果', '芙蓉', '桂花', '松林', '竹园', '梅园', '荷花', '书院', '府坪', '大庆', '常青', '振兴', '安康', '永安'] as const;
const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;
/** Turns sharper than this end a street. */
const MAX_TURN_RADIANS = Math.PI / 8;
/** About 4 km: a longer line is split into streets of their own names. */
const MAX_STREET_DEGREES = 0.04;

type Point = [number, number];
interface Edge {
  key: string;
  a: string;
  b: string;
  communities: Set<string>;
  grids: number;
}

const pointKey = ([x, y]: Point) => `${x.toFixed(6)},${y.toFixed(6)}`;
const parsePoint = (key: string): Point => key.split(',').map(Number) as Point;
const distance = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);

function heading(from: Point, to: Point): number {
  return Math.atan2(to[1] - from[1], to[0] - from[0]);
}

function turn(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

/** The smallest region (12-digit code, zero-padded) whose subtree holds every code. */
export function commonRegion(codes: Iterable<string>): string {
  const all = [...codes];
  for (const length of [12, 9, 6, 4, 2]) {
    const prefix = all[0]!.slice(0, length);
    if (all.every((code) => code.startsWith(prefix))) return prefix.padEnd(12, '0');
  }
  return '000000000000';
}

function collectEdges(grids: readonly StreetSourceGrid[]): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const grid of grids) {
    const ring = grid.boundary.coordinates[0] ?? [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = pointKey(ring[i] as Point);
      const b = pointKey(ring[i + 1] as Point);
      if (a === b) continue;
      const key = a < b ? `${a};${b}` : `${b};${a}`;
      const edge = edges.get(key) ?? { key, a, b, communities: new Set<string>(), grids: 0 };
      edge.communities.add(grid.regionCode);
      edge.grids++;
      edges.set(key, edge);
    }
  }
  return edges;
}

/** Edges chained into lines that go on straight through crossings. */
function chainEdges(edges: Map<string, Edge>): Edge[][] {
  const byVertex = new Map<string, Edge[]>();
  for (const edge of edges.values()) {
    for (const v of [edge.a, edge.b]) byVertex.set(v, [...(byVertex.get(v) ?? []), edge]);
  }
  const used = new Set<string>();
  const chains: Edge[][] = [];
  const other = (edge: Edge, v: string) => (edge.a === v ? edge.b : edge.a);
  const kindOf = (edge: Edge) => (edge.communities.size > 1 || edge.grids === 1 ? 'main' : 'minor');

  for (const start of [...edges.values()].sort((x, y) => (x.key < y.key ? -1 : 1))) {
    if (used.has(start.key)) continue;
    used.add(start.key);
    const chain = [start];
    let length = distance(parsePoint(start.a), parsePoint(start.b));
    // Grow at both ends: from b onwards, then from a backwards.
    for (const end of ['b', 'a'] as const) {
      let tip = end === 'b' ? start.b : start.a;
      let from = end === 'b' ? start.a : start.b;
      while (length < MAX_STREET_DEGREES) {
        const along = heading(parsePoint(from), parsePoint(tip));
        const next = (byVertex.get(tip) ?? [])
          .filter((e) => !used.has(e.key) && kindOf(e) === kindOf(start))
          .map((e) => ({ e, bend: turn(along, heading(parsePoint(tip), parsePoint(other(e, tip)))) }))
          .filter((c) => c.bend <= MAX_TURN_RADIANS)
          .sort((x, y) => x.bend - y.bend || (x.e.key < y.e.key ? -1 : 1))[0];
        if (!next) break;
        used.add(next.e.key);
        length += distance(parsePoint(tip), parsePoint(other(next.e, tip)));
        if (end === 'b') chain.push(next.e);
        else chain.unshift(next.e);
        from = tip;
        tip = other(next.e, tip);
      }
    }
    chains.push(chain);
  }
  return chains;
}

/** The chain's vertices in order. */
function lineOf(chain: Edge[]): Point[] {
  if (chain.length === 1) return [parsePoint(chain[0]!.a), parsePoint(chain[0]!.b)];
  const first = chain[0]!;
  const second = chain[1]!;
  let tip = first.b === second.a || first.b === second.b ? first.b : first.a;
  const points = [parsePoint(tip === first.b ? first.a : first.b), parsePoint(tip)];
  for (const edge of chain.slice(1)) {
    tip = edge.a === tip ? edge.b : edge.a;
    points.push(parsePoint(tip));
  }
  return points;
}

/** Names in order: 人民路, 建设路, ..., then 人民一路, 建设一路, ... (街 for minor streets). */
function streetName(kind: StreetKind, index: number): string {
  const bases = kind === 'main' ? MAIN_NAMES : MINOR_NAMES;
  const base = bases[index % bases.length]!;
  const round = Math.floor(index / bases.length);
  const numeral = round < NUMERALS.length ? NUMERALS[round]! : String(round);
  return `${base}${numeral}${kind === 'main' ? '路' : '街'}`;
}

export function generateStreets(grids: readonly StreetSourceGrid[]): GeneratedStreet[] {
  const chains = chainEdges(collectEdges(grids));
  const counters: Record<StreetKind, number> = { main: 0, minor: 0 };
  return chains.map((chain) => {
    const first = chain[0]!;
    const kind: StreetKind = first.communities.size > 1 || first.grids === 1 ? 'main' : 'minor';
    return {
      name: streetName(kind, counters[kind]++),
      kind,
      regionCode: commonRegion(chain.flatMap((edge) => [...edge.communities])),
      coordinates: lineOf(chain),
    };
  });
}
