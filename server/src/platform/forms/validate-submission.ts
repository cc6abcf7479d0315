/**
 * What modules call with the answers they receive: validated on the server from the published
 * definition, the same engine as the browser. Invalid answers are FORM_ANSWERS_INVALID with each
 * field's path, code and message; valid ones come back normalised (hidden fields dropped) with
 * the alerts they raise, for the module to act on.
 */
import { answerAttachmentIds, evaluateAlerts, validateAnswers, type FormAnswers, type FormDefinition, type Locale, type RaisedAlert } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { answerErrorDetails } from './definition-rules.js';
import { publishedForm } from './queries.js';

export interface CheckedAnswers {
  value: FormAnswers;
  alerts: RaisedAlert[];
}

export interface ValidSubmission extends CheckedAnswers {
  key: string;
  version: number;
  definition: FormDefinition;
  /** The photos and signatures the answers hold: claim them for the record (`claimAttachments`) in its transaction. */
  attachmentIds: string[];
}

/** Validates answers against a definition; throws FORM_ANSWERS_INVALID with every problem. */
export function checkAnswers(def: FormDefinition, answers: unknown, today: string, locale: Locale): CheckedAnswers {
  const result = validateAnswers(def, answers, { today });
  if (!result.ok) throw new AppError('FORM_ANSWERS_INVALID', { key: def.key, version: def.version, errors: answerErrorDetails(result.errors, locale) });
  return { value: result.value, alerts: evaluateAlerts(def, result.value, { today }) };
}

/**
 * @param version the version answered, or undefined for the newest published one.
 * @param today the day of answering in the deployment's time zone (`localDate(clock.now())`), for relative dates.
 * @param locale the language of the field messages in the error's details.
 */
export async function validateSubmission(db: Db, key: string, version: number | undefined, answers: unknown, today: string, locale: Locale = 'zh-CN'): Promise<ValidSubmission> {
  const form = await publishedForm(db, key, version);
  const checked = checkAnswers(form.definition, answers, today, locale);
  return { key, version: form.version, definition: form.definition, ...checked, attachmentIds: answerAttachmentIds(form.definition, checked.value) };
}
