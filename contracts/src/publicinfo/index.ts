/**
 * Public information of a region (辟谣, 医院信息, 在线咨询): rumour rebuttals published by the
 * command centre, the directory of hospitals and fever clinics with their opening hours, and
 * residents' questions answered by staff and made public once answered.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

const version = { version: z.number().int().min(1) };
const note = z.string().trim().min(1).max(500);

// ---- Rumour rebuttals (辟谣) ----

export const RUMOUR_VERDICTS = ['false', 'true', 'partly', 'unverified'] as const;
export type RumourVerdict = (typeof RUMOUR_VERDICTS)[number];
export const REBUTTAL_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type RebuttalStatus = (typeof REBUTTAL_STATUSES)[number];

const claim = z.string().trim().min(4).max(300);
const evidence = z.string().trim().min(4).max(5000);
const sourceName = z.string().trim().min(2).max(100);
const sourceUrl = z.url({ protocol: /^https?$/ }).max(500);

export const rebuttalInput = z.strictObject({
  regionCode: divisionCode,
  claim,
  verdict: z.enum(RUMOUR_VERDICTS),
  evidence,
  sourceName,
  sourceUrl: sourceUrl.optional(),
  attachmentIds: z.array(uuid).max(9).optional(),
});

export const REBUTTAL_ACTION_INPUTS = {
  edit: z.strictObject({ ...version, claim: claim.optional(), verdict: z.enum(RUMOUR_VERDICTS).optional(), evidence: evidence.optional(), sourceName: sourceName.optional(), sourceUrl: sourceUrl.optional(), attachmentIds: z.array(uuid).max(9).optional() }),
  publish: z.strictObject(version),
  withdraw: z.strictObject({ ...version, note }),
} as const;
export type RebuttalAction = keyof typeof REBUTTAL_ACTION_INPUTS;
export const REBUTTAL_ACTIONS = Object.keys(REBUTTAL_ACTION_INPUTS) as RebuttalAction[];

export const rebuttalAttachment = z.object({ id: z.string(), name: z.string(), url: z.string() });

export const rebuttal = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  claim: z.string(),
  verdict: z.enum(RUMOUR_VERDICTS),
  evidence: z.string(),
  sourceName: z.string(),
  sourceUrl: z.string().nullable(),
  attachments: z.array(rebuttalAttachment),
  status: z.enum(REBUTTAL_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  actions: z.array(z.enum(REBUTTAL_ACTIONS)),
});
export type Rebuttal = z.infer<typeof rebuttal>;

export const rebuttalListQuery = z.strictObject({ status: z.enum(REBUTTAL_STATUSES).optional(), region: divisionCode.optional(), q: z.string().trim().max(50).optional(), ...pageQuery });

export const publicRebuttal = z.object({ id: z.string(), regionName: z.string(), claim: z.string(), verdict: z.enum(RUMOUR_VERDICTS), evidence: z.string(), sourceName: z.string(), sourceUrl: z.string().nullable(), publishedAt: z.string() });
export type PublicRebuttal = z.infer<typeof publicRebuttal>;
export const publicRebuttalQuery = z.strictObject({ region: divisionCode, q: z.string().trim().max(50).optional() });

// ---- Health facilities (医院信息) ----

export const HEALTH_FACILITY_KINDS = ['hospital', 'fever_clinic', 'designated_hospital', 'community_health_centre'] as const;
export type HealthFacilityKind = (typeof HEALTH_FACILITY_KINDS)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening period of a day, `HH:mm-HH:mm`; an end before the start runs past midnight, `00:00-24:00` is the whole day. */
export const openingRange = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$|^([01]\d|2[0-3]):[0-5]\d-24:00$/, 'HH:mm-HH:mm');
/** The opening periods of each weekday (an empty or missing day is closed). */
export const openingHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(openingRange).max(4).default([])])) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof openingRange>>>);
export type OpeningHours = Record<Weekday, string[]>;

const facilityFields = {
  name: z.string().trim().min(2).max(100),
  kind: z.enum(HEALTH_FACILITY_KINDS),
  address: z.string().trim().min(2).max(200),
  lon: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
  phone: z.string().trim().regex(/^[0-9\-+ ]{3,20}$/, 'phone'),
  hours: openingHours,
  services: z.string().trim().max(1000).default(''),
};

export const healthFacilityInput = z.strictObject({ regionCode: divisionCode, ...facilityFields });
export const healthFacilityUpdate = z.strictObject({ ...version, ...Object.fromEntries(Object.entries(facilityFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof facilityFields]: z.ZodOptional<(typeof facilityFields)[K]> }, active: z.boolean().optional() });

export const healthFacility = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  kind: z.enum(HEALTH_FACILITY_KINDS),
  address: z.string(),
  lon: z.number(),
  lat: z.number(),
  phone: z.string(),
  hours: z.record(z.string(), z.array(z.string())),
  services: z.string(),
  active: z.boolean(),
  openNow: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type HealthFacility = z.infer<typeof healthFacility>;
export const healthFacilityListQuery = z.strictObject({ kind: z.enum(HEALTH_FACILITY_KINDS).optional(), region: divisionCode.optional(), q: z.string().trim().max(50).optional(), ...pageQuery });

export const publicHealthFacility = healthFacility.omit({ version: true, active: true, regionCode: true }).extend({ distanceMeters: z.number().nullable() });
export type PublicHealthFacility = z.infer<typeof publicHealthFacility>;
export const publicHealthFacilityQuery = z.strictObject({
  region: divisionCode,
  kind: z.enum(HEALTH_FACILITY_KINDS).optional(),
  openNow: z.enum(['true', 'false']).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
});

// ---- Consultations (在线咨询) ----

export const CONSULTATION_STATUSES = ['asked', 'answered', 'published', 'rejected'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
const question = z.string().trim().min(5).max(1000);
const answer = z.string().trim().min(2).max(3000);

/** A question from the portal: anonymous (rate-limited per address) or by a signed-in resident (their own region). */
export const consultationAsk = z.strictObject({ regionCode: divisionCode, question });
export const residentConsultationAsk = z.strictObject({ question });

export const CONSULTATION_ACTION_INPUTS = {
  answer: z.strictObject({ ...version, answer }),
  publish: z.strictObject(version),
  reject: z.strictObject({ ...version, note }),
} as const;
export type ConsultationAction = keyof typeof CONSULTATION_ACTION_INPUTS;
export const CONSULTATION_ACTIONS = Object.keys(CONSULTATION_ACTION_INPUTS) as ConsultationAction[];

export const consultation = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** As asked, with phone and ID numbers masked (as stored: nobody sees them). */
  question: z.string(),
  answer: z.string().nullable(),
  rejectReason: z.string().nullable(),
  signedIn: z.boolean(),
  status: z.enum(CONSULTATION_STATUSES),
  askedAt: z.string(),
  answeredAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(CONSULTATION_ACTIONS)),
});
export type Consultation = z.infer<typeof consultation>;
export const consultationListQuery = z.strictObject({ status: z.enum(CONSULTATION_STATUSES).optional(), region: divisionCode.optional(), ...pageQuery });

export const consultationReceipt = z.object({ id: z.string(), status: z.enum(CONSULTATION_STATUSES) });
export const publicConsultation = z.object({ id: z.string(), regionName: z.string(), question: z.string(), answer: z.string(), publishedAt: z.string() });
export type PublicConsultation = z.infer<typeof publicConsultation>;
export const publicConsultationQuery = z.strictObject({ region: divisionCode });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
