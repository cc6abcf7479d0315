/**
 * Survey campaigns (入户走访摸排): a command centre picks a form (forms as data), a region and a
 * window, and a target (every household of the region, the households of residents with a tag,
 * the households of arrivals the checkpoints reported, or a list of household numbers); one task per household is generated and assigned to the
 * grid's workers; a worker answers from the phone (replayable by the phone's id); answers that
 * trip the campaign's alert rules make a follow-up task or a ticket; progress per grid and
 * region; results export to Excel with the form's fields as columns.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { nameText } from '../text.js';
import { alertRule, formKey } from '../forms/definition.js';
import { RESIDENT_TAGS } from '../registers/index.js';

export const SURVEY_CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'cancelled'] as const;
export type SurveyCampaignStatus = (typeof SURVEY_CAMPAIGN_STATUSES)[number];
/** `declared`: the household self-declared in the campaign's window and was not flagged; no visit is needed (it counts as done). */
export const SURVEY_TASK_STATUSES = ['pending', 'done', 'declared'] as const;
export type SurveyTaskStatus = (typeof SURVEY_TASK_STATUSES)[number];
export const SURVEY_TASK_KINDS = ['visit', 'follow_up'] as const;
export type SurveyTaskKind = (typeof SURVEY_TASK_KINDS)[number];
/** Where task generation stands: waiting for the campaign to open, running in batches, done. */
export const SURVEY_GENERATION_STATUSES = ['waiting', 'running', 'done'] as const;

const at = z.iso.datetime({ offset: true });
const note = z.string().trim().min(1).max(500);

/**
 * Who is visited: every household of the region, those with a resident carrying a tag, those of
 * residents the checkpoints reported arriving (人员出入境: arrived from `since` to the campaign's
 * end, from an origin containing `origin` when given; arrivals imported while the campaign is
 * open add their households), or a list of household numbers.
 */
export const surveyTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('region') }),
  z.strictObject({ kind: z.literal('tag'), tag: z.enum(RESIDENT_TAGS) }),
  z.strictObject({ kind: z.literal('arrivals'), since: at, origin: nameText(40).optional() }),
  z.strictObject({ kind: z.literal('list'), householdNumbers: z.array(z.string().trim().min(1).max(40)).min(1).max(50_000) }),
]);
export type SurveyTarget = z.infer<typeof surveyTarget>;

export const surveyCampaignInput = z
  .strictObject({
    name: nameText(60),
    regionCode: divisionCode,
    formKey,
    /** The published version answered; none: the newest at creation. */
    formVersion: z.number().int().min(1).optional(),
    startsAt: at,
    endsAt: at,
    target: surveyTarget,
    /** Alert rules over the form's fields (same language as a form's alerts); none: the form's own. */
    alertRules: z.array(alertRule).max(50).optional(),
    /** The ticket category a `ticket` rule files under (required when a rule has that action). */
    ticketCategoryId: uuid.optional(),
  })
  .superRefine((d, ctx) => {
    if (Date.parse(d.endsAt) <= Date.parse(d.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  });
export type SurveyCampaignInput = z.infer<typeof surveyCampaignInput>;

const version = { version: z.number().int().min(1) };
export const SURVEY_CAMPAIGN_ACTION_INPUTS = {
  open: z.strictObject(version),
  close: z.strictObject({ ...version, note: note.optional() }),
  cancel: z.strictObject({ ...version, note }),
} as const;
export type SurveyCampaignAction = keyof typeof SURVEY_CAMPAIGN_ACTION_INPUTS | 'end';
export const SURVEY_CAMPAIGN_ACTIONS = Object.keys(SURVEY_CAMPAIGN_ACTION_INPUTS) as Exclude<SurveyCampaignAction, 'end'>[];

export const surveyProgressRow = z.object({
  /** A grid id, or a region code at the level asked. */
  key: z.string(),
  name: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  alerts: z.number().int(),
});
export const surveyCampaign = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  formKey: z.string(),
  formVersion: z.number().int(),
  formTitle: z.object({ zh: z.string(), en: z.string().optional() }),
  startsAt: z.string(),
  endsAt: z.string(),
  target: surveyTarget,
  alertRules: z.array(alertRule),
  ticketCategoryId: z.string().nullable(),
  status: z.enum(SURVEY_CAMPAIGN_STATUSES),
  version: z.number().int(),
  generation: z.enum(SURVEY_GENERATION_STATUSES),
  /** List targets: the numbers no household in the region matched. */
  unmatched: z.array(z.string()),
  createdAt: z.string(),
  /** Over the tasks the caller may see. */
  totals: z.object({ total: z.number().int(), done: z.number().int(), alerts: z.number().int() }),
  actions: z.array(z.enum(SURVEY_CAMPAIGN_ACTIONS)),
});
export type SurveyCampaign = z.infer<typeof surveyCampaign>;
export const surveyCampaignListQuery = z.strictObject({ status: z.enum(SURVEY_CAMPAIGN_STATUSES).optional(), ...pageQuery });

/** An uploaded household list, read: the numbers in the file's order (repeats dropped). */
export const surveyListFile = z.object({
  householdNumbers: z.array(z.string()),
  /** Rows holding a number (repeats included). */
  rows: z.number().int(),
  duplicates: z.number().int(),
  /** Whether the first row was taken as a header (it held no digit). */
  header: z.boolean(),
});
export type SurveyListFile = z.infer<typeof surveyListFile>;
/** Why a row of an uploaded list is refused (the error's details: `row`, `reason`, and its text in both languages). */
export const SURVEY_LIST_ROW_REASONS = ['several_columns', 'too_long', 'not_text'] as const;

export const SURVEY_PROGRESS_LEVELS = ['county', 'township', 'community', 'grid'] as const;
export const surveyProgressQuery = z.strictObject({ level: z.enum(SURVEY_PROGRESS_LEVELS).default('grid') });
export const surveyProgress = z.object({ level: z.enum(SURVEY_PROGRESS_LEVELS), items: z.array(surveyProgressRow) });
export type SurveyProgress = z.infer<typeof surveyProgress>;

export const surveyTask = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  kind: z.enum(SURVEY_TASK_KINDS),
  householdNumber: z.string(),
  address: z.string().nullable(),
  gridId: z.string(),
  gridName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(SURVEY_TASK_STATUSES),
  /** Follow-up tasks: the alert rule that raised them. */
  alertKey: z.string().nullable(),
  formKey: z.string(),
  formVersion: z.number().int(),
  doneAt: z.string().nullable(),
  /** Where the household is (its building's point), for the worker's map; null when not placed. */
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type SurveyTask = z.infer<typeof surveyTask>;
export const surveyTaskListQuery = z.strictObject({
  campaign: uuid.optional(),
  grid: uuid.optional(),
  status: z.enum(SURVEY_TASK_STATUSES).optional(),
  kind: z.enum(SURVEY_TASK_KINDS).optional(),
  ...pageQuery,
});

/** Reassign one task, or every pending task of a grid in a campaign, to a worker of that grid. */
export const surveyReassignInput = z.union([
  z.strictObject({ taskId: uuid, assigneeId: uuid }),
  z.strictObject({ gridId: uuid, assigneeId: uuid }),
]);
export const surveyReassignResult = z.object({ reassigned: z.number().int() });

export const surveyAnswerInput = z.strictObject({
  /** Made by the phone: sending it again is the same answer. */
  clientId: uuid,
  formVersion: z.number().int().min(1).optional(),
  answers: z.record(z.string(), z.unknown()),
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
});
export type SurveyAnswerInput = z.infer<typeof surveyAnswerInput>;

export const raisedSurveyAlert = z.object({ key: z.string(), level: z.string(), action: z.string().nullable(), path: z.string().nullable(), message: z.object({ zh: z.string(), en: z.string().optional() }) });
export const surveyAnswerReceipt = z.object({
  id: z.string(),
  taskId: z.string(),
  /** False: the same answer had been taken already (a replay). */
  created: z.boolean(),
  alerts: z.array(raisedSurveyAlert),
  followUpTaskIds: z.array(z.string()),
  ticketId: z.string().nullable(),
});
export type SurveyAnswerReceipt = z.infer<typeof surveyAnswerReceipt>;

/** An answer as staff read it: ID numbers and phones masked. */
export const surveyAnswer = z.object({
  id: z.string(),
  taskId: z.string(),
  householdNumber: z.string(),
  gridName: z.string(),
  answeredBy: z.string(),
  answeredAt: z.string(),
  formVersion: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  alerts: z.array(raisedSurveyAlert),
  ticketId: z.string().nullable(),
});
export type SurveyAnswer = z.infer<typeof surveyAnswer>;
/** Answers are health data: every read states its purpose (audited). */
export const surveyAnswerListQuery = z.strictObject({ purpose: nameText(200).optional(), alerted: z.enum(['yes', 'no']).optional(), ...pageQuery });
export const surveyExportQuery = z.strictObject({ purpose: nameText(200).optional() });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
