/** Numbers of the dashboard, formatted for the console's language (zh-CN grouping by default). */
import type { Locale } from '../../i18n/i18n';
import { formatDateTime, formatTime } from '../../shared/format';

const tag = (locale: Locale) => (locale === 'en' ? 'en-US' : 'zh-CN');

export const NO_VALUE = '—';

export function formatCount(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A count for a narrow tile: in full below 100,000, then short ("123.5万", "1.2M"). */
export function formatTileCount(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return NO_VALUE;
  if (Math.abs(value) < 100_000) return formatCount(value, locale);
  return new Intl.NumberFormat(tag(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A share 0..1 as a percentage with one decimal at most ("96.4%"). */
export function formatRate(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A mean rating 1..5 with two decimals. */
export function formatScore(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** "14:03:22": the time of day of a live event. */
export function formatClock(iso: string | Date, locale: Locale): string {
  return formatTime(iso, locale);
}

/** When the figures were read, in the console's one date format. */
export function formatStamp(iso: string, locale: Locale): string {
  return formatDateTime(iso, locale);
}

/** "03-05" from a "2026-03-05" day, for chart axes. */
export function shortDay(day: string): string {
  return day.length >= 10 ? day.slice(5, 10) : day;
}
