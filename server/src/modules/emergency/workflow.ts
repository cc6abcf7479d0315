/**
 * The emergency workflows as data (platform/workflow). An event: reported → verified → responding
 * (activated at a level, scaled up or down any number of times, each change on the timeline) →
 * closed (from any open state). A dispatch of a team to a task: dispatched → acknowledged →
 * arrived → completed, or cancelled by the command before completion.
 *
 * Who sees what: events and dispatches by the holders of `emergency:read` whose region subtree
 * holds the event; dispatches (and their teams) also by the team's own members (`emergency:field`).
 * Plans and teams are not personal: seen in the subtree and from below (a community's operators
 * see the county's teams and plans).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DispatchAction, DispatchStatus, EmergencyLevel, EmergencyStatus, EventAction } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import type { Rules, Workflow } from '../../platform/workflow/workflow.js';
import { emergencyDispatch, emergencyEvent, emergencyEventStep, emergencyPlan, emergencyTeam, emergencyTeamMember } from './tables.js';

export type EventRow = typeof emergencyEvent.$inferSelect;
export type DispatchRow = typeof emergencyDispatch.$inferSelect;
export type TeamRow = typeof emergencyTeam.$inferSelect;
export type PlanRow = typeof emergencyPlan.$inferSelect;

const inSubtree = (actor: Actor, code: string) => codeInSubtree(code, actor.regionPrefix);
const subtreeOrAbove = (actor: Actor, code: string) => inSubtree(actor, code) || [...ancestorCodes(actor.regionCode), actor.regionCode].includes(code);
const subtreeOrAboveSql = (actor: Actor, column: typeof emergencyTeam.regionCode | typeof emergencyPlan.regionCode) =>
  sql`(${regionInScope(actor, column)} or ${inArray(column, [...ancestorCodes(actor.regionCode), actor.regionCode])})`;
const memberOfTeam = (actor: Actor, teamColumn: typeof emergencyDispatch.teamId | typeof emergencyTeam.id) =>
  sql`exists (select 1 from ${emergencyTeamMember} where ${emergencyTeamMember.teamId} = ${teamColumn} and ${emergencyTeamMember.userId} = ${actor.id})`;

export const EVENT_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'emergency:read', where: (actor) => regionInScope(actor, emergencyEvent.regionCode), test: (actor, e) => inSubtree(actor, e.regionCode) },
];

export const DISPATCH_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'emergency:read', where: (actor) => regionInScope(actor, emergencyDispatch.regionCode), test: (actor, d) => inSubtree(actor, d.regionCode) },
  { permission: 'emergency:field', where: (actor) => memberOfTeam(actor, emergencyDispatch.teamId), test: (actor, d) => (d.userIds ?? []).includes(actor.id) },
];

export const TEAM_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'emergency:read', where: (actor) => subtreeOrAboveSql(actor, emergencyTeam.regionCode), test: (actor, t) => subtreeOrAbove(actor, t.regionCode) },
  { permission: 'emergency:field', where: (actor) => memberOfTeam(actor, emergencyTeam.id), test: (actor, t) => (t.userIds ?? []).includes(actor.id) },
];

export const PLAN_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'emergency:read', where: (actor) => subtreeOrAboveSql(actor, emergencyPlan.regionCode), test: (actor, p) => subtreeOrAbove(actor, p.regionCode) },
];

/** Holds `permission` and the place lies in the caller's subtree (not a grid account): may change it. */
export const commands = (actor: Actor, permission: 'emergency:command' | 'emergency:plan' | 'emergency:team', regionCode: string) =>
  actor.gridId === null && actor.permissions.includes(permission) && inSubtree(actor, regionCode);

interface EventStanding {
  commander: boolean;
}
interface EventSubject {
  status: EmergencyStatus;
}

export const EVENT_RULES: Rules<EmergencyStatus, EventAction, EventStanding, EventSubject> = {
  verify: { from: ['reported'], who: (s) => s.commander },
  activate: { from: ['verified'], who: (s) => s.commander },
  scale: { from: ['responding'], who: (s) => s.commander },
  close: { from: ['reported', 'verified', 'responding'], who: (s) => s.commander },
};

export async function loadEvent(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<EventRow> {
  const query = db.select().from(emergencyEvent).where(and(eq(emergencyEvent.id, id), actor ? recordVisible(actor, EVENT_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const eventScope = (e: Pick<EventRow, 'regionCode' | 'status'>): RecordScope => ({ record: 'emergency_event', regionCode: e.regionCode, state: e.status });

export const eventWorkflow: Workflow<EventRow, EmergencyStatus, EventAction, EventStanding, EventSubject> = {
  kind: 'emergency_event',
  rules: EVENT_RULES,
  errors: { state: 'EMERGENCY_STATE', version: 'EMERGENCY_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadEvent(tx, actor, id, true),
  id: (e) => e.id,
  version: (e) => e.version,
  regionCode: (e) => e.regionCode,
  subject: async (_tx, e) => ({ status: e.status as EmergencyStatus }),
  standing: async (_tx, actor, e) => ({ commander: commands(actor, 'emergency:command', e.regionCode) }),
  async save(tx, e, { status, patch, version, now }) {
    const next = { ...e, ...patch, status, version, updatedAt: now };
    const { id: _id, eventNo: _no, ...columns } = next;
    await tx.update(emergencyEvent).set(columns).where(eq(emergencyEvent.id, e.id));
    return next;
  },
  async timeline(tx, ctx, e, step) {
    await tx.insert(emergencyEventStep).values({
      eventId: e.id, action: step.action, status: step.toStatus ?? e.status, level: (e.responseLevel ?? e.level) as EmergencyLevel | null, actorId: ctx.actor?.id ?? null, note: step.note, data: step.data, at: ctx.clock.now(),
    });
  },
  liveScope: async (_tx, e) => eventScope(e),
  liveData: (e) => ({ eventNo: `E${e.eventNo}`, level: e.responseLevel }),
};

interface DispatchStanding {
  commander: boolean;
  member: boolean;
}
interface DispatchSubject {
  status: DispatchStatus;
}

export const DISPATCH_RULES: Rules<DispatchStatus, DispatchAction, DispatchStanding, DispatchSubject> = {
  acknowledge: { from: ['dispatched'], who: (s) => s.member || s.commander },
  arrive: { from: ['dispatched', 'acknowledged'], who: (s) => s.member || s.commander },
  complete: { from: ['arrived'], who: (s) => s.member || s.commander },
  cancel: { from: ['dispatched', 'acknowledged', 'arrived'], who: (s) => s.commander },
};

export async function teamMemberUserIds(db: Db, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  if (teamIds.length === 0) return new Map();
  const found = await db.select({ teamId: emergencyTeamMember.teamId, userId: emergencyTeamMember.userId }).from(emergencyTeamMember).where(inArray(emergencyTeamMember.teamId, [...new Set(teamIds)]));
  const out = new Map<string, string[]>();
  for (const f of found) if (f.userId) out.set(f.teamId, [...(out.get(f.teamId) ?? []), f.userId]);
  return out;
}

export async function dispatchStanding(db: Db, actor: Actor, d: DispatchRow): Promise<DispatchStanding> {
  const members = (await teamMemberUserIds(db, [d.teamId])).get(d.teamId) ?? [];
  return { commander: commands(actor, 'emergency:command', d.regionCode), member: actor.permissions.includes('emergency:field') && members.includes(actor.id) };
}

export async function loadDispatch(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<DispatchRow> {
  const query = db.select().from(emergencyDispatch).where(and(eq(emergencyDispatch.id, id), actor ? recordVisible(actor, DISPATCH_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const dispatchWorkflow: Workflow<DispatchRow, DispatchStatus, DispatchAction, DispatchStanding, DispatchSubject> = {
  kind: 'emergency_dispatch',
  rules: DISPATCH_RULES,
  errors: { state: 'EMERGENCY_STATE', version: 'EMERGENCY_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadDispatch(tx, actor, id, true),
  id: (d) => d.id,
  version: (d) => d.version,
  regionCode: (d) => d.regionCode,
  subject: async (_tx, d) => ({ status: d.status as DispatchStatus }),
  standing: (tx, actor, d) => dispatchStanding(tx, actor, d),
  async save(tx, d, { status, patch, version, now }) {
    const next = { ...d, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(emergencyDispatch).set(columns).where(eq(emergencyDispatch.id, d.id));
    return next;
  },
  async timeline(tx, ctx, d, step) {
    await tx.insert(emergencyEventStep).values({
      eventId: d.eventId, action: `dispatch.${step.action}`, status: step.toStatus ?? d.status, level: null, actorId: ctx.actor?.id ?? null, note: step.note,
      data: { ...step.data, dispatchId: d.id, teamId: d.teamId, taskId: d.taskId }, at: ctx.clock.now(),
    });
  },
  liveScope: async (tx, d) => ({ record: 'emergency_dispatch', regionCode: d.regionCode, state: d.status, userIds: (await teamMemberUserIds(tx, [d.teamId])).get(d.teamId) ?? [] }),
};
