/** The department's part: sign for the work (签收), return it (退回), report back (反馈). */
import { and, eq, inArray } from 'drizzle-orm';
import type { HandlingLevel } from '@gridgov/contracts';
import { AppError } from '../../../platform/errors.js';
import { toHandlers } from '../notices.js';
import { ticketAssignment } from '../tables.js';
import { field, type ActionHandler } from './action.js';

function mine(ticketId: string, departmentId: string) {
  return and(eq(ticketAssignment.ticketId, ticketId), eq(ticketAssignment.departmentId, departmentId));
}

const sign: ActionHandler = async ({ tx, ticket: t, departmentId, now }) => {
  await tx.update(ticketAssignment).set({ status: 'handling', updatedAt: now }).where(mine(t.id, departmentId!));
  return { status: 'handling' };
};

const returnTicket: ActionHandler = async ({ tx, ticket: t, departmentId, standing, input, now }) => {
  const note = field(input.note);
  await tx.update(ticketAssignment).set({ status: 'returned', note, updatedAt: now }).where(mine(t.id, departmentId!));
  if (standing?.assignee !== 'lead') return toHandlers(t, [t.level as HandlingLevel], 'ticket.assist_returned', { note });
  // The lead hands it back: the whole dispatch is undone and goes back to the dispatcher.
  await tx
    .update(ticketAssignment)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
  return { status: 'accepted', patch: { handleDueAt: null }, ...toHandlers(t, [t.level as HandlingLevel], 'ticket.returned', { note }) };
};

const reportBack: ActionHandler = async ({ tx, ticket: t, departmentId, standing, input, now }) => {
  const note = field(input.note);
  // Handled in the grid by its grid worker.
  if (t.status === 'accepted') return { status: 'reported_back', data: { inGrid: true } };
  await tx.update(ticketAssignment).set({ status: 'reported', note, updatedAt: now }).where(mine(t.id, departmentId!));
  if (standing?.assignee !== 'lead') return { data: { assist: true } };
  const open = await tx
    .select({ departmentId: ticketAssignment.departmentId })
    .from(ticketAssignment)
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling'])));
  if (open.length) throw new AppError('TICKET_ASSISTS_PENDING', { departmentIds: open.map((o) => o.departmentId) });
  return { status: 'reported_back', ...toHandlers(t, [t.level as HandlingLevel], 'ticket.reported_back') };
};

export const handlingActions = { sign, return: returnTicket, report_back: reportBack };
