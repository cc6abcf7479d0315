/**
 * The tracing rule as data: versions in `tracing_rule`, the newest in force (the default until a
 * first change). Only an operator whose scope is the whole deployment (city or above) changes it;
 * each change is a new version, audited with what it was.
 */
import { desc, sql } from 'drizzle-orm';
import { DEFAULT_TRACING_RULE, divisionPrefix, tracingRule, type TracingRule, type TracingRuleVersion } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { tracingRuleTable } from './tables.js';

/** The rule in force and its version (0: the default, never changed). */
export async function currentRule(db: Db): Promise<{ version: number; rule: TracingRule; createdAt: Date | null; createdBy: string | null }> {
  const [row] = await db.select().from(tracingRuleTable).orderBy(desc(tracingRuleTable.version)).limit(1);
  if (!row) return { version: 0, rule: DEFAULT_TRACING_RULE, createdAt: null, createdBy: null };
  return { version: row.version, rule: tracingRule.parse(row.params), createdAt: row.createdAt, createdBy: row.createdBy };
}

export async function readRule(db: Db): Promise<TracingRuleVersion> {
  const r = await currentRule(db);
  const names = await accountNames(db, [r.createdBy]);
  return { version: r.version, rule: r.rule, createdAt: r.createdAt?.toISOString() ?? null, createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null };
}

export async function changeRule(db: Db, ctx: ActorContext, rule: TracingRule): Promise<TracingRuleVersion> {
  if (divisionPrefix(ctx.actor.regionCode).length > 4 || ctx.actor.gridId) throw new AppError('TRACING_RULE_SCOPE');
  await db.transaction(async (tx) => {
    // Changes take turns: each reads the version in force and writes the next.
    await tx.execute(sql`lock table tracing_rule in share row exclusive mode`);
    const before = await currentRule(tx);
    const version = before.version + 1;
    await tx.insert(tracingRuleTable).values({ version, params: rule, createdBy: ctx.actor.id, createdAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'tracing.rule', objectType: 'tracing_rule', objectId: String(version), regionCode: ctx.actor.regionCode, details: { from: before.rule, to: rule } });
  });
  return readRule(db);
}
