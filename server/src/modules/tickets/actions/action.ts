/** What an action handler receives and returns (transition-ticket.ts runs them through the workflow kit). */
import type { TicketStatus, TransitionRequest } from '@gridgov/contracts';
import type { Db } from '../../../platform/db/client.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Effects } from '../../../platform/workflow/workflow.js';
import type { TicketDeps } from '../deps.js';
import type { Standing } from '../flow.js';
import type { TicketRow } from '../ticket-access.js';

export interface ActionContext {
  tx: Db;
  deps: TicketDeps;
  ctx: RequestContext;
  ticket: TicketRow;
  /** null when the system (a timer) acts. */
  standing: Standing | null;
  /** The caller's department working on the ticket (handlers). */
  departmentId: string | null;
  input: TransitionRequest;
  now: Date;
}

export type ActionResult = Effects<TicketRow, TicketStatus> & { departmentId?: string | null };

export type ActionHandler = (a: ActionContext) => Promise<ActionResult>;

/** A field the action's schema makes required (the schema already refused a request without it). */
export function field<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a required field passed the schema without a value');
  return value;
}
