/**
 * Events: reported in the caller's subtree, listed and read in scope (audited), and stepped
 * through the workflow kit. Activating the response at a level, or scaling it to a level, applies
 * the plan for that level in the same transaction as the step, exactly once per event and plan
 * (the activation row's unique key): its tasks, the dispatches of their teams, the notifications.
 */
import { and, asc, count, desc, eq, inArray, notInArray, type SQL } from 'drizzle-orm';
import {
  levelRank, subTypeOf, type CommandPost, type EmergencyEventDetail, type EmergencyEventSummary, type EmergencyLevel, type EmergencyStatus, type EmergencyTaskStatus, type EventAction,
  type EventCreateRequest, type EventListQuery, type GeoPolygon, type PlanNotification, type PlanTask, type TaskCreateRequest,
} from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import type { Audience } from '../../platform/notifications/notify.js';
import { ancestorCodes, recordVisible } from '../../platform/scope.js';
import { allowedActions, runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { presentDispatches } from './dispatches.js';
import { planFor } from './plans.js';
import { emergencyActivation, emergencyDispatch, emergencyEvent, emergencyEventStep, emergencyTask, emergencyTeam } from './tables.js';
import { EVENT_RULES, EVENT_VISIBILITY, commands, eventWorkflow, loadEvent, teamMemberUserIds, type EventRow } from './workflow.js';

type EventKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;
export const eventNoOf = (n: number) => `E${n}`;

export async function presentEvents(kit: Pick<Kit, 'db' | 'providers'>, events: readonly EventRow[]): Promise<EmergencyEventSummary[]> {
  const regions = await kit.providers.regionNames(kit.db, [...new Set(events.map((e) => e.regionCode))]);
  return events.map((e) => ({
    id: e.id, eventNo: eventNoOf(e.eventNo), title: e.title, type: e.type, subType: e.subType, level: e.level as EmergencyLevel | null, responseLevel: e.responseLevel as EmergencyLevel | null,
    status: e.status as EmergencyStatus, regionCode: e.regionCode, regionName: regions.get(e.regionCode) ?? '', lng: e.lng, lat: e.lat, address: e.address,
    occurredAt: e.occurredAt.toISOString(), createdAt: e.createdAt.toISOString(), closedAt: e.closedAt?.toISOString() ?? null, version: e.version,
  }));
}

export async function reportEvent(kit: EventKit, ctx: ActorContext, input: EventCreateRequest): Promise<EmergencyEventDetail> {
  if (!subTypeOf(input.type, input.subType)) throw new AppError('EMERGENCY_TYPE_UNKNOWN', { fields: [{ field: 'subType', code: 'EMERGENCY_TYPE_UNKNOWN' }] });
  if (!commands(ctx.actor, 'emergency:command', input.regionCode)) throw new AppError('EMERGENCY_REGION', { fields: [{ field: 'regionCode', code: 'EMERGENCY_REGION' }] });
  const now = ctx.clock.now();
  const id = await kit.db.transaction(async (tx) => {
    const [made] = await tx
      .insert(emergencyEvent)
      .values({
        id: crypto.randomUUID(), title: input.title, type: input.type, subType: input.subType ?? null, level: input.level ?? null, responseLevel: null, status: 'reported', regionCode: input.regionCode,
        lng: input.lng, lat: input.lat, address: input.address ?? null, area: input.area ?? null, description: input.description ?? null, occurredAt: new Date(input.occurredAt),
        version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
      })
      .returning();
    await tx.insert(emergencyEventStep).values({ eventId: made!.id, action: 'report', status: 'reported', level: made!.level, actorId: ctx.actor.id, note: null, data: { type: input.type, subType: input.subType ?? null }, at: now });
    await writeAudit(tx, ctx, { action: 'emergency_event.report', objectType: 'emergency_event', objectId: made!.id, regionCode: made!.regionCode, details: { eventNo: eventNoOf(made!.eventNo), type: input.type, subType: input.subType ?? null, level: input.level ?? null } });
    return made!.id;
  });
  return readEvent(kit, ctx, id, false);
}

export async function listEvents(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: EventListQuery) {
  const { page, pageSize, ...f } = q;
  const where = and(
    recordVisible(ctx.actor, EVENT_VISIBILITY),
    f.status ? eq(emergencyEvent.status, f.status) : undefined,
    f.type ? eq(emergencyEvent.type, f.type) : undefined,
    f.open === 'true' ? notInArray(emergencyEvent.status, ['closed']) : f.open === 'false' ? eq(emergencyEvent.status, 'closed') : undefined,
  ) as SQL;
  const [found, [total]] = await Promise.all([
    kit.db.select().from(emergencyEvent).where(where).orderBy(desc(emergencyEvent.occurredAt), desc(emergencyEvent.eventNo)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(emergencyEvent).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'emergency_event.list', objectType: 'emergency_event', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await presentEvents(kit, found), total: Number(total?.n ?? 0), page, pageSize };
}

/** One event with its timeline, tasks, dispatches, command posts and the dispatched teams' positions; audited when read for itself. */
export async function readEvent(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, audited = true): Promise<EmergencyEventDetail> {
  const e = await loadEvent(kit.db, ctx.actor, id);
  const [[summary], steps, tasks, activations, dispatchRows] = await Promise.all([
    presentEvents(kit, [e]),
    kit.db.select().from(emergencyEventStep).where(eq(emergencyEventStep.eventId, id)).orderBy(asc(emergencyEventStep.id)),
    kit.db.select().from(emergencyTask).where(eq(emergencyTask.eventId, id)).orderBy(asc(emergencyTask.createdAt), asc(emergencyTask.title)),
    kit.db.select().from(emergencyActivation).where(eq(emergencyActivation.eventId, id)).orderBy(asc(emergencyActivation.at)),
    kit.db.select().from(emergencyDispatch).where(eq(emergencyDispatch.eventId, id)).orderBy(asc(emergencyDispatch.dispatchedAt)),
  ]);
  const [names, dispatches] = await Promise.all([accountNames(kit.db, steps.map((s) => s.actorId)), presentDispatches(kit.db, ctx.actor, dispatchRows)]);
  const live = [...new Set(dispatchRows.filter((d) => d.status !== 'cancelled').map((d) => d.teamId))];
  const teams = live.length ? await kit.db.select().from(emergencyTeam).where(inArray(emergencyTeam.id, live)) : [];
  if (audited) await writeAudit(kit.db, ctx, { action: 'emergency_event.read', objectType: 'emergency_event', objectId: id, regionCode: e.regionCode });
  return {
    ...summary!,
    description: e.description,
    area: (e.area as GeoPolygon | null) ?? null,
    commandPosts: activations.flatMap((a) => (a.commandPost ? [{ ...(a.commandPost as CommandPost), level: a.level as EmergencyLevel, planName: a.planName }] : [])),
    timeline: steps.map((s) => ({ action: s.action, status: s.status, level: s.level as EmergencyLevel | null, actorName: s.actorId ? (names.get(s.actorId) ?? null) : null, note: s.note, data: s.data as Record<string, unknown>, at: s.at.toISOString() })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, description: t.description, level: t.level as EmergencyLevel | null, planId: t.planId, status: t.status as EmergencyTaskStatus, createdAt: t.createdAt.toISOString() })),
    dispatches,
    positions: teams.flatMap((t) => (t.lastLng !== null && t.lastLat !== null && t.lastPositionAt ? [{ teamId: t.id, teamName: t.name, lng: t.lastLng, lat: t.lastLat, at: t.lastPositionAt.toISOString() }] : [])),
    actions: allowedActions(EVENT_RULES, { status: e.status as EmergencyStatus }, { commander: commands(ctx.actor, 'emergency:command', e.regionCode) }, ctx.clock.now()),
  };
}

type Notice = NonNullable<Effects<EventRow, EmergencyStatus>['notices']>[number];

/**
 * The plan for `level` applied to the event, once: the activation row claims it (a second
 * activation or a scale back to a level already applied finds it taken and does nothing), then the
 * plan's tasks, the dispatches of their teams (each audited and on the timeline) and the notices.
 */
async function applyPlan(tx: Db, ctx: ActorContext, e: EventRow, level: EmergencyLevel, now: Date): Promise<{ notices: Notice[]; data: Record<string, unknown> }> {
  const plan = await planFor(tx, e, level);
  if (!plan) return { notices: [], data: { plan: null } };
  const [claimed] = await tx
    .insert(emergencyActivation)
    .values({ eventId: e.id, planId: plan.id, level, planName: plan.name, commandPost: plan.commandPost ?? null, at: now })
    .onConflictDoNothing()
    .returning();
  if (!claimed) return { notices: [], data: { planId: plan.id, plan: plan.name, applied: false } };
  const planTasks = plan.tasks as PlanTask[];
  const made = planTasks.length
    ? await tx
        .insert(emergencyTask)
        .values(planTasks.map((t) => ({ id: crypto.randomUUID(), eventId: e.id, planId: plan.id, taskKey: t.key, level, title: t.title, description: t.description ?? null, status: 'open', createdAt: now })))
        .onConflictDoNothing()
        .returning()
    : [];
  const eventNo = eventNoOf(e.eventNo);
  const notices: Notice[] = [];
  const teamIds = [...new Set(planTasks.flatMap((t) => (t.teamId ? [t.teamId] : [])))];
  const [teams, members] = await Promise.all([
    teamIds.length ? tx.select({ id: emergencyTeam.id, name: emergencyTeam.name }).from(emergencyTeam).where(inArray(emergencyTeam.id, teamIds)) : Promise.resolve([]),
    teamMemberUserIds(tx, teamIds),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  let dispatched = 0;
  for (const task of made) {
    const teamId = planTasks.find((t) => t.key === task.taskKey)?.teamId;
    if (!teamId || !teamNames.has(teamId)) continue;
    const [d] = await tx
      .insert(emergencyDispatch)
      .values({ id: crypto.randomUUID(), eventId: e.id, taskId: task.id, teamId, regionCode: e.regionCode, status: 'dispatched', note: null, dispatchedAt: now, version: 1, createdBy: ctx.actor?.id ?? null, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!d) continue;
    dispatched++;
    await tx.insert(emergencyEventStep).values({ eventId: e.id, action: 'dispatch.create', status: 'dispatched', level, actorId: ctx.actor?.id ?? null, note: null, data: { dispatchId: d.id, teamId, taskId: task.id, planId: plan.id }, at: now });
    await writeAudit(tx, ctx, { action: 'emergency_dispatch.create', objectType: 'emergency_dispatch', objectId: d.id, regionCode: e.regionCode, details: { eventNo, teamId, taskId: task.id, planId: plan.id } });
    notices.push({ kind: 'emergency.dispatched', params: { team: teamNames.get(teamId)!, eventNo, task: task.title }, audiences: [{ kind: 'users', userIds: members.get(teamId) ?? [] }] });
  }
  for (const n of plan.notifications as PlanNotification[]) {
    const audience: Audience = n.to === 'role' ? { kind: 'emergency_role', role: n.role, regionCodes: [e.regionCode, ...ancestorCodes(e.regionCode)] } : { kind: 'users', userIds: n.userIds };
    notices.push({ kind: 'emergency.activated', params: { eventNo, title: e.title, level, text: n.text }, audiences: [audience] });
  }
  return { notices, data: { planId: plan.id, plan: plan.name, applied: true, tasks: made.length, dispatches: dispatched, notifications: (plan.notifications as unknown[]).length } };
}

export async function transitionEvent(kit: EventKit, ctx: ActorContext, id: string, action: EventAction, input: { version: number; level?: EmergencyLevel; area?: GeoPolygon; note?: string }): Promise<EmergencyEventDetail> {
  await runTransition(kit, ctx, eventWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ tx, row, now }): Promise<Effects<EventRow, EmergencyStatus>> => {
    switch (action) {
      case 'verify':
        return { status: 'verified', patch: { ...(input.level ? { level: input.level } : {}), ...(input.area ? { area: input.area } : {}) }, data: { level: input.level ?? row.level } };
      case 'activate': {
        const level = input.level!;
        const applied = await applyPlan(tx, ctx, row, level, now);
        return { status: 'responding', patch: { responseLevel: level, level }, notices: applied.notices, data: { level, ...applied.data } };
      }
      case 'scale': {
        const level = input.level!;
        const from = row.responseLevel as EmergencyLevel;
        if (from === level) throw new AppError('EMERGENCY_LEVEL_UNCHANGED', { level });
        const up = levelRank(level) > levelRank(from);
        // Scaling up applies the higher level's plan (once); scaling down keeps what was done.
        const applied = up ? await applyPlan(tx, ctx, row, level, now) : { notices: [], data: {} };
        return { status: 'responding', patch: { responseLevel: level, level }, notices: applied.notices, data: { from, to: level, direction: up ? 'up' : 'down', ...applied.data } };
      }
      case 'close':
        return { status: 'closed', patch: { closedAt: now } };
    }
  });
  return readEvent(kit, ctx, id, false);
}

/** A task added by hand to an open event. */
export async function addTask(kit: EventKit, ctx: ActorContext, id: string, input: TaskCreateRequest): Promise<EmergencyEventDetail> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const e = await loadEvent(tx, ctx.actor, id, true);
    if (!commands(ctx.actor, 'emergency:command', e.regionCode)) throw new AppError('FORBIDDEN');
    if (e.status === 'closed') throw new AppError('EMERGENCY_STATE', { action: 'task', status: e.status });
    const taskId = crypto.randomUUID();
    await tx.insert(emergencyTask).values({ id: taskId, eventId: id, planId: null, taskKey: null, level: e.responseLevel, title: input.title, description: input.description ?? null, status: 'open', createdAt: now });
    await tx.insert(emergencyEventStep).values({ eventId: id, action: 'task', status: e.status, level: e.responseLevel, actorId: ctx.actor.id, note: input.title, data: { taskId }, at: now });
    await writeAudit(tx, ctx, { action: 'emergency_event.task', objectType: 'emergency_event', objectId: id, regionCode: e.regionCode, details: { taskId, title: input.title } });
  });
  return readEvent(kit, ctx, id, false);
}

/**
 * The open events (not closed) whose region is `regionCode` or one above it: what a supply request
 * of that place may be for (the supplies module, through `kit.providers`). Titles and numbers only.
 */
export async function openEventsCovering(db: Db, regionCode: string): Promise<{ id: string; label: string }[]> {
  const found = await db.select({ id: emergencyEvent.id, no: emergencyEvent.eventNo, title: emergencyEvent.title }).from(emergencyEvent)
    .where(and(inArray(emergencyEvent.regionCode, [...ancestorCodes(regionCode), regionCode]), notInArray(emergencyEvent.status, ['closed'])))
    .orderBy(desc(emergencyEvent.eventNo)).limit(50);
  return found.map((e) => ({ id: e.id, label: `E${e.no} ${e.title}` }));
}
