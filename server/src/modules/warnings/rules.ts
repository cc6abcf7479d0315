/**
 * Rules as data: the rules a locality configured, each a kind some module declares (kit
 * `warningRules`) with its parameters (validated by the kind's schema), the level it raises at,
 * its severity and whether it runs. One rule per registered kind is seeded at its defaults; a
 * rule whose kind no module registers is kept, shown unavailable and never run.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ParamField, WarningLevel, WarningRuleView, WarningSeverity } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { rows } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { Registry } from '../../platform/kit/kit.js';
import type { WarningRuleKind } from '../../platform/kit/warning-rules.js';
import { warningRule } from './tables.js';

export type RuleRow = typeof warningRule.$inferSelect;

/**
 * The level and severity a kind's seeded rule gets (a kind not listed: community, medium). The
 * level is who answers: a grid's worker checks on a neighbour who has not come home; the
 * community's mediation committee takes repeat disputes of one party and supervises its grid
 * workers' visits; the township answers a village where petitions or disputes rise and a
 * high-risk person who left their grid (the township's comprehensive-governance centre
 * coordinates with the police station).
 */
export const SEED: Record<string, { level: WarningLevel; severity: WarningSeverity }> = {
  'tickets.rising_in_village': { level: 'township', severity: 'medium' },
  'access.absent_from_home': { level: 'grid', severity: 'medium' },
  'keypersons.left_grid': { level: 'township', severity: 'high' },
  'keypersons.visits_missed': { level: 'community', severity: 'medium' },
  'disputes.repeat_parties': { level: 'community', severity: 'medium' },
  'disputes.rising_in_village': { level: 'township', severity: 'medium' },
  // Raised where the watch entry says (its region is the hit's): the level keeps that region as it is.
  'sensing.watchlist_capture': { level: 'community', severity: 'high' },
};

/** The form fields of a kind's parameters, from its schema (the console builds its form from them). */
export function paramFields(kind: WarningRuleKind): ParamField[] {
  const schema = z.toJSONSchema(kind.params, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string; minimum?: number; maximum?: number; items?: { type?: string } }> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type === 'array' ? 'string_list' : p.type === 'integer' ? 'integer' : p.type === 'number' ? 'number' : p.type === 'boolean' ? 'boolean' : 'string',
    ...(p.minimum !== undefined ? { min: p.minimum } : {}),
    ...(p.maximum !== undefined ? { max: p.maximum } : {}),
  }));
}

/** Seeds one rule per registered kind that has none yet (at start; idempotent). */
export async function seedRules(db: Db, registry: Pick<Registry, 'warningRules'>, now: Date): Promise<void> {
  const have = new Set((await db.select({ kind: warningRule.kind }).from(warningRule)).map((r) => r.kind));
  const missing = [...registry.warningRules.values()].filter((k) => !have.has(k.kind));
  if (missing.length === 0) return;
  await db.insert(warningRule).values(
    missing.map((k) => ({
      id: randomUUID(), kind: k.kind, name: k.label.zh, params: k.defaults as object, level: SEED[k.kind]?.level ?? 'community', severity: SEED[k.kind]?.severity ?? 'medium',
      enabled: true, version: 1, createdAt: now, updatedAt: now,
    })),
  );
}

export function validParams(registry: Pick<Registry, 'warningRules'>, kind: string, params: unknown, field = 'params'): Record<string, unknown> {
  const k = registry.warningRules.get(kind);
  if (!k) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'kind', code: 'WARNING_RULE_KIND_UNKNOWN' }] });
  const parsed = k.params.safeParse(params ?? k.defaults);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: [field, ...issue.path.map(String)].join('.'), code: 'WARNING_RULE_PARAMS_INVALID', params: { detail: issue.message } }] });
  }
  return parsed.data as Record<string, unknown>;
}

export async function ruleNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: warningRule.id, name: warningRule.name }).from(warningRule).where(inArray(warningRule.id, [...new Set(ids)]));
  return new Map(found.map((r) => [r.id, r.name]));
}

/** Every rule with its kind (or unavailable) and how its warnings ended: raised, confirmed (closed), false positive. */
export async function listRules(db: Db, registry: Pick<Registry, 'warningRules'>): Promise<WarningRuleView[]> {
  const [list, stats] = await Promise.all([
    db.select().from(warningRule).orderBy(warningRule.createdAt, warningRule.name),
    rows<{ rule_id: string; raised: number; confirmed: number; false_positive: number }>(
      db,
      sql`select rule_id, count(*)::int as raised, (count(*) filter (where status = 'closed'))::int as confirmed, (count(*) filter (where status = 'false_positive'))::int as false_positive from warning group by rule_id`,
    ),
  ]);
  const byRule = new Map(stats.map((s) => [s.rule_id, s]));
  return list.map((r) => present(r, registry, byRule.get(r.id)));
}

function present(r: RuleRow, registry: Pick<Registry, 'warningRules'>, s?: { raised: number; confirmed: number; false_positive: number }): WarningRuleView {
  const kind = registry.warningRules.get(r.kind);
  const decided = (s?.confirmed ?? 0) + (s?.false_positive ?? 0);
  return {
    id: r.id,
    kind: r.kind,
    available: Boolean(kind),
    kindLabel: kind?.label ?? null,
    description: kind?.description ?? null,
    paramFields: kind ? paramFields(kind) : [],
    name: r.name,
    params: r.params as Record<string, unknown>,
    level: r.level as WarningLevel,
    severity: r.severity as WarningSeverity,
    enabled: r.enabled,
    version: r.version,
    stats: { raised: s?.raised ?? 0, confirmed: s?.confirmed ?? 0, falsePositive: s?.false_positive ?? 0, falsePositiveRate: decided ? (s?.false_positive ?? 0) / decided : null },
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function getRule(db: Db, registry: Pick<Registry, 'warningRules'>, id: string): Promise<WarningRuleView> {
  const found = (await listRules(db, registry)).find((r) => r.id === id);
  if (!found) throw notFound();
  return found;
}

/** Rules are the city's configuration: set by an operator of a city (or above). */
function assertConfigurer(ctx: ActorContext): void {
  if (ctx.actor.gridId !== null || ctx.actor.regionPrefix.length > 4) throw new AppError('FORBIDDEN', { action: 'configure' });
}

export interface RuleInput {
  kind: string;
  name: string;
  params?: Record<string, unknown>;
  level: WarningLevel;
  severity: WarningSeverity;
  enabled: boolean;
}

export async function createRule(db: Db, registry: Pick<Registry, 'warningRules'>, ctx: ActorContext, input: RuleInput): Promise<string> {
  assertConfigurer(ctx);
  const params = validParams(registry, input.kind, input.params);
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(warningRule).values({ id, kind: input.kind, name: input.name, params, level: input.level, severity: input.severity, enabled: input.enabled, version: 1, createdAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'warning_rule.create', objectType: 'warning_rule', objectId: id, details: { kind: input.kind, name: input.name, params, level: input.level, severity: input.severity, enabled: input.enabled } });
  });
  return id;
}

export interface RulePatch {
  version: number;
  name?: string;
  params?: Record<string, unknown>;
  level?: WarningLevel;
  severity?: WarningSeverity;
  enabled?: boolean;
}

export async function updateRule(db: Db, registry: Pick<Registry, 'warningRules'>, ctx: ActorContext, id: string, patch: RulePatch): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(warningRule).where(eq(warningRule.id, id)).for('update');
    if (!row) throw notFound();
    assertConfigurer(ctx);
    if (row.version !== patch.version) throw new AppError('WARNING_RULE_VERSION_CONFLICT', { current: row.version });
    const params = patch.params ? validParams(registry, row.kind, patch.params) : undefined;
    const { version: _v, ...rest } = patch;
    const changes = { ...rest, ...(params ? { params } : {}) };
    await tx.update(warningRule).set({ ...changes, version: row.version + 1, updatedAt: ctx.clock.now() }).where(and(eq(warningRule.id, id), eq(warningRule.version, row.version)));
    await writeAudit(tx, ctx, { action: 'warning_rule.update', objectType: 'warning_rule', objectId: id, details: { before: { name: row.name, params: row.params, level: row.level, severity: row.severity, enabled: row.enabled }, changes } });
  });
}
