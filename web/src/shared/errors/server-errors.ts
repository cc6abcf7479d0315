/**
 * The server names the fields it rejects: `details.fields[] = { field, code, reason }` from the
 * register rules, or `details[] = { path: 'body.x', message }` from schema validation. These put
 * each problem on its form field.
 */
import { ERRORS, errorMessage, type ErrorCode, type Locale } from '@gridgov/contracts';
import { ApiError } from '../../api/client';
import { hasMessage, type Translate } from '../../i18n/i18n';

export interface FieldProblem {
  field: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

function ruleMessage(code: unknown, reason: unknown, t: Translate, locale: Locale): string {
  if (code === 'ID_NUMBER_INVALID' && typeof reason === 'string') {
    const key = `record.idReason.${reason}`;
    if (hasMessage(key)) return t(key);
  }
  return isErrorCode(code) ? errorMessage(code, locale) : t('record.rule.invalid');
}

export function fieldProblems(error: unknown, t: Translate, locale: Locale): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  if (isRecord(details) && Array.isArray(details.fields)) {
    return details.fields.filter(isRecord).flatMap((entry) =>
      typeof entry.field === 'string' ? [{ field: entry.field, message: ruleMessage(entry.code, entry.reason, t, locale) }] : [],
    );
  }
  if (Array.isArray(details)) {
    return details.filter(isRecord).flatMap((issue) => {
      if (typeof issue.path !== 'string') return [];
      const [where, field] = issue.path.split('.');
      return where === 'body' && field ? [{ field, message: t('record.rule.invalid') }] : [];
    });
  }
  return [];
}
