/** The contact phone of venues and organisations: protected like a resident's phone. */
import type { PiiVault } from '../../platform/pii/vault.js';
import { AppError } from '../../platform/errors.js';
import { checkPhone, protect } from './personal-data.js';
import { emptyToNull } from './resident-columns.js';

export interface ContactPhoneColumns {
  contactPhoneCipher: Buffer | null;
  contactPhoneHash: Buffer | null;
  contactPhoneMasked: string | null;
}

export function contactPhoneColumns(vault: PiiVault, value: unknown): ContactPhoneColumns | Record<string, never> {
  if (value === undefined) return {};
  const phone = emptyToNull(value as string | null);
  if (phone === null) return { contactPhoneCipher: null, contactPhoneHash: null, contactPhoneMasked: null };
  const checked = checkPhone(phone);
  if (!checked.ok) throw new AppError('PHONE_INVALID', { fields: [{ field: 'contactPhone', code: 'PHONE_INVALID' }] });
  const p = protect(vault, 'phone', checked.value);
  return { contactPhoneCipher: p.cipher, contactPhoneHash: p.hash, contactPhoneMasked: p.masked };
}

/** Copies the given plain fields, turning blank strings into null. */
export function plainFields<K extends string>(input: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  for (const key of keys) if (input[key] !== undefined) out[key] = emptyToNull(input[key]);
  return out;
}
