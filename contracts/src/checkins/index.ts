/**
 * Venue check-ins (场所码登记): each venue of the registers has a code (a QR on a poster);
 * residents check in and out on the portal, and check-ins arrive in bulk from feeds and access
 * gates (the import kind `checkin`). Where a person was and when is personal data: a resident
 * sees only their own, staff read a venue's in scope, masked, with a purpose, audited.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

/** The import kind of check-ins (`POST /api/imports?register=checkin`). */
export const CHECKIN_IMPORT_KIND = 'checkin';

/** How a check-in came: the portal (a resident scanned the code), a partner's feed, an access gate. */
export const CHECKIN_SOURCES = ['portal', 'feed', 'gate'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];

/** Who the person key names: a resident of the register, a portal account not matched to one, a document not matched to one. */
export const PERSON_KINDS = ['resident', 'account', 'document'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** A venue code as posters print it ('V' and 10 characters); a scanned URL's code is taken out by the portal. */
export const venueCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^V[0-9A-Z]{10}$/, 'a venue code'));

export const checkinRequest = z.strictObject({ venueCode });
export type CheckinRequest = z.infer<typeof checkinRequest>;

export const venueCodeQuery = z.strictObject({ code: venueCode });

/** The venue behind a code, as a resident sees it before checking in. */
export const checkinVenue = z.object({ code: z.string(), name: z.string(), address: z.string().nullable() });
export type CheckinVenue = z.infer<typeof checkinVenue>;

/** One of a resident's own check-ins. */
export const ownCheckin = z.object({
  venueCode: z.string(),
  venueName: z.string(),
  checkedInAt: z.string(),
  /** Null while open (at most one is open, and only today). */
  checkedOutAt: z.string().nullable(),
  source: z.enum(CHECKIN_SOURCES),
});
export type OwnCheckin = z.infer<typeof ownCheckin>;

export const ownCheckins = z.object({ current: ownCheckin.nullable(), recent: z.array(ownCheckin) });
export type OwnCheckins = z.infer<typeof ownCheckins>;

const day = z.iso.date();

/** A venue's check-ins (staff), between two local days; a purpose is required and audited. */
export const venueCheckinQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  purpose: z.string().trim().min(2).max(200).optional(),
  ...pageQuery,
});
export type VenueCheckinQuery = z.infer<typeof venueCheckinQuery>;

/** A check-in as staff see it: the person masked. */
export const venueCheckin = z.object({
  personKind: z.enum(PERSON_KINDS),
  /** A masked name (registered residents, portal accounts) or null (a document only). */
  personMasked: z.string().nullable(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  source: z.enum(CHECKIN_SOURCES),
});
export type VenueCheckin = z.infer<typeof venueCheckin>;

export const venueIdParams = z.strictObject({ id: uuid });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';
