/** Buildings (楼栋): points on the map that hold dwellings. */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type Building } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { gridRecordInScope } from '../../platform/scope.js';
import { shapedRows, type RegisterSpec } from './engine.js';
import { presentBase } from './references.js';
import { plainFields } from './contact-phone.js';
import { textSearch } from './name-search.js';
import { building, dwelling } from './tables.js';

export type BuildingRow = typeof building.$inferSelect;

export const buildingSpec: RegisterSpec<BuildingRow, Building> = {
  kind: 'building',
  table: building,
  rows: (db, where, o) => shapedRows(db.select().from(building).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(building).set(set).where(eq(building.id, id)),
  access: REGISTER_ACCESS.building,
  aboutPeople: false,
  orderBy: sql`${building.name}, ${building.id}`,
  unmaskable: {},
  point: { lon: building.lon, lat: building.lat, name: sql<string>`${building.name}`, kind: building.kind },

  async toColumns(_deps, _ctx, input) {
    return plainFields(input, ['name', 'kind', 'address', 'floors', 'units', 'lon', 'lat', 'notes'] as const) as Partial<BuildingRow>;
  },

  filters(_deps, q) {
    return [q.q ? textSearch(q.q, { name: building.name, address: building.address }) : undefined, q.kind ? eq(building.kind, q.kind) : undefined];
  },

  async onDelete(tx, row) {
    const [used] = await tx.select({ n: count() }).from(dwelling).where(and(eq(dwelling.buildingId, row.id), isNull(dwelling.deletedAt)));
    if (Number(used?.n ?? 0) > 0) throw new AppError('REGISTER_IN_USE', { dwellings: Number(used?.n) });
  },

  async present(deps, rows) {
    const ids = rows.map((r) => r.id);
    const [base, counts] = await Promise.all([
      presentBase(deps.db, rows),
      ids.length
        ? deps.db
            .select({ buildingId: dwelling.buildingId, n: count() })
            .from(dwelling)
            .where(and(inArray(dwelling.buildingId, ids), isNull(dwelling.deletedAt)))
            .groupBy(dwelling.buildingId)
        : Promise.resolve([]),
    ]);
    const dwellings = new Map(counts.map((c) => [c.buildingId, Number(c.n)]));
    return rows.map((r) => ({
      ...base.get(r.id)!,
      name: r.name,
      kind: r.kind as Building['kind'],
      address: r.address,
      floors: r.floors,
      units: r.units,
      dwellingCount: dwellings.get(r.id) ?? 0,
      lon: r.lon,
      lat: r.lat,
      notes: r.notes,
    }));
  },
};

/** The live buildings in the actor's scope as places to match addresses against: name, address and grid. */
export async function buildingPlacesInScope(db: Db, actor: Actor): Promise<Array<{ name: string; address: string | null; gridId: string }>> {
  return db
    .select({ name: building.name, address: building.address, gridId: building.gridId })
    .from(building)
    .where(and(isNull(building.deletedAt), gridRecordInScope(actor, building.regionCode, building.gridId)));
}
