/** Formatting shared by every page: dates and times, blanks, ages, points. */

/** "2026/3/1 08:30:00" (zh-CN) or "01/03/2026, 08:30:00" (en); the text itself when it is not a date; '' for none. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
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
