/**
 * Categories and visit intervals, as data. The shipped set (shipped.ts) is written at start when
 * missing; a locality overrides the interval of a category at its own region (the most specific
 * region wins, a category's rule beats the general one).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { divisionPrefix, KP_RISK_LEVELS, type KpCategory, type KpCategoryUpdate, type KpRiskLevel } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { shipForms } from '../../platform/forms/ship-forms.js';
import { formKeyOf, SHIPPED_CATEGORIES, SHIPPED_VISIT_DAYS, shippedForms } from './shipped.js';
import { kpCategory, kpVisitRule } from './tables.js';

export const EVERYWHERE = '000000000000';

/** Writes the shipped categories, their forms and the default intervals, where missing. */
export async function shipCategories(db: Db, clock: Clock): Promise<void> {
  await shipForms(db, clock, shippedForms());
  const now = clock.now();
  await db
    .insert(kpCategory)
    .values(SHIPPED_CATEGORIES.map((c, i) => ({ code: c.code, group: c.group, nameZh: c.name.zh, nameEn: c.name.en, formKey: formKeyOf(c.code), sortOrder: (i + 1) * 10, updatedAt: now })))
    .onConflictDoNothing();
  await db
    .insert(kpVisitRule)
    .values(KP_RISK_LEVELS.map((risk) => ({ id: randomUUID(), regionCode: EVERYWHERE, categoryCode: null, riskLevel: risk, intervalDays: SHIPPED_VISIT_DAYS[risk] })))
    .onConflictDoNothing();
}

export type VisitRule = typeof kpVisitRule.$inferSelect;

/** The interval (days) that applies to a category and risk level at a place. */
export function intervalFor(rules: readonly VisitRule[], regionCode: string, categoryCode: string, risk: KpRiskLevel): number {
  let best: { rank: number; days: number } | null = null;
  for (const r of rules) {
    if (r.riskLevel !== risk || (r.categoryCode !== null && r.categoryCode !== categoryCode)) continue;
    const prefix = r.regionCode === EVERYWHERE ? '' : divisionPrefix(r.regionCode);
    if (!regionCode.startsWith(prefix)) continue;
    const rank = prefix.length * 2 + (r.categoryCode ? 1 : 0);
    if (!best || rank > best.rank) best = { rank, days: r.intervalDays };
  }
  return best?.days ?? SHIPPED_VISIT_DAYS[risk];
}

export async function visitRules(db: Db): Promise<VisitRule[]> {
  return db.select().from(kpVisitRule);
}

export async function activeCategory(db: Db, code: string) {
  const [found] = await db.select().from(kpCategory).where(and(eq(kpCategory.code, code), eq(kpCategory.active, true)));
  return found ?? null;
}

/** The categories with the intervals that apply at the caller's own region. */
export async function listCategories(db: Db, regionCode: string): Promise<KpCategory[]> {
  const [rows, rules] = await Promise.all([db.select().from(kpCategory).orderBy(asc(kpCategory.sortOrder)), visitRules(db)]);
  return rows.map((c) => ({
    code: c.code,
    group: c.group as KpCategory['group'],
    name: { zh: c.nameZh, en: c.nameEn },
    formKey: c.formKey,
    active: c.active,
    visitDays: Object.fromEntries(KP_RISK_LEVELS.map((risk) => [risk, intervalFor(rules, regionCode, c.code, risk)])) as KpCategory['visitDays'],
  }));
}

/**
 * Sets (or, with null, removes) the caller's locality's intervals for one category: rules at the
 * caller's own region, which apply to archives in its subtree from their next visit on.
 */
export async function setCategoryVisitDays(db: Db, ctx: ActorContext, code: string, days: Partial<Record<KpRiskLevel, number | null>>): Promise<void> {
  const [category] = await db.select({ code: kpCategory.code }).from(kpCategory).where(eq(kpCategory.code, code));
  if (!category) throw new AppError('KEYPERSON_CATEGORY_INVALID', { fields: [{ field: 'code', code: 'KEYPERSON_CATEGORY_INVALID' }] });
  await db.transaction((tx) => writeVisitDays(tx, ctx, code, days));
}

async function writeVisitDays(tx: Db, ctx: ActorContext, code: string, days: Partial<Record<KpRiskLevel, number | null>>): Promise<void> {
  const regionCode = ctx.actor.regionCode;
  const before = Object.fromEntries(KP_RISK_LEVELS.map((risk) => [risk, null as number | null]));
  for (const r of await tx.select().from(kpVisitRule).where(and(eq(kpVisitRule.regionCode, regionCode), eq(kpVisitRule.categoryCode, code)))) before[r.riskLevel] = r.intervalDays;
  for (const risk of KP_RISK_LEVELS) {
    const value = days[risk];
    if (value === undefined) continue;
    await tx.delete(kpVisitRule).where(and(eq(kpVisitRule.regionCode, regionCode), eq(kpVisitRule.categoryCode, code), eq(kpVisitRule.riskLevel, risk)));
    if (value !== null) await tx.insert(kpVisitRule).values({ id: randomUUID(), regionCode, categoryCode: code, riskLevel: risk, intervalDays: value });
  }
  await writeAudit(tx, ctx, { action: 'kp_category.update', objectType: 'kp_category', objectId: code, regionCode, details: { visitDays: days, before } });
}

/** A scope at the city or above (the root of a deployment's categories): prefix of at most four digits. */
const citywide = (regionCode: string) => divisionPrefix(regionCode).length <= 4;

/**
 * The console's edit of one category: its names and whether new archives may be enrolled in it
 * (a city-level or higher manager's: the categories serve the whole deployment), and the caller's
 * locality's visit intervals by risk level (as `setCategoryVisitDays`). Disabling a category keeps
 * its archives; it stops new enrolments. One transaction, audited with what changed from what.
 */
export async function updateCategory(db: Db, ctx: ActorContext, code: string, patch: KpCategoryUpdate): Promise<void> {
  const { visitDays, ...fields } = patch;
  const [category] = await db.select().from(kpCategory).where(eq(kpCategory.code, code));
  if (!category) throw new AppError('KEYPERSON_CATEGORY_INVALID', { fields: [{ field: 'code', code: 'KEYPERSON_CATEGORY_INVALID' }] });
  const changes = {
    ...(fields.nameZh !== undefined && fields.nameZh !== category.nameZh ? { nameZh: fields.nameZh } : {}),
    ...(fields.nameEn !== undefined && fields.nameEn !== category.nameEn ? { nameEn: fields.nameEn } : {}),
    ...(fields.active !== undefined && fields.active !== category.active ? { active: fields.active } : {}),
  };
  if (Object.keys(changes).length > 0 && !citywide(ctx.actor.regionCode)) throw new AppError('FORBIDDEN', { fields: [{ field: Object.keys(changes)[0]!, code: 'FORBIDDEN' }] });
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    if (Object.keys(changes).length > 0) {
      await tx.update(kpCategory).set({ ...changes, updatedAt: now }).where(eq(kpCategory.code, code));
      const from = Object.fromEntries(Object.keys(changes).map((k) => [k, category[k as keyof typeof changes]]));
      await writeAudit(tx, ctx, { action: 'kp_category.update', objectType: 'kp_category', objectId: code, regionCode: ctx.actor.regionCode, details: { from, to: changes } });
    }
    if (visitDays && Object.keys(visitDays).length > 0) await writeVisitDays(tx, ctx, code, visitDays);
  });
}

export const categoryCount = (db: Db) => db.select({ n: sql<number>`count(*)::int` }).from(kpCategory);
