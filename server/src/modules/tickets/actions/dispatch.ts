/** Dispatch (分流交办) to one or several departments, the first leading; transfer (转办) to others. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { departmentsVisibleTo } from '../../departments/queries.js';
import { findActiveCategory } from '../categories.js';
import { limitTimer } from '../limit-timer.js';
import { told, toDepartments, toReporter } from '../notices.js';
import { ticketAssignment } from '../tables.js';
import type { TicketRow } from '../ticket-access.js';
import { field, type ActionContext, type ActionHandler, type ActionResult } from './action.js';

async function assign(tx: Db, actor: Actor, t: TicketRow, departmentIds: string[], dueAt: Date, now: Date): Promise<void> {
  const found = await departmentsVisibleTo(tx, actor, departmentIds);
  // A department must serve the ticket's region: its own region or one above it.
  const invalid = departmentIds.filter((id) => {
    const d = found.get(id);
    return !d || !t.regionCode.startsWith(d.regionCode.replace(/0+$/, ''));
  });
  if (invalid.length) throw new AppError('TICKET_DEPARTMENT_INVALID', { departmentIds: invalid });
  await tx
    .update(ticketAssignment)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported', 'returned'])));
  for (const [i, departmentId] of departmentIds.entries()) {
    await tx
      .insert(ticketAssignment)
      .values({ ticketId: t.id, departmentId, lead: i === 0, status: 'pending', dueAt, assignedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [ticketAssignment.ticketId, ticketAssignment.departmentId], set: { lead: i === 0, status: 'pending', dueAt, note: null, assignedAt: now, updatedAt: now } });
  }
}

async function dispatchTo(a: ActionContext, transfer: boolean): Promise<ActionResult> {
  const { tx, ctx, input, ticket: t, now } = a;
  const departmentIds = [...new Set(field(input.departmentIds))];
  const categoryId = input.categoryId ?? t.categoryId;
  const category = await findActiveCategory(tx, categoryId);
  // A transfer keeps the original handling limit; a dispatch starts it.
  const handleDueAt = transfer && t.handleDueAt ? t.handleDueAt : new Date(now.getTime() + (t.emergency ? 120 : category.handleMinutes) * 60_000);
  await assign(tx, ctx.actor!, t, departmentIds, handleDueAt, now);
  return {
    status: 'dispatched',
    patch: { categoryId, handleDueAt },
    data: { departmentIds, lead: departmentIds[0] },
    timers: !transfer || handleDueAt !== t.handleDueAt ? [limitTimer(t.id, 'handle', handleDueAt)] : [],
    ...told(toDepartments(t, departmentIds, transfer ? 'ticket.transferred' : 'ticket.dispatched'), transfer ? told() : toReporter(t, 'ticket.reporter.dispatched')),
  };
}

const dispatch: ActionHandler = (a) => dispatchTo(a, false);
const transfer: ActionHandler = (a) => dispatchTo(a, true);

export const dispatchActions = { dispatch, transfer };
