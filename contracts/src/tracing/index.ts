/**
 * Cases and contacts (病例与密接): suspected and confirmed cases with their onset or sampling date
 * and exposure window, and the contacts found for each with the evidence that made them (same
 * venue at overlapping times, same trip, same household, or named in an interview), close and
 * secondary. The rule that finds them is data, versioned. The chain of transmission is shown by
 * short case numbers only. Personal data: names masked in lists, reads audited, scope as everywhere.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';
import { PERSON_KINDS } from '../checkins/index.js';

export const CASE_STATUSES = ['suspected', 'confirmed', 'excluded', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CONTACT_KINDS = ['venue', 'trip', 'household', 'manual'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
/** Following: under follow-up until `followUntil`; case: the contact became a case. */
export const CONTACT_STATUSES = ['following', 'ended', 'case'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
/** 1: close contact (密切接触者) of the case; 2: secondary (次密接), a close contact's contact. */
export const CONTACT_DEGREES = [1, 2] as const;

const day = z.iso.date();
const note = z.string().trim().min(1).max(500);
const version = { version: z.number().int().min(1) };

/** The rule that finds contacts (as data; each change is a new version). */
export const tracingRule = z.strictObject({
  /** The exposure window opens this many days before the onset (or sampling) date. */
  exposureDaysBefore: z.number().int().min(0).max(21),
  /** Minimum shared minutes at a venue; 0 counts touching stays (one leaves as the other arrives). */
  minOverlapMinutes: z.number().int().min(0).max(240),
  /** Travellers on the same train or flight count when they arrived within this many hours of the case. */
  tripWindowHours: z.number().int().min(1).max(48),
  /** Seat rows either side of the case's that count on the same carriage or flight; null: the whole carriage or flight. */
  seatRows: z.number().int().min(0).max(30).nullable(),
  /** Follow-up lasts this many days after the last exposure. */
  followUpDays: z.number().int().min(1).max(28),
  /** Also find secondary contacts (the close contacts' own venue contacts and households). */
  secondary: z.boolean(),
});
export type TracingRule = z.infer<typeof tracingRule>;
export const DEFAULT_TRACING_RULE: TracingRule = { exposureDaysBefore: 4, minOverlapMinutes: 0, tripWindowHours: 6, seatRows: null, followUpDays: 14, secondary: true };

export const tracingRuleVersion = z.object({ version: z.number().int(), rule: tracingRule, createdAt: z.string().nullable(), createdByName: z.string().nullable() });
export type TracingRuleVersion = z.infer<typeof tracingRuleVersion>;

/** Who the case is: a registered resident, or a person known by name and document. */
export const casePerson = z.union([
  z.strictObject({ residentId: uuid }),
  z.strictObject({ name: z.string().trim().min(1).max(50), idNumber: z.string().trim().min(1).max(40) }),
]);

export const caseCreateRequest = z.strictObject({
  person: casePerson.optional(),
  /** The case is one of a case's contacts (the person, and the source case, come from it). */
  fromContactId: uuid.optional(),
  status: z.enum(['suspected', 'confirmed']),
  onsetDate: day.optional(),
  samplingDate: day.optional(),
  /** Isolated from then on: the exposure window closes there. */
  isolatedAt: z.iso.datetime({ offset: true }).optional(),
  note: note.optional(),
});
export type CaseCreateRequest = z.infer<typeof caseCreateRequest>;

export const CASE_ACTION_INPUTS = {
  confirm: z.strictObject({ ...version, note: note.optional() }),
  exclude: z.strictObject({ ...version, reason: note }),
  close: z.strictObject({ ...version, note: note.optional() }),
} as const;
export type CaseAction = keyof typeof CASE_ACTION_INPUTS;
export const CASE_ACTIONS = Object.keys(CASE_ACTION_INPUTS) as CaseAction[];

export const caseListQuery = z.strictObject({ status: z.enum(CASE_STATUSES).optional(), ...pageQuery });
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseSummary = z.object({
  id: z.string(),
  /** The short number the chain of transmission shows (C12), never a name. */
  caseNo: z.string(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  onsetDate: z.string().nullable(),
  samplingDate: z.string().nullable(),
  exposureFrom: z.string(),
  exposureTo: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  gridName: z.string().nullable(),
  sourceCaseNo: z.string().nullable(),
  contacts: z.number().int(),
  tracedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const contactEvidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('venue'), venueName: z.string(), caseIn: z.string(), caseUntil: z.string(), theirIn: z.string(), theirUntil: z.string(), theirOpen: z.boolean(), overlapMinutes: z.number() }),
  z.object({ kind: z.literal('trip'), transportNumber: z.string(), carriage: z.string().nullable(), caseSeat: z.string().nullable(), theirSeat: z.string().nullable(), caseArrivedAt: z.string(), theirArrivedAt: z.string() }),
  z.object({ kind: z.literal('household') }),
  z.object({ kind: z.literal('manual'), note: z.string(), exposedAt: z.string() }),
]);
export type ContactEvidence = z.infer<typeof contactEvidence>;

export const contactSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  /** Masked (周**); a person known only by a document shows as such. */
  name: z.string().nullable(),
  personKind: z.enum(PERSON_KINDS),
  degree: z.number().int(),
  /** For a secondary contact: through which close contact (its masked name). */
  viaName: z.string().nullable(),
  kinds: z.array(z.enum(CONTACT_KINDS)),
  evidence: z.array(contactEvidence),
  firstExposureAt: z.string(),
  lastExposureAt: z.string(),
  followUntil: z.string(),
  status: z.enum(CONTACT_STATUSES),
  regionCode: z.string(),
  regionName: z.string(),
  gridName: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof contactSummary>;

export const caseDetail = caseSummary.extend({
  note: z.string().nullable(),
  isolatedAt: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  /** The first contacts the reader may see (masked), closest first: at most 200; the rest page through `GET /api/contacts?caseId=`. */
  contactList: z.array(contactSummary),
  /** How many of its contacts the reader may see. */
  contactsInScope: z.number().int(),
  /** Contacts living outside the reader's scope: counted, never shown (their region's operators see them). */
  contactsElsewhere: z.number().int(),
  actions: z.array(z.enum(CASE_ACTIONS)),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const contactListQuery = z.strictObject({
  /** One case's contacts (closest first), as far as the reader may see them. */
  caseId: uuid.optional(),
  status: z.enum(CONTACT_STATUSES).optional(),
  degree: z.enum(['1', '2']).optional(),
  /** Part of the name of the grid they live in, or a case number (never a person's name: names are shown masked). */
  q: z.string().trim().min(1).max(50).optional(),
  ...pageQuery,
});
export type ContactListQuery = z.infer<typeof contactListQuery>;

/** A contact named in an interview (流调). */
export const manualContactRequest = z.strictObject({ person: casePerson, exposedAt: z.iso.datetime({ offset: true }), note });
export type ManualContactRequest = z.infer<typeof manualContactRequest>;

export const traceResult = z.object({ close: z.number().int(), secondary: z.number().int(), added: z.number().int(), reexposed: z.number().int(), ruleVersion: z.number().int() });
export type TraceResult = z.infer<typeof traceResult>;

/** The chain of transmission: cases by short number, links from source case to case; nothing personal. */
export const transmissionGraph = z.object({
  nodes: z.array(z.object({ id: z.string(), caseNo: z.string(), status: z.enum(CASE_STATUSES), contacts: z.number().int() })),
  links: z.array(z.object({ source: z.string(), target: z.string() })),
  /** Links from cases outside the reader's scope, counted per case (the source is not shown). */
  fromElsewhere: z.array(z.object({ target: z.string(), count: z.number().int() })),
});
export type TransmissionGraph = z.infer<typeof transmissionGraph>;

/** A case's or contact's detail is read for a stated purpose (audited). */
export const tracingReadQuery = z.strictObject({ purpose: z.string().trim().min(2).max(200).optional() });
export const caseIdParams = z.strictObject({ id: uuid });
export const contactIdParams = z.strictObject({ id: uuid });
export const caseActionParams = z.strictObject({ id: uuid, action: z.enum(CASE_ACTIONS) });

export * from './situation.js';
export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';
