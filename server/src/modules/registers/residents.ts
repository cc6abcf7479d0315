/** The resident register (人口): registered, floating and overseas residents. */
import { and, arrayContains, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, validateContactPhone, validateIdNumber, type Resident } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { RegisterDeps } from './deps.js';
import { shapedRows, scopeWhere, type RegisterSpec } from './engine.js';
import { underRegion } from '../../platform/scope.js';
import { residentColumns, type ResidentRow } from './resident-columns.js';
import { unwrap } from './field-errors.js';
import { assertReference, dwellingLabels, presentBase } from './references.js';
import { textSearch } from './name-search.js';
import { dwelling, householdMember, organizationEmployee, resident } from './tables.js';

export const residentSpec: RegisterSpec<ResidentRow, Resident> = {
  kind: 'resident',
  table: resident,
  rows: (db, where, o) => shapedRows(db.select().from(resident).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(resident).set(set).where(eq(resident.id, id)),
  access: REGISTER_ACCESS.resident,
  aboutPeople: true,
  orderBy: sql`${resident.name}, ${resident.id}`,
  unmaskable: { idNumber: { stored: (r) => r.idCipher, field: 'id_number' }, phone: { stored: (r) => r.phoneCipher, field: 'phone' } },

  async toColumns(deps, ctx, input, current) {
    if (input.dwellingId !== undefined) await assertReference(deps.db, ctx.actor, dwelling, input.dwellingId as string | null, 'dwellingId');
    return unwrap(residentColumns(deps.vault, input, current, ctx.clock.now()));
  },

  filters(deps, q) {
    const id = q.idNumber ? (validateIdNumber(q.idNumber).ok ? q.idNumber.toUpperCase() : q.idNumber.trim().toUpperCase()) : null;
    const phone = q.phone ? (validateContactPhone(q.phone) ?? q.phone.trim()) : null;
    return [
      q.q ? textSearch(q.q, { name: resident.name, address: resident.address, initials: resident.nameInitials, pinyin: resident.namePinyin }) : undefined,
      id ? eq(resident.idHash, deps.vault.hash('id_number', id)) : undefined,
      phone ? eq(resident.phoneHash, deps.vault.hash('phone', phone)) : undefined,
      q.kind ? eq(resident.kind, q.kind) : undefined,
      q.tag ? arrayContains(resident.tags, [q.tag]) : undefined,
    ];
  },

  async present(deps, rows) {
    const ids = rows.map((r) => r.id);
    const [base, labels, memberships] = await Promise.all([
      presentBase(deps.db, rows),
      dwellingLabels(deps.db, rows.map((r) => r.dwellingId)),
      ids.length
        ? deps.db.select({ residentId: householdMember.residentId, householdId: householdMember.householdId }).from(householdMember).where(inArray(householdMember.residentId, ids))
        : Promise.resolve([]),
    ]);
    const householdOf = new Map(memberships.map((m) => [m.residentId, m.householdId]));
    return rows.map((r) => ({
      ...base.get(r.id)!,
      name: r.name,
      idType: r.idType as Resident['idType'],
      idNumberMasked: r.idMasked,
      phoneMasked: r.phoneMasked,
      sex: r.sex as Resident['sex'],
      birthYear: birthYearOf(r.birthDate),
      kind: r.kind as Resident['kind'],
      nationality: r.nationality,
      ethnicity: r.ethnicity,
      registeredAddress: r.registeredAddress,
      address: r.address,
      dwellingId: r.dwellingId,
      dwellingLabel: r.dwellingId ? (labels.get(r.dwellingId) ?? null) : null,
      householdId: householdOf.get(r.id) ?? null,
      tags: r.tags,
      notes: r.notes,
    }));
  },

  async onDelete(tx, row) {
    await tx.delete(householdMember).where(eq(householdMember.residentId, row.id));
    await tx.delete(organizationEmployee).where(eq(organizationEmployee.residentId, row.id));
  },
};

/** '1990-05-17' -> 1990: lists and details show no more of a birth date (docs/personal-data.md). */
export function birthYearOf(birthDate: string | null): number | null {
  return birthDate ? Number(birthDate.slice(0, 4)) : null;
}

/** Residents per grid in the actor's scope (optionally under a region), for the map. */
export async function residentGridCounts(deps: RegisterDeps, actor: Actor, region?: string): Promise<{ gridId: string; count: number }[]> {
  const found = await deps.db
    .select({ gridId: resident.gridId, count: count() })
    .from(resident)
    .where(and(isNull(resident.deletedAt), scopeWhere(actor, resident), region ? underRegion(resident.regionCode, region) : undefined))
    .groupBy(resident.gridId);
  return found.map((f) => ({ gridId: f.gridId, count: Number(f.count) }));
}
