/**
 * Oversight of a ticket in progress: extension requests and decisions (延期), supervision (督办),
 * summonses of named departments (乡镇吹哨、部门报到) and their check-ins, comments.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { HandlingLevel } from '@gridgov/contracts';
import { AppError } from '../../../platform/errors.js';
import { departmentsVisibleTo } from '../../departments/queries.js';
import { levelAbove } from '../flow.js';
import { scheduleLimit } from '../limit-timer.js';
import { extensionRequest, summons, summonsDepartment, ticketAssignment } from '../tables.js';
import { requireField, type ActionHandler } from './action.js';

const requestExtension: ActionHandler = async ({ tx, ctx, ticket: t, departmentId, input, now }) => {
  const until = new Date(requireField(input.until, 'until'));
  if (!t.handleDueAt || until <= t.handleDueAt || until <= now) throw new AppError('VALIDATION_FAILED', { field: 'until' });
  await tx.insert(extensionRequest).values({ id: randomUUID(), ticketId: t.id, departmentId, requestedBy: ctx.actor.id, until, reason: input.note ?? null, status: 'pending', createdAt: now });
  return {
    data: { until: until.toISOString() },
    notices: [{ audiences: [{ kind: 'handlers', level: t.level as HandlingLevel }], notice: { kind: 'extension_requested', title: `工单 ${t.number} 申请延期` } }],
  };
};

function decideExtension(approve: boolean): ActionHandler {
  return async ({ tx, deps, ctx, ticket: t, now }) => {
    const [request] = await tx.select().from(extensionRequest).where(and(eq(extensionRequest.ticketId, t.id), eq(extensionRequest.status, 'pending'))).for('update');
    await tx
      .update(extensionRequest)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.actor.id, decidedAt: now })
      .where(eq(extensionRequest.id, request!.id));
    const departments = request!.departmentId ? [request!.departmentId] : [];
    const notices = [{ audiences: [{ kind: 'departments' as const, departmentIds: departments }], notice: { kind: approve ? 'extension_approved' : 'extension_rejected', title: `工单 ${t.number} 延期申请${approve ? '已批准' : '未批准'}` } }];
    if (!approve) return { data: { until: request!.until.toISOString() }, notices };
    await tx
      .update(ticketAssignment)
      .set({ dueAt: request!.until, updatedAt: now })
      .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
    await scheduleLimit(deps.jobs, tx, t.id, 'handle', request!.until);
    return { patch: { handleDueAt: request!.until, overdue: false }, data: { until: request!.until.toISOString() }, notices };
  };
}

const supervise: ActionHandler = async ({ tx, ticket: t }) => {
  const assigned = await tx
    .select({ departmentId: ticketAssignment.departmentId })
    .from(ticketAssignment)
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
  const above = levelAbove(t.level as HandlingLevel);
  return {
    patch: { supervised: true },
    notices: [
      {
        audiences: [
          { kind: 'departments', departmentIds: assigned.map((a) => a.departmentId) },
          { kind: 'handlers', level: t.level as HandlingLevel },
          ...(above ? [{ kind: 'handlers' as const, level: above }] : []),
        ],
        notice: { kind: 'supervised', title: `工单 ${t.number} 被督办` },
      },
    ],
  };
};

const summon: ActionHandler = async ({ tx, ctx, ticket: t, input, now }) => {
  const departmentIds = [...new Set(requireField(input.departmentIds, 'departmentIds'))];
  const found = await departmentsVisibleTo(tx, ctx.actor, departmentIds);
  const invalid = departmentIds.filter((id) => !found.has(id));
  if (invalid.length) throw new AppError('TICKET_DEPARTMENT_INVALID', { departmentIds: invalid });
  const id = randomUUID();
  const dueAt = new Date(now.getTime() + (input.checkInMinutes ?? 120) * 60_000);
  await tx.insert(summons).values({ id, ticketId: t.id, regionCode: ctx.actor.regionCode, createdBy: ctx.actor.id, note: input.note ?? null, dueAt, createdAt: now });
  await tx.insert(summonsDepartment).values(departmentIds.map((departmentId) => ({ summonsId: id, departmentId })));
  return {
    data: { summonsId: id, departmentIds, dueAt: dueAt.toISOString() },
    notices: [{ audiences: [{ kind: 'departments', departmentIds }], notice: { kind: 'summoned', title: `吹哨报到：工单 ${t.number}，请在时限内报到`, body: input.note } }],
  };
};

const checkIn: ActionHandler = async ({ tx, ctx, ticket: t, departmentId, input, now }) => {
  const action = requireField(input.note, 'note');
  const open = await tx
    .select({ summonsId: summonsDepartment.summonsId })
    .from(summonsDepartment)
    .innerJoin(summons, eq(summons.id, summonsDepartment.summonsId))
    .where(and(eq(summons.ticketId, t.id), eq(summonsDepartment.departmentId, departmentId!), isNull(summonsDepartment.checkedInAt)));
  for (const s of open) {
    await tx
      .update(summonsDepartment)
      .set({ checkedInAt: now, checkedInBy: ctx.actor.id, action })
      .where(and(eq(summonsDepartment.summonsId, s.summonsId), eq(summonsDepartment.departmentId, departmentId!)));
  }
  return { data: { summonsIds: open.map((s) => s.summonsId) } };
};

const comment: ActionHandler = async ({ input }) => {
  requireField(input.note, 'note');
  return {};
};

export const oversightActions = {
  request_extension: requestExtension,
  approve_extension: decideExtension(true),
  reject_extension: decideExtension(false),
  supervise,
  summon,
  check_in: checkIn,
  comment,
};
