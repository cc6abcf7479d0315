/**
 * Self-declaration (市民自主填报): residents declare their health and trips on the portal (daily or
 * once), with the data groups of GB/T 38962-2020, against the form `declarations.self` (forms as
 * data); staff record one taken by phone. A declaration is matched to the resident register by the
 * ID number's keyed hash, and thereby to a household and a grid; unmatched ones are kept for
 * follow-up. Health data: read by `declaration:read` in scope, each detail with a purpose.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { formDefinition } from '../forms/definition.js';
import { raisedAlert } from '../forms/api.js';

export const DECLARATION_MODES = ['daily', 'once'] as const;
export type DeclarationMode = (typeof DECLARATION_MODES)[number];
export const DECLARATION_SOURCES = ['portal', 'phone'] as const;
export type DeclarationSource = (typeof DECLARATION_SOURCES)[number];

const answers = z.record(z.string(), z.unknown()).describe('Answers to the declaration form (declarations.self)');
const day = z.iso.date();

/** What a resident sends from the portal. `regionCode`: the community they live in (places an unmatched declaration). */
export const declarationRequest = z.strictObject({
  mode: z.enum(DECLARATION_MODES),
  regionCode: divisionCode.optional(),
  formVersion: z.number().int().min(1).optional(),
  answers,
});
export type DeclarationRequest = z.infer<typeof declarationRequest>;

/** A declaration taken by phone by staff (source = phone); the community must be in the caller's scope. */
export const phoneDeclarationRequest = z.strictObject({
  mode: z.enum(DECLARATION_MODES),
  regionCode: divisionCode,
  formVersion: z.number().int().min(1).optional(),
  answers,
});
export type PhoneDeclarationRequest = z.infer<typeof phoneDeclarationRequest>;

/** What the declarant gets back: what was recorded (personal fields masked) and the rules it tripped. */
export const declarationReceipt = z.object({
  id: z.string(),
  mode: z.enum(DECLARATION_MODES),
  source: z.enum(DECLARATION_SOURCES),
  day: z.string(),
  declaredAt: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  formKey: z.string(),
  formVersion: z.number().int(),
  /** The health and trip answers as stored (without the personal fields). */
  answers: z.record(z.string(), z.unknown()),
  abnormal: z.boolean(),
  alerts: z.array(raisedAlert),
  /** A daily declaration that replaced the same person's earlier one of the same day. */
  replaced: z.boolean(),
});
export type DeclarationReceipt = z.infer<typeof declarationReceipt>;

/** A declaration on staff lists: masked. */
export const declarationSummary = z.object({
  id: z.string(),
  day: z.string(),
  declaredAt: z.string(),
  mode: z.enum(DECLARATION_MODES),
  source: z.enum(DECLARATION_SOURCES),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  matched: z.boolean(),
  temperature: z.number().nullable(),
  abnormal: z.boolean(),
  alertKeys: z.array(z.string()),
  /** Replaced by a later daily declaration of the same day. */
  superseded: z.boolean(),
});
export type DeclarationSummary = z.infer<typeof declarationSummary>;

export const declarationDetail = declarationSummary.extend({
  formKey: z.string(),
  formVersion: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  alerts: z.array(raisedAlert),
  residentId: z.string().nullable(),
  householdId: z.string().nullable(),
  recordedByName: z.string().nullable(),
  supersededBy: z.string().nullable(),
});
export type DeclarationDetail = z.infer<typeof declarationDetail>;

const flag = z.enum(['true', 'false']).optional();
export const declarationListQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  abnormal: flag,
  unmatched: flag,
  grid: uuid.optional(),
  /** Also the daily declarations replaced later the same day. */
  superseded: flag,
  ...pageQuery,
});
export type DeclarationListQuery = z.infer<typeof declarationListQuery>;

export const declarationReadQuery = z.strictObject({ purpose: z.string().trim().min(2).max(200).optional() });

/** The form to fill: the newest published version. */
export const declarationFormResponse = z.object({ version: z.number().int(), definition: formDefinition });

/** A resident's own history: the document number and phone given when declaring (both must match). */
export const declarationHistoryRequest = z.strictObject({ idNumber: z.string().trim().min(5).max(40), phone: z.string().trim().min(5).max(20) });
export const declarationHistory = z.object({ items: z.array(declarationReceipt.extend({ superseded: z.boolean() })) });
export type DeclarationHistory = z.infer<typeof declarationHistory>;

/** Counts for the console's header: today's declarations and abnormal ones in the caller's scope. */
export const declarationCounts = z.object({ day: z.string(), total: z.number().int(), abnormal: z.number().int(), unmatched: z.number().int() });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './declaration-form.js';
