/** Formatting shared by every page: dates and times, blanks, ages, points. */
import { displayTimeZone } from './time-zone';

/** "2026/3/1 08:30:00" (zh-CN) or "01/03/2026, 08:30:00" (en); the text itself when it is not a date; '' for none. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // In the deployment's time zone, wherever the browser is.
  return date.toLocaleString(dateTag(locale), { hour12: false, timeZone: displayTimeZone() });
}

const dateTag = (locale: string) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** "14:03:22": a time of day, in the same form as formatDateTime's. */
export function formatTime(at: string | Date, locale: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(dateTag(locale), { hour12: false, timeZone: displayTimeZone() });
}

/** "2026年3月5日 星期四" or "5 March 2026 Thursday": a day spelled out (the big screen's clock). */
export function formatLongDay(date: Date, locale: string): string {
  const tag = dateTag(locale);
  return `${date.toLocaleDateString(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: displayTimeZone() })} ${date.toLocaleDateString(tag, { weekday: 'long', timeZone: displayTimeZone() })}`;
}

/** A value, or a dash for nothing (null, undefined, ''). */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** Age in whole years from an ISO birth date. */
export function ageOf(birthDate: string | null, today = new Date()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}

/** "111.692100, 29.031200" or a dash. */
export function pointText(lon: number | null, lat: number | null): string {
  return lon === null || lat === null ? '—' : `${lon.toFixed(6)}, ${lat.toFixed(6)}`;
}
