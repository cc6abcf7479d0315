/**
 * Oversight of a ticket in progress: extension requests and decisions (延期), supervision (督办),
 * summonses of named departments (乡镇吹哨、部门报到) and their check-ins, comments, and the
 * timers' overdue mark.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { HandlingLevel } from '@gridgov/contracts';
import { AppError } from '../../../platform/errors.js';
import { departmentsVisibleTo } from '../../departments/queries.js';
import { levelAbove } from '../flow.js';
import { limitTimer } from '../limit-timer.js';
import { told, toDepartments, toHandlers } from '../notices.js';
import { extensionRequest, summons, summonsDepartment, ticketAssignment } from '../tables.js';
import { field, type ActionHandler } from './action.js';

const liveAssignments = ['pending', 'handling', 'reported'];

const requestExtension: ActionHandler = async ({ tx, ctx, ticket: t, departmentId, input, now }) => {
  const until = new Date(field(input.until));
  if (!t.handleDueAt || until <= t.handleDueAt || until <= now) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'until', code: 'TICKET_EXTENSION_TOO_EARLY' }] });
  await tx.insert(extensionRequest).values({ id: randomUUID(), ticketId: t.id, departmentId, requestedBy: ctx.actor!.id, until, reason: input.note ?? null, status: 'pending', createdAt: now });
  return { data: { until: until.toISOString() }, ...toHandlers(t, [t.level as HandlingLevel], 'ticket.extension_requested') };
};

function decideExtension(approve: boolean): ActionHandler {
  return async ({ tx, ctx, ticket: t, now }) => {
    const [request] = await tx.select().from(extensionRequest).where(and(eq(extensionRequest.ticketId, t.id), eq(extensionRequest.status, 'pending'))).for('update');
    await tx
      .update(extensionRequest)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy: ctx.actor!.id, decidedAt: now })
      .where(eq(extensionRequest.id, request!.id));
    const tell = toDepartments(t, request!.departmentId ? [request!.departmentId] : [], approve ? 'ticket.extension_approved' : 'ticket.extension_rejected');
    if (!approve) return { data: { until: request!.until.toISOString() }, ...tell };
    await tx
      .update(ticketAssignment)
      .set({ dueAt: request!.until, updatedAt: now })
      .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, liveAssignments)));
    return {
      patch: { handleDueAt: request!.until, overdue: false },
      data: { until: request!.until.toISOString() },
      timers: [limitTimer(t.id, 'handle', request!.until)],
      ...tell,
    };
  };
}

const supervise: ActionHandler = async ({ tx, ticket: t }) => {
  const assigned = await tx
    .select({ departmentId: ticketAssignment.departmentId })
    .from(ticketAssignment)
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, liveAssignments)));
  const level = t.level as HandlingLevel;
  const above = levelAbove(level);
  return {
    patch: { supervised: true },
    ...told(toDepartments(t, assigned.map((a) => a.departmentId), 'ticket.supervised'), toHandlers(t, above ? [level, above] : [level], 'ticket.supervised')),
  };
};

const summon: ActionHandler = async ({ tx, ctx, ticket: t, input, now }) => {
  const actor = ctx.actor!;
  const departmentIds = [...new Set(field(input.departmentIds))];
  const found = await departmentsVisibleTo(tx, actor, departmentIds);
  const invalid = departmentIds.filter((id) => !found.has(id));
  if (invalid.length) throw new AppError('TICKET_DEPARTMENT_INVALID', { departmentIds: invalid });
  const id = randomUUID();
  const dueAt = new Date(now.getTime() + (input.checkInMinutes ?? 120) * 60_000);
  await tx.insert(summons).values({ id, ticketId: t.id, regionCode: actor.regionCode, createdBy: actor.id, note: input.note ?? null, dueAt, createdAt: now });
  await tx.insert(summonsDepartment).values(departmentIds.map((departmentId) => ({ summonsId: id, departmentId })));
  return { data: { summonsId: id, departmentIds, dueAt: dueAt.toISOString() }, ...toDepartments(t, departmentIds, 'ticket.summoned', { note: input.note ?? '' }) };
};

const checkIn: ActionHandler = async ({ tx, ctx, ticket: t, departmentId, input, now }) => {
  const action = field(input.note);
  const open = await tx
    .select({ summonsId: summonsDepartment.summonsId })
    .from(summonsDepartment)
    .innerJoin(summons, eq(summons.id, summonsDepartment.summonsId))
    .where(and(eq(summons.ticketId, t.id), eq(summonsDepartment.departmentId, departmentId!), isNull(summonsDepartment.checkedInAt)));
  for (const s of open) {
    await tx
      .update(summonsDepartment)
      .set({ checkedInAt: now, checkedInBy: ctx.actor!.id, action })
      .where(and(eq(summonsDepartment.summonsId, s.summonsId), eq(summonsDepartment.departmentId, departmentId!)));
  }
  return { data: { summonsIds: open.map((s) => s.summonsId) } };
};

const comment: ActionHandler = async () => ({});

/** A time limit passed (the timers): marked overdue, and the handlers at this level and above are told. */
const overdue: ActionHandler = async ({ ticket: t }) => {
  const level = t.level as HandlingLevel;
  const above = levelAbove(level);
  return { patch: { overdue: true }, data: { overdue: true }, ...toHandlers(t, above ? [level, above] : [level], 'ticket.overdue') };
};

export const oversightActions = {
  request_extension: requestExtension,
  approve_extension: decideExtension(true),
  reject_extension: decideExtension(false),
  supervise,
  summon,
  check_in: checkIn,
  comment,
  overdue,
};
