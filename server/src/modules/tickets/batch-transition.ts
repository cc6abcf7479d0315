/**
 * One action on many tickets (an operator's desk): each ticket runs through `transitionTicket`
 * on its own, in its own transaction, with the version the caller read, so the rules, scope and
 * audit are exactly the single action's. One refusal does not stop the others; the answer says
 * per ticket what happened, and each refusal is audited like a refused single action.
 */
import { errorMessage, TICKET_ACTION_INPUTS, type ErrorCode, type TicketBatchResult, type ticketBatchRequest } from '@gridgov/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/write-audit.js';
import type { TicketDeps } from './deps.js';
import { and, inArray } from 'drizzle-orm';
import { ticketReadable } from './ticket-access.js';
import { ticket } from './tables.js';
import { transitionTicket } from './transition-ticket.js';

export type BatchInput = z.infer<typeof ticketBatchRequest>;

export async function batchTransition(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, deps: TicketDeps, ctx: ActorContext, input: BatchInput): Promise<TicketBatchResult> {
  const schema = TICKET_ACTION_INPUTS[input.action];
  // The action's own input schema, as its single route checks it.
  const body = (version: number) => ({ version, ...(input.note ? { note: input.note } : {}), ...(input.departmentIds ? { departmentIds: input.departmentIds } : {}) });
  const checked = schema.safeParse(body(1));
  if (!checked.success) throw new AppError('VALIDATION_FAILED', checked.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })));
  const results: TicketBatchResult['items'] = [];
  for (const item of input.items) {
    try {
      await transitionTicket(kit, deps, ctx, item.id, input.action, schema.parse(body(item.version)));
      results.push({ id: item.id, number: null, ok: true, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id: item.id, number: null, ok: false, error: { code: error.code, message: errorMessage(error.code as ErrorCode, ctx.locale) } });
      await recordAudit(kit.db, ctx, {
        action: 'request.refused',
        outcome: 'denied',
        objectType: 'ticket',
        objectId: item.id,
        regionCode: ctx.actor.regionCode,
        details: { method: 'POST', route: '/api/tickets/batch', action: input.action, status: error.status, code: error.code },
      });
    }
  }
  // Numbers only of tickets the caller may read: one outside the scope stays "not found".
  const found = await kit.db
    .select({ id: ticket.id, number: ticket.number })
    .from(ticket)
    .where(and(inArray(ticket.id, results.map((r) => r.id)), ticketReadable(ctx.actor)));
  const numbers = new Map(found.map((t) => [t.id, t.number]));
  return { items: results.map((r) => ({ ...r, number: numbers.get(r.id) ?? null })) };
}
