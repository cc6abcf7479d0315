/**
 * Turning personal data into its stored form: validated, normalised, encrypted, hashed for
 * exact search, and masked for display. The same functions serve the API, imports and search.
 */
import { maskIdNumber, maskPhone, validateContactPhone, validateIdNumber, type ErrorCode } from '@gridgov/contracts';
import type { PiiField, PiiVault } from '../../platform/pii/vault.js';

export interface Protected {
  cipher: Buffer;
  hash: Buffer;
  masked: string;
}

export function protect(vault: PiiVault, field: PiiField, normalized: string): Protected {
  const masked = field === 'id_number' ? maskIdNumber(normalized) : maskPhone(normalized);
  return { cipher: vault.encrypt(field, normalized), hash: vault.hash(field, normalized), masked };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; reason?: string };

export interface CheckedIdentity {
  idNumber: string;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
}

/**
 * An identity document: an ID card is checked against GB 11643 and gives the birth date and sex
 * (which must agree with any given); other documents are upper-cased and kept as given.
 */
export function checkIdentity(
  idType: string,
  idNumber: string,
  given: { birthDate?: string | null; sex?: string | null },
  today: Date,
): Checked<CheckedIdentity> {
  if (idType !== 'id_card') {
    const value = idNumber.trim().toUpperCase();
    if (!/^[A-Z0-9-]{5,40}$/.test(value)) return { ok: false, code: 'ID_NUMBER_INVALID', reason: 'format' };
    return { ok: true, value: { idNumber: value, birthDate: given.birthDate ?? null, sex: given.sex === 'male' || given.sex === 'female' ? given.sex : null } };
  }
  const result = validateIdNumber(idNumber.trim(), today);
  if (!result.ok) return { ok: false, code: 'ID_NUMBER_INVALID', reason: result.reason };
  if ((given.birthDate && given.birthDate !== result.birthDate) || (given.sex && given.sex !== result.sex)) {
    return { ok: false, code: 'ID_NUMBER_BIRTH_DATE_MISMATCH' };
  }
  return { ok: true, value: { idNumber: result.normalized, birthDate: result.birthDate, sex: result.sex } };
}

export function checkPhone(phone: string): Checked<string> {
  const value = validateContactPhone(phone);
  return value ? { ok: true, value } : { ok: false, code: 'PHONE_INVALID' };
}
