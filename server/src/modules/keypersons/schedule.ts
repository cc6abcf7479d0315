/** Visit schedule arithmetic: due dates follow the interval of the person's risk level. */
const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** How many due dates have passed without a visit since `since` (the last visit or enrolment). */
export function missedVisits(since: Date, intervalDays: number, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / (intervalDays * DAY_MS)));
}

/** Under 18 on the day (birth date `YYYY-MM-DD`, day `YYYY-MM-DD`). */
export function isMinor(birthDate: string | null, today: string): boolean {
  if (!birthDate) return false;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age < 18;
}
