/**
 * A dispute that cannot be resolved at its level goes into the ticket loop (上报), and comes back.
 *
 * Out: the `escalate` step (transition-dispute.ts) chooses the ticket's id, stores it on the
 * dispute and queues the durable job `disputes.file_ticket` in the same transaction; right after
 * the commit the ticket is filed through the tickets module's `intakeTicket` (source `dispute`,
 * at the dispute's community, the escalation note as its description, the dispute's number as
 * its origin; never a party's name or number). Filing is idempotent on the chosen id: the job
 * finds the ticket already there, or files it when the first attempt did not get through.
 *
 * Back: the reaction to the ticket's `close` or `reject` (runs in that transition's
 * transaction) moves the dispute from `escalated` to `returned` through the workflow kit, as the
 * system, and tells the dispute's managers and mediating department; the mediator then records
 * the follow-up and the centre closes it with the outcome.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { uuid } from '@gridgov/contracts';
import { systemContext, type RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import { runTransition, type TransitionReaction } from '../../platform/workflow/workflow.js';
import { ticketDeps } from '../tickets/deps.js';
import { intakeTicket } from '../tickets/intake-ticket.js';
import { ticketNumbers } from '../tickets/queries.js';
import { gridNames } from '../grids/queries.js';
import { departmentUserIds } from '../departments/queries.js';
import { dispute, type DisputeRow } from './tables.js';
import { disputeWorkflow } from './workflow.js';

export const FILE_TICKET_JOB = { name: 'disputes.file_ticket', payload: z.object({ disputeId: uuid }) };

/** The ticket category the escalation may name: an active one (checked before the dispute moves). */
export async function checkTicketCategory(kit: Kit, categoryId: string | undefined): Promise<void> {
  if (!categoryId) return;
  if (!(await ticketDeps(kit).categories.active({ id: categoryId }))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'categoryId', code: 'TICKET_CATEGORY_INVALID' }] });
}

interface Escalation {
  escalationNote?: string;
  escalatedBy?: string;
  ticketCategoryId?: string | null;
}

/**
 * Files the ticket an escalated dispute chose, unless it is there already. Returns its number,
 * or null when the dispute has no ticket to file (not escalated).
 */
export async function fileEscalationTicket(kit: Kit, disputeId: string, ctx: RequestContext = systemContext(kit.clock, 'disputes.file_ticket')): Promise<string | null> {
  const [d] = await kit.db.select().from(dispute).where(eq(dispute.id, disputeId));
  if (!d?.ticketId) return null;
  const existing = (await ticketNumbers(kit.db, [d.ticketId])).get(d.ticketId);
  if (existing) return existing;
  const facts = (d.resolution as Escalation | null) ?? {};
  const answers = d.answers as Record<string, unknown>;
  const place = typeof answers.place === 'string' && answers.place.trim() ? answers.place.trim() : ((await gridNames(kit.db, [d.gridId])).get(d.gridId) ?? null);
  const filed = await intakeTicket(
    ticketDeps(kit),
    // Filed by the system on the centre's behalf: the escalating operator is on the dispute's audit entry.
    { ...ctx, actor: null },
    {
      source: 'dispute',
      categoryId: facts.ticketCategoryId ?? undefined,
      description: `【矛盾纠纷上报 ${d.number}】${facts.escalationNote ?? ''}`,
      address: place ?? undefined,
      emergency: false,
      customFields: {},
      photoIds: [],
    },
    { id: d.ticketId, regionCode: d.regionCode, origin: { type: 'dispute', id: d.id, number: d.number } },
  );
  return filed.number;
}

/** The durable side of filing: queued by the escalation, it files the ticket if the first attempt did not. */
export const fileTicketJob = (kit: Kit) =>
  defineJob({
    ...FILE_TICKET_JOB,
    async handle(payload) {
      await fileEscalationTicket(kit, payload.disputeId);
    },
  });

const OUTCOMES: Record<string, 'close' | 'reject'> = { 'ticket.close': 'close', 'ticket.reject': 'reject' };

/** The dispute hears that its ticket was closed or refused, in the ticket's transaction. */
export const ticketConcluded: TransitionReaction = {
  on: Object.keys(OUTCOMES),
  async react(kit, event) {
    const [linked] = await kit.db.select({ id: dispute.id, status: dispute.status }).from(dispute).where(eq(dispute.ticketId, event.id));
    if (!linked || linked.status !== 'escalated') return;
    const outcome = OUTCOMES[`${event.kind}.${event.action}`]!;
    const numbers = await ticketNumbers(kit.db, [event.id]);
    await returnFromTicket(kit, event.ctx, linked.id, { ticketId: event.id, ticketNumber: numbers.get(event.id) ?? '', outcome });
  },
};

async function returnFromTicket(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: RequestContext, disputeId: string, back: { ticketId: string; ticketNumber: string; outcome: 'close' | 'reject' }): Promise<void> {
  const system = systemContext(ctx.clock, 'disputes.ticket_concluded');
  await runTransition(
    kit,
    system,
    disputeWorkflow,
    disputeId,
    'return_from_ticket',
    { note: null },
    async ({ tx, row, now }) => ({
      status: 'returned',
      patch: { resolution: { ...((row.resolution as Record<string, unknown> | null) ?? {}), ticketOutcome: back.outcome, ticketConcludedOn: now.toISOString() } },
      data: { ticketId: back.ticketId, ticketNumber: back.ticketNumber, outcome: back.outcome },
      notices: [{ kind: `dispute.returned.${back.outcome}`, params: { number: row.number, ticket: back.ticketNumber }, audiences: await toldOfReturn(tx, row) }],
    }),
  );
}

/**
 * Who records the outcome: whoever escalated it, the centre of its community, the writers of its
 * grid and the handlers of the department mediating it.
 */
async function toldOfReturn(tx: Db, d: DisputeRow) {
  const escalatedBy = ((d.resolution as Escalation | null) ?? {}).escalatedBy;
  const users = [...(escalatedBy ? [escalatedBy] : []), ...(d.departmentId ? await departmentUserIds(tx, [d.departmentId]) : [])];
  return [
    { kind: 'accounts_at' as const, permission: 'dispute:manage' as const, regionCode: d.regionCode },
    { kind: 'accounts_at' as const, permission: 'dispute:write' as const, gridId: d.gridId },
    ...(users.length ? [{ kind: 'users' as const, userIds: users }] : []),
  ];
}
