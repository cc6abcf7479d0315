/**
 * Quarantine (隔离): orders for close and secondary contacts, centralised or at home, with their
 * phases, end and test days computed from a versioned rule; how and when the order was given; the
 * responsible worker's daily follow-up (temperature, symptoms, test result on test days); fever
 * alerts to the supervisor; release, overdue and lost-to-follow-up lists; sites with capacity.
 * Personal data: names masked, detail reads audited with their purpose, scope as everywhere.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

export const QUARANTINE_STATUSES = ['ordered', 'in_quarantine', 'released', 'lost', 'transferred', 'cancelled'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];
/** Still under quarantine (the follow-ups are created, the site's bed is taken). */
export const ACTIVE_QUARANTINE_STATUSES = ['ordered', 'in_quarantine'] as const satisfies readonly QuarantineStatus[];
export const QUARANTINE_KINDS = ['centralised', 'home'] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];
/** How the order was given (SORMAS "means of order"). */
export const ORDER_MEANS = ['verbal', 'written', 'letter'] as const;
export type OrderMeans = (typeof ORDER_MEANS)[number];
export const FOLLOWUP_STATUSES = ['pending', 'done', 'missed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const TEST_RESULTS = ['negative', 'positive', 'pending'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
/** The console's lists: active, overdue (the last due follow-up missed), lost, release due (the period ended), fever alerts. */
export const QUARANTINE_VIEWS = ['active', 'overdue', 'lost', 'release_due', 'alert', 'all'] as const;
export type QuarantineView = (typeof QUARANTINE_VIEWS)[number];

const day = z.iso.date();
const note = z.string().trim().min(1).max(500);
const version = { version: z.number().int().min(1) };

/** One contact degree's plan: its phases in order (days each) and its test days (day 1 is the first day). */
export const quarantinePlan = z
  .strictObject({
    phases: z.array(z.strictObject({ kind: z.enum(QUARANTINE_KINDS), days: z.number().int().min(1).max(28) })).min(1).max(4),
    testDays: z.array(z.number().int().min(1).max(56)).max(28),
  })
  .refine((p) => p.testDays.every((d) => d <= p.phases.reduce((n, x) => n + x.days, 0)), { message: 'A test day lies beyond the quarantine', path: ['testDays'] });
export type QuarantinePlan = z.infer<typeof quarantinePlan>;

/** The quarantine rule (as data; each change is a new version). */
export const quarantineRule = z.strictObject({
  /** Close contacts (密接, degree 1). */
  close: quarantinePlan,
  /** Secondary contacts (次密接, degree 2). */
  secondary: quarantinePlan,
  /** A follow-up temperature at or above this alerts the supervisor (°C). */
  feverThreshold: z.number().min(37).max(40),
  /** When an order may be released once its period has ended. */
  completion: z.strictObject({
    /** Every test day's result is negative. */
    negativeTests: z.boolean(),
    /** The last this many follow-up days were done (0: none required). */
    lastFollowUpsDone: z.number().int().min(0).max(14),
  }),
  /** This many consecutive missed follow-ups make the order lost to follow-up. */
  lostAfterMissed: z.number().int().min(1).max(14),
});
export type QuarantineRule = z.infer<typeof quarantineRule>;
/** The 9th edition of the national protocol. */
export const DEFAULT_QUARANTINE_RULE: QuarantineRule = {
  close: { phases: [{ kind: 'centralised', days: 7 }, { kind: 'home', days: 3 }], testDays: [1, 2, 3, 5, 7] },
  secondary: { phases: [{ kind: 'home', days: 7 }], testDays: [1, 4, 7] },
  feverThreshold: 38.0,
  completion: { negativeTests: true, lastFollowUpsDone: 1 },
  lostAfterMissed: 3,
};

export const quarantineRuleVersion = z.object({ version: z.number().int(), rule: quarantineRule, createdAt: z.string().nullable(), createdByName: z.string().nullable() });
export type QuarantineRuleVersion = z.infer<typeof quarantineRuleVersion>;

export const quarantinePhase = z.object({ kind: z.enum(QUARANTINE_KINDS), from: z.string(), to: z.string() });
export type QuarantinePhase = z.infer<typeof quarantinePhase>;

export const quarantineCreateRequest = z.strictObject({
  /** The contact (密接/次密接) to quarantine; the degree chooses the plan. */
  contactId: uuid,
  /** Day 1 (default: the day after the contact's last exposure). */
  startDate: day.optional(),
  /** The centralised site (needed when the plan has a centralised phase). */
  siteId: uuid.optional(),
  /** The home address (needed when the plan has a home phase). */
  address: z.string().trim().min(1).max(200).optional(),
  means: z.enum(ORDER_MEANS),
  /** When the order was given. */
  orderedAt: z.iso.datetime({ offset: true }),
  /** The responsible worker (default: a grid worker of the contact's grid). */
  workerId: uuid.optional(),
  note: note.optional(),
});
export type QuarantineCreateRequest = z.infer<typeof quarantineCreateRequest>;

export const QUARANTINE_ACTION_INPUTS = {
  start: z.strictObject({ ...version, note: note.optional() }),
  release: z.strictObject({ ...version, note: note.optional() }),
  lose: z.strictObject({ ...version, reason: note }),
  transfer: z.strictObject({ ...version, reason: note }),
  cancel: z.strictObject({ ...version, reason: note }),
} as const;
export type QuarantineAction = keyof typeof QUARANTINE_ACTION_INPUTS;
export const QUARANTINE_ACTIONS = Object.keys(QUARANTINE_ACTION_INPUTS) as QuarantineAction[];

export const quarantineListQuery = z.strictObject({
  view: z.enum(QUARANTINE_VIEWS).optional(),
  status: z.enum(QUARANTINE_STATUSES).optional(),
  degree: z.enum(['1', '2']).optional(),
  ...pageQuery,
});
export type QuarantineListQuery = z.infer<typeof quarantineListQuery>;

export const quarantineSummary = z.object({
  id: z.string(),
  /** The short number (Q12) notices show, never a name. */
  orderNo: z.string(),
  /** Masked (周**). */
  name: z.string().nullable(),
  /** The contact it was given for. */
  contactId: z.string().nullable(),
  degree: z.number().int(),
  status: z.enum(QUARANTINE_STATUSES),
  /** Where the person is today by the phases (or the first phase before day 1). */
  kind: z.enum(QUARANTINE_KINDS),
  phases: z.array(quarantinePhase),
  startDate: z.string(),
  endDate: z.string(),
  testDates: z.array(z.string()),
  /** Day n of the quarantine today (0 before it starts). */
  dayNo: z.number().int(),
  totalDays: z.number().int(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  means: z.enum(ORDER_MEANS),
  orderedAt: z.string(),
  workerName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  gridName: z.string().nullable(),
  missedStreak: z.number().int(),
  /** A follow-up temperature reached the fever threshold. */
  alert: z.boolean(),
  ruleVersion: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type QuarantineSummary = z.infer<typeof quarantineSummary>;

export const followUp = z.object({
  day: z.string(),
  dayNo: z.number().int(),
  testDue: z.boolean(),
  status: z.enum(FOLLOWUP_STATUSES),
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  testResult: z.enum(TEST_RESULTS).nullable(),
  fever: z.boolean(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUp>;

export const quarantineDetail = quarantineSummary.extend({
  address: z.string().nullable(),
  note: z.string().nullable(),
  followUps: z.array(followUp),
  /** Whether the rule's completion condition holds now, and what is missing. */
  completion: z.object({ met: z.boolean(), missing: z.array(z.string()) }),
  actions: z.array(z.enum(QUARANTINE_ACTIONS)),
});
export type QuarantineDetail = z.infer<typeof quarantineDetail>;

/** A day's follow-up as the worker records it (replayable from the phone's offline queue). */
export const followUpRequest = z.strictObject({
  day,
  temperature: z.number().min(34).max(43).multipleOf(0.1).optional(),
  symptoms: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  testResult: z.enum(TEST_RESULTS).optional(),
  note: note.optional(),
});
export type FollowUpRequest = z.input<typeof followUpRequest>;

/** One of the worker's follow-ups due today (the phone page). */
export const todayFollowUp = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  name: z.string().nullable(),
  kind: z.enum(QUARANTINE_KINDS),
  siteName: z.string().nullable(),
  day: z.string(),
  dayNo: z.number().int(),
  totalDays: z.number().int(),
  testDue: z.boolean(),
  status: z.enum(FOLLOWUP_STATUSES),
  temperature: z.number().nullable(),
  gridName: z.string().nullable(),
});
export type TodayFollowUp = z.infer<typeof todayFollowUp>;

export const siteRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  regionCode: z.string().regex(/^\d{12}$/),
  address: z.string().trim().min(1).max(200),
  lng: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
  capacity: z.number().int().min(0).max(100_000),
});
export type SiteRequest = z.infer<typeof siteRequest>;
export const siteUpdateRequest = siteRequest.extend(version);
export type SiteUpdateRequest = z.infer<typeof siteUpdateRequest>;

export const quarantineSite = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  capacity: z.number().int(),
  /** Active orders in their centralised phase at the site (today or later). */
  occupancy: z.number().int(),
  version: z.number().int(),
});
export type QuarantineSite = z.infer<typeof quarantineSite>;

/** A detail read of quarantined people is for a stated purpose (audited). */
export const quarantineReadQuery = z.strictObject({ purpose: z.string().trim().min(2).max(200).optional() });
export const quarantineIdParams = z.strictObject({ id: uuid });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';
