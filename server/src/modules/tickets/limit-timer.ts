/**
 * Time limits as durable jobs: when a ticket is reported (or escalated) a timer is queued for its
 * dispatch limit, and when dispatched one for its handling limit. Timers live in the job table,
 * so they survive a restart and run once across processes. A timer whose ticket has moved on
 * (dispatched, closed, a new due time) does nothing.
 */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { HandlingLevel, TicketStatus } from '@gridgov/contracts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.js';
import { systemContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { levelAbove } from './flow.js';
import { escalation } from './escalation.js';
import { appendEvent } from './timeline.js';
import { notify } from './notify.js';
import { ticket } from './tables.js';

/** The job's name and payload: enough to queue one. */
export const LIMIT_JOB = { name: 'ticket.limit', payload: z.object({ ticketId: z.string(), kind: z.enum(['dispatch', 'handle']), dueAt: z.string() }) };

export function scheduleLimit(jobs: JobQueue, tx: Db, ticketId: string, kind: 'dispatch' | 'handle', dueAt: Date): Promise<void> {
  return jobs.enqueue(tx, LIMIT_JOB, { ticketId, kind, dueAt: dueAt.toISOString() }, { runAt: dueAt, singletonKey: `ticket.limit:${ticketId}:${kind}:${dueAt.toISOString()}` });
}

export const ticketLimitJob = (jobs: JobQueue) => defineJob({
  ...LIMIT_JOB,
  async handle(p, { db, clock }) {
    const ctx = systemContext(clock, 'ticket.limit');
    await db.transaction(async (tx) => {
      const [t] = await tx.select().from(ticket).where(eq(ticket.id, p.ticketId)).for('update');
      if (!t) return;
      const now = clock.now();
      if (p.kind === 'dispatch') {
        if (!(t.status === 'reported' || t.status === 'accepted') || t.dispatchDueAt?.toISOString() !== p.dueAt) return;
        const to = levelAbove(t.level as HandlingLevel);
        if (!to) {
          await tx.update(ticket).set({ overdue: true, updatedAt: now, version: t.version + 1 }).where(eq(ticket.id, t.id));
          return;
        }
        const patch = await escalation(tx, t, to, now);
        if (patch.dispatchDueAt) await scheduleLimit(jobs, tx, t.id, 'dispatch', patch.dispatchDueAt);
        await tx.update(ticket).set({ ...patch, overdue: true, updatedAt: now, version: t.version + 1 }).where(eq(ticket.id, t.id));
        await appendEvent(tx, ctx, { ticketId: t.id, action: 'escalate', fromStatus: t.status as TicketStatus, toStatus: t.status as TicketStatus, note: '超过分流时限，自动上报', data: { from: t.level, to, automatic: true } });
        await writeAudit(tx, ctx, { action: 'ticket.escalate', objectType: 'ticket', objectId: t.id, regionCode: t.regionCode, details: { from: t.level, to, automatic: true } });
        await notify(tx, now, { ...t, ...patch }, [{ kind: 'handlers', level: to }], { kind: 'escalated', title: `工单 ${t.number} 超时未分流，已上报至本级` });
        await publishLive(tx, { type: 'ticket.changed', regionCode: t.regionCode, gridId: t.gridId ?? undefined, id: t.id, at: now.toISOString(), data: { number: t.number, categoryId: t.categoryId, action: 'escalate', automatic: true } });
        return;
      }
      if (!(t.status === 'dispatched' || t.status === 'handling') || t.handleDueAt?.toISOString() !== p.dueAt || t.overdue) return;
      await tx.update(ticket).set({ overdue: true, updatedAt: now, version: t.version + 1 }).where(eq(ticket.id, t.id));
      await appendEvent(tx, ctx, { ticketId: t.id, action: 'comment', fromStatus: null, toStatus: null, note: '已超过办理时限', data: { overdue: true } });
      await writeAudit(tx, ctx, { action: 'ticket.overdue', objectType: 'ticket', objectId: t.id, regionCode: t.regionCode });
      const above = levelAbove(t.level as HandlingLevel);
      await notify(tx, now, t, [{ kind: 'handlers', level: t.level as HandlingLevel }, ...(above ? [{ kind: 'handlers' as const, level: above }] : [])], {
        kind: 'overdue', title: `工单 ${t.number} 已超过办理时限`,
      });
      await publishLive(tx, { type: 'ticket.changed', regionCode: t.regionCode, gridId: t.gridId ?? undefined, id: t.id, at: now.toISOString(), data: { number: t.number, categoryId: t.categoryId, action: 'overdue' } });
    });
  },
});
