/**
 * What other modules may know of residents they hold a reason to know (the key-persons
 * archive): name, masked ID number, birth date and place, by id. The caller checks its own
 * scope and permissions; nothing here is shown to anyone by itself. Deleted residents are left out.
 */
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { resident } from './tables.js';

export interface ResidentFacts {
  id: string;
  name: string;
  idMasked: string;
  birthDate: string | null;
  sex: string | null;
  gridId: string;
  regionCode: string;
}

export async function residentFacts(db: Db, ids: readonly string[]): Promise<Map<string, ResidentFacts>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: resident.id, name: resident.name, idMasked: resident.idMasked, birthDate: resident.birthDate, sex: resident.sex, gridId: resident.gridId, regionCode: resident.regionCode })
    .from(resident)
    .where(and(inArray(resident.id, [...new Set(ids)]), isNull(resident.deletedAt)));
  return new Map(found.map((r) => [r.id, r]));
}

/** Some live residents of some grids with their tags, by name (the demo picks key persons from them). */
export async function residentsInGrids(db: Db, gridIds: readonly string[], limit: number): Promise<(ResidentFacts & { tags: string[] })[]> {
  if (gridIds.length === 0) return [];
  return db
    .select({ id: resident.id, name: resident.name, idMasked: resident.idMasked, birthDate: resident.birthDate, sex: resident.sex, gridId: resident.gridId, regionCode: resident.regionCode, tags: resident.tags })
    .from(resident)
    .where(and(inArray(resident.gridId, [...gridIds]), isNull(resident.deletedAt)))
    .orderBy(resident.id)
    .limit(limit);
}

/** The other live members of each resident's household (resident id -> mates' ids). */
export async function householdMates(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const mates = new Map<string, string[]>();
  if (ids.length === 0) return mates;
  const found = await rows<{ resident_id: string; mate_id: string }>(
    db,
    sql`select m.resident_id, o.resident_id as mate_id
        from household_member m join household_member o on o.household_id = m.household_id and o.resident_id <> m.resident_id
        join resident r on r.id = o.resident_id and r.deleted_at is null
        where m.resident_id in (${sql.join([...new Set(ids)].map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  for (const f of found) mates.set(f.resident_id, [...(mates.get(f.resident_id) ?? []), f.mate_id]);
  return mates;
}
