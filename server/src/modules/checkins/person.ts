/**
 * The person key of a check-in and the one-letter codes the table keeps. A key is a uuid: the
 * resident's id when the person is matched to the register (by the keyed hash of the document
 * number, as the registers keep it), the portal account's id when a resident account checked in
 * on the portal, else the first 16 bytes of that keyed hash (the same document always gives the
 * same key, and the number cannot be read back from it).
 */
import type { CheckinSource, PersonKind } from '@gridgov/contracts';

export const PERSON_CODES: Record<PersonKind, string> = { resident: 'r', account: 'a', document: 'd' };
export const SOURCE_CODES: Record<CheckinSource, string> = { portal: 'p', feed: 'f', gate: 'g' };

const invert = <K extends string>(codes: Record<K, string>) => Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k])) as Record<string, K>;
const PERSON_OF = invert(PERSON_CODES);
const SOURCE_OF = invert(SOURCE_CODES);

export const personKindOf = (code: string): PersonKind => PERSON_OF[code] ?? 'document';
export const sourceOf = (code: string): CheckinSource => SOURCE_OF[code] ?? 'feed';

/** The key of a person known only by a document: the keyed hash's first 16 bytes as a uuid. */
export function documentKey(hash: Buffer): string {
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
