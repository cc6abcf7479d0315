/**
 * Names (of people, places, accounts, grids, departments, categories...) are shown everywhere,
 * compared by eye and sorted: they may hold no character that is invisible or that changes how
 * the text around it displays. Refused, not stripped, so what is stored is what was typed.
 *
 * The server also refuses, in every string of every request, the control characters but tab
 * and line breaks and the bidirectional embeddings, overrides and isolates
 * (`server/src/platform/http/input-guard.ts`); a name further refuses tab, line breaks, the
 * bidirectional marks, zero-width characters, the soft hyphen and line/paragraph separators.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- the point of the pattern is control characters
export const FORBIDDEN_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** A name: trimmed, 1 to `max` characters, nothing invisible or direction-changing. */
export function nameText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !FORBIDDEN_IN_NAMES.test(v), { message: 'contains an invisible, control or text-direction character' });
}
