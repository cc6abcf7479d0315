/** Calendar days as `YYYY-MM-DD` strings, and dates relative to the day of answering. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^today(?:([+-])(\d{1,4})d)?$/;

/** Whether `s` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function addDays(day: string, days: number): string {
  const m = DAY.exec(day)!;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** `today`, `today-14d`, `today+7d` or a literal day, as a day; null when it is neither. */
export function resolveDay(ref: string, today: string): string | null {
  const relative = RELATIVE.exec(ref);
  if (relative) {
    const days = relative[2] ? Number(relative[2]) * (relative[1] === '-' ? -1 : 1) : 0;
    return addDays(today, days);
  }
  return isCalendarDay(ref) ? ref : null;
}

export function isRelativeDay(ref: string): boolean {
  return RELATIVE.test(ref);
}

/** The day (YYYY-MM-DD) of an instant in a time zone (the deployment's; Asia/Shanghai by default). */
export function dayInZone(at: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** What "today" means to the people answering: the day in the deployment's time zone. */
export function chinaToday(at: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  return dayInZone(at, timeZone);
}

/** The day as a local Date at midnight, for the ID-number birth-date check. */
export function dayAsLocalDate(day: string): Date {
  const m = DAY.exec(day);
  if (!m) return new Date(Number.NaN);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
