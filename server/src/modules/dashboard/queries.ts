/**
 * The dashboard's reads: a place (a region or a grid) within the viewer's scope, its figures from
 * the maintained aggregates (aggregates.ts), its children and its map. Each read touches a few
 * aggregate rows by key; only the grid ranking and the map cover every grid under the place.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
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
  type DashboardTrend,
} from '@gridgov/contracts';
import { CHINA_OFFSET_MS, chinaDay } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree } from '../../platform/scope.js';
// eslint-disable-next-line gridgov/module-boundaries -- TODO(issue 11): being moved to the owner's exported functions
import { department } from '../departments/tables.js';
import type { GridLocator, LocatedGrid } from '../grids/grid-index.js';
// eslint-disable-next-line gridgov/module-boundaries -- TODO(issue 11): being moved to the owner's exported functions
import { region } from '../regions/tables.js';
// eslint-disable-next-line gridgov/module-boundaries -- TODO(issue 11): being moved to the owner's exported functions
import { facility, venue } from '../registers/tables.js';
// eslint-disable-next-line gridgov/module-boundaries -- TODO(issue 11): being moved to the owner's exported functions
import { ticketCategory } from '../tickets/tables.js';

export interface DashboardDeps {
  db: Db;
  locator: GridLocator;
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

async function currentRegions(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await db.select({ code: region.code, name: region.name }).from(region).where(and(inArray(region.code, codes), isNull(region.validTo)));
  return new Map(found.map((r) => [r.code, r.name]));
}

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

interface NowRow {
  scope: string;
  open_tickets: number;
  overdue_tickets: number;
  residents: number;
  households: number;
  grid_workers: number;
  pending_summonses: number;
}

async function nowRows(db: Db, scopes: string[]): Promise<Map<string, NowRow>> {
  if (scopes.length === 0) return new Map();
  const found = await rows<NowRow>(db, sql`select * from dash_now where scope in ${sql`(${sql.join(scopes.map((s) => sql`${s}`), sql`, `)})`}`);
  return new Map(found.map((r) => [r.scope, r]));
}

/** Grid scopes under a place: `<community code>/<grid id>` with the place's prefix. */
const gridScopesUnder = (place: Place) => (place.kind === 'grid' ? sql`scope = ${place.scope}` : sql`scope like ${`${place.prefix}%/%`}`);

/** The first day of the month `monthsBack` months before this one (China Standard Time). */
function monthStart(now: Date, monthsBack: number): string {
  const d = new Date(now.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 1000 : null);

async function children(deps: DashboardDeps, place: Place): Promise<DashboardChild[]> {
  if (place.kind === 'grid') return [];
  let places: Place[];
  if (place.level === 'community') {
    places = (await deps.locator.gridsUnder(place.prefix)).filter((g) => g.regionCode === place.code).map(gridPlace);
  } else {
    const found = await deps.db
      .select({ code: region.code, name: region.name })
      .from(region)
      .where(and(eq(region.parentCode, place.code), isNull(region.validTo)))
      .orderBy(asc(region.code));
    places = found.map((r) => regionPlace(r.code, r.name));
  }
  const figures = await nowRows(deps.db, places.map((p) => p.scope));
  return places.map((p) => {
    const f = figures.get(p.scope);
    return { place: publicPlace(p), residents: f?.residents ?? 0, openTickets: f?.open_tickets ?? 0, overdueTickets: f?.overdue_tickets ?? 0 };
  });
}

export function publicPlace(p: Place): DashboardPlace {
  return { kind: p.kind, code: p.code, gridId: p.gridId, name: p.name, level: p.level };
}

export async function overview(deps: DashboardDeps, resolved: { place: Place; breadcrumb: Place[] }, now: Date): Promise<DashboardOverview> {
  const { place } = resolved;
  const [figures, days, kids] = await Promise.all([
    nowRows(deps.db, [place.scope]),
    rows<{ today: number; closed: number; on_time: number; rated: number; rating_sum: number }>(
      deps.db,
      sql`select coalesce(sum(reported) filter (where day = ${chinaDay(now)}::date), 0)::int as today,
            coalesce(sum(closed), 0)::int as closed, coalesce(sum(closed_on_time), 0)::int as on_time,
            coalesce(sum(rated), 0)::int as rated, coalesce(sum(rating_sum), 0)::int as rating_sum
          from dash_day where scope = ${place.scope} and day > ${chinaDay(now, 30)}::date`,
    ),
    children(deps, place),
  ]);
  const f = figures.get(place.scope);
  const d = days[0]!;
  return {
    place: publicPlace(place),
    breadcrumb: resolved.breadcrumb.map(publicPlace),
    children: kids,
    kpis: {
      residents: f?.residents ?? 0,
      households: f?.households ?? 0,
      gridWorkers: f?.grid_workers ?? 0,
      ticketsToday: d.today,
      openTickets: f?.open_tickets ?? 0,
      overdueTickets: f?.overdue_tickets ?? 0,
      onTimeRate: rate(d.on_time, d.closed),
      satisfaction: d.rated > 0 ? Math.round((100 * d.rating_sum) / d.rated) / 100 : null,
      pendingSummonses: f?.pending_summonses ?? 0,
    },
    asOf: now.toISOString(),
  };
}

export async function trend(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardTrend> {
  const found = await rows<{ day: string; reported: number; closed: number }>(
    deps.db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, reported, closed from dash_day where scope = ${place.scope} and day > ${chinaDay(now, 30)}::date`,
  );
  const byDay = new Map(found.map((r) => [r.day, r]));
  return {
    days: Array.from({ length: 30 }, (_, i) => {
      const day = chinaDay(now, 29 - i);
      return { day, reported: byDay.get(day)?.reported ?? 0, closed: byDay.get(day)?.closed ?? 0 };
    }),
  };
}

/** Reported tickets per top-level category this month and the two before. */
export async function categories(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardCategories> {
  const since = monthStart(now, 2);
  const [counts, all] = await Promise.all([
    rows<{ category_id: string; n: number }>(
      deps.db,
      sql`select category_id, sum(reported)::int as n from dash_category_month where scope = ${place.scope} and month >= ${since}::date group by category_id`,
    ),
    deps.db.select({ id: ticketCategory.id, code: ticketCategory.code, name: ticketCategory.name, parentId: ticketCategory.parentId }).from(ticketCategory),
  ]);
  const byId = new Map(all.map((c) => [c.id, c]));
  const top = new Map<string, { categoryId: string; code: string; name: string; count: number }>();
  for (const { category_id, n } of counts) {
    let c = byId.get(category_id);
    while (c?.parentId && byId.has(c.parentId)) c = byId.get(c.parentId);
    if (!c || n === 0) continue;
    const entry = top.get(c.id) ?? { categoryId: c.id, code: c.code, name: c.name, count: 0 };
    entry.count += n;
    top.set(c.id, entry);
  }
  return { since, items: [...top.values()].sort((a, b) => b.count - a.count) };
}

/** Departments by on-time rate on this place's tickets, this month and last. */
export async function departments(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardDepartments> {
  const found = await rows<{ department_id: string; name: string; assigned: number; done: number; on_time: number }>(
    deps.db,
    sql`select m.department_id, d.name, sum(m.assigned)::int as assigned, sum(m.done)::int as done, sum(m.on_time)::int as on_time
        from dash_department_month m join ${department} d on d.id = m.department_id
        where m.scope = ${place.scope} and m.month >= ${monthStart(now, 1)}::date
        group by m.department_id, d.name`,
  );
  const items = found
    .filter((r) => r.assigned !== 0 || r.done !== 0)
    .map((r) => ({ departmentId: r.department_id, name: r.name, assigned: r.assigned, done: r.done, onTime: r.on_time, onTimeRate: rate(r.on_time, r.done) }));
  return { items: items.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.done - a.done) };
}

/** The grids under the place by on-time rate this month and last: the best and the worst ten. */
export async function gridRanking(deps: DashboardDeps, place: Place, now: Date): Promise<DashboardGridRanking> {
  const [months, figures, grids] = await Promise.all([
    rows<{ scope: string; closed: number; on_time: number }>(
      deps.db,
      sql`select scope, sum(closed)::int as closed, sum(closed_on_time)::int as on_time from dash_month
          where month >= ${monthStart(now, 1)}::date and ${gridScopesUnder(place)} group by scope`,
    ),
    rows<{ scope: string; open_tickets: number; overdue_tickets: number }>(deps.db, sql`select scope, open_tickets, overdue_tickets from dash_now where ${gridScopesUnder(place)}`),
    deps.locator.gridsUnder(place.prefix),
  ]);
  const byScope = new Map(months.map((m) => [m.scope, m]));
  const now_ = new Map(figures.map((f) => [f.scope, f]));
  const ranked = grids
    .map(gridPlace)
    .filter((g) => place.kind === 'region' || g.scope === place.scope)
    .map((g) => {
      const m = byScope.get(g.scope);
      const f = now_.get(g.scope);
      return { gridId: g.gridId!, code: g.code, name: g.name, closed: m?.closed ?? 0, onTimeRate: rate(m?.on_time ?? 0, m?.closed ?? 0), openTickets: f?.open_tickets ?? 0, overdueTickets: f?.overdue_tickets ?? 0 };
    })
    .filter((g) => g.onTimeRate !== null)
    .sort((a, b) => b.onTimeRate! - a.onTimeRate! || b.closed - a.closed || a.code.localeCompare(b.code));
  return { grids: ranked.length, best: ranked.slice(0, 10), worst: ranked.slice(-10).reverse() };
}

export async function map(deps: DashboardDeps, place: Place): Promise<DashboardMap> {
  const [grids, figures] = await Promise.all([
    deps.locator.gridsUnder(place.prefix),
    rows<{ scope: string; residents: number; open_tickets: number; overdue_tickets: number }>(
      deps.db,
      sql`select scope, residents, open_tickets, overdue_tickets from dash_now where ${gridScopesUnder(place)}`,
    ),
  ]);
  const byScope = new Map(figures.map((f) => [f.scope, f]));
  const shown = grids.filter((g) => place.kind === 'region' || g.id === place.gridId);
  let bounds: [number, number, number, number] | null = null;
  const features = shown.map((g) => {
    const f = byScope.get(`${g.regionCode}/${g.id}`);
    for (const [lon, lat] of g.coordinates[0]!) {
      bounds = bounds ? [Math.min(bounds[0], lon!), Math.min(bounds[1], lat!), Math.max(bounds[2], lon!), Math.max(bounds[3], lat!)] : [lon!, lat!, lon!, lat!];
    }
    return {
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: g.coordinates },
      properties: { gridId: g.id, code: g.code, name: g.name, residents: f?.residents ?? 0, openTickets: f?.open_tickets ?? 0, overdueTickets: f?.overdue_tickets ?? 0 },
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

/** The newest points of one map layer under the place. */
export async function points(deps: DashboardDeps, place: Place, layer: DashboardPointLayer): Promise<DashboardPoints> {
  const under = `${place.prefix}%`;
  const inGrid = (column: ReturnType<typeof sql>) => (place.gridId ? sql`and ${column} = ${place.gridId}` : sql``);
  const limit = POINT_LIMIT + 1;
  let found: { id: string; lon: number; lat: number; label: string; emergency: boolean }[];
  switch (layer) {
    case 'open':
    case 'overdue':
      found = await rows(
        deps.db,
        sql`select id, lon, lat, number as label, emergency from ticket
            where status in ('reported', 'accepted', 'dispatched', 'handling', 'reported_back') and region_code like ${under}
              and lon is not null ${layer === 'overdue' ? sql`and overdue` : sql``} ${inGrid(sql`grid_id`)}
            order by created_at desc limit ${limit}`,
      );
      break;
    case 'places':
      found = await rows(
        deps.db,
        sql`select id, lon, lat, name as label, false as emergency from ${venue}
            where key_place and deleted_at is null and region_code like ${under} and lon is not null ${inGrid(sql`grid_id`)}
            order by name limit ${limit}`,
      );
      break;
    case 'facilities':
      found = await rows(
        deps.db,
        sql`select id, lon, lat, coalesce(name, kind) as label, false as emergency from ${facility}
            where deleted_at is null and region_code like ${under} ${inGrid(sql`grid_id`)}
            order by code limit ${limit}`,
      );
      break;
  }
  return { layer, limit: POINT_LIMIT, truncated: found.length > POINT_LIMIT, points: found.slice(0, POINT_LIMIT) };
}

