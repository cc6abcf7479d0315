/**
 * Whether a place is open at an instant, from its opening periods per weekday as the deployment's
 * wall clock reads them (GRIDGOV_TIME_ZONE). A period whose end is before its start runs past
 * midnight into the next day (a fever clinic open 20:00-08:00 on Monday is open at 03:00 on
 * Tuesday); `00:00-24:00` is the whole day.
 */
import { WEEKDAYS, type Weekday } from '@gridgov/contracts';
import { timeZone } from '../../platform/time-zone.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, f);
  }
  return f;
}

/** The weekday and minute of the day of an instant on the zone's wall clock. */
export function wallClockWeek(at: Date, zone = timeZone()): { day: Weekday; minute: number } {
  const parts = Object.fromEntries(format(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return { day: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A period as minutes of the day; `end` is past 1440 when it runs into the next day. */
export function parseRange(range: string): { start: number; end: number } {
  const [from, to] = range.split('-') as [string, string];
  const start = minutes(from);
  const end = minutes(to);
  return { start, end: end <= start ? end + 1440 : end };
}

export function isOpenAt(hours: Partial<Record<Weekday, readonly string[]>>, at: Date, zone = timeZone()): boolean {
  const { day, minute } = wallClockWeek(at, zone);
  const index = WEEKDAYS.indexOf(day);
  const yesterday = WEEKDAYS[(index + 6) % 7]!;
  const today = (hours[day] ?? []).map(parseRange).some((r) => minute >= r.start && minute < r.end);
  const spilled = (hours[yesterday] ?? []).map(parseRange).some((r) => r.end > 1440 && minute < r.end - 1440);
  return today || spilled;
}
