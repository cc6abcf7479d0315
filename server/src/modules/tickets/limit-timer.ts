/**
 * Time limits as durable jobs: when a ticket is reported (or escalated) a timer is queued for its
 * dispatch limit, and when dispatched one for its handling limit. Timers live in the job table,
 * so they survive a restart and run once across processes. When one fires it takes a system
 * action through the same workflow as people (escalate one level, or mark overdue: audited, on
 * the timeline, notified, live); a timer whose ticket has moved on (dispatched, closed, a new due
 * time) writes nothing.
 */
import { z } from 'zod';
import type { HandlingLevel } from '@gridgov/contracts';
import { defineJob } from '../../platform/jobs/queue.js';
import { AppError } from '../../platform/errors.js';
import { systemContext } from '../../platform/context.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { TimerRequest } from '../../platform/workflow/workflow.js';
import { levelAbove } from './flow.js';
import { loadTicket } from './ticket-access.js';
import { StaleTimer, transitionTicket } from './transition-ticket.js';
import type { TicketDeps } from './deps.js';

/** The job's name and payload: enough to queue one. */
export const LIMIT_JOB = { name: 'ticket.limit', payload: z.object({ ticketId: z.string(), kind: z.enum(['dispatch', 'handle']), dueAt: z.string() }) };

export function limitKey(ticketId: string, kind: 'dispatch' | 'handle', dueAt: Date): string {
  return `${LIMIT_JOB.name}:${ticketId}:${kind}:${dueAt.toISOString()}`;
}

export function limitTimer(ticketId: string, kind: 'dispatch' | 'handle', dueAt: Date): TimerRequest {
  return { job: LIMIT_JOB, payload: { ticketId, kind, dueAt: dueAt.toISOString() }, runAt: dueAt, key: limitKey(ticketId, kind, dueAt) };
}

export const ticketLimitJob = (kit: Kit, deps: () => TicketDeps) =>
  defineJob({
    ...LIMIT_JOB,
    async handle(p, { db, clock }) {
      const ctx = systemContext(clock, 'ticket.limit');
      const t = await loadTicket(db, null, p.ticketId).catch(() => null);
      if (!t) return;
      const dispatchLimit = p.kind === 'dispatch';
      const action = dispatchLimit && levelAbove(t.level as HandlingLevel) ? 'escalate' : 'overdue';
      const due = (row: typeof t) => (dispatchLimit ? row.dispatchDueAt : row.handleDueAt)?.toISOString() === p.dueAt;
      const open = (row: typeof t) => (dispatchLimit ? ['reported', 'accepted'] : ['dispatched', 'handling']).includes(row.status);
      try {
        await transitionTicket(kit, deps(), ctx, t.id, action, {}, (row) => due(row) && open(row) && row.level === t.level && !(action === 'overdue' && row.overdue));
      } catch (error) {
        // The ticket moved on (dispatched, closed, a new due time): nothing to do.
        if (error instanceof StaleTimer || (error instanceof AppError && error.code === 'TICKET_TRANSITION_INVALID')) return;
        throw error;
      }
    },
  });
