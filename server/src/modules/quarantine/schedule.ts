/**
 * A quarantine's schedule from the plan of its contact degree and its first day: the phases as
 * local date ranges (inclusive), the last day, the test days as dates, and the last centralised
 * day. Day 1 is the start date; day n is n - 1 days after it. Pure: no clock, no database.
 */
import type { QuarantineKind, QuarantinePhase, QuarantinePlan } from '@gridgov/contracts';

/** A local date (YYYY-MM-DD) shifted by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (local dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Schedule {
  phases: QuarantinePhase[];
  startDate: string;
  endDate: string;
  testDates: string[];
  centralisedUntil: string | null;
  totalDays: number;
}

export function computeSchedule(plan: QuarantinePlan, startDate: string): Schedule {
  const phases: QuarantinePhase[] = [];
  let next = startDate;
  let centralisedUntil: string | null = null;
  for (const p of plan.phases) {
    const to = addDays(next, p.days - 1);
    phases.push({ kind: p.kind, from: next, to });
    if (p.kind === 'centralised') centralisedUntil = to;
    next = addDays(to, 1);
  }
  const totalDays = plan.phases.reduce((n, p) => n + p.days, 0);
  const testDates = [...new Set(plan.testDays)].sort((a, b) => a - b).map((n) => addDays(startDate, n - 1));
  return { phases, startDate, endDate: addDays(startDate, totalDays - 1), testDates, centralisedUntil, totalDays };
}

/** Day n of the quarantine on a date (0 before day 1; past the end, past the total). */
export function dayNo(startDate: string, date: string): number {
  const n = daysBetween(startDate, date) + 1;
  return n < 1 ? 0 : n;
}

/** Where the person is on a date by the phases: the phase holding it, else the first (before) or last (after). */
export function kindOn(phases: readonly QuarantinePhase[], date: string): QuarantineKind {
  const holding = phases.find((p) => p.from <= date && date <= p.to);
  if (holding) return holding.kind;
  return (date < phases[0]!.from ? phases[0]! : phases[phases.length - 1]!).kind;
}
