/**
 * Which fields the server rejected, whichever way its error names them — so a form can put each
 * problem on its field:
 * - schema validation: `details[] = { path: 'body.x', message }` (`body.customFields.<key>` names
 *   an extra question; deeper paths a field inside a list);
 * - rules per field: `details.fields[] = { field, code?, reason? }` (registers, phones);
 * - one field missing for a transition: `details.field`;
 * - departments that cannot take a ticket: `details.departmentIds`.
 */
import type { FormInstance } from 'antd';
import { ERRORS, errorMessage, type ErrorCode, type Locale } from '@gridgov/contracts';
import { ApiError } from '../../api/client';
import { hasMessage, type Translate } from '../../i18n/translate';

export interface ServerFieldProblem {
  /** The field as the form names it (`customFields.<key>` for an extra question). */
  field: string;
  /** The rule's error code, when the server gives one. */
  code: string | null;
  /** Why (e.g. `check_digit` of an ID number, `required`). */
  reason: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function serverFieldProblems(error: unknown): ServerFieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  if (Array.isArray(details)) {
    return details.filter(isRecord).flatMap((issue) => {
      if (typeof issue.path !== 'string') return [];
      const [where, field, sub] = issue.path.split('.');
      if (where !== 'body' || !field) return [];
      return [{ field: field === 'customFields' && sub ? `customFields.${sub}` : field, code: null, reason: null }];
    });
  }
  if (!isRecord(details)) return [];
  if (Array.isArray(details.fields)) {
    return details.fields
      .filter(isRecord)
      .flatMap((entry) => (typeof entry.field === 'string' ? [{ field: entry.field, code: text(entry.code), reason: text(entry.reason) }] : []));
  }
  if (typeof details.field === 'string') return [{ field: details.field, code: null, reason: text(details.reason) }];
  if (Array.isArray(details.departmentIds)) return [{ field: 'departmentIds', code: null, reason: null }];
  return [];
}

/**
 * The body paths of schema issues as form name paths: `body.customFields.0.key` becomes
 * `['customFields', 0, 'key']` (for forms with lists).
 */
export function schemaIssuePaths(error: unknown): (string | number)[][] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(isRecord).flatMap((issue) => {
    if (typeof issue.path !== 'string') return [];
    const [where, ...rest] = issue.path.split('.');
    if (where !== 'body' || rest.length === 0) return [];
    return [rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
  });
}

export interface FieldProblem {
  field: string;
  message: string;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/** What to say on the field: the reason an ID number is wrong, the rule's own message, or "not valid". */
function ruleMessage(problem: ServerFieldProblem, t: Translate, locale: Locale): string {
  if (problem.code === 'ID_NUMBER_INVALID' && problem.reason) {
    const key = `record.idReason.${problem.reason}`;
    if (hasMessage(key)) return t(key);
  }
  return isErrorCode(problem.code) ? errorMessage(problem.code, locale) : t('record.rule.invalid');
}

/** Each rejected field with its message, in the user's language. */
export function fieldProblems(error: unknown, t: Translate, locale: Locale): FieldProblem[] {
  return serverFieldProblems(error).map((problem) => ({ field: problem.field, message: ruleMessage(problem, t, locale) }));
}

/**
 * Puts the server's field problems on a form's fields and scrolls to the first; answers whether
 * every problem found its field (when not, the caller shows the error as a whole).
 */
export function showFieldProblems(
  form: Pick<FormInstance, 'getFieldsError' | 'setFields' | 'scrollToField'>,
  error: unknown,
  t: Translate,
  locale: Locale,
): boolean {
  const problems = fieldProblems(error, t, locale);
  const registered = new Set(form.getFieldsError().map((entry) => String(entry.name[0])));
  const onFields = problems.filter((problem) => registered.has(problem.field));
  form.setFields(onFields.map((problem) => ({ name: problem.field, errors: [problem.message] })));
  if (onFields[0]) form.scrollToField(onFields[0].field);
  return onFields.length > 0 && onFields.length === problems.length;
}
