/**
 * Residential compounds as other modules see them (gate access records): a building or a venue
 * of the registers, with its name, community and grid; and which residents exist. Read through
 * these functions, never the registers' tables.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { building, resident, venue } from './tables.js';

export type CompoundType = 'building' | 'venue';

export interface Compound {
  type: CompoundType;
  id: string;
  name: string;
  regionCode: string;
  gridId: string;
}

/** Live compounds by `${type}:${id}`; ids it does not know (or deleted ones) are left out. */
export async function compoundsByIds(db: Db, refs: readonly { type: CompoundType; id: string }[]): Promise<Map<string, Compound>> {
  const out = new Map<string, Compound>();
  for (const [type, table] of [['building', building], ['venue', venue]] as const) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
    if (ids.length === 0) continue;
    const found = await db
      .select({ id: table.id, name: table.name, regionCode: table.regionCode, gridId: table.gridId })
      .from(table)
      .where(and(inArray(table.id, ids), isNull(table.deletedAt)));
    for (const c of found) out.set(`${type}:${c.id}`, { type, ...c });
  }
  return out;
}

/** The residents among `ids` that exist (not deleted). */
export async function liveResidentIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db.select({ id: resident.id }).from(resident).where(and(inArray(resident.id, [...new Set(ids)]), isNull(resident.deletedAt)));
  return new Set(found.map((r) => r.id));
}

/** A few live buildings of each grid and residents living in that grid, for the demo's gate records. */
export async function buildingsAndResidentsOfGrids(db: Db, gridIds: readonly string[], perGrid: number): Promise<{ gridId: string; buildingId: string; residentIds: string[] }[]> {
  const out = [];
  for (const gridId of gridIds) {
    const [b] = await db.select({ id: building.id }).from(building).where(and(eq(building.gridId, gridId), isNull(building.deletedAt))).orderBy(building.name).limit(1);
    if (!b) continue;
    const people = await db.select({ id: resident.id }).from(resident).where(and(eq(resident.gridId, gridId), isNull(resident.deletedAt))).orderBy(resident.id).limit(perGrid);
    out.push({ gridId, buildingId: b.id, residentIds: people.map((p) => p.id) });
  }
  return out;
}
