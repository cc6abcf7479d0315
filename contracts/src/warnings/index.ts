/**
 * Risk warnings (风险监测预警): rules as data over kinds the modules declare, a nightly run that
 * raises warnings set-based, and each warning's life as a workflow (raised, acknowledged,
 * assigned, handled, closed; or a false positive).
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export const WARNING_STATUSES = ['raised', 'acknowledged', 'assigned', 'handled', 'closed', 'false_positive'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const OPEN_WARNING_STATUSES = ['raised', 'acknowledged', 'assigned', 'handled'] as const satisfies readonly WarningStatus[];
export const WARNING_SEVERITIES = ['low', 'medium', 'high'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];
/** The level of region that receives a rule's warnings. */
export const WARNING_LEVELS = ['grid', 'community', 'township', 'county'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

const note = z.string().trim().min(1).max(1000);
const version = { version: z.number().int().min(1) };

/** Each step of a warning's life, with what it takes. */
export const WARNING_ACTION_INPUTS = {
  acknowledge: z.strictObject({ ...version, note: note.optional() }),
  assign: z.strictObject({ ...version, userId: uuid.optional(), departmentId: uuid.optional(), note: note.optional() }),
  handle: z.strictObject({ ...version, note }),
  close: z.strictObject({ ...version, note: note.optional() }),
  mark_false_positive: z.strictObject({ ...version, reason: note }),
} as const;
export type WarningAction = keyof typeof WARNING_ACTION_INPUTS;
export const WARNING_ACTIONS = Object.keys(WARNING_ACTION_INPUTS) as WarningAction[];

const label = z.object({ zh: z.string(), en: z.string() });

/** A record a warning points to as evidence; `label` only when the reader may open it. */
export const evidenceLink = z.object({ type: z.string(), id: z.string(), label: z.string(), where: z.string().nullable() });

export const riskWarning = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.string(),
  severity: z.enum(WARNING_SEVERITIES),
  level: z.enum(WARNING_LEVELS),
  status: z.enum(WARNING_STATUSES),
  regionCode: z.string(),
  regionName: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  subjectType: z.string(),
  /** The figures of the hit (counts, windows); never personal data. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  assigneeUserName: z.string().nullable(),
  assigneeDepartmentName: z.string().nullable(),
  note: z.string().nullable(),
  falsePositiveReason: z.string().nullable(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  actions: z.array(z.enum(WARNING_ACTIONS)),
});
export type RiskWarning = z.infer<typeof riskWarning>;

export const riskWarningDetail = riskWarning.extend({
  /** Evidence records the reader may open. */
  evidence: z.array(evidenceLink),
  /** How many evidence records the reader may not open ("1 record you cannot open"). */
  hiddenEvidence: z.number().int(),
  timeline: z.array(z.object({ action: z.string(), status: z.string(), by: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
});
export type RiskWarningDetail = z.infer<typeof riskWarningDetail>;

export const riskWarningListQuery = z.strictObject({
  status: z.enum([...WARNING_STATUSES, 'open'] as const).optional(),
  severity: z.enum(WARNING_SEVERITIES).optional(),
  ruleId: uuid.optional(),
  region: divisionCode.optional(),
  ...pageQuery,
});

/** A JSON-schema-like description of a kind's parameters, from which the console builds its form. */
export const paramField = z.object({
  name: z.string(),
  type: z.enum(['integer', 'number', 'string', 'string_list', 'boolean']),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type ParamField = z.infer<typeof paramField>;

export const warningRuleView = z.object({
  id: z.string(),
  kind: z.string(),
  /** False when no module registers the kind (the rule is kept, never run). */
  available: z.boolean(),
  kindLabel: label.nullable(),
  description: label.nullable(),
  paramFields: z.array(paramField),
  name: z.string(),
  params: z.record(z.string(), z.unknown()),
  level: z.enum(WARNING_LEVELS),
  severity: z.enum(WARNING_SEVERITIES),
  enabled: z.boolean(),
  version: z.number().int(),
  stats: z.object({ raised: z.number().int(), confirmed: z.number().int(), falsePositive: z.number().int(), falsePositiveRate: z.number().nullable() }),
  updatedAt: z.string(),
});
export type WarningRuleView = z.infer<typeof warningRuleView>;

export const warningRuleInput = z.strictObject({
  kind: z.string().trim().min(3).max(100),
  name: z.string().trim().min(2).max(100),
  params: z.record(z.string(), z.unknown()).optional(),
  level: z.enum(WARNING_LEVELS),
  severity: z.enum(WARNING_SEVERITIES),
  enabled: z.boolean().default(true),
});

export const warningRulePatch = z.strictObject({
  ...version,
  name: z.string().trim().min(2).max(100).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  level: z.enum(WARNING_LEVELS).optional(),
  severity: z.enum(WARNING_SEVERITIES).optional(),
  enabled: z.boolean().optional(),
});

export const warningRunRule = z.object({ ruleId: z.string(), kind: z.string(), name: z.string(), hits: z.number().int(), raised: z.number().int(), ms: z.number(), error: z.string().nullable() });
export const warningRunView = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  ms: z.number().nullable(),
  hits: z.number().int(),
  raised: z.number().int(),
  rules: z.array(warningRunRule),
});
export type WarningRunView = z.infer<typeof warningRunView>;

export const warningRunListQuery = z.strictObject({ ...pageQuery });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
