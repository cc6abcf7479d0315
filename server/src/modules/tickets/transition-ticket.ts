/**
 * Runs one transition of a ticket: lock it, check the version the caller read, check the
 * action is allowed from this status for this caller (flow.ts), let the action do its part, then
 * write the new status, the timeline event, the audit entry, the notifications and the live
 * event in the same transaction.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { HandlingLevel, TicketAction, TicketStatus, TransitionRequest } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import type { TicketDeps } from './deps.js';
import { assertAllowed, publicStatusOf, type TicketState } from './flow.js';
import { actorDepartment, loadTicket, standingOf, type TicketRow } from './ticket-access.js';
import { appendEvent } from './timeline.js';
import { notify } from './notify.js';
import { attachment, extensionRequest, ticket } from './tables.js';
import type { ActionHandler } from './actions/action.js';
import { triageActions } from './actions/triage.js';
import { dispatchActions } from './actions/dispatch.js';
import { handlingActions } from './actions/handling.js';
import { closingActions } from './actions/closing.js';
import { oversightActions } from './actions/oversight.js';

const HANDLERS: Partial<Record<TicketAction, ActionHandler>> = {
  ...triageActions,
  ...dispatchActions,
  ...handlingActions,
  ...closingActions,
  ...oversightActions,
};

export async function ticketState(tx: Db, t: TicketRow): Promise<TicketState> {
  const [pending] = await tx.select({ id: extensionRequest.id }).from(extensionRequest).where(and(eq(extensionRequest.ticketId, t.id), eq(extensionRequest.status, 'pending')));
  return {
    status: t.status as TicketStatus,
    level: t.level as HandlingLevel,
    rating: t.rating,
    reopenUntil: t.reopenUntil,
    supervised: t.supervised,
    hasPendingExtension: Boolean(pending),
  };
}

export async function transitionTicket(deps: TicketDeps, ctx: ActorContext, id: string, action: TicketAction, input: TransitionRequest): Promise<void> {
  const handler = HANDLERS[action];
  if (!handler) throw new AppError('TICKET_TRANSITION_INVALID', { action });
  const result = await deps.db.transaction(async (tx) => {
    const departmentId = await actorDepartment(tx, ctx.actor);
    const t = await loadTicket(tx, ctx.actor, departmentId, id, true);
    if (t.version !== input.version) throw new AppError('TICKET_VERSION_CONFLICT', { current: t.version });
    const standing = await standingOf(tx, ctx.actor, departmentId, t);
    const now = ctx.clock.now();
    assertAllowed(action, await ticketState(tx, t), standing, now);
    const attachments = input.attachmentIds.length ? await tx.select().from(attachment).where(inArray(attachment.id, input.attachmentIds)) : [];
    if (attachments.length !== input.attachmentIds.length) throw new AppError('VALIDATION_FAILED', { field: 'attachmentIds' });
    const result = await handler({ tx, deps, ctx, ticket: t, standing, departmentId, input, now });
    const status = result.status ?? (t.status as TicketStatus);
    const next = { ...t, ...result.patch, status };
    await tx
      .update(ticket)
      .set({ ...result.patch, status, publicStatus: publicStatusOf(status), version: t.version + 1, updatedAt: now })
      .where(eq(ticket.id, id));
    await appendEvent(tx, ctx, {
      ticketId: id,
      action,
      fromStatus: t.status as TicketStatus,
      toStatus: status,
      note: input.note,
      departmentId: result.departmentId ?? departmentId,
      attachments: attachments.map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size })),
      data: result.data,
    });
    await writeAudit(tx, ctx, {
      action: `ticket.${action}`,
      objectType: 'ticket',
      objectId: id,
      regionCode: t.regionCode,
      details: { from: t.status, to: status, version: t.version + 1, ...(result.data ?? {}) },
    });
    for (const n of result.notices ?? []) await notify(tx, now, next, n.audiences, n.notice);
    await publishLive(tx, { type: 'ticket.changed', regionCode: t.regionCode, gridId: t.gridId ?? undefined, id, at: now.toISOString(), data: { number: t.number, categoryId: t.categoryId, action, status } });
    return result;
  });
  result.afterCommit?.();
}
