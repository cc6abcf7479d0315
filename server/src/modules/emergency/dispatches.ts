/**
 * Dispatches: a team sent to a task of an event, then acknowledged, arrived and completed by the
 * team's members (or the command), or cancelled by the command. Completing a dispatch marks its
 * task done. Each step is on the event's timeline and in the audit log (the workflow kit).
 */
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DispatchAction, DispatchRequest, DispatchStatus, DispatchSummary, EmergencyEventDetail } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notify } from '../../platform/notifications/notify.js';
import { recordVisible } from '../../platform/scope.js';
import { allowedActions, runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { readEvent } from './events.js';
import { emergencyDispatch, emergencyEvent, emergencyEventStep, emergencyTask, emergencyTeam } from './tables.js';
import { DISPATCH_RULES, DISPATCH_VISIBILITY, TEAM_VISIBILITY, commands, dispatchWorkflow, loadEvent, teamMemberUserIds, type DispatchRow } from './workflow.js';

type DispatchKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;

/** Where the team is sent: the event's place. */
const eventPlace = (e: { lng: number; lat: number; address: string | null } | undefined) => (e ? { lng: e.lng, lat: e.lat, address: e.address } : null);

export async function presentDispatches(db: Db, actor: Actor, rows: readonly DispatchRow[]): Promise<DispatchSummary[]> {
  if (rows.length === 0) return [];
  const [events, tasks, teams, members] = await Promise.all([
    db.select({ id: emergencyEvent.id, no: emergencyEvent.eventNo, title: emergencyEvent.title, lng: emergencyEvent.lng, lat: emergencyEvent.lat, address: emergencyEvent.address }).from(emergencyEvent).where(inArray(emergencyEvent.id, [...new Set(rows.map((r) => r.eventId))])),
    db.select({ id: emergencyTask.id, title: emergencyTask.title }).from(emergencyTask).where(inArray(emergencyTask.id, [...new Set(rows.map((r) => r.taskId))])),
    db.select({ id: emergencyTeam.id, name: emergencyTeam.name }).from(emergencyTeam).where(inArray(emergencyTeam.id, [...new Set(rows.map((r) => r.teamId))])),
    teamMemberUserIds(db, rows.map((r) => r.teamId)),
  ]);
  const eventsById = new Map(events.map((e) => [e.id, e]));
  const taskTitles = new Map(tasks.map((t) => [t.id, t.title]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const now = new Date();
  return rows.map((d) => ({
    id: d.id, eventId: d.eventId, eventNo: `E${eventsById.get(d.eventId)?.no ?? ''}`, eventTitle: eventsById.get(d.eventId)?.title ?? '', place: eventPlace(eventsById.get(d.eventId)), taskId: d.taskId, taskTitle: taskTitles.get(d.taskId) ?? '', teamId: d.teamId, teamName: teamNames.get(d.teamId) ?? '',
    status: d.status as DispatchStatus, dispatchedAt: d.dispatchedAt.toISOString(), acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null, arrivedAt: d.arrivedAt?.toISOString() ?? null,
    completedAt: d.completedAt?.toISOString() ?? null, note: d.note, version: d.version,
    actions: allowedActions(DISPATCH_RULES, { status: d.status as DispatchStatus }, {
      commander: commands(actor, 'emergency:command', d.regionCode), member: actor.permissions.includes('emergency:field') && (members.get(d.teamId) ?? []).includes(actor.id),
    }, now),
  }));
}

/** The command sends a team it sees to a task of an open event. */
export async function createDispatch(kit: DispatchKit, ctx: ActorContext, eventId: string, input: DispatchRequest): Promise<EmergencyEventDetail> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const e = await loadEvent(tx, ctx.actor, eventId, true);
    if (!commands(ctx.actor, 'emergency:command', e.regionCode)) throw new AppError('FORBIDDEN');
    if (e.status === 'closed' || e.status === 'reported') throw new AppError('EMERGENCY_STATE', { action: 'dispatch', status: e.status });
    const [task] = await tx.select().from(emergencyTask).where(and(eq(emergencyTask.id, input.taskId), eq(emergencyTask.eventId, eventId)));
    if (!task) throw new AppError('EMERGENCY_TASK_UNKNOWN', { fields: [{ field: 'taskId', code: 'EMERGENCY_TASK_UNKNOWN' }] });
    const [team] = await tx.select().from(emergencyTeam).where(and(eq(emergencyTeam.id, input.teamId), recordVisible(ctx.actor, TEAM_VISIBILITY.slice(0, 1))));
    if (!team) throw new AppError('EMERGENCY_TEAM_UNKNOWN', { fields: [{ field: 'teamId', code: 'EMERGENCY_TEAM_UNKNOWN' }] });
    const [d] = await tx
      .insert(emergencyDispatch)
      .values({ id: crypto.randomUUID(), eventId, taskId: task.id, teamId: team.id, regionCode: e.regionCode, status: 'dispatched', note: input.note ?? null, dispatchedAt: now, version: 1, createdBy: ctx.actor.id, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!d) throw new AppError('EMERGENCY_ALREADY_DISPATCHED', { fields: [{ field: 'teamId', code: 'EMERGENCY_ALREADY_DISPATCHED' }] });
    await tx.insert(emergencyEventStep).values({ eventId, action: 'dispatch.create', status: 'dispatched', level: e.responseLevel, actorId: ctx.actor.id, note: input.note ?? null, data: { dispatchId: d.id, teamId: team.id, taskId: task.id }, at: now });
    await writeAudit(tx, ctx, { action: 'emergency_dispatch.create', objectType: 'emergency_dispatch', objectId: d.id, regionCode: e.regionCode, details: { eventNo: `E${e.eventNo}`, teamId: team.id, taskId: task.id } });
    const members = (await teamMemberUserIds(tx, [team.id])).get(team.id) ?? [];
    await notify(tx, kit.registry.audiences, now, [{ subject: { type: 'emergency_dispatch', id: d.id }, kind: 'emergency.dispatched', params: { team: team.name, eventNo: `E${e.eventNo}`, task: task.title }, audiences: [{ kind: 'users', userIds: members }], except: ctx.actor.id }]);
  });
  return readEvent(kit, ctx, eventId, false);
}

export async function transitionDispatch(kit: DispatchKit, ctx: ActorContext, id: string, action: DispatchAction, input: { version: number; note?: string }): Promise<DispatchSummary> {
  const saved = await runTransition(kit, ctx, dispatchWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ tx, row, now }): Promise<Effects<DispatchRow, DispatchStatus>> => {
    switch (action) {
      case 'acknowledge':
        return { status: 'acknowledged', patch: { acknowledgedAt: now } };
      case 'arrive':
        return { status: 'arrived', patch: { arrivedAt: now, ...(row.acknowledgedAt ? {} : { acknowledgedAt: now }) } };
      case 'complete':
        await tx.update(emergencyTask).set({ status: 'done' }).where(eq(emergencyTask.id, row.taskId));
        return { status: 'completed', patch: { completedAt: now } };
      case 'cancel':
        return { status: 'cancelled' };
    }
  });
  return (await presentDispatches(kit.db, ctx.actor, [saved]))[0]!;
}

/** The dispatches the caller sees that are still under way (a team member's phone: their team's). */
export async function activeDispatches(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<DispatchSummary[]> {
  const found = await kit.db
    .select()
    .from(emergencyDispatch)
    .where(and(recordVisible(ctx.actor, DISPATCH_VISIBILITY), notInArray(emergencyDispatch.status, ['completed', 'cancelled'])))
    .orderBy(desc(emergencyDispatch.dispatchedAt))
    .limit(200);
  return presentDispatches(kit.db, ctx.actor, found);
}
