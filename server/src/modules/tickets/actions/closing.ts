/** Close (办结), rating by the reporter (评价), revisit (回访), reopen by the reporter within a window. */
import type { HandlingLevel } from '@gridgov/contracts';
import { findActiveCategory } from '../categories.js';
import { scheduleLimit } from '../limit-timer.js';
import { requireField, type ActionHandler } from './action.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const close: ActionHandler = async ({ tx, deps, ticket: t, now }) => {
  // Closed tickets teach the category suggester.
  const category = await findActiveCategory(tx, t.categoryId).catch(() => null);
  return {
    afterCommit: () => category && deps.suggester.learn(t.description, category.code),
    status: 'closed',
    patch: { closedAt: now, reopenUntil: new Date(now.getTime() + deps.reopenDays * DAY_MS), overdue: t.overdue },
    notices: [{ audiences: [{ kind: 'reporter' }], notice: { kind: 'closed', title: '已办结，请您评价' } }],
  };
};

const rate: ActionHandler = async ({ input }) => {
  const rating = requireField(input.rating, 'rating');
  return { patch: { rating, ratingComment: input.note ?? null }, data: { rating } };
};

const revisit: ActionHandler = async ({ input }) => {
  requireField(input.note, 'note');
  return { data: input.rating ? { satisfaction: input.rating } : {} };
};

const reopen: ActionHandler = async ({ tx, deps, input, ticket: t, now }) => {
  requireField(input.note, 'note');
  const category = await findActiveCategory(tx, t.categoryId).catch(() => null);
  const dispatchDueAt = new Date(now.getTime() + (category?.dispatchMinutes ?? 24 * 60) * 60_000);
  await scheduleLimit(deps.jobs, tx, t.id, 'dispatch', dispatchDueAt);
  return {
    status: 'accepted',
    patch: { closedAt: null, reopenUntil: null, rating: null, ratingComment: null, dispatchDueAt, handleDueAt: null },
    notices: [{ audiences: [{ kind: 'handlers', level: t.level as HandlingLevel }], notice: { kind: 'reopened', title: `工单 ${t.number} 被反映人重新打开`, body: input.note } }],
  };
};

export const closingActions = { close, rate, revisit, reopen };
