/** Organisations (单位): enterprises, shops, social organisations, government units, with employees. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, validateCreditCode, type Organization } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import { shapedRows, type RegisterSpec } from './engine.js';
import { presentBase, residentNames } from './references.js';
import { contactPhoneColumns, plainFields } from './contact-phone.js';
import { emptyToNull } from './resident-columns.js';
import { textSearch } from './name-search.js';
import { organization, organizationEmployee } from './tables.js';

export type OrganizationRow = typeof organization.$inferSelect;

function creditCodeColumn(value: unknown): { creditCode?: string | null } {
  if (value === undefined) return {};
  const given = emptyToNull(value as string | null);
  if (given === null) return { creditCode: null };
  const code = validateCreditCode(given);
  if (!code) throw new AppError('CREDIT_CODE_INVALID', { fields: [{ field: 'creditCode', code: 'CREDIT_CODE_INVALID' }] });
  return { creditCode: code };
}

export const organizationSpec: RegisterSpec<OrganizationRow, Organization> = {
  kind: 'organization',
  table: organization,
  rows: (db, where, o) => shapedRows(db.select().from(organization).where(where).$dynamic(), o).execute(),
  update: (db, id, set) => db.update(organization).set(set).where(eq(organization.id, id)),
  access: REGISTER_ACCESS.organization,
  // Its employees are people, by name.
  aboutPeople: true,
  orderBy: sql`${organization.name}, ${organization.id}`,
  unmaskable: { contactPhone: { stored: (r) => r.contactPhoneCipher, field: 'phone' } },
  point: { lon: organization.lon, lat: organization.lat, name: sql<string>`${organization.name}`, kind: organization.kind },

  async toColumns(deps, _ctx, input) {
    return {
      ...plainFields(input, ['name', 'kind', 'legalRepresentative', 'contactName', 'address', 'lon', 'lat', 'notes'] as const),
      ...creditCodeColumn(input.creditCode),
      ...contactPhoneColumns(deps.vault, input.contactPhone),
    } as Partial<OrganizationRow>;
  },

  filters(_deps, q) {
    return [
      q.q ? textSearch(q.q, { name: organization.name, address: organization.address }) : undefined,
      q.kind ? eq(organization.kind, q.kind) : undefined,
    ];
  },

  async present(deps, rows) {
    const ids = rows.map((r) => r.id);
    const employees = ids.length
      ? await deps.db.select().from(organizationEmployee).where(inArray(organizationEmployee.organizationId, ids)).orderBy(asc(organizationEmployee.joinedAt))
      : [];
    const [base, people] = await Promise.all([presentBase(deps.db, rows), residentNames(deps.db, employees.map((e) => e.residentId))]);
    return rows.map((r) => ({
      ...base.get(r.id)!,
      name: r.name,
      kind: r.kind as Organization['kind'],
      creditCode: r.creditCode,
      legalRepresentative: r.legalRepresentative,
      contactName: r.contactName,
      contactPhoneMasked: r.contactPhoneMasked,
      address: r.address,
      lon: r.lon,
      lat: r.lat,
      notes: r.notes,
      employees: employees
        .filter((e) => e.organizationId === r.id)
        .map((e) => ({ residentId: e.residentId, name: people.get(e.residentId)?.name ?? '', position: e.position, isContact: e.isContact })),
    }));
  },

  async onDelete(tx, row) {
    await tx.delete(organizationEmployee).where(eq(organizationEmployee.organizationId, row.id));
  },
};
