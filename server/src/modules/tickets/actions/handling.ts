/** The department's part: sign for the work (签收), return it (退回), report back (反馈). */
import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.js';
import type { HandlingLevel } from '@gridgov/contracts';
import { ticketAssignment } from '../tables.js';
import { requireField, type ActionHandler } from './action.js';

function mine(ticketId: string, departmentId: string) {
  return and(eq(ticketAssignment.ticketId, ticketId), eq(ticketAssignment.departmentId, departmentId));
}

const sign: ActionHandler = async ({ tx, ticket: t, departmentId, now }) => {
  await tx.update(ticketAssignment).set({ status: 'handling', updatedAt: now }).where(mine(t.id, departmentId!));
  return { status: 'handling' };
};

const returnTicket: ActionHandler = async ({ tx, ticket: t, departmentId, standing, input, now }) => {
  const note = requireField(input.note, 'note');
  await tx.update(ticketAssignment).set({ status: 'returned', note, updatedAt: now }).where(mine(t.id, departmentId!));
  if (standing.assignee === 'lead') {
    // The lead hands it back: the whole dispatch is undone and goes back to the dispatcher.
    await tx
      .update(ticketAssignment)
      .set({ status: 'withdrawn', updatedAt: now })
      .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling', 'reported'])));
    return {
      status: 'accepted',
      patch: { handleDueAt: null },
      notices: [{ audiences: [{ kind: 'handlers', level: t.level as HandlingLevel }], notice: { kind: 'returned', title: `工单 ${t.number} 被退回`, body: note } }],
    };
  }
  return { notices: [{ audiences: [{ kind: 'handlers', level: t.level as HandlingLevel }], notice: { kind: 'returned', title: `协办部门退回工单 ${t.number}`, body: note } }] };
};

const reportBack: ActionHandler = async ({ tx, ticket: t, departmentId, standing, input, now }) => {
  requireField(input.note, 'note');
  if (t.status === 'accepted') {
    // Handled in the grid by the grid worker.
    return { status: 'reported_back', data: { inGrid: true } };
  }
  await tx.update(ticketAssignment).set({ status: 'reported', note: input.note ?? null, updatedAt: now }).where(mine(t.id, departmentId!));
  if (standing.assignee !== 'lead') return { data: { assist: true } };
  const open = await tx
    .select({ departmentId: ticketAssignment.departmentId })
    .from(ticketAssignment)
    .where(and(eq(ticketAssignment.ticketId, t.id), inArray(ticketAssignment.status, ['pending', 'handling'])));
  if (open.length) throw new AppError('TICKET_ASSISTS_PENDING', { departmentIds: open.map((o) => o.departmentId) });
  return {
    status: 'reported_back',
    notices: [{ audiences: [{ kind: 'handlers', level: t.level as HandlingLevel }], notice: { kind: 'reported_back', title: `工单 ${t.number} 已反馈，待办结` } }],
  };
};

export const handlingActions = { sign, return: returnTicket, report_back: reportBack };
