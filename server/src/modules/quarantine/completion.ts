/**
 * Whether an order may be released (the rule's completion condition, SORMAS #3791: configurable):
 * its period has ended (today is its last day or later), every test day's result is negative (if
 * the rule asks), and the last N follow-up days up to today or the end were done. Pure.
 */
import type { QuarantineRule } from '@gridgov/contracts';
import { addDays } from './schedule.js';

export interface FollowupFacts {
  day: string;
  status: string;
  testResult: string | null;
}

export type Missing = 'period' | 'tests' | 'followups';

export function completionOf(o: { endDate: string; testDates: readonly string[] }, followups: readonly FollowupFacts[], rule: QuarantineRule, today: string): { met: boolean; missing: Missing[] } {
  const missing: Missing[] = [];
  if (today < o.endDate) missing.push('period');
  const byDay = new Map(followups.map((f) => [f.day, f]));
  if (rule.completion.negativeTests && o.testDates.some((d) => byDay.get(d)?.testResult !== 'negative')) missing.push('tests');
  const last = today < o.endDate ? today : o.endDate;
  for (let i = 0; i < rule.completion.lastFollowUpsDone; i++) {
    if (byDay.get(addDays(last, -i))?.status !== 'done') {
      missing.push('followups');
      break;
    }
  }
  return { met: missing.length === 0, missing };
}
