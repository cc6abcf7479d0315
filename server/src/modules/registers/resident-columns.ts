/**
 * A resident's stored columns from input: the one place where identity documents and phones are
 * checked, normalised and protected. Used by the API (create, update) and by imports alike.
 */
import type { PiiVault } from '../../platform/pii/vault.js';
import type { resident } from './tables.js';
import { checkIdentity, checkPhone, protect } from './personal-data.js';
import type { FieldError, RowResult } from './field-errors.js';
import { nameKeys } from './name-search.js';

export type ResidentRow = typeof resident.$inferSelect;
export type ResidentColumns = Partial<ResidentRow>;

export interface ResidentFields {
  name?: string;
  idType?: string;
  idNumber?: string;
  phone?: string | null;
  kind?: string;
  nationality?: string | null;
  ethnicity?: string | null;
  registeredAddress?: string | null;
  address?: string | null;
  dwellingId?: string | null;
  tags?: string[];
  notes?: string | null;
  birthDate?: string | null;
  sex?: string | null;
}

const PLAIN = ['kind', 'nationality', 'ethnicity', 'registeredAddress', 'address', 'dwellingId', 'notes'] as const;

/** Columns for the fields present in `input`; `current` is the stored row for an update. */
export function residentColumns(vault: PiiVault, input: ResidentFields, current: ResidentRow | null, today: Date): RowResult<ResidentColumns> {
  const errors: FieldError[] = [];
  const out: ResidentColumns = {};
  if (input.name !== undefined) Object.assign(out, { name: input.name, ...keys(input.name) });
  for (const key of PLAIN) if (input[key] !== undefined) Object.assign(out, { [key]: emptyToNull(input[key]) });
  if (input.tags !== undefined) out.tags = [...new Set(input.tags)].sort();

  const idType = input.idType ?? current?.idType ?? 'id_card';
  if (input.idNumber !== undefined || input.idType !== undefined) {
    if (input.idNumber === undefined) {
      errors.push({ field: 'idNumber', code: 'ID_NUMBER_INVALID', reason: 'required' });
    } else {
      const identity = checkIdentity(idType, input.idNumber, { birthDate: input.birthDate, sex: input.sex }, today);
      if (identity.ok) {
        const id = protect(vault, 'id_number', identity.value.idNumber);
        Object.assign(out, { idType, idCipher: id.cipher, idHash: id.hash, idMasked: id.masked, birthDate: identity.value.birthDate, sex: identity.value.sex });
      } else {
        errors.push({ field: 'idNumber', code: identity.code, reason: identity.reason });
      }
    }
  } else if (current && (input.birthDate !== undefined || input.sex !== undefined)) {
    // The number is unchanged: an ID card fixes birth date and sex.
    const fixed = idType === 'id_card';
    if (fixed && ((input.birthDate !== undefined && input.birthDate !== current.birthDate) || (input.sex !== undefined && input.sex !== current.sex))) {
      errors.push({ field: input.birthDate !== undefined ? 'birthDate' : 'sex', code: 'ID_NUMBER_BIRTH_DATE_MISMATCH' });
    } else if (!fixed) {
      if (input.birthDate !== undefined) out.birthDate = input.birthDate;
      if (input.sex !== undefined) out.sex = input.sex;
    }
  }

  if (input.phone !== undefined) {
    const phone = emptyToNull(input.phone);
    if (phone === null) {
      Object.assign(out, { phoneCipher: null, phoneHash: null, phoneMasked: null });
    } else {
      const checked = checkPhone(phone);
      if (checked.ok) {
        const p = protect(vault, 'phone', checked.value);
        Object.assign(out, { phoneCipher: p.cipher, phoneHash: p.hash, phoneMasked: p.masked });
      } else {
        errors.push({ field: 'phone', code: checked.code });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

function keys(name: string): { namePinyin: string; nameInitials: string } {
  const k = nameKeys(name);
  return { namePinyin: k.pinyin, nameInitials: k.initials };
}

export function emptyToNull<T>(value: T | null | undefined): T | null {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : value;
}
