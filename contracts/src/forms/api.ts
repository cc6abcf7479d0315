/** The HTTP contract of form definitions: versions, drafts, publishing, and trying answers. */
import { z } from 'zod';
import { formKey, localText, formDefinition, ALERT_LEVELS } from './definition.js';
import { FORM_ERROR_CODES } from './field-values.js';

// ---------- form versions ----------
/** A draft may change; a published version never does (it may only be retired). */
export const FORM_STATUSES = ['draft', 'published', 'retired'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

const userRef = z.object({ id: z.string(), displayName: z.string() }).nullable();

export const formVersionSummary = z.object({
  key: z.string(),
  version: z.number().int(),
  status: z.enum(FORM_STATUSES),
  title: localText,
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type FormVersionSummary = z.infer<typeof formVersionSummary>;

/** A form and its versions, newest first. */
export const formSummary = z.object({ key: z.string(), title: localText, versions: z.array(formVersionSummary) });
export type FormSummary = z.infer<typeof formSummary>;
export const formList = z.object({ items: z.array(formSummary) });

export const formVersion = formVersionSummary.extend({
  definition: formDefinition,
  /** Goes up by one at every save of a draft; an update names the revision it started from. */
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: userRef,
  updatedBy: userRef,
  publishedBy: userRef,
  retiredBy: userRef,
});
export type FormVersion = z.infer<typeof formVersion>;

export const formVersionParams = z.strictObject({ key: formKey, version: z.coerce.number().int().min(1).max(1_000_000) });

/** The definition is checked by `parseDefinition`, so its problems come back with their paths (FORM_DEFINITION_INVALID). */
const definitionBody = z.record(z.string(), z.unknown()).describe('A form definition (FormDefinition)');

export const createFormDraftRequest = z.strictObject({ definition: definitionBody });
export const updateFormDraftRequest = z.strictObject({ definition: definitionBody, revision: z.number().int().min(1) });
/** Publishing and deleting a draft name the revision the caller reviewed. */
export const formRevisionRequest = z.strictObject({ revision: z.number().int().min(1) });
export const formRevisionQuery = z.strictObject({ revision: z.coerce.number().int().min(1) });

// ---------- trying answers ----------
export const validateAnswersRequest = z.strictObject({ answers: z.record(z.string(), z.unknown()) });

export const raisedAlert = z.object({
  key: z.string(),
  level: z.enum(ALERT_LEVELS),
  message: localText,
  action: z.string().optional(),
  path: z.string().optional(),
});

/** Valid answers: normalised (hidden fields dropped; ID numbers and phones masked) and the alerts they raise. */
export const validateAnswersResponse = z.object({ ok: z.literal(true), value: z.record(z.string(), z.unknown()), alerts: z.array(raisedAlert) });
export type ValidateAnswersResponse = z.infer<typeof validateAnswersResponse>;

/** `details` of FORM_ANSWERS_INVALID: each field's problem with its path and message. */
export const formAnswerErrorDetail = z.object({
  path: z.string(),
  code: z.enum(FORM_ERROR_CODES),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string(),
});
export type FormAnswerErrorDetail = z.infer<typeof formAnswerErrorDetail>;
