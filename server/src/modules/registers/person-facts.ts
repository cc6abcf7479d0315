/**
 * What other modules may know of residents they hold a reason to know (the key-persons
 * archive): name, masked ID number, birth date and place, by id. The caller checks its own
 * scope and permissions; nothing here is shown to anyone by itself. Deleted residents are left out.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
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
