/** Months (YYYY-MM) in the deployment's time zone. */
import { dayStart, localDate } from '../../platform/time-zone.js';

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The local month an instant falls in. */
export const monthOf = (at: Date): string => localDate(at).slice(0, 7);

/** The instants a month spans, and the first day of the next month. */
export function monthBounds(month: string): { from: Date; to: Date; nextFirstDay: string } {
  const nextFirstDay = `${shiftMonth(month, 1)}-01`;
  return { from: dayStart(`${month}-01`), to: dayStart(nextFirstDay), nextFirstDay };
}

/** The months from `first` to `last`, oldest first. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) out.push(m);
  return out;
}
