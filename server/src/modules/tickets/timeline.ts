/** The timeline of a ticket: one event per step, numbered, never changed. */
import { sql } from 'drizzle-orm';
import type { TicketAction, TicketStatus } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { ticketEvent } from './tables.js';

/** Actions the public timeline shows (with their notes). */
const PUBLIC_ACTIONS: readonly TicketAction[] = ['report', 'accept', 'reject', 'dispatch', 'report_back', 'close', 'rate', 'reopen', 'merge'];

/** Steps whose note the reporter wrote (a rating's comment, why it is reopened): the public reads it. */
const REPORTER_ACTIONS: readonly TicketAction[] = ['rate', 'reopen'];

/**
 * The text of a public step that the public may read: the reporter's own words, or the text staff
 * wrote for the public (`publicNote`). Internal notes never reach residents.
 */
export function publicTextOf(step: { action: string; note: string | null; data: unknown }): string | null {
  if (REPORTER_ACTIONS.includes(step.action as TicketAction)) return step.note;
  const text = (step.data as { publicNote?: unknown } | null)?.publicNote;
  return typeof text === 'string' ? text : null;
}

export interface StepInput {
  ticketId: string;
  action: TicketAction;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  note?: string | null;
  departmentId?: string | null;
  attachments?: unknown[];
  data?: Record<string, unknown>;
}

export async function appendEvent(tx: Db, ctx: RequestContext, step: StepInput): Promise<void> {
  await tx.insert(ticketEvent).values({
    ticketId: step.ticketId,
    seq: sql`(select coalesce(max(${ticketEvent.seq}), 0) + 1 from ${ticketEvent} where ${ticketEvent.ticketId} = ${step.ticketId})`,
    action: step.action,
    at: ctx.clock.now(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? (ctx.requestId ?? 'system'),
    departmentId: step.departmentId ?? null,
    fromStatus: step.fromStatus,
    toStatus: step.toStatus,
    note: step.note ?? null,
    attachments: step.attachments ?? [],
    data: step.data ?? {},
    public: PUBLIC_ACTIONS.includes(step.action),
  });
}
