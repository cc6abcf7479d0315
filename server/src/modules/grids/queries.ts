/** Reads of grids, scoped: the actor's subtree, and only their own grid for grid workers. */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { divisionPrefix, type Grid, type PolygonGeometry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { gridRecordInScope } from '../../platform/scope.js';
import { gridAccounts } from '../../platform/accounts/accounts.js';
import { rows } from '../../platform/db/client.js';
import { regionNames } from '../regions/queries.js';
import { grid } from './tables.js';
import { interiorPoint, type GeoJsonPolygon } from '../../platform/geo/polygon.js';
import { containing } from '../../platform/db/like.js';

function filters(actor: Actor, q: { region?: string; q?: string }): SQL | undefined {
  return and(
    isNull(grid.deletedAt),
    gridRecordInScope(actor, grid.regionCode, grid.id),
    q.region ? sql`${grid.regionCode} like ${divisionPrefix(q.region) + '%'}` : undefined,
    q.q ? or(ilike(grid.name, `%${q.q}%`), ilike(grid.code, `${q.q}%`)) : undefined,
  );
}

type GridRow = typeof grid.$inferSelect;

async function present(db: Db, rows: GridRow[]): Promise<Grid[]> {
  const ids = rows.map((r) => r.id);
  const [names, workers] = await Promise.all([regionNames(db, rows.map((r) => r.regionCode)), gridAccounts(db, 'grid:work', ids)]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? '',
    boundary: r.boundary as PolygonGeometry,
    targetHouseholds: r.targetHouseholds,
    workers: workers.filter((w) => w.gridId === r.id).map((w) => ({ id: w.id, displayName: w.displayName })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function listGrids(
  db: Db,
  actor: Actor,
  q: { region?: string; q?: string; page: number; pageSize: number },
): Promise<{ items: Grid[]; total: number; page: number; pageSize: number }> {
  const where = filters(actor, q);
  const [rows, [count]] = await Promise.all([
    db.select().from(grid).where(where).orderBy(asc(grid.code)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(grid).where(where),
  ]);
  return { items: await present(db, rows), total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getGrid(db: Db, actor: Actor, id: string): Promise<Grid> {
  const [row] = await db
    .select()
    .from(grid)
    .where(and(eq(grid.id, id), isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id)));
  if (!row) throw notFound();
  const [presented] = await present(db, [row]);
  return presented!;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: PolygonGeometry;
    properties: { id: string; code: string; name: string; regionCode: string; targetHouseholds: number };
  }[];
}

export async function gridsGeoJson(db: Db, actor: Actor, regionCode?: string): Promise<GridFeatureCollection> {
  const rows = await db
    .select({ id: grid.id, code: grid.code, name: grid.name, regionCode: grid.regionCode, boundary: grid.boundary, targetHouseholds: grid.targetHouseholds })
    .from(grid)
    .where(filters(actor, { region: regionCode }))
    .orderBy(asc(grid.code));
  return {
    type: 'FeatureCollection',
    features: rows.map(({ boundary, ...properties }) => ({
      type: 'Feature',
      id: properties.id,
      geometry: boundary as PolygonGeometry,
      properties,
    })),
  };
}

export interface GridRef {
  id: string;
  name: string;
  regionCode: string;
}

/** Live grids by id that the actor may see; for other modules attaching records to grids. */
export async function gridsInScope(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, GridRef>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: grid.id, name: grid.name, regionCode: grid.regionCode })
    .from(grid)
    .where(and(inArray(grid.id, [...new Set(ids)]), isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id)));
  return new Map(found.map((g) => [g.id, g]));
}

/** A live grid by id, whatever the caller's scope (for checks that compare it with a scope). */
export async function liveGrid(db: Db, id: string): Promise<GridRef | null> {
  const [found] = await db.select({ id: grid.id, name: grid.name, regionCode: grid.regionCode }).from(grid).where(and(eq(grid.id, id), isNull(grid.deletedAt)));
  return found ?? null;
}

/**
 * The live grids in the actor's scope whose name or code matches a text, by code: only their
 * names and codes and where they are (an account form's grid picker; nothing of the registers).
 */
export async function gridOptions(db: Db, actor: Actor, text: string | undefined, limit = 30): Promise<{ id: string; code: string; name: string; regionName: string }[]> {
  const q = text?.trim().replace(/[\\%_]/g, '');
  const found = await db
    .select({ id: grid.id, code: grid.code, name: grid.name, regionCode: grid.regionCode })
    .from(grid)
    .where(filters(actor, { q: q || undefined }))
    .orderBy(asc(grid.code))
    .limit(limit);
  const names = await regionNames(db, found.map((g) => g.regionCode));
  return found.map((g) => ({ id: g.id, code: g.code, name: g.name, regionName: names.get(g.regionCode) ?? '' }));
}

/** A subquery: the ids of the grids whose name contains the text (a search other modules filter their rows with; their own scope still applies). */
export function gridIdsNamedLike(text: string): SQL {
  return sql`(select ${grid.id} from ${grid} where ${grid.name} ilike ${containing(text)})`;
}

/** Live grids under some regions (by significant prefix), counted per prefix within the actor's scope. */
export async function gridCountsUnder(db: Db, actor: Actor, prefixes: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(prefixes)];
  if (unique.length === 0) return new Map();
  const found = await rows<{ prefix: string; n: number }>(
    db,
    sql`select p.prefix, count(g.id)::int as n from unnest(string_to_array(${unique.join(',')}, ',')) as p(prefix)
        left join ${grid} g on g.deleted_at is null and g.region_code like p.prefix || '%' and ${gridRecordInScope(actor, sql`g.region_code`, sql`g.id`)}
        group by p.prefix`,
  );
  return new Map(found.map((f) => [f.prefix, Number(f.n)]));
}

/** Names of grids by id (deleted grids included), for presenting records that point at them. */
export async function gridNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: grid.id, name: grid.name }).from(grid).where(inArray(grid.id, [...new Set(ids)]));
  return new Map(found.map((g) => [g.id, g.name]));
}

/** Every live grid's id by code, e.g. for imports that name grids by code. */
export async function gridsByCode(db: Db, actor: Actor, codes: readonly string[]): Promise<Map<string, GridRef>> {
  if (codes.length === 0) return new Map();
  const found = await db
    .select({ id: grid.id, code: grid.code, name: grid.name, regionCode: grid.regionCode })
    .from(grid)
    .where(and(inArray(grid.code, [...new Set(codes)]), isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id)));
  return new Map(found.map(({ code, ...g }) => [code, g]));
}

export type LonLatBounds = [[number, number], [number, number]];

/** The bounds of the live grids under a region prefix that the actor may see (all of them for the public, null). */
export async function gridBoundsUnder(db: Db, actor: Actor | null, prefix: string): Promise<LonLatBounds | null> {
  const [found] = await db
    .select({ w: sql<number | null>`min(${grid.minLon})`, s: sql<number | null>`min(${grid.minLat})`, e: sql<number | null>`max(${grid.maxLon})`, n: sql<number | null>`max(${grid.maxLat})` })
    .from(grid)
    .where(and(isNull(grid.deletedAt), sql`${grid.regionCode} like ${prefix + '%'}`, actor ? gridRecordInScope(actor, grid.regionCode, grid.id) : undefined));
  if (!found || found.w === null || found.s === null || found.e === null || found.n === null) return null;
  return [[Number(found.w), Number(found.s)], [Number(found.e), Number(found.n)]];
}

/** A point inside the first live grid (by code) under the prefix in the actor's scope. */
export async function gridPointUnder(db: Db, actor: Actor | null, prefix: string): Promise<[number, number] | null> {
  const [found] = await db
    .select({ boundary: grid.boundary })
    .from(grid)
    .where(and(isNull(grid.deletedAt), sql`${grid.regionCode} like ${prefix + '%'}`, actor ? gridRecordInScope(actor, grid.regionCode, grid.id) : undefined))
    .orderBy(asc(grid.code))
    .limit(1);
  return found ? interiorPoint((found.boundary as GeoJsonPolygon).coordinates) : null;
}

/** Live grids in the actor's scope whose name holds the text, with their bounds and a point inside. */
export async function gridsNamed(db: Db, actor: Actor, text: string, limit: number): Promise<(GridRef & { bounds: LonLatBounds; point: [number, number] })[]> {
  const found = await db
    .select({ id: grid.id, name: grid.name, regionCode: grid.regionCode, boundary: grid.boundary, w: grid.minLon, s: grid.minLat, e: grid.maxLon, n: grid.maxLat })
    .from(grid)
    .where(and(isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id), ilike(grid.name, containing(text))))
    .orderBy(asc(grid.code))
    .limit(limit);
  return found.map(({ w, s, e, n, boundary, ...ref }) => ({ ...ref, bounds: [[w, s], [e, n]], point: interiorPoint((boundary as GeoJsonPolygon).coordinates) }));
}

/** Live grids in the actor's scope by name (names may repeat across communities: every match is kept). */
export async function gridsByName(db: Db, actor: Actor, names: readonly string[]): Promise<Map<string, GridRef[]>> {
  if (names.length === 0) return new Map();
  const found = await db
    .select({ id: grid.id, name: grid.name, regionCode: grid.regionCode })
    .from(grid)
    .where(and(inArray(grid.name, [...new Set(names)]), isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id)));
  const byName = new Map<string, GridRef[]>();
  for (const g of found) byName.set(g.name, [...(byName.get(g.name) ?? []), g]);
  return byName;
}

/** Live grids in the actor's scope with their boundaries (for placing points). */
export async function gridBoundariesInScope(db: Db, actor: Actor): Promise<Array<GridRef & { boundary: PolygonGeometry }>> {
  const found = await db
    .select({ id: grid.id, name: grid.name, regionCode: grid.regionCode, boundary: grid.boundary })
    .from(grid)
    .where(and(isNull(grid.deletedAt), gridRecordInScope(actor, grid.regionCode, grid.id)));
  return found.map((g) => ({ ...g, boundary: g.boundary as PolygonGeometry }));
}
