/** What an action handler receives and returns (transition-ticket.ts runs them). */
import type { TicketStatus, TransitionRequest } from '@gridgov/contracts';
import type { Db } from '../../../platform/db/client.js';
import type { ActorContext } from '../../../platform/http/types.js';
import { AppError } from '../../../platform/errors.js';
import type { TicketDeps } from '../deps.js';
import type { Standing } from '../flow.js';
import type { Audience, Notice } from '../notify.js';
import type { TicketRow } from '../ticket-access.js';

export interface ActionContext {
  tx: Db;
  deps: TicketDeps;
  ctx: ActorContext;
  ticket: TicketRow;
  standing: Standing;
  departmentId: string | null;
  input: TransitionRequest;
  now: Date;
}

export interface ActionResult {
  status?: TicketStatus;
  patch?: Partial<TicketRow>;
  departmentId?: string | null;
  data?: Record<string, unknown>;
  notices?: { audiences: Audience[]; notice: Notice }[];
  /** Work for after the commit (only if the transition committed). */
  afterCommit?: () => void;
}

export type ActionHandler = (a: ActionContext) => Promise<ActionResult>;

export function requireField<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new AppError('TICKET_FIELD_REQUIRED', { field });
  return value;
}

