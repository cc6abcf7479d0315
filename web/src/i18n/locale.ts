import type { Locale } from '@gridgov/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type { Locale };

const STORAGE_KEY = 'gridgov.locale';

function readStoredLocale(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = readStoredLocale();
applyLocale(current);

function applyLocale(locale: Locale): void {
  // Outside a browser (unit tests of modules that read the locale) there is no page to mark.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  // Month and weekday names in antd date pickers come from dayjs.
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

/** The locale the API client sends as Accept-Language; the provider keeps it in step. */
export function getLocale(): Locale {
  return current;
}

export function storeLocale(locale: Locale): void {
  current = locale;
  applyLocale(locale);
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
