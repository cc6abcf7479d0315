/** Public facilities (部件): street lights, manhole covers, cameras, gates, as points. */
import { eq, or, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type Facility } from '@gridgov/contracts';
import { shapedRows, type RegisterSpec } from './engine.js';
import { presentBase } from './references.js';
import { plainFields } from './contact-phone.js';
import { textSearch } from './name-search.js';
import { facility } from './tables.js';

export type FacilityRow = typeof facility.$inferSelect;

export const facilitySpec: RegisterSpec<FacilityRow, Facility> = {
  kind: 'facility',
  table: facility,
  rows: (db, where, o) => shapedRows(db.select().from(facility).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(facility).set(set).where(eq(facility.id, id)),
  access: REGISTER_ACCESS.facility,
  aboutPeople: false,
  orderBy: sql`${facility.code}, ${facility.id}`,
  unmaskable: {},
  point: { lon: facility.lon, lat: facility.lat, name: sql<string>`coalesce(${facility.name}, ${facility.code})`, kind: facility.kind },

  async toColumns(_deps, _ctx, input) {
    return plainFields(input, ['kind', 'code', 'name', 'lon', 'lat', 'status', 'department', 'notes'] as const) as Partial<FacilityRow>;
  },

  filters(_deps, q) {
    return [
      q.q ? or(textSearch(q.q, { name: facility.code }), textSearch(q.q, { name: facility.name })) : undefined,
      q.kind ? eq(facility.kind, q.kind) : undefined,
      q.status ? eq(facility.status, q.status) : undefined,
    ];
  },

  async present(deps, rows) {
    const base = await presentBase(deps.db, rows);
    return rows.map((r) => ({
      ...base.get(r.id)!,
      kind: r.kind as Facility['kind'],
      code: r.code,
      name: r.name,
      lon: r.lon,
      lat: r.lat,
      status: r.status as Facility['status'],
      department: r.department,
      notes: r.notes,
    }));
  },
};
