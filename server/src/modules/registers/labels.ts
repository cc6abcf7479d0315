/**
 * Chinese labels of the registers' coded values, from the one place they are declared
 * (`REGISTER_ENUM_LABELS` in the contracts, which the console shows too): what exports write and
 * what imports read back (an import also accepts the codes themselves and common synonyms).
 */
import { ENUM_LABELS } from '@gridgov/contracts';

type RegisterEnum = keyof typeof ENUM_LABELS;

/** The Chinese label of each value of one enum. */
function chinese<N extends RegisterEnum>(name: N): Record<keyof (typeof ENUM_LABELS)[N], string> {
  return Object.fromEntries(Object.entries(ENUM_LABELS[name]).map(([value, label]) => [value, (label as { zh: string }).zh])) as Record<keyof (typeof ENUM_LABELS)[N], string>;
}

export const ID_TYPE_LABELS = chinese('idType');
export const RESIDENT_KIND_LABELS = chinese('residentKind');
export const SEX_LABELS = chinese('sex');
export const TAG_LABELS = chinese('tag');
export const HOUSEHOLD_KIND_LABELS = chinese('householdKind');
export const RELATION_LABELS = chinese('relation');
export const BUILDING_KIND_LABELS = chinese('buildingKind');
export const DWELLING_USE_LABELS = chinese('dwellingUse');
export const VENUE_KIND_LABELS = chinese('venueKind');
export const FACILITY_KIND_LABELS = chinese('facilityKind');
export const FACILITY_STATUS_LABELS = chinese('facilityStatus');
export const ORGANIZATION_KIND_LABELS = chinese('organizationKind');
