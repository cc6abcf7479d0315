/**
 * The dashboard's reads: a place (a region or a grid) within the viewer's scope, and its figures
 * from the metrics the modules keep (platform/metrics, one narrow table keyed by scope, metric,
 * day and dimension): the tiles the modules register, its children and its map. Each read
 * touches a few rows of the place's scope by key; only the grid ranking and the map cover every
 * grid under the place. Names come from their modules' exported functions.
 */
import { sql } from 'drizzle-orm';
import {
  divisionPrefix,
  REGION_LEVELS,
  type DashboardCategories,
  type DashboardChild,
  type DashboardDepartments,
  type DashboardGridRanking,
  type DashboardMap,
  type DashboardOverview,
  type DashboardPlace,
  type DashboardPlaceQuery,
  type DashboardPointLayer,
  type DashboardPoints,
  type DashboardTile,
  type DashboardTrend,
} from '@gridgov/contracts';
import { localDate } from '../../platform/time-zone.js';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';
import { ancestorCodes, codeInSubtree } from '../../platform/scope.js';
import { departmentNames } from '../departments/queries.js';
import type { GridLocator, LocatedGrid } from '../grids/grid-index.js';
import { currentChildRegions, currentRegionNames } from '../regions/queries.js';
import { facilityPoints, keyPlacePoints } from '../registers/metrics.js';
import { categoryTree, openTicketPoints } from '../tickets/metrics.js';

export interface DashboardDeps {
  db: Db;
  locator: GridLocator;
  /** Every registered metric by name, and the registered tiles in their order. */
  metrics: ReadonlyMap<string, MetricDefinition>;
  tiles: readonly TileDefinition[];
}

/** A resolved place: what the API shows of it and the key of its aggregate rows. */
export interface Place extends DashboardPlace {
  /** Region: its 12-digit code; grid: `<community code>/<grid id>`. */
  scope: string;
  /** The division prefix under which its records lie (a grid: its community's code). */
  prefix: string;
  regionCode: string;
}

const levelOf = (code: string) => REGION_LEVELS[[2, 4, 6, 9, 12].indexOf(divisionPrefix(code).length)] ?? 'community';

const regionPlace = (code: string, name: string): Place => ({
  kind: 'region', code, gridId: null, name, level: levelOf(code), scope: code, prefix: divisionPrefix(code), regionCode: code,
});

const gridPlace = (g: { id: string; code: string; name: string; regionCode: string }): Place => ({
  kind: 'grid', code: g.code, gridId: g.id, name: g.name, level: 'grid', scope: `${g.regionCode}/${g.id}`, prefix: g.regionCode, regionCode: g.regionCode,
});

const currentRegions = (db: Db, codes: string[]) => currentRegionNames(db, codes);

/**
 * The place asked for (default: the viewer's own), refused with FORBIDDEN when it lies outside
 * the viewer's scope (a grid worker: their grid only), with the breadcrumb from the viewer's own
 * place down to it.
 */
export async function resolvePlace(deps: DashboardDeps, actor: Actor, q: DashboardPlaceQuery): Promise<{ place: Place; breadcrumb: Place[] }> {
  if (q.region && q.grid) throw new AppError('VALIDATION_FAILED', { field: 'region/grid' });
  const gridId = q.grid ?? (q.region ? null : actor.gridId);
  if (gridId) {
    const g = await deps.locator.grid(gridId);
    if (!g) throw notFound();
    if (!codeInSubtree(g.regionCode, actor.regionPrefix) || (actor.gridId && actor.gridId !== g.id)) throw new AppError('FORBIDDEN', { grid: gridId });
    const place = gridPlace(g);
    const own = actor.gridId ? [] : [...ancestorCodes(g.regionCode), g.regionCode].filter((c) => c.length === 12 && codeInSubtree(c, actor.regionPrefix));
    const names = await currentRegions(deps.db, own);
    return { place, breadcrumb: [...own.filter((c) => names.has(c)).map((c) => regionPlace(c, names.get(c)!)), place] };
  }
  const code = q.region ?? actor.regionCode;
  if (actor.gridId || !codeInSubtree(code, actor.regionPrefix)) throw new AppError('FORBIDDEN', { region: code });
  const chain = [...ancestorCodes(code), code].filter((c) => codeInSubtree(c, actor.regionPrefix));
  const names = await currentRegions(deps.db, chain);
  if (!names.has(code)) throw notFound();
  return { place: regionPlace(code, names.get(code)!), breadcrumb: chain.filter((c) => names.has(c)).map((c) => regionPlace(c, names.get(c)!)) };
}

// ---------------------------------------------------------------- figures

// The metrics the place's children, the map and the ranking show (the tickets' and registers' own).
const RESIDENTS = 'registers.residents';
const OPEN = 'tickets.open';
const OVERDUE = 'tickets.overdue';

/** Figures by scope and metric: `scope -> metric -> value`. */
type Figures = Map<string, Map<string, number>>;

function byScope(found: { scope: string; metric: string; value: number }[]): Figures {
  const out: Figures = new Map();
  for (const r of found) {
    let m = out.get(r.scope);
    if (!m) out.set(r.scope, (m = new Map()));
    m.set(r.metric, (m.get(r.metric) ?? 0) + r.value);
  }
  return out;
}

const list = (values: readonly string[]) => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** Counts now of some metrics for some scopes. */
async function nowFigures(db: Db, scopes: string[], metrics: readonly string[]): Promise<Figures> {
  if (scopes.length === 0 || metrics.length === 0) return new Map();
  return byScope(
    await rows(db, sql`select scope, metric, value::int as value from metric_value where scope in ${list(scopes)} and metric in ${list(metrics)} and day is null and dim = ''`),
  );
}

/** Grid scopes under a place: `<community code>/<grid id>` with the place's prefix. */
const gridScopesUnder = (place: Place) => (place.kind === 'grid' ? sql`scope = ${place.scope}` : sql`scope like ${`${place.prefix}%/%`}`);

/** Counts now of some metrics for every grid under the place. */
async function gridFigures(db: Db, place: Place, metrics: readonly string[]): Promise<Figures> {
  return byScope(
    await rows(db, sql`select scope, metric, value::int as value from metric_value where metric in ${list(metrics)} and day is null and ${gridScopesUnder(place)}`),
  );
}

/** The first day of the month `monthsBack` months before this one (the deployment's time zone). */
function monthStart(now: Date, monthsBack: number): string {
  const [year, month] = localDate(now).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 1000 : null);

async function children(deps: DashboardDeps, place: Place): Promise<DashboardChild[]> {
  if (place.kind === 'grid') return [];
  let places: Place[];
  if (place.level === 'community') {
    places = (await deps.locator.gridsUnder(place.prefix)).filter((g) => g.regionCode === place.code).map(gridPlace);
  } else {
    places = (await currentChildRegions(deps.db, place.code)).map((r) => regionPlace(r.code, r.name));
  }
  const figures = await nowFigures(deps.db, places.map((p) => p.scope), [RESIDENTS, OPEN, OVERDUE]);
  return places.map((p) => {
    const f = figures.get(p.scope);
    return { place: publicPlace(p), residents: f?.get(RESIDENTS) ?? 0, openTickets: f?.get(OPEN) ?? 0, overdueTickets: f?.get(OVERDUE) ?? 0 };
  });
}

export function publicPlace(p: Place): DashboardPlace {
  return { kind: p.kind, code: p.code, gridId: p.gridId, name: p.name, level: p.level };
}

/** The tiles a viewer may see: each reads only metrics whose permission the viewer holds. */
export function visibleTiles(deps: Pick<DashboardDeps, 'metrics' | 'tiles'>, actor: Actor): TileDefinition[] {
  const may = (name: string | undefined) => !name || actor.permissions.includes(deps.metrics.get(name)!.permission);
  return deps.tiles.filter((t) => may(t.metric) && may(t.per));
}

/** The first day a tile's window covers (null: a count now). */
function windowStart(t: TileDefinition, now: Date): string | null {
  if (t.window === 'now') return null;
  return t.window === 'today' ? localDate(now) : localDate(now, t.window.days - 1);
}

/** The figures of some tiles for one scope: one query, each tile's metrics summed over its window. */
export async function tileFigures(deps: DashboardDeps, tiles: readonly TileDefinition[], scope: string, now: Date): Promise<DashboardTile[]> {
  const reads = tiles.flatMap((t) => [t.metric, ...(t.per ? [t.per] : [])].map((metric) => ({ tile: t.id, metric, since: windowStart(t, now) })));
  // One statement, a sum per read, each a range of the key (scope, metric, day).
  const found =
    reads.length === 0
      ? []
      : await rows<{ tile: string; metric: string; value: number }>(
          deps.db,
          sql.join(
            reads.map(
              (r) => sql`(select ${r.tile}::text as tile, ${r.metric}::text as metric, coalesce(sum(value), 0)::float8 as value from metric_value
                where scope = ${scope} and metric = ${r.metric} and ${r.since === null ? sql`day is null` : sql`day >= ${r.since}::date`})`,
            ),
            sql` union all `,
          ),
        );
  const value = (tile: string, metric: string | undefined) => found.find((f) => f.tile === tile && f.metric === metric)?.value ?? 0;
  return tiles.map((t) => {
    const part = value(t.id, t.metric);
    const whole = value(t.id, t.per);
    const figure = t.kind === 'count' ? part : t.kind === 'rate' ? rate(part, whole) : whole > 0 ? Math.round((100 * part) / whole) / 100 : null;
    const unit = deps.metrics.get(t.metric)!.unit;
    return {
      id: t.id,
      kind: t.kind,
      label: t.label,
      hint: t.hint ?? null,
      unit: t.kind === 'count' ? unit : null,
      tone: t.tone ?? 'plain',
      metric: t.metric,
      value: figure,
    };
  });
}

export async function overview(deps: DashboardDeps, resolved: { place: Place; breadcrumb: Place[] }, tiles: readonly TileDefinition[], now: Date): Promise<DashboardOverview> {
  const { place } = resolved;
  const [figures, kids] = await Promise.all([tileFigures(deps, tiles, place.scope, now), children(deps, place)]);
  return {
    place: publicPlace(place),
    breadcrumb: resolved.breadcrumb.map(publicPlace),
    children: kids,
    tiles: figures,
    asOf: now.toISOString(),
  };
}

/** Sums of some metrics of one scope per day (or month) since a day, split by dimension when asked. */
async function series(db: Db, scope: string, metrics: readonly string[], since: string) {
  return rows<{ metric: string; day: string; dim: string; value: number }>(
    db,
    sql`select metric, to_char(day, 'YYYY-MM-DD') as day, dim, value::int as value from metric_value
        where scope = ${scope} and metric in ${list(metrics)} and day >= ${since}::date`,
  );
}

export async function trend(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardTrend> {
  const found = await series(deps.db, place.scope, ['tickets.reported', 'tickets.closed'], localDate(now, 29));
  const sum = new Map<string, number>();
  for (const r of found) sum.set(`${r.metric}:${r.day}`, (sum.get(`${r.metric}:${r.day}`) ?? 0) + r.value);
  return {
    days: Array.from({ length: 30 }, (_, i) => {
      const day = localDate(now, 29 - i);
      return { day, reported: sum.get(`tickets.reported:${day}`) ?? 0, closed: sum.get(`tickets.closed:${day}`) ?? 0 };
    }),
  };
}

/** Reported tickets per top-level category this month and the two before. */
export async function categories(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardCategories> {
  const since = monthStart(now, 2);
  const [counts, all] = await Promise.all([series(deps.db, place.scope, ['tickets.reported_by_category'], since), categoryTree(deps.db)]);
  const byId = new Map(all.map((c) => [c.id, c]));
  const top = new Map<string, { categoryId: string; code: string; name: string; count: number }>();
  for (const { dim, value } of counts) {
    let c = byId.get(dim);
    while (c?.parentId && byId.has(c.parentId)) c = byId.get(c.parentId);
    if (!c || value === 0) continue;
    const entry = top.get(c.id) ?? { categoryId: c.id, code: c.code, name: c.name, count: 0 };
    entry.count += value;
    top.set(c.id, entry);
  }
  return { since, items: [...top.values()].filter((c) => c.count !== 0).sort((a, b) => b.count - a.count) };
}

/** Departments by on-time rate on this place's tickets, this month and last. */
export async function departments(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardDepartments> {
  const found = await series(deps.db, place.scope, ['tickets.assigned', 'tickets.assignments_done', 'tickets.assignments_on_time'], monthStart(now, 1));
  const byDepartment = new Map<string, { assigned: number; done: number; onTime: number }>();
  for (const r of found) {
    const d = byDepartment.get(r.dim) ?? { assigned: 0, done: 0, onTime: 0 };
    if (r.metric === 'tickets.assigned') d.assigned += r.value;
    else if (r.metric === 'tickets.assignments_done') d.done += r.value;
    else d.onTime += r.value;
    byDepartment.set(r.dim, d);
  }
  const names = await departmentNames(deps.db, [...byDepartment.keys()]);
  const items = [...byDepartment]
    .filter(([id, r]) => names.has(id) && (r.assigned !== 0 || r.done !== 0))
    .map(([id, r]) => ({ departmentId: id, name: names.get(id)!, assigned: r.assigned, done: r.done, onTime: r.onTime, onTimeRate: rate(r.onTime, r.done) }));
  return { items: items.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.done - a.done) };
}

/** The grids under the place by on-time rate this month and last: the best and the worst ten. */
export async function gridRanking(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardGridRanking> {
  const [months, figures, grids] = await Promise.all([
    rows<{ scope: string; metric: string; value: number }>(
      deps.db,
      sql`select scope, metric, sum(value)::int as value from metric_value
          where metric in ('tickets.closed_month', 'tickets.closed_on_time_month') and day >= ${monthStart(now, 1)}::date and ${gridScopesUnder(place)}
          group by scope, metric`,
    ).then(byScope),
    gridFigures(deps.db, place, [OPEN, OVERDUE]),
    deps.locator.gridsUnder(place.prefix),
  ]);
  const ranked = grids
    .map(gridPlace)
    .filter((g) => place.kind === 'region' || g.scope === place.scope)
    .map((g) => {
      const m = months.get(g.scope);
      const f = figures.get(g.scope);
      const closed = m?.get('tickets.closed_month') ?? 0;
      return {
        gridId: g.gridId!, code: g.code, name: g.name, closed, onTimeRate: rate(m?.get('tickets.closed_on_time_month') ?? 0, closed),
        openTickets: f?.get(OPEN) ?? 0, overdueTickets: f?.get(OVERDUE) ?? 0,
      };
    })
    .filter((g) => g.onTimeRate !== null)
    .sort((a, b) => b.onTimeRate! - a.onTimeRate! || b.closed - a.closed || a.code.localeCompare(b.code));
  return { grids: ranked.length, best: ranked.slice(0, 10), worst: ranked.slice(-10).reverse() };
}

export async function map(deps: DashboardDeps, place: Place): Promise<DashboardMap> {
  const [grids, figures] = await Promise.all([
    deps.locator.gridsUnder(place.prefix),
    gridFigures(deps.db, place, [RESIDENTS, OPEN, OVERDUE]),
  ]);
  const shown = grids.filter((g) => place.kind === 'region' || g.id === place.gridId);
  let bounds: [number, number, number, number] | null = null;
  const features = shown.map((g) => {
    const f = figures.get(`${g.regionCode}/${g.id}`);
    for (const [lon, lat] of g.coordinates[0]!) {
      bounds = bounds ? [Math.min(bounds[0], lon!), Math.min(bounds[1], lat!), Math.max(bounds[2], lon!), Math.max(bounds[3], lat!)] : [lon!, lat!, lon!, lat!];
    }
    return {
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: g.coordinates },
      properties: { gridId: g.id, code: g.code, name: g.name, residents: f?.get(RESIDENTS) ?? 0, openTickets: f?.get(OPEN) ?? 0, overdueTickets: f?.get(OVERDUE) ?? 0 },
    };
  });
  // The place's own outline and its child regions' (a grid place: its own ring).
  const outlined = place.kind === 'grid' ? [] : [place.regionCode, ...(place.level === 'community' ? [] : childCodes(place.regionCode, shown))];
  const outlines = outlined.map((code) => ({
    type: 'Feature' as const,
    geometry: { type: 'MultiLineString' as const, coordinates: outline(shown.filter((g) => g.regionCode.startsWith(divisionPrefix(code)))) },
    properties: { code, level: levelOf(code), own: code === place.regionCode },
  }));
  return { bounds, outlines: { type: 'FeatureCollection', features: outlines }, grids: { type: 'FeatureCollection', features } };
}

/** The child regions of a region that hold some of the grids (by the grids' community codes). */
function childCodes(code: string, grids: LocatedGrid[]): string[] {
  const next = [2, 4, 6, 9, 12].find((n) => n > divisionPrefix(code).length) ?? 12;
  return [...new Set(grids.map((g) => g.regionCode.slice(0, next).padEnd(12, '0')))].sort();
}

/**
 * The boundary of a set of grids: the edges of their rings that no other grid of the set shares
 * (grids tile their community, so shared edges are inner ones). Grids whose vertices do not meet
 * exactly leave their inner edges in: the outline is then too busy, never wrong.
 */
function outline(grids: LocatedGrid[]): number[][][] {
  const edges = new Map<string, { segment: number[][]; count: number }>();
  for (const g of grids) {
    for (const ring of g.coordinates) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i]!, ring[i + 1]!];
        const key = [a.join(','), b.join(',')].sort().join(';');
        const edge = edges.get(key);
        if (edge) edge.count++;
        else edges.set(key, { segment: [a, b], count: 1 });
      }
    }
  }
  return [...edges.values()].filter((e) => e.count === 1).map((e) => e.segment);
}

const POINT_LIMIT = 2000;

/** The newest points of one map layer under the place (from the module that owns the layer). */
export async function points(deps: DashboardDeps, place: Place, layer: DashboardPointLayer): Promise<DashboardPoints> {
  const limit = POINT_LIMIT + 1;
  const under = { prefix: place.prefix, gridId: place.gridId };
  const found =
    layer === 'open' || layer === 'overdue'
      ? await openTicketPoints(deps.db, under, layer === 'overdue', limit)
      : layer === 'places'
        ? await keyPlacePoints(deps.db, under, limit)
        : await facilityPoints(deps.db, under, limit);
  return { layer, limit: POINT_LIMIT, truncated: found.length > POINT_LIMIT, points: found.slice(0, POINT_LIMIT) };
}
