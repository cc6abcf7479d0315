/**
 * Runs one transition of a ticket through the workflow kit: the rules (flow.ts), the action's own
 * part (actions/), and everything around it in one transaction (platform/workflow).
 */
import type { TransitionRequest } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runTransition } from '../../platform/workflow/workflow.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { TicketDeps } from './deps.js';
import type { Standing, TicketWorkflowAction } from './flow.js';
import type { TicketRow } from './ticket-access.js';
import { ticketWorkflow } from './ticket-workflow.js';
import type { ActionHandler } from './actions/action.js';
import { triageActions } from './actions/triage.js';
import { dispatchActions } from './actions/dispatch.js';
import { handlingActions } from './actions/handling.js';
import { closingActions } from './actions/closing.js';
import { oversightActions } from './actions/oversight.js';

const HANDLERS: Record<TicketWorkflowAction, ActionHandler> = {
  ...triageActions,
  ...dispatchActions,
  ...handlingActions,
  ...closingActions,
  ...oversightActions,
};

/** Thrown by a guard when a timer finds its ticket moved on: nothing is written. */
export class StaleTimer extends Error {}

export async function transitionTicket(
  kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>,
  deps: TicketDeps,
  ctx: RequestContext,
  id: string,
  action: TicketWorkflowAction,
  input: Partial<TransitionRequest> & { version?: number },
  guard?: (t: TicketRow) => boolean,
  options: { standing?: Standing } = {},
): Promise<TicketRow> {
  const handler = HANDLERS[action];
  if (!handler) throw new AppError('TICKET_TRANSITION_INVALID', { action });
  return runTransition(kit, ctx, ticketWorkflow, id, action, input, async ({ tx, row, standing, now }) => {
    if (guard && !guard(row)) throw new StaleTimer();
    const departmentId = ctx.actor?.departmentIds[0] ?? null;
    const full: TransitionRequest = { attachmentIds: [], version: row.version, ...input };
    const effects = await handler({ tx, deps, ctx, ticket: row, standing, departmentId, input: full, now });
    // A text for the reporter and the public timeline, kept apart from the internal note.
    return full.publicNote ? { ...effects, data: { ...effects.data, publicNote: full.publicNote } } : effects;
  }, options);
}
