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

/** The answers with ID numbers and phones masked (`11**************2X`, `138****1234`). */
export function maskAnswers(def: Pick<FormDefinition, 'fields'>, answers: FormAnswers): FormAnswers {
  return maskLevel(def.fields, answers);
}

/**
 * The attachment ids the answers hold (photos and signatures, in items too), in form order: what
 * a module claims for the record it stores the answers in.
 */
export function answerAttachmentIds(def: Pick<FormDefinition, 'fields'>, answers: FormAnswers): string[] {
  const ids: string[] = [];
  const idOf = (ref: unknown) => (typeof ref === 'string' ? ref : isPlainObject(ref) && typeof ref.id === 'string' ? ref.id : null);
  const walk = (fields: readonly FormField[], values: FormAnswers) => {
    for (const field of fields) {
      const value = values[field.key];
      if (field.type === 'photo' && Array.isArray(value)) ids.push(...value.map(idOf).filter((id): id is string => id !== null));
      else if (field.type === 'signature') {
        const id = idOf(value);
        if (id) ids.push(id);
      } else if (field.type === 'repeat' && Array.isArray(value)) for (const item of value) if (isPlainObject(item)) walk(field.fields, item);
    }
  };
  walk(def.fields, answers);
  return [...new Set(ids)];
}
