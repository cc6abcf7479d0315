/** Dispatch (分流交办) to one or several departments, the first leading; transfer (转办) to others. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';
import type { ActorContext } from '../../../platform/http/types.js';
import { AppError } from '../../../platform/errors.js';
import { departmentsVisibleTo } from '../../departments/queries.js';
import { findActiveCategory } from '../categories.js';
import { scheduleLimit } from '../limit-timer.js';
import { ticketAssignment } from '../tables.js';
import type { TicketRow } from '../ticket-access.js';
import { requireField, type ActionContext, type ActionHandler, type ActionResult } from './action.js';

async function assign(tx: Db, ctx: ActorContext, t: TicketRow, departmentIds: string[], dueAt: Date, now: Date): Promise<void> {
  const unique = [...new Set(departmentIds)];
  const found = await departmentsVisibleTo(tx, ctx.actor, unique);
  // A department must serve the ticket's region: its own region or one above it.
  const invalid = unique.filter((id) => {
    const d = found.get(id);
    return !d || !t.regionCode.startsWith(d.regionCode.replace(/0+$/, ''));
  });
  if (invalid.length) throw new AppError('TICKET_DEPARTMENT_INVALID', { departmentIds: invalid });
  await tx
    .update(ticketAssignment)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported', 'returned'])));
  for (const [i, departmentId] of unique.entries()) {
    await tx
      .insert(ticketAssignment)
      .values({ ticketId: t.id, departmentId, lead: i === 0, status: 'pending', dueAt, assignedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [ticketAssignment.ticketId, ticketAssignment.departmentId], set: { lead: i === 0, status: 'pending', dueAt, note: null, assignedAt: now, updatedAt: now } });
  }
}

async function dispatchTo(a: ActionContext, transfer: boolean): Promise<ActionResult> {
  const { tx, deps, ctx, input, ticket: t, now } = a;
  const departmentIds = requireField(input.departmentIds, 'departmentIds');
  const categoryId = input.categoryId ?? t.categoryId;
  const category = await findActiveCategory(tx, categoryId);
  // A transfer keeps the original handling limit; a dispatch starts it.
  const handleDueAt = transfer && t.handleDueAt ? t.handleDueAt : new Date(now.getTime() + (t.emergency ? 120 : category.handleMinutes) * 60_000);
  await assign(tx, ctx, t, departmentIds, handleDueAt, now);
  if (!transfer || handleDueAt !== t.handleDueAt) await scheduleLimit(deps.jobs, tx, t.id, 'handle', handleDueAt);
  return {
    status: 'dispatched',
    patch: { categoryId, handleDueAt },
    data: { departmentIds: [...new Set(departmentIds)], lead: departmentIds[0] },
    notices: [
      { audiences: [{ kind: 'departments', departmentIds }], notice: { kind: transfer ? 'transferred' : 'dispatched', title: `新交办工单 ${t.number}` } },
      ...(transfer ? [] : [{ audiences: [{ kind: 'reporter' as const }], notice: { kind: 'dispatched', title: '已转交相关部门办理' } }]),
    ],
  };
}

const dispatch: ActionHandler = (a) => dispatchTo(a, false);
const transfer: ActionHandler = (a) => dispatchTo(a, true);

export const dispatchActions = { dispatch, transfer };
