/**
 * The watch list (布控名单, M7 智能感知): plates and ID numbers that GA/T 1400 captures are matched
 * against. The value is entered once and kept only as a keyed hash; what anyone sees afterwards is
 * a hint (`**A123` for a plate, `**2X` for an ID number), the officer's label, the level that
 * receives the warnings, the severity and whether the entry is active.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { validateIdNumber } from '../id-number.js';
import { WARNING_SEVERITIES } from '../warnings/index.js';

export { WATCHLIST_PERMISSIONS } from './permissions.js';
export { WATCHLIST_AUDIT_ACTIONS } from './audit.js';
export { WATCHLIST_ERRORS } from './errors.js';
export { WATCHLIST_ENUM_LABELS } from './labels.js';
export { WATCHLIST_MESSAGES } from './messages.js';

export const WATCH_KINDS = ['plate', 'id_number'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** A plate as captures and entries compare it: upper case, without spaces or the separators printed on plates (`湘A·12345`). */
export function normalizePlate(plate: string): string {
  return plate.normalize('NFKC').toUpperCase().replace(/[\s·•.\-_]/g, '');
}

/** A plate after normalising: 5-10 Chinese characters, letters or digits (湘J12345, 湘JD12345, 使014578, WJ湘12345). */
export const PLATE_PATTERN = /^[\p{Script=Han}A-Z0-9]{5,10}$/u;

/** An ID number as captures and entries compare it: upper case, no spaces. */
export function normalizeIdNumber(id: string): string {
  return id.normalize('NFKC').toUpperCase().replace(/\s/g, '');
}

/** The normalised value of an entry, or null when it is not a valid plate or ID number. */
export function normalizeWatchValue(kind: WatchKind, value: string, today: Date = new Date()): string | null {
  if (kind === 'plate') {
    const plate = normalizePlate(value);
    return PLATE_PATTERN.test(plate) ? plate : null;
  }
  const checked = validateIdNumber(normalizeIdNumber(value), today);
  return checked.ok ? checked.normalized : null;
}

/**
 * What is shown of a value: its last four characters for a plate (`**A123`), its last two for an ID
 * number (`**2X`, no more than the platform's ID mask shows).
 */
export function watchHint(kind: WatchKind, normalized: string): string {
  return `**${normalized.slice(kind === 'plate' ? -4 : -2)}`;
}

export const watchEntryRequest = z.strictObject({
  kind: z.enum(WATCH_KINDS),
  /** The plate or ID number, once: never stored or answered in clear. */
  value: z.string().trim().min(1).max(32),
  label: z.string().trim().min(1).max(100),
  /** The region whose level receives the warnings of a hit (in the creator's scope). */
  regionCode: divisionCode,
  severity: z.enum(WARNING_SEVERITIES),
  /** Null: until deactivated. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type WatchEntryRequest = z.input<typeof watchEntryRequest>;

export const watchEntry = z.object({
  id: z.string(),
  kind: z.enum(WATCH_KINDS),
  hint: z.string(),
  label: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  severity: z.enum(WARNING_SEVERITIES),
  active: z.boolean(),
  /** Active and not past its expiry: captures are matched against it. */
  matching: z.boolean(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WatchEntry = z.infer<typeof watchEntry>;

/** Filters by kind, state and label text, never by value: nothing answers "is this plate on the list". */
export const watchEntryListQuery = z.strictObject({
  kind: z.enum(WATCH_KINDS).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(64).optional(),
  ...pageQuery,
});
export type WatchEntryListQuery = z.input<typeof watchEntryListQuery>;
export const watchEntryIdParams = z.object({ id: uuid });
