/**
 * The parties of a register's answers turned into stored rows: the document number and phone
 * encrypted, hashed (the same keyed hash as the registers for a resident ID card, so the
 * repeat-parties warning and any cross-match count a person, never the number) and masked.
 */
import { maskIdNumber } from '@gridgov/contracts';
import type { PiiVault } from '../../platform/pii/vault.js';
import { protect } from '../registers/personal-data.js';
import type { DisputePartyRow } from './tables.js';

export const RESIDENT_ID_CARD = '111';

type Answer = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Another document's number: its kind and its first and last two characters. */
export function maskDocument(value: string): string {
  return value.length <= 4 ? '*'.repeat(value.length) : `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

export function partyRows(vault: PiiVault, disputeId: string, parties: readonly Answer[]): DisputePartyRow[] {
  return parties.map((p, i) => {
    const idType = str(p.id_type) ?? RESIDENT_ID_CARD;
    const number = idType === RESIDENT_ID_CARD ? str(p.id_number) : str(p.doc_number)?.toUpperCase() ?? null;
    const id = number ? { cipher: vault.encrypt('id_number', number), hash: vault.hash('id_number', idType === RESIDENT_ID_CARD ? number : `${idType}:${number}`), masked: idType === RESIDENT_ID_CARD ? maskIdNumber(number) : maskDocument(number) } : null;
    const phone = str(p.phone) ? protect(vault, 'phone', str(p.phone)!) : null;
    return {
      disputeId,
      seq: i + 1,
      name: str(p.name) ?? '',
      partyCategory: str(p.party_category) ?? 'person',
      idType,
      idCipher: id?.cipher ?? null,
      idHash: id?.hash ?? null,
      idMasked: id?.masked ?? null,
      sex: str(p.sex),
      ethnicGroup: str(p.ethnic_group),
      education: str(p.education),
      phoneCipher: phone?.cipher ?? null,
      phoneMasked: phone?.masked ?? null,
      address: str(p.address),
    };
  });
}
