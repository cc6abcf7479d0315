/**
 * Form rules taken from the contract's zod schemas, so the console checks a field exactly as the
 * server will (length, range, required, format), with messages in the user's language.
 * Identity, phone and credit-code checks stay on the server, which answers per field.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { Translate } from '../../i18n/i18n';

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue, value: unknown, t: Translate): string {
  // Nothing given where the contract needs something.
  if (value === undefined || value === '') return t('record.rule.required');
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? t('record.rule.integer') : t('record.rule.invalid');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('record.rule.required') : t('record.rule.minLength', { n: String(issue.minimum) });
      if (issue.origin === 'array') return t('record.rule.required');
      return t('record.rule.minValue', { n: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('record.rule.max', { n: String(issue.maximum) });
      return t('record.rule.maxValue', { n: String(issue.maximum) });
    default:
      return t('record.rule.invalid');
  }
}

/** Empty inputs as the API would receive them: '' and null are "not given" for optional fields. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value;
  return value ?? undefined;
}

/**
 * A rule validating one field against its schema. `skipEmpty` leaves an empty value alone
 * (e.g. the ID number when editing: empty means "keep the stored one").
 */
export function contractRule(schema: z.ZodType, t: Translate, options: { skipEmpty?: boolean } = {}): FormRule {
  return {
    validator: async (_rule, raw: unknown) => {
      const value = normalise(raw);
      if (options.skipEmpty && (value === undefined || (typeof value === 'string' && value.trim() === ''))) return;
      const result = schema.safeParse(value);
      if (result.success) return;
      const issue = result.error.issues[0];
      throw new Error(issue ? issueMessage(issue, value, t) : t('record.rule.invalid'));
    },
  };
}

/** Trimmed text, or null when blank (optional text fields clear with null). */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
