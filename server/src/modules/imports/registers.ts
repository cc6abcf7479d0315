/** The import target of every register kind, and their fields. */
import type { RegisterKind } from '@gridgov/contracts';
import type { FieldSpec } from './fields.js';
import type { ImportTarget } from './import-target.js';
import { residentTarget } from './resident-target.js';
import { rowTarget } from './row-target.js';
import { organizationImport, householdImport } from './targets/organisations.js';
import { buildingImport, dwellingImport, facilityImport, venueImport } from './targets/places.js';

export const IMPORT_TARGETS: Record<RegisterKind, ImportTarget> = {
  resident: residentTarget,
  household: rowTarget(householdImport),
  building: rowTarget(buildingImport),
  dwelling: rowTarget(dwellingImport),
  venue: rowTarget(venueImport),
  facility: rowTarget(facilityImport),
  organization: rowTarget(organizationImport),
};

export function importTarget(register: RegisterKind): ImportTarget {
  return IMPORT_TARGETS[register];
}

export function importFields(register: RegisterKind): readonly FieldSpec[] {
  return IMPORT_TARGETS[register]?.fields ?? [];
}

/** The fields of a register's import (every register kind has one). */
export function assertImportable(register: RegisterKind): readonly FieldSpec[] {
  return importTarget(register).fields;
}
