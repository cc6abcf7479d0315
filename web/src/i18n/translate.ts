/** The message catalogs and lookups, without React or the browser (usable from unit tests). */
import { en } from './messages.en';
import { zhCN, type MessageKey } from './messages.zh-CN';
import type { Locale } from '@gridgov/contracts';

export type { MessageKey };
export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** For keys built from data (a field name in a history entry): is there a message for it? */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const text = catalogs[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** A `t` for one locale. */
export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}
