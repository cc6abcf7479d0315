/** What every use-case of forms shares: a checked definition, and problems worded for the caller. */
import {
  definitionProblemMessage,
  formDefinition as definitionSchema,
  formErrorMessage,
  parseDefinition,
  type FormAnswerErrorDetail,
  type FormDefinition,
  type FormError,
  type Locale,
} from '@gridgov/contracts';
import { AppError } from '../errors.js';

/** The definition, or FORM_DEFINITION_INVALID with every problem, its path and its message. */
export function checkedDefinition(input: unknown, locale: Locale): FormDefinition {
  const parsed = parseDefinition(input);
  if (parsed.ok) return parsed.definition;
  throw new AppError('FORM_DEFINITION_INVALID', {
    problems: parsed.problems.map((p) => ({ ...p, message: definitionProblemMessage(p, locale) })),
  });
}

/** A stored definition (checked when it was saved). */
export function storedDefinition(value: unknown): FormDefinition {
  return definitionSchema.parse(value);
}

export function answerErrorDetails(errors: readonly FormError[], locale: Locale): FormAnswerErrorDetail[] {
  return errors.map((e) => ({ path: e.path, code: e.code, ...(e.params ? { params: { ...e.params } } : {}), message: formErrorMessage(e, locale) }));
}

/** What the audit keeps of a definition: enough to know which one, not the whole of it. */
export function auditSummary(def: FormDefinition): Record<string, unknown> {
  const count = (fields: FormDefinition['fields']): number => fields.reduce((n, f) => n + 1 + (f.type === 'repeat' ? count(f.fields) : 0), 0);
  return { key: def.key, version: def.version, title: def.title.zh, fields: count(def.fields), alerts: def.alerts?.length ?? 0 };
}
