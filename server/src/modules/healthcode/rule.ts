/**
 * The health code rule as data: versions in `health_code_rule`, each taking over at its
 * `effective_from`; the version in force at a time is the newest whose time has come (version 0,
 * the default, until then). Only an operator whose scope is the whole deployment adds a version;
 * each is audited with what was in force and what will be. A version taking over now recomputes
 * every code at once; a future one is applied by the recurring job when its time comes.
 */
import { desc, lte } from 'drizzle-orm';
import { DEFAULT_HEALTH_CODE_RULE, divisionPrefix, healthCodeRule, type RuleVersionRequest, type RuleVersions } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { sql } from '../../platform/db/client.js';
import type { RuleVersionRow } from './evaluate.js';
import { healthCodeRuleTable } from './tables.js';
import { recomputeCodes } from './recompute.js';

const DEFAULT_VERSION: RuleVersionRow = { version: 0, effectiveFrom: new Date(0), rule: DEFAULT_HEALTH_CODE_RULE };

/** The version in force at `at`. */
export async function ruleAt(db: Db, at: Date): Promise<RuleVersionRow> {
  const [row] = await db.select().from(healthCodeRuleTable).where(lte(healthCodeRuleTable.effectiveFrom, at)).orderBy(desc(healthCodeRuleTable.version)).limit(1);
  return row ? { version: row.version, effectiveFrom: row.effectiveFrom, rule: healthCodeRule.parse({ lines: row.lines }) } : DEFAULT_VERSION;
}

export async function readRules(db: Db, at: Date): Promise<RuleVersions> {
  const all = await db.select().from(healthCodeRuleTable).orderBy(desc(healthCodeRuleTable.version)).limit(50);
  const names = await accountNames(db, all.map((r) => r.createdBy));
  const inForce = await ruleAt(db, at);
  return {
    inForce: inForce.version,
    versions: [
      ...all.map((r) => ({ version: r.version, effectiveFrom: r.effectiveFrom.toISOString(), lines: healthCodeRule.parse({ lines: r.lines }).lines, createdAt: r.createdAt.toISOString(), createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null })),
      { version: 0, effectiveFrom: null, lines: DEFAULT_HEALTH_CODE_RULE.lines, createdAt: null, createdByName: null },
    ],
  };
}

export async function addRuleVersion(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, input: RuleVersionRequest): Promise<RuleVersions> {
  if (divisionPrefix(ctx.actor.regionCode).length > 4 || ctx.actor.gridId) throw new AppError('HEALTHCODE_RULE_SCOPE');
  const now = ctx.clock.now();
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  if (effectiveFrom.getTime() < now.getTime() - 60_000) throw new AppError('HEALTHCODE_EFFECTIVE_PAST', { fields: [{ field: 'effectiveFrom', code: 'HEALTHCODE_EFFECTIVE_PAST' }] });
  await kit.db.transaction(async (tx) => {
    // Changes take turns: each reads the newest version and writes the next.
    await tx.execute(sql`lock table health_code_rule in share row exclusive mode`);
    const [newest] = await tx.select({ version: healthCodeRuleTable.version }).from(healthCodeRuleTable).orderBy(desc(healthCodeRuleTable.version)).limit(1);
    const before = await ruleAt(tx, now);
    const version = (newest?.version ?? 0) + 1;
    await tx.insert(healthCodeRuleTable).values({ version, effectiveFrom, lines: input.lines, createdBy: ctx.actor.id, createdAt: now });
    await writeAudit(tx, ctx, { action: 'healthcode.rule', objectType: 'health_code_rule', objectId: String(version), regionCode: ctx.actor.regionCode, details: { from: { version: before.version, lines: before.rule.lines }, to: { lines: input.lines, effectiveFrom: effectiveFrom.toISOString() } } });
    if (effectiveFrom.getTime() <= now.getTime()) await recomputeCodes(kit, tx, null, now);
  });
  return readRules(kit.db, now);
}
