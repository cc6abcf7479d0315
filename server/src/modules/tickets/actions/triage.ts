/** First handling of a report: accept, reject (不予受理), merge into a duplicate, escalate a level. */
import { HANDLING_LEVELS, type HandlingLevel } from '@gridgov/contracts';
import { AppError } from '../../../platform/errors.js';
import { findActiveCategory } from '../categories.js';
import { levelAbove } from '../flow.js';
import { escalation } from '../escalation.js';
import { loadTicket } from '../ticket-access.js';
import { limitTimer } from '../limit-timer.js';
import { toHandlers, toReporter } from '../notices.js';
import { field, type ActionHandler } from './action.js';

const accept: ActionHandler = async ({ tx, input, ticket: t }) => {
  const categoryId = input.categoryId ?? t.categoryId;
  if (input.categoryId) await findActiveCategory(tx, input.categoryId);
  return {
    status: 'accepted',
    patch: { categoryId },
    data: input.categoryId && input.categoryId !== t.categoryId ? { categoryFrom: t.categoryId, categoryTo: categoryId } : {},
    ...toReporter(t, 'ticket.reporter.accepted'),
  };
};

const reject: ActionHandler = async ({ input, ticket: t }) => ({
  status: 'rejected',
  patch: { closedAt: null },
  ...toReporter(t, 'ticket.reporter.rejected', { note: field(input.note) }),
});

const merge: ActionHandler = async ({ tx, ctx, input, ticket: t }) => {
  const targetId = field(input.targetId);
  if (targetId === t.id) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'targetId', code: 'TICKET_MERGE_SELF' }] });
  const target = await loadTicket(tx, ctx.actor, targetId);
  if (['rejected', 'merged'].includes(target.status)) throw new AppError('TICKET_TRANSITION_INVALID', { target: target.status });
  return {
    status: 'merged',
    patch: { duplicateOf: targetId },
    data: { targetId, targetNumber: target.number },
    ...toReporter(t, 'ticket.reporter.merged', { target: target.number }),
  };
};

/** Up a level, by hand (to the level given, or one up) or by the dispatch-limit timer (one up, marked overdue). */
const escalate: ActionHandler = async ({ tx, input, ticket: t, standing, now }) => {
  const automatic = standing === null;
  const current = t.level as HandlingLevel;
  const to = input.level ?? levelAbove(current);
  if (!to || HANDLING_LEVELS.indexOf(to) <= HANDLING_LEVELS.indexOf(current)) throw new AppError('TICKET_TRANSITION_INVALID', { level: input.level });
  const patch = { ...(await escalation(tx, t, to, now)), ...(automatic ? { overdue: true } : {}) };
  return {
    patch,
    data: { from: current, to, ...(automatic ? { automatic: true } : {}) },
    timers: [limitTimer(t.id, 'dispatch', patch.dispatchDueAt!)],
    ...toHandlers(t, [to], automatic ? 'ticket.escalated_overdue' : 'ticket.escalated'),
  };
};

export const triageActions = { accept, reject, merge, escalate };
