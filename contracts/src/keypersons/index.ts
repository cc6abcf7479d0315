/**
 * Key and special populations (重点人员 / 特殊人群服务管理). A key person is a resident record plus
 * a category (data, with its fields as a form definition), a risk level with its history, a
 * responsible grid worker and helpers, visits whose frequency follows the risk level, and a
 * hand-over between grids. Every read of an archive states a purpose and is audited; a minor's
 * archive opens only with another operator's approval, for a limited time.
 */
import { z } from 'zod';
import { uuid, pageQuery } from '../common.js';
import { nameText } from '../text.js';

export const KP_RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type KpRiskLevel = (typeof KP_RISK_LEVELS)[number];
/** Released prisoners only (刑满释放人员): 严管 / 普管 / 宽管. */
export const KP_MANAGEMENT_LEVELS = ['strict', 'normal', 'relaxed'] as const;
export type KpManagementLevel = (typeof KP_MANAGEMENT_LEVELS)[number];
export const KP_STATUSES = ['active', 'handover'] as const;
export type KpStatus = (typeof KP_STATUSES)[number];
export const KP_VISIT_WAYS = ['home', 'phone', 'video', 'meeting'] as const;
export const KP_CATEGORY_GROUPS = ['special', 'care'] as const;
export const KP_ACCESS_STATUSES = ['pending', 'approved', 'refused'] as const;
/** The category that carries a management level. */
export const KP_RELEASED_PRISONER = 'released_prisoner';

const purposeText = nameText(200);
const reason = nameText(500);
const version = { version: z.number().int().min(1) };

export const kpCategory = z.object({
  code: z.string(),
  group: z.enum(KP_CATEGORY_GROUPS),
  name: z.object({ zh: z.string(), en: z.string() }),
  formKey: z.string(),
  active: z.boolean(),
  /** Visit interval in days per risk level, as it applies to this category (its override or the default). */
  visitDays: z.record(z.enum(KP_RISK_LEVELS), z.number().int()),
});
export type KpCategory = z.infer<typeof kpCategory>;

export const kpCategoryUpdate = z.strictObject({
  nameZh: nameText(40).optional(),
  nameEn: nameText(80).optional(),
  active: z.boolean().optional(),
  /** A per-category override of the visit interval (days) by risk level; null removes the override. */
  visitDays: z.strictObject({ high: z.number().int().min(1).max(366).nullable().optional(), medium: z.number().int().min(1).max(366).nullable().optional(), low: z.number().int().min(1).max(366).nullable().optional() }).optional(),
});

export type KpCategoryUpdate = z.infer<typeof kpCategoryUpdate>;

export const kpCreateInput = z.strictObject({
  residentId: uuid,
  categoryCode: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  riskLevel: z.enum(KP_RISK_LEVELS),
  managementLevel: z.enum(KP_MANAGEMENT_LEVELS).optional(),
  /** The category form's answers (validated on the server from the published definition). */
  answers: z.record(z.string(), z.unknown()).default({}),
  /** The responsible grid worker (an account of the person's grid); default: none yet. */
  workerId: uuid.optional(),
  /** People taking part in the management (帮扶人员), by name and role. */
  helpers: z.array(z.strictObject({ name: nameText(40), role: nameText(40) })).max(10).default([]),
});

/** Each step of an archive's life after enrolment, with what it takes. */
export const KP_ACTION_INPUTS = {
  change_risk: z.strictObject({ ...version, riskLevel: z.enum(KP_RISK_LEVELS).optional(), managementLevel: z.enum(KP_MANAGEMENT_LEVELS).optional(), reason }),
  handover: z.strictObject({ ...version, toGridId: uuid, reason }),
  accept: z.strictObject({ ...version, note: reason.optional() }),
  refuse: z.strictObject({ ...version, note: reason }),
} as const;
export type KpAction = keyof typeof KP_ACTION_INPUTS;
export const KP_ACTIONS = Object.keys(KP_ACTION_INPUTS) as KpAction[];

export const kpVisitInput = z.strictObject({
  /** Made by the phone when the visit is written down: a resend with the same id is the same visit. */
  clientId: uuid,
  visitedOn: z.iso.date(),
  way: z.enum(KP_VISIT_WAYS),
  findings: nameText(2000),
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  photoIds: z.array(uuid).max(9).default([]),
  /** Answers to the visit form (`keypersons.visit`: risk observations, a signature...), validated on the server from its definition. */
  answers: z.record(z.string(), z.unknown()).default({}),
  /** The version of the visit form answered (default: the newest published one). */
  formVersion: z.number().int().min(1).max(1_000_000).optional(),
});
export type KpVisitInput = z.input<typeof kpVisitInput>;

export const kpVisit = z.object({
  id: z.string(),
  visitedOn: z.string(),
  way: z.enum(KP_VISIT_WAYS),
  findings: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  photoIds: z.array(z.string()),
  /** The visit form answered and its answers (none for visits logged before the form existed). */
  formKey: z.string().nullable(),
  formVersion: z.number().int().nullable(),
  answers: z.record(z.string(), z.unknown()),
  byName: z.string().nullable(),
  at: z.string(),
});

export const kpRiskChange = z.object({
  field: z.enum(['risk', 'management']),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
});

/** One row of a list: no form answers; a minor's name masked until an approval opens the archive. */
export const kpSummary = z.object({
  id: z.string(),
  residentId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  /** Null for a reader without `keyperson:category`. */
  categoryCode: z.string().nullable(),
  riskLevel: z.enum(KP_RISK_LEVELS),
  managementLevel: z.enum(KP_MANAGEMENT_LEVELS).nullable(),
  status: z.enum(KP_STATUSES),
  regionCode: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  workerName: z.string().nullable(),
  minor: z.boolean(),
  nextVisitDue: z.string(),
  lastVisitAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type KpSummary = z.infer<typeof kpSummary>;

export const kpDetail = kpSummary.extend({
  /** Empty (and no answers) for a reader without `keyperson:category`: the form names the category. */
  formKey: z.string(),
  formVersion: z.number().int(),
  /** The category form's answers, ID numbers and phones masked. */
  answers: z.record(z.string(), z.unknown()),
  helpers: z.array(z.object({ name: z.string(), role: z.string() })),
  visitIntervalDays: z.number().int(),
  handover: z.object({ toGridId: z.string(), toGridName: z.string(), reason: z.string() }).nullable(),
  riskHistory: z.array(kpRiskChange),
  visits: z.array(kpVisit),
  actions: z.array(z.enum(KP_ACTIONS)),
  canVisit: z.boolean(),
});
export type KpDetail = z.infer<typeof kpDetail>;

export const kpListQuery = z.strictObject({
  category: z.string().max(40).optional(),
  risk: z.enum(KP_RISK_LEVELS).optional(),
  gridId: uuid.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Hand-overs waiting for the caller's side. */
  status: z.enum(KP_STATUSES).optional(),
  /** The caller's own people: those they are the responsible worker of, and in their grid those with none yet (the visit list). */
  mine: z.enum(['true']).optional(),
  purpose: purposeText.optional(),
  ...pageQuery,
});

export const kpReadQuery = z.strictObject({ purpose: purposeText.optional() });

export const kpAccessInput = z.strictObject({ purpose: purposeText });
/** The full value of an ID number or phone in the archive's answers (a guardian's), with a reason: audited, and counted in the unmask budget. */
export const kpUnmaskRequest = z.strictObject({ reason: z.string().trim().min(4).max(200), field: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) });
export const kpUnmaskResponse = z.object({ field: z.string(), value: z.string() });
export const kpAccessDecision = z.strictObject({ note: reason.optional() });
export const kpAccess = z.object({
  id: z.string(),
  keyPersonId: z.string(),
  /** The grid and region of the archive (no name: the approver opens it once approved). */
  gridName: z.string(),
  requestedByName: z.string().nullable(),
  purpose: z.string(),
  status: z.enum(KP_ACCESS_STATUSES),
  decidedByName: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  mine: z.boolean(),
});
export type KpAccess = z.infer<typeof kpAccess>;

export const kpGridCount = z.object({ gridId: z.string(), gridName: z.string(), total: z.number().int(), high: z.number().int(), overdue: z.number().int() });
export const kpStats = z.object({
  byCategory: z.array(z.object({ categoryCode: z.string(), riskLevel: z.enum(KP_RISK_LEVELS), count: z.number().int() })),
  overdue: z.number().int(),
  grids: z.array(kpGridCount),
});
export type KpStats = z.infer<typeof kpStats>;

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';
