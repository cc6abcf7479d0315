/**
 * One answer of one field: is it empty, is it valid, and its normalised form. Used for answers
 * (validateAnswers), for defaults (checkDefinition) and, loosely, for conditions.
 */
import { validateIdNumber } from '../id-number.js';
import { validateContactPhone, validatePhone } from '../phone.js';
import type { FormAttachment, FormLocation, LocalText, ValueField } from './definition.js';
import { dayAsLocalDate, isCalendarDay, resolveDay } from './dates.js';

/** Stable codes of a field's problem; clients branch on them, `formErrorMessage` words them. */
export const FORM_ERROR_CODES = [
  'FORM_REQUIRED',
  'FORM_TYPE',
  'FORM_MIN',
  'FORM_MAX',
  'FORM_INTEGER',
  'FORM_MIN_LENGTH',
  'FORM_MAX_LENGTH',
  'FORM_PATTERN',
  'FORM_CHOICE',
  'FORM_TOO_FEW',
  'FORM_TOO_MANY',
  'FORM_UNKNOWN_FIELD',
  'FORM_ID_NUMBER',
  'FORM_PHONE',
  'FORM_LOCATION',
  'FORM_MUST_BE_TRUE',
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];

/** What a message needs besides the code; never the answer itself (it may be personal data). */
export interface FormErrorParams {
  min?: number | string;
  max?: number | string;
  unit?: LocalText;
  /** The definition's own words for a pattern mismatch. */
  message?: LocalText;
  /** FORM_TYPE: the form the answer should take. */
  expected?: string;
  /** FORM_ID_NUMBER: format, birth_date or check_digit. */
  reason?: string;
}

export interface FieldProblem {
  code: FormErrorCode;
  params?: FormErrorParams;
}

export type FieldCheck = { ok: true; value: unknown } | ({ ok: false } & FieldProblem);

const fail = (code: FormErrorCode, params?: FormErrorParams): FieldCheck => (params ? { ok: false, code, params } : { ok: false, code });
const ok = (value: unknown): FieldCheck => ({ ok: true, value });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ATTACHMENT_KEYS = new Set(['id', 'name', 'contentType', 'size']);
const LOCATION_KEYS = new Set(['lon', 'lat', 'address']);

export const DEFAULT_TEXT_MAX = 200;
export const DEFAULT_MULTILINE_MAX = 2000;
export const DEFAULT_PHOTO_MAX = 9;
export const DEFAULT_REPEAT_MAX = 50;
export const ADDRESS_MAX = 200;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unanswered: nothing, blank text or an empty list. `false` and `0` are answers. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function length(s: string): number {
  return [...s].length;
}

function attachment(value: unknown): FormAttachment | null {
  if (typeof value === 'string') return UUID.test(value) ? { id: value.toLowerCase() } : null;
  if (!isPlainObject(value) || Object.keys(value).some((k) => !ATTACHMENT_KEYS.has(k))) return null;
  const { id, name, contentType, size } = value;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) return null;
  if (contentType !== undefined && (typeof contentType !== 'string' || contentType.length > 100)) return null;
  if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 0)) return null;
  return {
    id: id.toLowerCase(),
    ...(name !== undefined ? { name } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}

function location(value: unknown): FieldCheck {
  if (!isPlainObject(value) || Object.keys(value).some((k) => !LOCATION_KEYS.has(k))) return fail('FORM_TYPE', { expected: 'location' });
  const { lon, lat, address } = value;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return fail('FORM_TYPE', { expected: 'location' });
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return fail('FORM_LOCATION');
  if (address !== undefined && address !== null && typeof address !== 'string') return fail('FORM_TYPE', { expected: 'location' });
  const text = typeof address === 'string' ? address.trim() : '';
  if (length(text) > ADDRESS_MAX) return fail('FORM_MAX_LENGTH', { max: ADDRESS_MAX });
  const point: FormLocation = { lon, lat, ...(text ? { address: text } : {}) };
  return ok(point);
}

/**
 * Checks a non-empty answer of a value field and returns its normalised form: text trimmed,
 * ID numbers upper-cased, phones without +86, choices in the order of the options, attachments
 * as `{id, ...}`.
 */
export function checkFieldValue(field: ValueField, value: unknown, today: string): FieldCheck {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return fail('FORM_TYPE', { expected: 'text' });
      const text = field.multiline ? value.trim().replace(/\r\n?/g, '\n') : value.trim().replace(/\s*[\r\n]+\s*/g, ' ');
      const max = field.maxLength ?? (field.multiline ? DEFAULT_MULTILINE_MAX : DEFAULT_TEXT_MAX);
      if (field.minLength !== undefined && length(text) < field.minLength) return fail('FORM_MIN_LENGTH', { min: field.minLength });
      if (length(text) > max) return fail('FORM_MAX_LENGTH', { max });
      if (field.pattern !== undefined) {
        const pattern = compilePattern(field.pattern);
        if (pattern && !pattern.test(text)) return fail('FORM_PATTERN', field.patternMessage ? { message: field.patternMessage } : undefined);
      }
      return ok(text);
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('FORM_TYPE', { expected: 'number' });
      if (field.integer && !Number.isInteger(value)) return fail('FORM_INTEGER');
      const unit = field.unit ? { unit: field.unit } : {};
      if (field.min !== undefined && value < field.min) return fail('FORM_MIN', { min: field.min, ...unit });
      if (field.max !== undefined && value > field.max) return fail('FORM_MAX', { max: field.max, ...unit });
      return ok(value);
    }
    case 'date': {
      if (typeof value !== 'string' || !isCalendarDay(value.trim())) return fail('FORM_TYPE', { expected: 'date' });
      const day = value.trim();
      const min = field.min === undefined ? null : resolveDay(field.min, today);
      const max = field.max === undefined ? null : resolveDay(field.max, today);
      if (min && day < min) return fail('FORM_MIN', { min });
      if (max && day > max) return fail('FORM_MAX', { max });
      return ok(day);
    }
    case 'choice':
      if (typeof value !== 'string') return fail('FORM_TYPE', { expected: 'choice' });
      return field.options.some((o) => o.value === value) ? ok(value) : fail('FORM_CHOICE');
    case 'multi_choice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return fail('FORM_TYPE', { expected: 'multi_choice' });
      const chosen = new Set(value as string[]);
      if ([...chosen].some((v) => !field.options.some((o) => o.value === v))) return fail('FORM_CHOICE');
      if (field.minSelected !== undefined && chosen.size < field.minSelected) return fail('FORM_TOO_FEW', { min: field.minSelected });
      if (field.maxSelected !== undefined && chosen.size > field.maxSelected) return fail('FORM_TOO_MANY', { max: field.maxSelected });
      return ok(field.options.filter((o) => chosen.has(o.value)).map((o) => o.value));
    }
    case 'boolean':
      if (typeof value !== 'boolean') return fail('FORM_TYPE', { expected: 'boolean' });
      if (field.mustBeTrue && !value) return fail('FORM_MUST_BE_TRUE');
      return ok(value);
    case 'photo': {
      if (!Array.isArray(value)) return fail('FORM_TYPE', { expected: 'photo' });
      const refs = value.map(attachment);
      if (refs.some((r) => r === null)) return fail('FORM_TYPE', { expected: 'photo' });
      if (refs.some((r) => r?.contentType !== undefined && !r.contentType.startsWith('image/'))) return fail('FORM_TYPE', { expected: 'image' });
      const unique = [...new Map((refs as FormAttachment[]).map((r) => [r.id, r])).values()];
      const max = field.maxCount ?? DEFAULT_PHOTO_MAX;
      if (field.minCount !== undefined && unique.length < field.minCount) return fail('FORM_TOO_FEW', { min: field.minCount });
      if (unique.length > max) return fail('FORM_TOO_MANY', { max });
      return ok(unique);
    }
    case 'signature': {
      const ref = attachment(value);
      if (!ref) return fail('FORM_TYPE', { expected: 'signature' });
      if (ref.contentType !== undefined && ref.contentType !== 'image/png') return fail('FORM_TYPE', { expected: 'image/png' });
      return ok(ref);
    }
    case 'location':
      return location(value);
    case 'id_number': {
      if (typeof value !== 'string') return fail('FORM_TYPE', { expected: 'text' });
      const result = validateIdNumber(value.trim(), dayAsLocalDate(today));
      return result.ok ? ok(result.normalized) : fail('FORM_ID_NUMBER', { reason: result.reason });
    }
    case 'phone': {
      if (typeof value !== 'string') return fail('FORM_TYPE', { expected: 'text' });
      const phone = field.mobileOnly ? validatePhone(value) : validateContactPhone(value);
      return phone ? ok(phone) : fail('FORM_PHONE');
    }
  }
}

const patterns = new Map<string, RegExp | null>();

/** The compiled pattern, or null when it does not compile (checkDefinition reports that). */
export function compilePattern(source: string): RegExp | null {
  if (!patterns.has(source)) {
    let compiled: RegExp | null;
    try {
      compiled = new RegExp(source, 'u');
    } catch {
      compiled = null;
    }
    if (patterns.size > 500) patterns.clear();
    patterns.set(source, compiled);
  }
  return patterns.get(source) ?? null;
}

/**
 * The answer as conditions see it: its normalised form when valid, otherwise the raw answer
 * with text trimmed (so a half-typed answer still shows or hides what depends on it).
 */
export function conditionValue(field: ValueField, value: unknown, today: string): unknown {
  if (isEmptyAnswer(value)) return undefined;
  const checked = checkFieldValue(field, value, today);
  if (checked.ok) return checked.value;
  return typeof value === 'string' ? value.trim() : value;
}
