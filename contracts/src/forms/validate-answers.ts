/**
 * Validates answers against a definition, the same way in the browser and on the server: every
 * problem with its path (`members[1].temperature`) and a stable code; the normalised answers
 * keep only the fields that show, so a hidden field is never required and never stored.
 */
import type { FormAnswers, FormDefinition, FormField } from './definition.js';
import { AnswerScope, type EvaluateOptions } from './conditions.js';
import { checkFieldValue, DEFAULT_REPEAT_MAX, isEmptyAnswer, isPlainObject, type FormErrorCode, type FormErrorParams } from './field-values.js';

export interface FormError {
  /** Where: `address`, `members[1].temperature`, `members[2]`; '' for the answers as a whole. */
  path: string;
  code: FormErrorCode;
  params?: FormErrorParams;
}

export interface AnswersResult {
  ok: boolean;
  /** The normalised answers of the fields that show (as far as they are valid). */
  value: FormAnswers;
  errors: FormError[];
}

function error(path: string, code: FormErrorCode, params?: FormErrorParams): FormError {
  return params ? { path, code, params } : { path, code };
}

function validateRepeat(scope: AnswerScope, field: Extract<FormField, { type: 'repeat' }>, raw: unknown, errors: FormError[]): FormAnswers[] | undefined {
  const path = scope.path(field.key);
  if (raw === undefined || raw === null) {
    if (field.required) errors.push(error(path, 'FORM_REQUIRED'));
    else if (field.minItems) errors.push(error(path, 'FORM_TOO_FEW', { min: field.minItems }));
    return undefined;
  }
  if (!Array.isArray(raw)) {
    errors.push(error(path, 'FORM_TYPE', { expected: 'list' }));
    return undefined;
  }
  const max = field.maxItems ?? DEFAULT_REPEAT_MAX;
  if (raw.length === 0 && field.required) errors.push(error(path, 'FORM_REQUIRED'));
  else if (field.minItems !== undefined && raw.length < field.minItems) errors.push(error(path, 'FORM_TOO_FEW', { min: field.minItems }));
  if (raw.length > max) errors.push(error(path, 'FORM_TOO_MANY', { max }));
  const items = scope.items(field).slice(0, max);
  return items.map((item, i) => {
    if (!item) {
      errors.push(error(`${path}[${i}]`, 'FORM_TYPE', { expected: 'item' }));
      return {};
    }
    return validateScope(item, errors);
  });
}

function validateScope(scope: AnswerScope, errors: FormError[]): FormAnswers {
  const out: FormAnswers = {};
  for (const key of Object.keys(scope.raw)) {
    const field = scope.ownField(key);
    if (!field || field.type === 'note') errors.push(error(scope.path(key), 'FORM_UNKNOWN_FIELD'));
  }
  for (const field of scope.fields) {
    if (field.type === 'note' || !scope.isVisible(field)) continue;
    const raw = scope.raw[field.key];
    if (field.type === 'repeat') {
      const items = validateRepeat(scope, field, raw, errors);
      if (items !== undefined) out[field.key] = items;
      continue;
    }
    if (isEmptyAnswer(raw)) {
      if (field.required) errors.push(error(scope.path(field.key), 'FORM_REQUIRED'));
      continue;
    }
    const checked = checkFieldValue(field, raw, scope.today);
    if (checked.ok) out[field.key] = checked.value;
    else errors.push(error(scope.path(field.key), checked.code, checked.params));
  }
  return out;
}

export function validateAnswers(def: Pick<FormDefinition, 'fields'>, answers: unknown, options: EvaluateOptions = {}): AnswersResult {
  const errors: FormError[] = [];
  if (!isPlainObject(answers)) return { ok: false, value: {}, errors: [error('', 'FORM_TYPE', { expected: 'answers' })] };
  const value = validateScope(AnswerScope.root(def, answers, options), errors);
  return { ok: errors.length === 0, value, errors };
}
