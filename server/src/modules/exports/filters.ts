/**
 * The filters of an export are kept with it, shown back in every response and written to the
 * audit log. An exact ID-number or phone filter is personal data: it is stored encrypted (the
 * job needs it to select the rows) and shown masked everywhere.
 */
import { exportFilters, maskIdNumber, maskPhone } from '@gridgov/contracts';
import type { z } from 'zod';
import type { PiiField, PiiVault } from '../../platform/pii/vault.js';

export type ExportFilters = z.infer<typeof exportFilters>;

const PERSONAL = { idNumber: 'id_number', phone: 'phone' } as const satisfies Partial<Record<keyof ExportFilters, PiiField>>;
type PersonalKey = keyof typeof PERSONAL;
const PERSONAL_KEYS = Object.keys(PERSONAL) as PersonalKey[];

/** As stored in export_request.filters: personal values masked, with their ciphertexts under `sealed`. */
export interface StoredFilters extends Record<string, unknown> {
  sealed?: Partial<Record<PersonalKey, string>>;
}

export function sealFilters(vault: PiiVault, filters: ExportFilters): StoredFilters {
  const stored: StoredFilters = { ...filters };
  const sealed: Partial<Record<PersonalKey, string>> = {};
  for (const key of PERSONAL_KEYS) {
    const value = filters[key];
    if (!value) continue;
    stored[key] = key === 'idNumber' ? maskIdNumber(value) : maskPhone(value);
    sealed[key] = vault.encrypt(PERSONAL[key], value).toString('base64');
  }
  if (Object.keys(sealed).length > 0) stored.sealed = sealed;
  return stored;
}

/** The filters to select rows with (personal values decrypted). */
export function openFilters(vault: PiiVault, stored: StoredFilters): ExportFilters {
  const { sealed, ...shown } = stored;
  const open: Record<string, unknown> = { ...shown };
  for (const key of PERSONAL_KEYS) {
    const cipher = sealed?.[key];
    if (cipher) open[key] = vault.decrypt(PERSONAL[key], Buffer.from(cipher, 'base64'));
  }
  return exportFilters.parse(open);
}

/** The filters as responses and audit entries show them (personal values masked). */
export function shownFilters(stored: StoredFilters): Record<string, unknown> {
  const { sealed: _sealed, ...shown } = stored;
  return shown;
}
