/**
 * Every step after registration goes through the workflow kit: assign, record a session, agree,
 * follow up, close, escalate, fail. A session is a row of its own; the rest patch the dispute.
 */
import { randomUUID } from 'node:crypto';
import type { DisputeAction, DisputeStatus } from '@gridgov/contracts';
import { divisionPrefix, type DISPUTE_ACTION_INPUTS } from '@gridgov/contracts';
import type { z } from 'zod';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { departmentsVisibleTo, departmentUserIds } from '../departments/queries.js';
import { mediationSession, type DisputeRow } from './tables.js';
import { disputeWorkflow } from './workflow.js';
import { checkTicketCategory, fileEscalationTicket, FILE_TICKET_JOB } from './escalate-dispute.js';

type Inputs = { [A in DisputeAction]: z.infer<(typeof DISPUTE_ACTION_INPUTS)[A]> };
type Step<A extends DisputeAction> = (d: DisputeRow, input: Inputs[A], args: { tx: Db; now: Date; ctx: ActorContext }) => Promise<Effects<DisputeRow, DisputeStatus>>;

const resolution = (d: DisputeRow, more: Record<string, unknown>) => ({ ...((d.resolution as Record<string, unknown> | null) ?? {}), ...more });

const STEPS: { [A in DisputeAction]: Step<A> } = {
  async assign(d, input, { tx, ctx }) {
    if (input.departmentId) {
      const dept = (await departmentsVisibleTo(tx, ctx.actor, [input.departmentId])).get(input.departmentId);
      // The department must serve the dispute's place: its region is the dispute's or one above it.
      if (!dept || !d.regionCode.startsWith(divisionPrefix(dept.regionCode))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'departmentId', code: 'DISPUTE_DEPARTMENT_INVALID' }] });
    }
    const told = input.departmentId ? await departmentUserIds(tx, [input.departmentId]) : [];
    return {
      status: 'assigned',
      patch: { mediatorLevel: input.mediatorLevel, departmentId: input.departmentId ?? null, mediatorName: input.mediatorName, resolutionWay: input.resolutionWay },
      data: { mediatorLevel: input.mediatorLevel, departmentId: input.departmentId ?? null, resolutionWay: input.resolutionWay },
      notices: told.length > 0 ? [{ kind: 'dispute.assigned', params: { name: d.name }, audiences: [{ kind: 'users' as const, userIds: told }] }] : [],
    };
  },
  async record_session(d, input, { tx, now, ctx }) {
    const id = randomUUID();
    await tx.insert(mediationSession).values({ id, disputeId: d.id, heldOn: input.heldOn, place: input.place, attendees: input.attendees, notes: input.notes, recordedBy: ctx.actor.id, createdAt: now });
    return { status: 'mediating', data: { sessionId: id, heldOn: input.heldOn } };
  },
  async agree(_d, input, { now }) {
    return { status: 'agreed', patch: { agreement: { terms: input.terms, fulfilmentWay: input.fulfilmentWay, fulfilmentDeadline: input.fulfilmentDeadline, agreedOn: localDate(now) } } };
  },
  async follow_up(d, input, { now }) {
    return { status: 'followed_up', patch: { resolution: resolution(d, { fulfilled: input.fulfilled, followedUpOn: localDate(now), followUpNote: input.note }) }, data: { fulfilled: input.fulfilled } };
  },
  async close(d, input) {
    return { status: 'closed', patch: { resolution: resolution(d, { success: input.success, outcome: input.outcome, evaluatedOn: input.evaluatedOn, opinion: input.opinion }) }, data: { success: input.success } };
  },
  // Into the ticket loop: the ticket's id is chosen now and filed just after the commit (escalate-dispute.ts); the job files it if that attempt fails.
  async escalate(d, input, { now, ctx }) {
    const ticketId = randomUUID();
    return {
      status: 'escalated',
      patch: { ticketId, resolution: resolution(d, { escalatedOn: localDate(now), escalationNote: input.note, escalatedBy: ctx.actor.id, ticketCategoryId: input.categoryId ?? null }) },
      data: { ticketId },
      timers: [{ job: FILE_TICKET_JOB, payload: { disputeId: d.id }, runAt: now, key: `${FILE_TICKET_JOB.name}:${d.id}` }],
    };
  },
  async fail(d, input, { now }) {
    return { status: 'failed', patch: { resolution: resolution(d, { success: false, referral: input.referral, failedOn: localDate(now), failureNote: input.note }) }, data: { referral: input.referral } };
  },
};

export async function transitionDispute<A extends DisputeAction>(kit: Kit, ctx: ActorContext, id: string, action: A, input: Inputs[A]): Promise<void> {
  const note = 'note' in input && typeof input.note === 'string' ? input.note : null;
  if (action === 'escalate') await checkTicketCategory(kit, (input as Inputs['escalate']).categoryId);
  await runTransition(kit, ctx, disputeWorkflow, id, action, { version: input.version, note }, async ({ tx, row, now }) => (STEPS[action] as Step<A>)(row, input, { tx, now, ctx }));
  // The ticket is filed once the escalation committed; should this fail, the queued job files it.
  if (action === 'escalate') await fileEscalationTicket(kit, id).catch((error: unknown) => console.error(`dispute ${id}: filing the escalation ticket failed, the job retries`, error));
}
