/**
 * Risk-warning rule kinds (风险监测预警). A module that owns data a warning can be raised from
 * declares the kinds of rule it answers (`warningRules` in its definition): what the rule looks
 * for, the parameters a locality sets (as data: thresholds, windows, levels), and the SQL that
 * finds the hits. The warnings module stores the rules a locality configured (kind + params +
 * the level it raises at), runs every enabled rule set-based in one nightly job, and turns new
 * hits into warnings, one open warning per rule and key.
 *
 * A hit names no personal data: evidence is record ids and counts, shown to a reader through
 * the subjects' describers and only within the reader's scope.
 */
import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';

export interface WarningRuleKind<P extends z.ZodType = z.ZodType> {
  /** `<module>.<what>`, e.g. `disputes.repeat_parties`. */
  kind: string;
  label: { zh: string; en: string };
  /** What it looks for, in a sentence with the parameters in braces: "同一当事人{days}天内纠纷达{count}起". */
  description: { zh: string; en: string };
  /** The parameters a locality sets; validated when a rule is saved. */
  params: P;
  /** The parameters of the rule the platform ships for this kind. */
  defaults: z.infer<P>;
  /** The record kind a hit is about (a notification subject type), e.g. `key_person`, `region`. */
  subjectType: string;
  /**
   * A SELECT of the hits at `now`, one row per hit, with exactly these columns:
   * `key text` (stable while the condition lasts: a new warning is raised only for a key with no
   * open warning of the rule), `subject_id text`, `region_code text` (12 digits, where the
   * warning goes), `grid_id uuid` (or null), `evidence jsonb` (ids and counts, no personal data).
   */
  detect(params: z.infer<P>, now: Date): SQL;
}

export function defineWarningRule<P extends z.ZodType>(rule: WarningRuleKind<P>): WarningRuleKind {
  return rule as unknown as WarningRuleKind;
}
