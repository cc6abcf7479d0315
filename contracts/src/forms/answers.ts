/** Answers a form starts with, and answers made safe to show back (personal data masked). */
import { maskIdNumber } from '../id-number.js';
import { maskPhone } from '../phone.js';
import type { FormAnswers, FormDefinition, FormField, RepeatField } from './definition.js';
import { chinaToday, resolveDay } from './dates.js';
import { isPlainObject } from './field-values.js';

function startValue(field: FormField, today: string): unknown {
  switch (field.type) {
    case 'repeat':
      return Array.from({ length: Math.max(field.minItems ?? 0, field.required ? 1 : 0) }, () => emptyItem(field, today));
    case 'date':
      return field.default === undefined ? undefined : (resolveDay(field.default, today) ?? undefined);
    case 'note':
    case 'photo':
    case 'signature':
      return undefined;
    default:
      return 'default' in field ? field.default : undefined;
  }
}

function startAnswers(fields: readonly FormField[], today: string): FormAnswers {
  const out: FormAnswers = {};
  for (const field of fields) {
    const value = startValue(field, today);
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

/** A new item of a repeat, with its fields' defaults. */
export function emptyItem(field: RepeatField, today: string = chinaToday()): FormAnswers {
  return startAnswers(field.fields, today);
}

/** What a new form holds: the defaults (relative dates resolved), and the items a repeat needs at least. */
export function initialAnswers(def: Pick<FormDefinition, 'fields'>, options: { today?: string } = {}): FormAnswers {
  return startAnswers(def.fields, options.today ?? chinaToday());
}

function maskLevel(fields: readonly FormField[], answers: FormAnswers): FormAnswers {
  const out: FormAnswers = { ...answers };
  for (const field of fields) {
    const value = answers[field.key];
    if (field.type === 'id_number' && typeof value === 'string') out[field.key] = maskIdNumber(value);
    else if (field.type === 'phone' && typeof value === 'string') out[field.key] = maskPhone(value);
    else if (field.type === 'repeat' && Array.isArray(value)) out[field.key] = value.map((item) => (isPlainObject(item) ? maskLevel(field.fields, item) : item));
  }
  return out;
}

/** The answers with ID numbers and phones masked (`1101**********002X`, `138****1234`). */
export function maskAnswers(def: Pick<FormDefinition, 'fields'>, answers: FormAnswers): FormAnswers {
  return maskLevel(def.fields, answers);
}
