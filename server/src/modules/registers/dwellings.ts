/** Dwellings (房屋): rooms of a building; a dwelling lives in its building's grid. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type Dwelling } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import { shapedRows, scopeWhere, type RegisterSpec } from './engine.js';
import { dwellingLabel, presentBase } from './references.js';
import { plainFields } from './contact-phone.js';
import { building, dwelling } from './tables.js';

export type DwellingRow = typeof dwelling.$inferSelect;

export const dwellingSpec: RegisterSpec<DwellingRow, Dwelling> = {
  kind: 'dwelling',
  table: dwelling,
  rows: (db, where, o) => shapedRows(db.select().from(dwelling).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(dwelling).set(set).where(eq(dwelling.id, id)),
  access: REGISTER_ACCESS.dwelling,
  aboutPeople: false,
  orderBy: sql`${dwelling.buildingId}, ${dwelling.unit} nulls first, ${dwelling.room}, ${dwelling.id}`,
  unmaskable: {},

  async gridOf(deps, ctx, input, current) {
    const buildingId = (input.buildingId as string | undefined) ?? current?.buildingId;
    const [found] = buildingId
      ? await deps.db
          .select({ gridId: building.gridId })
          .from(building)
          .where(and(eq(building.id, buildingId), isNull(building.deletedAt), scopeWhere(ctx.actor, building)))
      : [];
    if (!found) throw new AppError('REGISTER_REFERENCE_INVALID', { fields: [{ field: 'buildingId', code: 'REGISTER_REFERENCE_INVALID' }] });
    return found.gridId;
  },

  async toColumns(_deps, _ctx, input) {
    return plainFields(input, ['buildingId', 'unit', 'floor', 'room', 'area', 'use', 'notes'] as const) as Partial<DwellingRow>;
  },

  filters(_deps, q) {
    return [
      q.buildingId ? eq(dwelling.buildingId, q.buildingId) : undefined,
      q.kind ? eq(dwelling.use, q.kind) : undefined,
      q.q ? sql`${dwelling.room} like ${`${q.q.replace(/[\\%_]/g, '')}%`}` : undefined,
    ];
  },

  async present(deps, rows) {
    const ids = [...new Set(rows.map((r) => r.buildingId))];
    const [base, buildings] = await Promise.all([
      presentBase(deps.db, rows),
      ids.length ? deps.db.select({ id: building.id, name: building.name }).from(building).where(inArray(building.id, ids)) : Promise.resolve([]),
    ]);
    const names = new Map(buildings.map((b) => [b.id, b.name]));
    return rows.map((r) => ({
      ...base.get(r.id)!,
      buildingId: r.buildingId,
      buildingName: names.get(r.buildingId) ?? '',
      unit: r.unit,
      floor: r.floor,
      room: r.room,
      label: dwellingLabel(names.get(r.buildingId) ?? '', r.unit, r.room),
      area: r.area,
      use: r.use as Dwelling['use'],
      notes: r.notes,
    }));
  },
};
