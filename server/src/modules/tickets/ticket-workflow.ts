/**
 * The ticket as a workflow of the kit (platform/workflow): how it is loaded in scope and locked,
 * what the rules read of it, how a change is saved, its timeline, and who sees its live events.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { HandlingLevel, TicketStatus } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Workflow } from '../../platform/workflow/workflow.js';
import { publicStatusOf, TICKET_RULES, type Standing, type TicketState, type TicketWorkflowAction } from './flow.js';
import { loadTicket, standingOf, ticketScope, type TicketRow } from './ticket-access.js';
import { appendEvent } from './timeline.js';
import { departmentNames } from '../departments/queries.js';
import { extensionRequest, ticket, ticketAssignment } from './tables.js';

export async function ticketState(db: Db, t: TicketRow): Promise<TicketState> {
  const [[pending], assists] = await Promise.all([
    db.select({ id: extensionRequest.id }).from(extensionRequest).where(and(eq(extensionRequest.ticketId, t.id), eq(extensionRequest.status, 'pending'))),
    t.status === 'handling'
      ? db
          .select({ departmentId: ticketAssignment.departmentId })
          .from(ticketAssignment)
          .where(and(eq(ticketAssignment.ticketId, t.id), eq(ticketAssignment.lead, false), inArray(ticketAssignment.status, ['pending', 'handling'])))
      : [],
  ]);
  const names = assists.length ? await departmentNames(db, assists.map((a) => a.departmentId)) : new Map<string, string>();
  return {
    status: t.status as TicketStatus,
    level: t.level as HandlingLevel,
    rating: t.rating,
    reopenUntil: t.reopenUntil,
    supervised: t.supervised,
    overdue: t.overdue,
    hasPendingExtension: Boolean(pending),
    pendingAssists: assists.map((a) => names.get(a.departmentId) ?? '').sort(),
  };
}

export const ticketWorkflow: Workflow<TicketRow, TicketStatus, TicketWorkflowAction, Standing, TicketState> = {
  kind: 'ticket',
  rules: TICKET_RULES,
  errors: { state: 'TICKET_TRANSITION_INVALID', version: 'TICKET_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadTicket(tx, actor, id, true),
  id: (t) => t.id,
  version: (t) => t.version,
  regionCode: (t) => t.regionCode,
  subject: ticketState,
  standing: standingOf,
  async save(tx, t, { status, patch, version, now }) {
    const next = { ...t, ...patch, status, publicStatus: publicStatusOf(status), version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(ticket).set(columns).where(eq(ticket.id, t.id));
    return next;
  },
  timeline: (tx, ctx, t, step) =>
    appendEvent(tx, ctx, {
      ticketId: t.id,
      action: step.action,
      fromStatus: step.fromStatus,
      toStatus: step.toStatus,
      note: step.note,
      departmentId: (step.data.departmentId as string | undefined) ?? ctx.actor?.departmentIds[0] ?? null,
      attachments: step.attachments,
      data: step.data,
    }),
  liveScope: ticketScope,
  liveData: (t) => ({ number: t.number, categoryId: t.categoryId }),
};
