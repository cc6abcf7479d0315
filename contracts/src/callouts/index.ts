/**
 * Outbound call campaigns (智能外呼, M6): a script (a greeting, questions answered by a key press,
 * a repeat key and a final message) spoken by a speech engine; the residents to call (a region
 * subtree, a grid, a tag, or an uploaded list of phones or ID numbers matched to residents); the
 * call windows, concurrency, attempts and retry interval; the campaign's life (draft → approved →
 * running ⇄ paused → completed, or cancelled); per-target results with the keys pressed and what
 * each answer wrote (a staff-recorded declaration, a follow-up task for the grid worker).
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

export const CALLOUT_STATUSES = ['draft', 'approved', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CalloutStatus = (typeof CALLOUT_STATUSES)[number];
/** `finish` is the system's: every target has its final result. */
export const CALLOUT_ACTIONS = ['approve', 'start', 'pause', 'resume', 'complete', 'cancel'] as const;
export type CalloutAction = (typeof CALLOUT_ACTIONS)[number] | 'finish';
export const CALLOUT_TARGET_STATUSES = ['pending', 'calling', 'answered', 'busy', 'no_answer', 'failed', 'unmatched', 'cancelled'] as const;
export type CalloutTargetStatus = (typeof CALLOUT_TARGET_STATUSES)[number];
export const CALLOUT_CALL_RESULTS = ['answered', 'busy', 'no_answer', 'failed'] as const;
export type CalloutCallResult = (typeof CALLOUT_CALL_RESULTS)[number];
export const CALLOUT_TASK_STATUSES = ['open', 'done'] as const;
export type CalloutTaskStatus = (typeof CALLOUT_TASK_STATUSES)[number];
/** What a telephony provider reports about a call (the simulator and a real provider's webhook alike). */
export const CALLOUT_EVENT_TYPES = ['ringing', 'answered', 'busy', 'no_answer', 'failed', 'dtmf', 'hangup'] as const;
export type CalloutEventType = (typeof CALLOUT_EVENT_TYPES)[number];
export const CALLOUT_LOCALES = ['zh-CN', 'en'] as const;
export type CalloutLocale = (typeof CALLOUT_LOCALES)[number];

const text = z.string().trim().min(1).max(500);
const name = z.string().trim().min(1).max(100);
const regionCode = z.string().regex(/^\d{12}$/);
const key = z.string().regex(/^[0-9*#]$/, 'one key: 0-9, * or #');

/**
 * What an answer writes. `declaration`: a staff-recorded declaration (电话代录) of the resident
 * against the `declarations.self` form, with these answers over the register's basics (the form's
 * alert rules then decide whether it is abnormal, e.g. `{ temperature: 37.3, symptoms: ['fever'] }`);
 * `task`: a follow-up task for the resident's grid worker.
 */
export const calloutOutcome = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('declaration'), fields: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.union([z.string().max(100), z.number(), z.boolean(), z.array(z.string().max(40)).max(20)])) }),
  z.strictObject({ kind: z.literal('task'), note: z.string().trim().max(200).optional() }),
]);
export type CalloutOutcome = z.infer<typeof calloutOutcome>;

export const calloutOption = z.strictObject({ key, label: z.string().trim().min(1).max(60), outcome: calloutOutcome.default({ kind: 'none' }) });
export const calloutQuestion = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), text, options: z.array(calloutOption).min(1).max(9) });
export type CalloutQuestion = z.infer<typeof calloutQuestion>;

export const calloutScript = z.strictObject({
  locale: z.enum(CALLOUT_LOCALES).default('zh-CN'),
  greeting: text,
  questions: z.array(calloutQuestion).min(1).max(10),
  /** Pressing it hears the question again. */
  repeatKey: key.default('9'),
  final: text,
});
export type CalloutScript = z.infer<typeof calloutScript>;

/** A call window in local time (Asia/Shanghai by default), e.g. 09:00–12:00. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const callWindow = z.strictObject({ start: hhmm, end: hhmm });
export type CallWindow = z.infer<typeof callWindow>;

export const calloutTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region') }),
  z.strictObject({ kind: z.literal('grid'), gridId: uuid }),
  z.strictObject({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(40) }),
  /** Phones or ID numbers, one per entry; matched to residents of the region by their keyed hashes; unmatched entries are kept (masked). */
  z.strictObject({ kind: z.literal('list'), entries: z.array(z.string().trim().min(1).max(40)).min(1).max(5000) }),
]);
export type CalloutTarget = z.infer<typeof calloutTarget>;

/** The local simulator's settings: deterministic by seed. */
export const simulatorSettings = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  busyRate: z.number().min(0).max(1).default(0.15),
  noAnswerRate: z.number().min(0).max(1).default(0.15),
  failRate: z.number().min(0).max(1).default(0.02),
  /** Per question key, the weight of each option key (uniform when left out). */
  keyWeights: z.record(z.string(), z.record(z.string(), z.number().min(0))).default({}),
  /** How often an answering person presses the repeat key once before answering. */
  repeatRate: z.number().min(0).max(1).default(0.05),
  /** Simulated seconds: ringing before a result, and per question answered. */
  ringSeconds: z.number().int().min(1).max(120).default(12),
  answerSeconds: z.number().int().min(1).max(120).default(8),
});
export type SimulatorSettings = z.infer<typeof simulatorSettings>;

const settingsFields = {
  windows: z.array(callWindow).min(1).max(6),
  concurrency: z.number().int().min(1).max(100).default(5),
  maxAttempts: z.number().int().min(1).max(6).default(3),
  retryMinutes: z.number().int().min(1).max(1440).default(30),
  simulator: simulatorSettings.default(simulatorSettings.parse({})),
};

export const calloutCreateRequest = z.strictObject({ name, regionCode, script: calloutScript, target: calloutTarget, ...settingsFields });
export type CalloutCreateRequest = z.infer<typeof calloutCreateRequest>;
export const calloutUpdateRequest = calloutCreateRequest.extend({ version: z.number().int().min(1) });
export type CalloutUpdateRequest = z.infer<typeof calloutUpdateRequest>;

const versionInput = z.strictObject({ version: z.number().int().min(1), note: z.string().trim().min(1).max(500).optional() });
export const CALLOUT_ACTION_INPUTS = {
  approve: versionInput, start: versionInput, pause: versionInput, resume: versionInput, complete: versionInput, cancel: versionInput,
} as const satisfies Record<(typeof CALLOUT_ACTIONS)[number], z.ZodType>;

export const calloutListQuery = z.strictObject({ ...pageQuery, status: z.enum(CALLOUT_STATUSES).optional() });
export type CalloutListQuery = z.infer<typeof calloutListQuery>;
export const calloutIdParams = z.strictObject({ id: uuid });
export const calloutPromptParams = z.strictObject({ id: uuid, prompt: z.string().regex(/^[a-z0-9_]{1,40}$/) });
export const calloutTargetQuery = z.strictObject({ ...pageQuery, status: z.enum(CALLOUT_TARGET_STATUSES).optional() });
export type CalloutTargetQuery = z.infer<typeof calloutTargetQuery>;
/** The purpose is checked after the campaign (out of scope: 404 first). */
export const calloutExportQuery = z.strictObject({ purpose: z.string().trim().min(2).max(200).optional() });

export const calloutProgress = z.object({
  total: z.number().int(), pending: z.number().int(), calling: z.number().int(), answered: z.number().int(), busy: z.number().int(), noAnswer: z.number().int(),
  failed: z.number().int(), unmatched: z.number().int(), cancelled: z.number().int(), calls: z.number().int(),
});
export type CalloutProgress = z.infer<typeof calloutProgress>;

export const calloutPrompt = z.object({ key: z.string(), text: z.string(), synthesized: z.boolean(), bytes: z.number().int().nullable(), error: z.string().nullable() });
export type CalloutPrompt = z.infer<typeof calloutPrompt>;

export const calloutSummary = z.object({
  id: z.string(), name: z.string(), status: z.enum(CALLOUT_STATUSES), regionCode: z.string(), regionName: z.string(), targetKind: z.string(),
  progress: calloutProgress, createdAt: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable(), version: z.number().int(),
});
export type CalloutSummary = z.infer<typeof calloutSummary>;

export const calloutDistribution = z.array(z.object({ question: z.string(), text: z.string(), options: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })) }));

export const calloutDetail = calloutSummary.extend({
  script: calloutScript, target: z.unknown(), windows: z.array(callWindow), concurrency: z.number().int(), maxAttempts: z.number().int(), retryMinutes: z.number().int(),
  simulator: simulatorSettings, prompts: z.array(calloutPrompt), distribution: calloutDistribution, outcomes: z.object({ declarations: z.number().int(), tasks: z.number().int() }),
  actions: z.array(z.enum(CALLOUT_ACTIONS)), canEdit: z.boolean(),
});
export type CalloutDetail = z.infer<typeof calloutDetail>;

export const calloutTargetRow = z.object({
  id: z.string(), seq: z.number().int(), name: z.string(), phoneMasked: z.string().nullable(), gridName: z.string().nullable(), status: z.enum(CALLOUT_TARGET_STATUSES),
  attempts: z.number().int(), lastResult: z.string().nullable(), nextAt: z.string().nullable(), answers: z.record(z.string(), z.string()),
  outcomes: z.array(z.object({ question: z.string(), kind: z.string(), declarationId: z.string().nullable(), taskId: z.string().nullable(), abnormal: z.boolean().nullable(), error: z.string().nullable() })),
});
export type CalloutTargetRow = z.infer<typeof calloutTargetRow>;

/** One event from a telephony provider (the webhook's body; the simulator calls the same handler). */
export const calloutEvent = z.strictObject({
  callId: uuid,
  type: z.enum(CALLOUT_EVENT_TYPES),
  digits: z.string().regex(/^[0-9*#]{1,20}$/).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type CalloutEvent = z.infer<typeof calloutEvent>;

export const calloutTaskRow = z.object({
  id: z.string(), campaignId: z.string(), campaignName: z.string(), name: z.string(), phoneMasked: z.string().nullable(), gridName: z.string().nullable(), question: z.string(), answer: z.string(),
  note: z.string().nullable(), status: z.enum(CALLOUT_TASK_STATUSES), createdAt: z.string(), doneAt: z.string().nullable(), version: z.number().int(),
});
export type CalloutTaskRow = z.infer<typeof calloutTaskRow>;
export const calloutTaskQuery = z.strictObject({ ...pageQuery, status: z.enum(CALLOUT_TASK_STATUSES).optional() });
export const calloutTaskDone = z.strictObject({ version: z.number().int().min(1), note: z.string().trim().min(1).max(500).optional() });
export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';
