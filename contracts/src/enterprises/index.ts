/**
 * Enterprises of a jurisdiction (辖区企业), over the organisations register: resumption
 * applications (企业复工申请) reviewed by the township, the daily employee health registration
 * (员工健康登记) with the list of enterprises that stopped reporting, and the screening list
 * (辖区企业排查). Staff file on an enterprise's behalf, and so may a portal account an operator
 * linked to it as its filer (企业填报人); its register contact is told by SMS.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

/** draft → submitted → approved | returned (→ submitted again) | rejected; approved → revoked. */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'revoked'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const SCREENING_STATUSES = ['not_screened', 'ok', 'issue'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];
/** A temperature at or above this (°C) is abnormal (发热). */
export const FEVER_CELSIUS = 37.3;
/** The symptoms a daily registration records. */
export const SYMPTOMS = ['fever', 'cough', 'fatigue', 'sore_throat', 'short_breath', 'diarrhoea', 'loss_of_taste'] as const;

const note = z.string().trim().min(1).max(500);
const version = { version: z.number().int().min(1) };
const day = z.iso.date();

/** One person of the staff list: an employee of the enterprise in the register, whether they return and from where. */
export const staffEntryInput = z.strictObject({
  residentId: uuid,
  returning: z.boolean(),
  /** Where they come back from (城市/地区), when returning. */
  comingFrom: z.string().trim().max(100).optional(),
});

export const applicationInput = z.strictObject({
  organizationId: uuid,
  /** The published version of `enterprises.resumption` the answers were given against. */
  formVersion: z.number().int().min(1).max(1_000_000),
  answers: z.record(z.string(), z.unknown()),
  staff: z.array(staffEntryInput).min(1).max(5000),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

/** Each step of an application, with what it takes. `submit` is also the resubmission after a return. */
export const APPLICATION_ACTION_INPUTS = {
  edit: z.strictObject({ ...version, formVersion: z.number().int().min(1).max(1_000_000).optional(), answers: z.record(z.string(), z.unknown()).optional(), staff: z.array(staffEntryInput).min(1).max(5000).optional() }),
  /** The prevention plan's attachment (files kit uploads of the caller), if any. */
  submit: z.strictObject({ ...version, note: note.optional(), attachmentIds: z.array(uuid).max(5).optional() }),
  return: z.strictObject({ ...version, note }),
  approve: z.strictObject({ ...version, note: note.optional() }),
  reject: z.strictObject({ ...version, note }),
  revoke: z.strictObject({ ...version, note }),
} as const;
export type ApplicationAction = keyof typeof APPLICATION_ACTION_INPUTS;
export const APPLICATION_ACTIONS = Object.keys(APPLICATION_ACTION_INPUTS) as ApplicationAction[];

export const staffEntry = z.object({
  residentId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  position: z.string().nullable(),
  returning: z.boolean(),
  comingFrom: z.string().nullable(),
});
export type StaffEntry = z.infer<typeof staffEntry>;

export const applicationStep = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const applicationSummary = z.object({
  id: z.string(),
  number: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  regionCode: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  resumeOn: z.string().nullable(),
  staffCount: z.number().int(),
  returningCount: z.number().int(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  actions: z.array(z.enum(APPLICATION_ACTIONS)),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;

export const application = applicationSummary.extend({
  formKey: z.string(),
  formVersion: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  /** The staff list, ID numbers and phones masked; reading it is audited. */
  staff: z.array(staffEntry),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  attachments: z.array(z.object({ id: z.string(), name: z.string() })),
  steps: z.array(applicationStep),
});
export type Application = z.infer<typeof application>;

export const applicationListQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** One enterprise's applications. */
  organizationId: uuid.optional(),
  region: divisionCode.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

/** An enterprise in one's scope, as the pickers and the lists show it. */
export const enterpriseRef = z.object({
  id: z.string(),
  name: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  regionCode: z.string(),
  employees: z.array(z.object({ residentId: z.string(), name: z.string(), position: z.string().nullable() })),
});
export type EnterpriseRef = z.infer<typeof enterpriseRef>;

// ---------- daily health registration ----------
export const healthEntryInput = z.strictObject({
  residentId: uuid,
  present: z.boolean(),
  /** °C, when present and measured. */
  temperature: z.number().min(34).max(43).nullable().optional(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).optional(),
  note: z.string().trim().max(200).optional(),
});

export const healthReportInput = z.strictObject({
  /** The China day it is for: today, or up to 7 days back. Registering a day again replaces it. */
  day,
  entries: z.array(healthEntryInput).min(1).max(5000),
});
export type HealthReportInput = z.infer<typeof healthReportInput>;

export const healthEntry = z.object({
  residentId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  present: z.boolean(),
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  note: z.string().nullable(),
  /** Absent, or present with fever or symptoms. */
  flag: z.enum(['absent', 'abnormal']).nullable(),
});

export const healthReport = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  day: z.string(),
  registered: z.boolean(),
  presentCount: z.number().int(),
  absentCount: z.number().int(),
  abnormalCount: z.number().int(),
  entries: z.array(healthEntry),
  registeredAt: z.string().nullable(),
  registeredBy: z.string().nullable(),
});
export type HealthReport = z.infer<typeof healthReport>;
/** The day (today when omitted). */
export const healthDayQuery = z.strictObject({ day: day.optional() });

/** Enterprises approved to resume with no registration in the last `days` days (today included). */
export const stoppedReportingQuery = z.strictObject({
  region: divisionCode.optional(),
  /** N: the days without a registration that make an enterprise "stopped"; the module's default when omitted. */
  days: z.coerce.number().int().min(1).max(60).optional(),
  ...pageQuery,
});
export const stoppedEnterprise = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  gridName: z.string(),
  regionCode: z.string(),
  lastReportDay: z.string().nullable(),
  daysSilent: z.number().int().nullable(),
  resumedOn: z.string().nullable(),
});
export type StoppedEnterprise = z.infer<typeof stoppedEnterprise>;

/** Registrations of a day across one's scope: which approved enterprises reported, and their flags. */
export const dayOverviewRow = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  gridName: z.string(),
  registered: z.boolean(),
  presentCount: z.number().int(),
  absentCount: z.number().int(),
  abnormalCount: z.number().int(),
});
export type DayOverviewRow = z.infer<typeof dayOverviewRow>;
export const dayOverviewQuery = z.strictObject({ day: day.optional(), region: divisionCode.optional() });

// ---------- screening ----------
export const screeningInput = z.strictObject({
  ...{ version: z.number().int().min(0) },
  status: z.enum(['ok', 'issue']),
  note: z.string().trim().min(1).max(500),
  /** With `issue`: raise a ticket in the closed loop for it. */
  raiseTicket: z.boolean().optional(),
  /** The raised ticket's category; suggested from the note when omitted. */
  categoryId: uuid.optional(),
});
export type ScreeningInput = z.infer<typeof screeningInput>;

export const screeningRow = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  kind: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  regionCode: z.string(),
  status: z.enum(SCREENING_STATUSES),
  note: z.string().nullable(),
  screenedBy: z.string().nullable(),
  screenedAt: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  /** 0 when never screened. */
  version: z.number().int(),
});
export type ScreeningRow = z.infer<typeof screeningRow>;
export const screeningListQuery = z.strictObject({
  region: divisionCode.optional(),
  status: z.enum(SCREENING_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export const enterpriseListQuery = z.strictObject({ q: z.string().trim().max(50).optional(), region: divisionCode.optional(), ...pageQuery });

// ---------- the enterprise's own filer (企业填报人) ----------
/** Link a portal account (role resident) to an enterprise as its filer, by its exact username. */
export const filerLinkInput = z.strictObject({ username: z.string().trim().min(1).max(64) });
export type FilerLinkInput = z.infer<typeof filerLinkInput>;

/** A link of an account to an enterprise, current or revoked. */
export const filerLink = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type FilerLink = z.infer<typeof filerLink>;

/** An enterprise a filer is linked to, with its employees (names and masked numbers), its latest application and whether it may register health. */
export const myEnterprise = enterpriseRef.extend({
  employees: z.array(z.object({ residentId: z.string(), name: z.string(), position: z.string().nullable(), idMasked: z.string() })),
  application: applicationSummary.nullable(),
  resumed: z.boolean(),
});
export type MyEnterprise = z.infer<typeof myEnterprise>;

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './resumption-form.js';
