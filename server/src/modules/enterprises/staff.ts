/** The staff list of an application: employees of the enterprise in the register, checked and presented masked. */
import type { StaffEntry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { organizationEmployees } from '../registers/organization-facts.js';
import type { StaffItem } from './tables.js';

export interface StaffInput {
  residentId: string;
  returning: boolean;
  comingFrom?: string | undefined;
}

/** Checks that every person is an employee of the organisation (once each); the field at fault is named. */
export async function checkedStaff(db: Db, organizationId: string, staff: readonly StaffInput[]): Promise<StaffItem[]> {
  const employees = new Set((await organizationEmployees(db, [organizationId])).map((e) => e.residentId));
  const seen = new Set<string>();
  const fields = staff.flatMap((s, i) => {
    const bad = !employees.has(s.residentId) || seen.has(s.residentId);
    seen.add(s.residentId);
    return bad ? [{ field: `staff.${i}.residentId`, code: 'ENTERPRISE_STAFF_INVALID' }] : [];
  });
  if (fields.length > 0) throw new AppError('ENTERPRISE_STAFF_INVALID', { fields });
  return staff.map((s) => ({ residentId: s.residentId, returning: s.returning, comingFrom: s.returning ? (s.comingFrom?.trim() || null) : null }));
}

/** The staff list as shown: names, masked ID numbers and phones, positions (people no longer employed keep their line). */
export async function presentStaff(db: Db, organizationId: string, staff: readonly StaffItem[]): Promise<StaffEntry[]> {
  const employees = new Map((await organizationEmployees(db, [organizationId])).map((e) => [e.residentId, e]));
  return staff.map((s) => {
    const e = employees.get(s.residentId);
    return { residentId: s.residentId, name: e?.name ?? '', idMasked: e?.idMasked ?? '', phoneMasked: e?.phoneMasked ?? null, position: e?.position ?? null, returning: s.returning, comingFrom: s.comingFrom };
  });
}
