/** The registers' enums, and their labels and the registers' field labels (on the shared label helpers). */
import {
  BUILDING_KINDS,
  DWELLING_USES,
  EXPORT_STATUSES,
  FACILITY_KINDS,
  FACILITY_STATUSES,
  HOUSEHOLD_KINDS,
  HOUSEHOLD_RELATIONS,
  ID_TYPES,
  IMPORT_STATUSES,
  ORGANIZATION_KINDS,
  RESIDENT_KINDS,
  RESIDENT_TAGS,
  VENUE_KINDS,
  TRANSPORT_MODES,
  type RegisterKind,
} from '@gridgov/contracts';
import { hasMessage, type Translate } from '../../../i18n/i18n';
import { enumLabel as labelOf, enumOptions as optionsOf, fieldLabel as labelOfField } from '../../../shared/labels';

export const ENUMS = {
  sex: ['male', 'female'],
  residentKind: RESIDENT_KINDS,
  idType: ID_TYPES,
  tag: RESIDENT_TAGS,
  relation: HOUSEHOLD_RELATIONS,
  householdKind: HOUSEHOLD_KINDS,
  buildingKind: BUILDING_KINDS,
  dwellingUse: DWELLING_USES,
  venueKind: VENUE_KINDS,
  facilityKind: FACILITY_KINDS,
  facilityStatus: FACILITY_STATUSES,
  organizationKind: ORGANIZATION_KINDS,
  importStatus: IMPORT_STATUSES,
  exportStatus: EXPORT_STATUSES,
  /** An arrival's mode of transport (the arrivals import's preview). */
  transportMode: TRANSPORT_MODES,
} as const;

export type EnumName = keyof typeof ENUMS;
export type EnumValue<N extends EnumName> = (typeof ENUMS)[N][number];

/** The label of an enum value; an unknown value is shown as it is. */
export function enumLabel(t: Translate, name: EnumName, value: string | null | undefined): string {
  return labelOf(t, name, value);
}

export function enumOptions<N extends EnumName>(t: Translate, name: N): { value: EnumValue<N>; label: string }[] {
  const values: readonly EnumValue<N>[] = ENUMS[name];
  return optionsOf(t, name, values);
}

/** The label of a register kind, or of another import kind (an arrival); an unknown kind is shown as it is. */
export function registerLabel(t: Translate, kind: string): string {
  const key = `register.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}

/** A field's label, register-specific first ("姓名" for a resident's name, "名称" elsewhere). */
export function fieldLabel(t: Translate, kind: RegisterKind, field: string): string {
  return labelOfField(t, kind, field);
}

/** Which enum a stored field holds, per register (for history values). */
export function fieldEnum(kind: string, field: string): EnumName | null {
  const kinds: Record<string, EnumName | null> = {
    resident: 'residentKind',
    household: 'householdKind',
    building: 'buildingKind',
    dwelling: 'dwellingUse',
    venue: 'venueKind',
    facility: 'facilityKind',
    organization: 'organizationKind',
  };
  switch (field) {
    case 'kind':
      return kinds[kind] ?? null;
    case 'use':
      return 'dwellingUse';
    case 'status':
      return 'facilityStatus';
    case 'idType':
      return 'idType';
    case 'sex':
      return 'sex';
    case 'tags':
      return 'tag';
    case 'relation':
      return 'relation';
    case 'transportMode':
      return 'transportMode';
    default:
      return null;
  }
}
