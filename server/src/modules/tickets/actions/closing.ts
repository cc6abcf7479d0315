/**
 * Close (办结), or send back for rework (退回重办); rating by the reporter (评价), revisit (回访),
 * reopen by the reporter within a window.
 */
import { and, eq } from 'drizzle-orm';
import type { HandlingLevel } from '@gridgov/contracts';
import { ticketAssignment } from '../tables.js';
import { findActiveCategory } from '../categories.js';
import { limitTimer } from '../limit-timer.js';
import { toDepartments, toHandlers, toReporter } from '../notices.js';
import { field, type ActionHandler } from './action.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const close: ActionHandler = async ({ tx, deps, ticket: t, now }) => {
  // Closed tickets teach the category suggester.
  const category = await findActiveCategory(tx, t.categoryId).catch(() => null);
  return {
    afterCommit: () => category && deps.suggester.learn(t.description, category.code),
    status: 'closed',
    patch: { closedAt: now, reopenUntil: new Date(now.getTime() + deps.reopenDays * DAY_MS), overdue: t.overdue },
    ...toReporter(t, 'ticket.reporter.closed'),
  };
};

/**
 * The reported-back work goes back to whoever did it: the lead department takes it up again (the
 * ticket is being handled again; what the assisting departments reported stands, the lead asks
 * them again if need be), or, handled in the grid, the grid's workers.
 */
const rework: ActionHandler = async ({ tx, ticket: t, input, now }) => {
  const note = field(input.note);
  const reported = await tx
    .update(ticketAssignment)
    .set({ status: 'handling', updatedAt: now })
    .where(and(eq(ticketAssignment.ticketId, t.id), eq(ticketAssignment.lead, true), eq(ticketAssignment.status, 'reported')))
    .returning({ departmentId: ticketAssignment.departmentId });
  if (reported.length === 0) return { status: 'accepted', data: { toGrid: true }, ...toHandlers(t, [t.level as HandlingLevel], 'ticket.rework', { note }) };
  const departmentIds = reported.map((r) => r.departmentId);
  return { status: 'handling', data: { departmentIds }, ...toDepartments(t, departmentIds, 'ticket.rework', { note }) };
};

const rate: ActionHandler = async ({ input }) => {
  const rating = field(input.rating);
  return { patch: { rating, ratingComment: input.note ?? null }, data: { rating } };
};

const revisit: ActionHandler = async ({ input }) => ({ data: input.rating ? { satisfaction: input.rating } : {} });

const reopen: ActionHandler = async ({ tx, input, ticket: t, now }) => {
  const category = await findActiveCategory(tx, t.categoryId).catch(() => null);
  const dispatchDueAt = new Date(now.getTime() + (category?.dispatchMinutes ?? 24 * 60) * 60_000);
  return {
    status: 'accepted',
    patch: { closedAt: null, reopenUntil: null, rating: null, ratingComment: null, dispatchDueAt, handleDueAt: null },
    timers: [limitTimer(t.id, 'dispatch', dispatchDueAt)],
    ...toHandlers(t, [t.level as HandlingLevel], 'ticket.reopened', { note: field(input.note) }),
  };
};

export const closingActions = { close, rework, rate, revisit, reopen };
