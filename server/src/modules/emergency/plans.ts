/**
 * Plans (预案) as data: for a type (and optionally a sub-type) and a level, in a region, the
 * command post, the tasks (each with the team it dispatches) and the notifications made when an
 * event's response is activated at (or scaled to) that level. The plan that applies to an event is
 * the most specific one: the sub-type's over the type's, the event's own region over those above.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { subTypeOf, type CommandPost, type EmergencyLevel, type EmergencyPlan, type PlanNotification, type PlanRequest, type PlanTask, type PlanUpdateRequest } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { ancestorCodes, recordVisible } from '../../platform/scope.js';
import { emergencyPlan, emergencyTeam } from './tables.js';
import { PLAN_VISIBILITY, TEAM_VISIBILITY, commands, type EventRow, type PlanRow } from './workflow.js';

type PlanKit = Pick<Kit, 'db' | 'providers'>;

export async function presentPlans(kit: PlanKit, plans: readonly PlanRow[]): Promise<EmergencyPlan[]> {
  const teamIds = [...new Set(plans.flatMap((p) => (p.tasks as PlanTask[]).flatMap((t) => (t.teamId ? [t.teamId] : []))))];
  const [regions, teams] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(plans.map((p) => p.regionCode))]),
    teamIds.length ? kit.db.select({ id: emergencyTeam.id, name: emergencyTeam.name }).from(emergencyTeam).where(inArray(emergencyTeam.id, teamIds)) : Promise.resolve([]),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return plans.map((p) => ({
    id: p.id, name: p.name, type: p.type, subType: p.subType || null, level: p.level as EmergencyLevel, regionCode: p.regionCode, regionName: regions.get(p.regionCode) ?? '',
    commandPost: (p.commandPost as CommandPost | null) ?? null,
    tasks: (p.tasks as PlanTask[]).map((t) => ({ ...t, teamName: t.teamId ? (teamNames.get(t.teamId) ?? null) : null })),
    notifications: p.notifications as PlanNotification[], version: p.version, updatedAt: p.updatedAt.toISOString(),
  }));
}

export async function listPlans(kit: PlanKit, ctx: ActorContext): Promise<EmergencyPlan[]> {
  const found = await kit.db.select().from(emergencyPlan).where(recordVisible(ctx.actor, PLAN_VISIBILITY)).orderBy(asc(emergencyPlan.type), asc(emergencyPlan.subType), asc(emergencyPlan.level), asc(emergencyPlan.regionCode)).limit(1000);
  return presentPlans(kit, found);
}

/** The plan's teams must be ones the caller sees; its sub-type belongs to its type; its region is the caller's. */
async function checkPlan(db: Db, ctx: ActorContext, input: PlanRequest): Promise<void> {
  if (!subTypeOf(input.type, input.subType)) throw new AppError('EMERGENCY_TYPE_UNKNOWN', { fields: [{ field: 'subType', code: 'EMERGENCY_TYPE_UNKNOWN' }] });
  if (!commands(ctx.actor, 'emergency:plan', input.regionCode)) throw new AppError('EMERGENCY_REGION', { fields: [{ field: 'regionCode', code: 'EMERGENCY_REGION' }] });
  const teamIds = [...new Set(input.tasks.flatMap((t) => (t.teamId ? [t.teamId] : [])))];
  if (teamIds.length) {
    const seen = await db.select({ id: emergencyTeam.id }).from(emergencyTeam).where(and(inArray(emergencyTeam.id, teamIds), recordVisible(ctx.actor, TEAM_VISIBILITY)));
    if (seen.length !== teamIds.length) throw new AppError('EMERGENCY_TEAM_UNKNOWN', { fields: [{ field: 'tasks', code: 'EMERGENCY_TEAM_UNKNOWN' }] });
  }
}

const columnsOf = (input: PlanRequest) => ({
  name: input.name, type: input.type, subType: input.subType ?? '', level: input.level, regionCode: input.regionCode, commandPost: input.commandPost ?? null, tasks: input.tasks, notifications: input.notifications,
});

async function unique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') throw new AppError('EMERGENCY_PLAN_DUPLICATE', { fields: [{ field: 'level', code: 'EMERGENCY_PLAN_DUPLICATE' }] });
    throw error;
  }
}

export async function createPlan(kit: PlanKit, ctx: ActorContext, input: PlanRequest): Promise<EmergencyPlan> {
  await checkPlan(kit.db, ctx, input);
  const now = ctx.clock.now();
  const made = await unique(() =>
    kit.db.transaction(async (tx) => {
      const [row] = await tx.insert(emergencyPlan).values({ id: crypto.randomUUID(), ...columnsOf(input), version: 1, updatedBy: ctx.actor.id, createdAt: now, updatedAt: now }).returning();
      await writeAudit(tx, ctx, { action: 'emergency_plan.save', objectType: 'emergency_plan', objectId: row!.id, regionCode: row!.regionCode, details: { created: true, type: input.type, subType: input.subType ?? null, level: input.level, tasks: input.tasks.length, notifications: input.notifications.length } });
      return row!;
    }),
  );
  return (await presentPlans(kit, [made]))[0]!;
}

async function loadPlanForChange(tx: Db, ctx: ActorContext, id: string): Promise<PlanRow> {
  const [plan] = await tx.select().from(emergencyPlan).where(and(eq(emergencyPlan.id, id), recordVisible(ctx.actor, PLAN_VISIBILITY))).for('update');
  if (!plan) throw notFound();
  if (!commands(ctx.actor, 'emergency:plan', plan.regionCode)) throw new AppError('FORBIDDEN');
  return plan;
}

export async function updatePlan(kit: PlanKit, ctx: ActorContext, id: string, input: PlanUpdateRequest): Promise<EmergencyPlan> {
  const now = ctx.clock.now();
  const saved = await unique(() =>
    kit.db.transaction(async (tx) => {
      const plan = await loadPlanForChange(tx, ctx, id);
      if (plan.version !== input.version) throw new AppError('EMERGENCY_VERSION_CONFLICT', { current: plan.version });
      await checkPlan(tx, ctx, input.plan);
      const [row] = await tx.update(emergencyPlan).set({ ...columnsOf(input.plan), version: plan.version + 1, updatedBy: ctx.actor.id, updatedAt: now }).where(eq(emergencyPlan.id, id)).returning();
      await writeAudit(tx, ctx, { action: 'emergency_plan.save', objectType: 'emergency_plan', objectId: id, regionCode: row!.regionCode, details: { version: row!.version, type: input.plan.type, level: input.plan.level, tasks: input.plan.tasks.length, notifications: input.plan.notifications.length } });
      return row!;
    }),
  );
  return (await presentPlans(kit, [saved]))[0]!;
}

export async function deletePlan(kit: PlanKit, ctx: ActorContext, id: string): Promise<{ deleted: true }> {
  await kit.db.transaction(async (tx) => {
    const plan = await loadPlanForChange(tx, ctx, id);
    await tx.delete(emergencyPlan).where(eq(emergencyPlan.id, id));
    await writeAudit(tx, ctx, { action: 'emergency_plan.delete', objectType: 'emergency_plan', objectId: id, regionCode: plan.regionCode, details: { name: plan.name, type: plan.type, level: plan.level } });
  });
  return { deleted: true };
}

/** The plan that applies to an event at a level: the sub-type's over the type's, the nearest region first. */
export async function planFor(db: Db, e: Pick<EventRow, 'type' | 'subType' | 'regionCode'>, level: EmergencyLevel): Promise<PlanRow | null> {
  const regions = [e.regionCode, ...ancestorCodes(e.regionCode).reverse()];
  const found = await db
    .select()
    .from(emergencyPlan)
    .where(and(eq(emergencyPlan.type, e.type), eq(emergencyPlan.level, level), inArray(emergencyPlan.subType, [e.subType ?? '', '']), inArray(emergencyPlan.regionCode, regions)))
    .orderBy(sql`${emergencyPlan.subType} = '' asc`, sql`length(rtrim(${emergencyPlan.regionCode}, '0')) desc`);
  return found[0] ?? null;
}
