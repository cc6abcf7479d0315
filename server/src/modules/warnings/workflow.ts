/**
 * A warning's life as data (platform/workflow): raised, acknowledged, assigned (to a person or a
 * department), handled with a note, closed; or marked a false positive with a reason. Who sees
 * one: operators whose scope holds its region (the level its rule raises at), grid workers of its
 * grid (rules raised at grid level) or the one it was assigned to, department handlers of the
 * department it was assigned to. Nobody else.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { WarningAction, WarningStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { warning, warningEvent } from './tables.js';

export type WarningRow = typeof warning.$inferSelect;

export interface Standing {
  /** Holds `warning:handle` and the warning's region lies in their subtree (not a grid account). */
  handler: boolean;
  /** The warning was assigned to them or to one of their departments. */
  assignee: boolean;
}

const OPEN: WarningStatus[] = ['raised', 'acknowledged', 'assigned', 'handled'];

export const WARNING_RULES: Rules<WarningStatus, WarningAction, Standing, { status: WarningStatus }> = {
  acknowledge: { from: ['raised'], who: (s) => s.handler },
  assign: { from: ['raised', 'acknowledged', 'assigned'], who: (s) => s.handler },
  handle: { from: ['assigned'], who: (s) => s.handler || s.assignee },
  close: { from: ['handled'], who: (s) => s.handler },
  mark_false_positive: { from: OPEN, who: (s) => s.handler },
};

const assignedTo = (actor: Actor) =>
  actor.departmentIds.length
    ? or(eq(warning.assigneeUserId, actor.id), sql`${warning.assigneeDepartmentId} in (${sql.join(actor.departmentIds.map((d) => sql`${d}::uuid`), sql`, `)})`)!
    : eq(warning.assigneeUserId, actor.id);

const assignedTest = (actor: Actor, w: RecordScope) => Boolean(w.userIds?.includes(actor.id) || w.departmentIds?.some((d) => actor.departmentIds.includes(d)));

export const WARNING_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'warning:handle',
    where: (actor) => (actor.gridId ? sql`false` : regionInScope(actor, warning.regionCode)),
    test: (actor, w) => !actor.gridId && codeInSubtree(w.regionCode, actor.regionPrefix),
  },
  {
    permission: 'warning:read',
    where: (actor) =>
      actor.gridId
        ? or(and(eq(warning.gridId, actor.gridId), regionInScope(actor, warning.regionCode)), eq(warning.assigneeUserId, actor.id))!
        : or(regionInScope(actor, warning.regionCode), eq(warning.assigneeUserId, actor.id))!,
    test: (actor, w) => (actor.gridId ? (w.gridId === actor.gridId && codeInSubtree(w.regionCode, actor.regionPrefix)) : codeInSubtree(w.regionCode, actor.regionPrefix)) || Boolean(w.userIds?.includes(actor.id)),
  },
  { permission: 'warning:assigned', where: assignedTo, test: assignedTest },
];

export function standingOf(actor: Actor, w: WarningRow): Standing {
  return {
    handler: actor.gridId === null && actor.permissions.includes('warning:handle') && codeInSubtree(w.regionCode, actor.regionPrefix),
    assignee: w.assigneeUserId === actor.id || (w.assigneeDepartmentId !== null && actor.permissions.includes('warning:assigned') && actor.departmentIds.includes(w.assigneeDepartmentId)),
  };
}

export function warningActions(actor: Actor, w: WarningRow, now: Date): WarningAction[] {
  return allowedActions(WARNING_RULES, { status: w.status as WarningStatus }, standingOf(actor, w), now);
}

export function warningScope(w: Pick<WarningRow, 'regionCode' | 'gridId' | 'assigneeUserId' | 'assigneeDepartmentId' | 'status'>): RecordScope {
  return {
    record: 'warning',
    regionCode: w.regionCode,
    gridId: w.gridId,
    state: w.status,
    ...(w.assigneeDepartmentId ? { departmentIds: [w.assigneeDepartmentId] } : {}),
    ...(w.assigneeUserId ? { userIds: [w.assigneeUserId] } : {}),
  };
}

export async function loadWarning(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<WarningRow> {
  const query = db.select().from(warning).where(and(eq(warning.id, id), actor ? recordVisible(actor, WARNING_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const warningWorkflow: Workflow<WarningRow, WarningStatus, WarningAction, Standing, { status: WarningStatus }> = {
  kind: 'warning',
  rules: WARNING_RULES,
  errors: { state: 'WARNING_STATE', version: 'WARNING_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadWarning(tx, actor, id, true),
  id: (w) => w.id,
  version: (w) => w.version,
  regionCode: (w) => w.regionCode,
  subject: async (_tx, w) => ({ status: w.status as WarningStatus }),
  standing: async (_tx, actor, w) => standingOf(actor, w),
  async save(tx, w, { status, patch, version, now }) {
    const next = { ...w, ...patch, status, version, updatedAt: now, closedAt: status === 'closed' || status === 'false_positive' ? now : w.closedAt };
    const { id: _id, ...columns } = next;
    await tx.update(warning).set(columns).where(eq(warning.id, w.id));
    return next;
  },
  async timeline(tx, ctx, w, step) {
    await tx.insert(warningEvent).values({ warningId: w.id, action: step.action, status: step.toStatus ?? w.status, actorId: ctx.actor?.id ?? null, note: step.note, at: ctx.clock.now() });
  },
  liveScope: async (_tx, w) => warningScope(w),
  liveData: (w) => ({ severity: w.severity, kind: w.kind }),
};
