/**
 * The rule applied to evidence: the first line whose evidence kind and condition match a piece
 * of live evidence gives the colour; green when none does. The same rule twice: `evaluate` on
 * evidence in memory (the unit tests, the plain-words explanation), and `lineOfEvidence` as SQL
 * over the evidence sources' rows (the recompute of millions in one statement).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CodeColour, HealthCodeRule, RiskLevel, RuleLine } from '@gridgov/contracts';

const DAY_MS = 86_400_000;
export const DEFAULT_VALID_HOURS = 24;

export interface Evidence {
  kind: string;
  ref: string;
  since: Date;
  until: Date | null;
  detail: Record<string, unknown>;
}

/** A version of the rule with the time it takes over; the one in force at `at` is the newest that has. */
export interface RuleVersionRow {
  version: number;
  effectiveFrom: Date;
  rule: HealthCodeRule;
}

export function ruleInForce<R extends RuleVersionRow>(versions: readonly R[], at: Date): R | null {
  let best: R | null = null;
  for (const v of versions) if (v.effectiveFrom.getTime() <= at.getTime() && (!best || v.version > best.version)) best = v;
  return best;
}

/** The risk level of an origin at a time (the highest of the areas whose name it contains and whose dates hold then). */
export type RiskOf = (origin: string, when: Date) => RiskLevel | null;

export function lineMatches(line: RuleLine, e: Evidence, at: Date, riskOf: RiskOf): boolean {
  if (line.evidenceKind !== e.kind) return false;
  if (e.since.getTime() > at.getTime() || (e.until && e.until.getTime() <= at.getTime())) return false;
  if (line.withinDays !== undefined && at.getTime() - e.since.getTime() > line.withinDays * DAY_MS) return false;
  if (line.degree !== undefined && Number(e.detail.degree) !== line.degree) return false;
  if (line.statuses && !line.statuses.includes(String(e.detail.status) as 'suspected')) return false;
  // An origin in a risk area when the person came from it (high-risk origins match the high lines, medium the medium).
  if (line.riskLevel !== undefined && riskOf(String(e.detail.origin ?? ''), e.since) !== line.riskLevel) return false;
  return true;
}

export interface Verdict {
  colour: CodeColour;
  line: number | null;
  evidence: Evidence[];
  validUntil: Date;
}

export function evaluate(rule: HealthCodeRule, evidence: readonly Evidence[], at: Date, riskOf: RiskOf): Verdict {
  for (const [i, line] of rule.lines.entries()) {
    const matched = evidence.filter((e) => lineMatches(line, e, at, riskOf));
    if (matched.length === 0) continue;
    const ends = matched.map((e) => lineEnd(line, e)).filter((d): d is Date => d !== null);
    const valid = at.getTime() + (line.validHours ?? DEFAULT_VALID_HOURS) * 3_600_000;
    return { colour: line.colour, line: i, evidence: matched, validUntil: new Date(Math.min(valid, ...ends.map((d) => d.getTime()))) };
  }
  return { colour: 'green', line: null, evidence: [], validUntil: new Date(at.getTime() + DEFAULT_VALID_HOURS * 3_600_000) };
}

/** When this evidence stops matching the line (its end, or `withinDays` after it began). */
function lineEnd(line: RuleLine, e: Evidence): Date | null {
  const within = line.withinDays !== undefined ? e.since.getTime() + line.withinDays * DAY_MS : Infinity;
  const end = Math.min(within, e.until?.getTime() ?? Infinity);
  return Number.isFinite(end) ? new Date(end) : null;
}

/**
 * The same in SQL over a row `ev` of evidence (`ev.kind`, `ev.since`, `ev.until`, `ev.detail`)
 * joined to its origin's risk level `risk_level` (null when the origin is in no risk area):
 * the index of the first line it matches (null: none), and when it stops matching that line.
 */
export function lineOfEvidence(rule: HealthCodeRule, at: Date): { line: SQL; end: SQL } {
  if (rule.lines.length === 0) return { line: sql`null::smallint`, end: sql`null::timestamptz` };
  const whens = rule.lines.map((line, i) => sql`when ${lineCondition(line, at)} then ${sql.raw(String(i))}`);
  const ends = rule.lines.map((line, i) => {
    const within = line.withinDays !== undefined ? sql`ev.since + interval '${sql.raw(String(line.withinDays))} days'` : sql`null::timestamptz`;
    return sql`when ${sql.raw(String(i))} then least(ev.until, ${within})`;
  });
  const line = sql`(case ${sql.join(whens, sql` `)} end)::smallint`;
  return { line, end: sql`(case ${line} ${sql.join(ends, sql` `)} end)` };
}

function lineCondition(line: RuleLine, at: Date): SQL {
  const parts: SQL[] = [sql`ev.kind = ${line.evidenceKind}`];
  if (line.withinDays !== undefined) parts.push(sql`ev.since >= ${at}::timestamptz - interval '${sql.raw(String(line.withinDays))} days'`);
  if (line.degree !== undefined) parts.push(sql`ev.detail->>'degree' = ${String(line.degree)}`);
  if (line.statuses) parts.push(sql`ev.detail->>'status' in (${sql.join(line.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (line.riskLevel !== undefined) parts.push(sql`ev.risk_level = ${line.riskLevel}`);
  return sql.join(parts, sql` and `);
}

/** Each line's validity in hours (for the recompute's `valid_until`). */
export function validHoursOf(rule: HealthCodeRule, lineColumn: SQL): SQL {
  if (rule.lines.length === 0) return sql`${DEFAULT_VALID_HOURS}`;
  return sql`(case ${lineColumn} ${sql.join(rule.lines.map((l, i) => sql`when ${sql.raw(String(i))} then ${sql.raw(String(l.validHours ?? DEFAULT_VALID_HOURS))}`), sql` `)} else ${sql.raw(String(DEFAULT_VALID_HOURS))} end)`;
}

/** The colour of each line index. */
export function colourOf(rule: HealthCodeRule, lineColumn: SQL): SQL {
  if (rule.lines.length === 0) return sql`'green'`;
  return sql`(case ${lineColumn} ${sql.join(rule.lines.map((l, i) => sql`when ${sql.raw(String(i))} then ${sql.raw(`'${l.colour}'`)}`), sql` `)} else 'green' end)`;
}
