/**
 * Messages (notifications, SMS, broadcasts) are stored as a kind and parameters and rendered in
 * the reader's language when shown or sent: templates with `{name}` placeholders, per domain.
 */
import type { Locale } from './errors.js';

export interface MessageSpec {
  zh: string;
  en: string;
}

export function defineMessages<const T extends Record<`${string}.${string}`, MessageSpec>>(spec: T): T {
  return spec;
}

export type MessageParams = Record<string, string | number | null | undefined>;

/** Fills `{name}` placeholders; a missing parameter renders as nothing. */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A message in a language; an unknown kind shows its stored text (older rows) or the kind itself. */
export function renderMessage(catalog: Readonly<Record<string, MessageSpec>>, kind: string, params: MessageParams, locale: Locale): string {
  const spec = catalog[kind];
  if (!spec) return String(params.text ?? kind);
  return fillTemplate(locale === 'en' ? spec.en : spec.zh, params);
}
