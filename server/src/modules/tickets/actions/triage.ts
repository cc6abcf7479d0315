/** First handling of a report: accept, reject (不予受理), merge into a duplicate, escalate a level. */
import { HANDLING_LEVELS, type HandlingLevel } from '@gridgov/contracts';
import { AppError } from '../../../platform/errors.js';
import { findActiveCategory } from '../categories.js';
import { levelAbove } from '../flow.js';
import { escalation } from '../escalation.js';
import { loadTicket } from '../ticket-access.js';
import { scheduleLimit } from '../limit-timer.js';
import { requireField, type ActionHandler } from './action.js';

const accept: ActionHandler = async ({ tx, input, ticket: t }) => {
  const categoryId = input.categoryId ?? t.categoryId;
  if (input.categoryId) await findActiveCategory(tx, input.categoryId);
  return {
    status: 'accepted',
    patch: { categoryId },
    data: input.categoryId && input.categoryId !== t.categoryId ? { categoryFrom: t.categoryId, categoryTo: categoryId } : {},
    notices: [{ audiences: [{ kind: 'reporter' }], notice: { kind: 'accepted', title: '已受理' } }],
  };
};

const reject: ActionHandler = async ({ input }) => {
  requireField(input.note, 'note');
  return { status: 'rejected', patch: { closedAt: null }, notices: [{ audiences: [{ kind: 'reporter' }], notice: { kind: 'rejected', title: '不予受理', body: input.note } }] };
};

const merge: ActionHandler = async ({ tx, ctx, departmentId, input, ticket: t }) => {
  const targetId = requireField(input.targetId, 'targetId');
  if (targetId === t.id) throw new AppError('VALIDATION_FAILED', { field: 'targetId' });
  const target = await loadTicket(tx, ctx.actor, departmentId, targetId);
  if (['rejected', 'merged'].includes(target.status)) throw new AppError('TICKET_TRANSITION_INVALID', { target: target.status });
  return {
    status: 'merged',
    patch: { duplicateOf: targetId },
    data: { targetId, targetNumber: target.number },
    notices: [{ audiences: [{ kind: 'reporter' }], notice: { kind: 'merged', title: `已与工单 ${target.number} 合并办理` } }],
  };
};

const escalate: ActionHandler = async ({ tx, deps, input, ticket: t, now }) => {
  const current = t.level as HandlingLevel;
  const to = input.level ?? levelAbove(current);
  if (!to || HANDLING_LEVELS.indexOf(to) <= HANDLING_LEVELS.indexOf(current)) throw new AppError('TICKET_TRANSITION_INVALID', { level: input.level });
  const patch = await escalation(tx, t, to, now);
  await scheduleLimit(deps.jobs, tx, t.id, 'dispatch', patch.dispatchDueAt!);
  return {
    patch,
    data: { from: current, to },
    notices: [{ audiences: [{ kind: 'handlers', level: to }], notice: { kind: 'escalated', title: `工单 ${t.number} 上报至本级处理` } }],
  };
};

export const triageActions = { accept, reject, merge, escalate };
