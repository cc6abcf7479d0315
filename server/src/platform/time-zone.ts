/**
 * The deployment's time zone (GRIDGOV_TIME_ZONE, Asia/Shanghai by default): it decides every
 * day boundary (ticket numbers, bulletins, dashboards, a form's "today", default dates), here and
 * in SQL (`metric_day`, which reads the zone start-up stores in `deployment_setting`). One zone
 * per deployment, set once at start-up (`useTimeZone`), like the clock it is read against.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let zone = DEFAULT_TIME_ZONE;
let parts = formatter(zone);

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Whether `name` is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Sets the deployment's time zone (start-up; tests of another zone). */
export function useTimeZone(name: string): void {
  if (!isTimeZone(name)) throw new Error(`'${name}' is not a time zone (use an IANA name such as ${DEFAULT_TIME_ZONE})`);
  zone = name;
  parts = formatter(name);
}

export function timeZone(): string {
  return zone;
}

/** The wall-clock fields of an instant in the zone. */
function wallClock(at: Date): { y: number; m: number; d: number; ms: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
  return { y: p.year!, m: p.month!, d: p.day!, ms: Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: Date): number {
  return wallClock(at).ms - Math.floor(at.getTime() / 1000) * 1000;
}

const iso = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

/** The local date (YYYY-MM-DD) of an instant, or of `daysBack` calendar days before it. */
export function localDate(at: Date, daysBack = 0): string {
  const { y, m, d } = wallClock(at);
  return iso(Date.UTC(y, m - 1, d - daysBack));
}

/** The local date and time (YYYY-MM-DD HH:mm) of an instant, as exports show it. */
export function localDateTime(at: Date): string {
  return new Date(wallClock(at).ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a local day (YYYY-MM-DD) starts. */
export function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  // The offset at that wall time; asked twice because the offset may change that very night.
  const first = midnight - offsetAt(new Date(midnight));
  return new Date(midnight - offsetAt(new Date(first)));
}

/** The instant a local wall-clock time (month 1-12) stands for; null when no such date or time. */
export function localInstant(y: number, m: number, d: number, h = 0, min = 0, s = 0): Date | null {
  const wall = Date.UTC(y, m - 1, d, h, min, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || h > 23 || min > 59 || s > 59) return null;
  const first = wall - offsetAt(new Date(wall));
  return new Date(wall - offsetAt(new Date(first)));
}

/** The instants a local day spans: its start, and the start of the next day. */
export function dayBounds(day: string): [Date, Date] {
  const start = dayStart(day);
  const { y, m, d } = wallClock(new Date(start.getTime() + 12 * 3_600_000));
  return [start, dayStart(iso(Date.UTC(y, m - 1, d + 1)))];
}

/** Stores the zone where the database's day functions (`metric_day`) read it. */
export async function storeTimeZone(db: Db): Promise<void> {
  await db.execute(sql`insert into deployment_setting (key, value) values ('time_zone', ${zone}) on conflict (key) do update set value = excluded.value`);
}
