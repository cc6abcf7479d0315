/** The register list query from a record page's filters, and which personal data a record holds (pure). */
import type { RegisterFilters, UnmaskField } from '../../../api/registers';
import type { FilterQuery } from '../../../shared/record-page/types';
import { isResidentTag } from './resident-tag';

/** The register list query from the filters (the contract's types: a tag is a known tag, and so on). */
export function toRegisterFilters(query: FilterQuery): RegisterFilters {
  const { tag, keyPlace } = query;
  return {
    region: query.region,
    gridId: query.gridId,
    q: query.q,
    idNumber: query.idNumber,
    phone: query.phone,
    kind: query.kind,
    tag: tag !== undefined && isResidentTag(tag) ? tag : undefined,
    status: query.status,
    keyPlace: keyPlace === 'true' || keyPlace === 'false' ? keyPlace : undefined,
    buildingId: query.buildingId,
  };
}

/** Where each unmaskable field shows masked on a record. */
const MASKED: Record<UnmaskField, string> = { idNumber: 'idNumberMasked', phone: 'phoneMasked', contactPhone: 'contactPhoneMasked' };

/** The personal data this record actually holds (no button for a phone that was never given). */
export function heldFields(record: object, fields: readonly UnmaskField[]): UnmaskField[] {
  const values = new Map(Object.entries(record));
  return fields.filter((field) => {
    const value = values.get(MASKED[field]);
    return typeof value === 'string' && value !== '';
  });
}

export function isUnmaskField(field: string): field is UnmaskField {
  return Object.prototype.hasOwnProperty.call(MASKED, field);
}
