/**
 * Answers a page already knows before anyone types (the household's address on a survey task):
 * put on the form's top-level text fields of the same key, over their defaults, so the person
 * checks them instead of typing them again. Keys the form does not have, fields of another
 * type and empty values are left out: a prefill never adds an answer the form would refuse.
 */
import type { FormAnswers, FormDefinition } from '@gridgov/contracts';

export function prefillAnswers(definition: Pick<FormDefinition, 'fields'>, start: FormAnswers, known: Readonly<Record<string, string | null | undefined>>): FormAnswers {
  const out: FormAnswers = { ...start };
  for (const field of definition.fields) {
    if (field.type !== 'text') continue;
    const value = known[field.key]?.trim();
    if (!value) continue;
    out[field.key] = field.maxLength !== undefined ? value.slice(0, field.maxLength) : value;
  }
  return out;
}
