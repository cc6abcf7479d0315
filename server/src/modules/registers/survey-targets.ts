/**
 * The households a survey campaign visits, as a SQL set for the campaigns' set-based task
 * generation (INSERT ... SELECT in batches): the live households of a region's subtree, those with
 * a resident carrying a tag, those with a member in a set of residents, or those of a list (ids matched beforehand by number). Rows come in
 * id order after a cursor, so a generation that stopped resumes where it left off. Also where
 * the tasks' households are, for the grid worker's map.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { rows } from '../../platform/db/client.js';
import { building, dwelling, household, householdMember, resident } from './tables.js';

/** `residents`: the households with a member in that set of resident ids (a `select`). */
export type HouseholdTarget = { kind: 'region' } | { kind: 'tag'; tag: string } | { kind: 'residents'; residents: SQL } | { kind: 'ids'; ids: readonly string[] };

/**
 * `select id, grid_id, region_code, number, address` of the target's households under the prefix,
 * with id > after, in id order, at most `limit`.
 */
export function targetHouseholds(prefix: string, target: HouseholdTarget, after: string | null, limit: number): SQL {
  const filter =
    target.kind === 'tag'
      ? sql`and exists (select 1 from ${householdMember} m join ${resident} r on r.id = m.resident_id where m.household_id = h.id and r.deleted_at is null and ${target.tag} = any(r.tags))`
      : target.kind === 'residents'
        ? sql`and h.id in (select m.household_id from ${householdMember} m where m.resident_id in (${target.residents}))`
      : target.kind === 'ids'
        ? sql`and h.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(target.ids)}::jsonb))`
        : sql``;
  return sql`select h.id, h.grid_id, h.region_code, h.number, h.address from ${household} h
    where h.deleted_at is null and h.region_code like ${`${prefix}%`} ${after ? sql`and h.id > ${after}::uuid` : sql``} ${filter}
    order by h.id limit ${limit}`;
}

/** Household numbers to ids within a prefix (a number may be reused across grids: every match counts). */
export async function householdsByNumber(db: Db, prefix: string, numbers: readonly string[]): Promise<{ id: string; number: string }[]> {
  if (numbers.length === 0) return [];
  return rows<{ id: string; number: string }>(
    db,
    sql`select h.id, h.number from ${household} h
        where h.deleted_at is null and h.region_code like ${`${prefix}%`} and h.number in (select jsonb_array_elements_text(${JSON.stringify([...new Set(numbers)])}::jsonb))`,
  );
}

/**
 * Where households are, for the grid worker's map of survey tasks: the point of each household's
 * building (household -> dwelling -> building), for the ids given only (the caller passes the
 * households of the tasks it may already show). Households without a dwelling or a placed
 * building are left out.
 */
export async function householdPoints(db: Db, ids: readonly string[]): Promise<Map<string, { lon: number; lat: number }>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; lon: number; lat: number }>(
    db,
    sql`select h.id, b.lon, b.lat from ${household} h
        join ${dwelling} d on d.id = h.dwelling_id and d.deleted_at is null
        join ${building} b on b.id = d.building_id and b.deleted_at is null
        where h.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))
          and b.lon is not null and b.lat is not null`,
  );
  return new Map(found.map((r) => [r.id, { lon: Number(r.lon), lat: Number(r.lat) }]));
}
