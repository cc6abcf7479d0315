/** Reads of the region tree, always within the caller's scope (its subtree and the path above it). */
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { divisionPrefix, type Region } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, regionInScope } from '../../platform/scope.js';
import { gridCountsUnder } from '../grids/queries.js';
import { levelName, levelNumber } from './levels.js';
import { region } from './tables.js';
import { containing } from '../../platform/db/like.js';

/** A region is visible if it lies in the actor's subtree or on the path down to it. */
function visible(actor: Actor): SQL {
  const above = ancestorCodes(actor.regionCode);
  return above.length ? sql`(${regionInScope(actor, region.code)} or ${inArray(region.code, above)})` : regionInScope(actor, region.code);
}

const childCountSql = sql<number>`(select count(*)::int from region c where c.parent_code = "region"."code" and c.valid_to is null)`;

const COLUMNS = {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    validFrom: region.validFrom,
    validTo: region.validTo,
  childCount: childCountSql,
};

type Row = { code: string; name: string; level: number; parentCode: string | null; validFrom: string; validTo: string | null; childCount: number };

/** Regions as the API shows them, with the live grids under each that lie in the actor's scope. */
async function present(db: Db, actor: Actor, found: Row[]): Promise<Region[]> {
  const counts = await gridCountsUnder(db, actor, found.map((r) => divisionPrefix(r.code)));
  return found.map((row) => ({ ...row, level: levelName(row.level), childCount: Number(row.childCount), gridCount: counts.get(divisionPrefix(row.code)) ?? 0 }));
}

export async function listChildRegions(db: Db, actor: Actor, parentCode: string | null, includeRevoked: boolean): Promise<Region[]> {
  const where = [visible(actor)];
  if (parentCode === null) where.push(eq(region.code, actor.regionCode));
  else {
    await getRegion(db, actor, parentCode);
    where.push(eq(region.parentCode, parentCode));
  }
  if (!includeRevoked) where.push(isNull(region.validTo));
  const result = await db.select(COLUMNS).from(region).where(and(...where)).orderBy(asc(region.code), asc(region.validFrom));
  return present(db, actor, result);
}

/** The current (or, if revoked, the latest) version of a region, with its path from the top. */
export async function getRegion(db: Db, actor: Actor, code: string): Promise<Region & { path: Region[] }> {
  const [row] = await db
    .select(COLUMNS)
    .from(region)
    .where(and(eq(region.code, code), visible(actor)))
    .orderBy(sql`${region.validTo} is null desc`, sql`${region.validFrom} desc`)
    .limit(1);
  if (!row) throw notFound();
  const ancestors: string[] = [];
  for (let parent = row.parentCode; parent; ) {
    ancestors.unshift(parent);
    const [p] = await db.select({ parentCode: region.parentCode }).from(region).where(eq(region.code, parent)).limit(1);
    parent = p?.parentCode ?? null;
  }
  const above = ancestors.length ? await db.select(COLUMNS).from(region).where(and(inArray(region.code, ancestors), isNull(region.validTo))) : [];
  const [self, ...path] = await present(db, actor, [row, ...above]);
  path.sort((a, b) => divisionPrefix(a.code).length - divisionPrefix(b.code).length);
  return { ...self!, path };
}

/** Names of regions by code (current versions), for presenting other records. */
export async function regionNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const result = await db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(inArray(region.code, unique))
    .orderBy(sql`${region.validTo} is null`);
  return new Map(result.map((r) => [r.code, r.name]));
}

/** A current region by code, or null: for other modules' checks. */
export async function findCurrentRegion(db: Db, code: string): Promise<{ code: string; name: string; level: number } | null> {
  const [row] = await db
    .select({ code: region.code, name: region.name, level: region.level })
    .from(region)
    .where(and(eq(region.code, code), isNull(region.validTo)))
    .limit(1);
  return row ?? null;
}

/** Codes of the current regions at some levels (e.g. every city, county and township). */
export async function currentRegionCodes(db: Db, levels: readonly Region['level'][]): Promise<string[]> {
  const found = await db
    .select({ code: region.code })
    .from(region)
    .where(and(inArray(region.level, levels.map(levelNumber)), isNull(region.validTo)))
    .orderBy(asc(region.code));
  return found.map((r) => r.code);
}

/** Names of the current regions among some codes (a revoked code is left out). */
export async function currentRegionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await db.select({ code: region.code, name: region.name }).from(region).where(and(inArray(region.code, [...new Set(codes)]), isNull(region.validTo)));
  return new Map(found.map((r) => [r.code, r.name]));
}

/** The current regions one level under a region, by code. */
export async function currentChildRegions(db: Db, parentCode: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(and(eq(region.parentCode, parentCode), isNull(region.validTo)))
    .orderBy(asc(region.code));
}

/** Current counties, townships and communities whose name holds the text: within the actor's subtree, or any for the public (null). */
export async function regionsNamed(db: Db, actor: Actor | null, text: string, limit: number): Promise<{ code: string; name: string; parentCode: string | null }[]> {
  return db
    .select({ code: region.code, name: region.name, parentCode: region.parentCode })
    .from(region)
    .where(and(isNull(region.validTo), sql`${region.level} >= 3`, sql`${region.name} ilike ${containing(text)}`, actor ? regionInScope(actor, region.code) : undefined))
    .orderBy(asc(region.level), asc(region.code))
    .limit(limit);
}
