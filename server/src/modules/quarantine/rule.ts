/**
 * The quarantine rule as data: versions in `quarantine_rule`, the newest in force (the default,
 * the 9th edition of the national protocol, until a first change). Only an operator whose scope
 * is the whole deployment (city or above) changes it; each change is a new version, audited with
 * what it was. An order keeps the schedule computed when it was given and the version it used.
 */
import { desc, sql } from 'drizzle-orm';
import { DEFAULT_QUARANTINE_RULE, divisionPrefix, quarantineRule, type QuarantinePlan, type QuarantineRule, type QuarantineRuleVersion } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { quarantineRuleTable } from './tables.js';

export async function currentQuarantineRule(db: Db): Promise<{ version: number; rule: QuarantineRule; createdAt: Date | null; createdBy: string | null }> {
  const [row] = await db.select().from(quarantineRuleTable).orderBy(desc(quarantineRuleTable.version)).limit(1);
  if (!row) return { version: 0, rule: DEFAULT_QUARANTINE_RULE, createdAt: null, createdBy: null };
  return { version: row.version, rule: quarantineRule.parse(row.params), createdAt: row.createdAt, createdBy: row.createdBy };
}

/** The plan of a contact degree (1 close, else secondary). */
export const planOf = (rule: QuarantineRule, degree: number): QuarantinePlan => (degree === 1 ? rule.close : rule.secondary);

export async function readQuarantineRule(db: Db): Promise<QuarantineRuleVersion> {
  const r = await currentQuarantineRule(db);
  const names = await accountNames(db, [r.createdBy]);
  return { version: r.version, rule: r.rule, createdAt: r.createdAt?.toISOString() ?? null, createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null };
}

export async function changeQuarantineRule(db: Db, ctx: ActorContext, rule: QuarantineRule): Promise<QuarantineRuleVersion> {
  if (divisionPrefix(ctx.actor.regionCode).length > 4 || ctx.actor.gridId) throw new AppError('QUARANTINE_RULE_SCOPE');
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table quarantine_rule in share row exclusive mode`);
    const before = await currentQuarantineRule(tx);
    const version = before.version + 1;
    await tx.insert(quarantineRuleTable).values({ version, params: rule, createdBy: ctx.actor.id, createdAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'quarantine.rule', objectType: 'quarantine_rule', objectId: String(version), regionCode: ctx.actor.regionCode, details: { from: before.rule, to: rule } });
  });
  return readQuarantineRule(db);
}
