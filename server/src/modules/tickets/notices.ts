/**
 * Who is told about a step of a ticket: the handlers at a level (the grid's workers, or the
 * dispatchers of the handling region), departments (in-app and a WeChat-style webhook), the
 * reporter (in-app and SMS). Messages are kinds with parameters (contracts/src/tickets/messages.ts),
 * rendered in the reader's language; the platform writes and delivers them.
 */
import type { HandlingLevel, MessageParams } from '@gridgov/contracts';
import type { Audience } from '../../platform/notifications/notify.js';
import type { OutboxMessage } from '../../platform/outbox/outbox.js';
import type { Effects } from '../../platform/workflow/workflow.js';
import { handlingRegion } from './flow.js';
import type { TicketRow } from './ticket-access.js';

type TicketLike = Pick<TicketRow, 'number' | 'regionCode' | 'gridId' | 'reporterUserId' | 'reporterPhoneCipher' | 'reporterPhoneMasked'>;
export type Told = Required<Pick<Effects<TicketRow, never>, 'notices' | 'outbox'>>;

/** The accounts that take a ticket at a level: the grid's handlers, or the dispatchers of the handling region. */
export function handlersAt(t: Pick<TicketRow, 'regionCode' | 'gridId'>, level: HandlingLevel): Audience {
  return level === 'grid'
    ? { kind: 'accounts_at', permission: 'ticket:handle', gridId: t.gridId }
    : { kind: 'accounts_at', permission: 'ticket:dispatch', regionCode: handlingRegion(t.regionCode, level) };
}

export function toHandlers(t: TicketLike, levels: readonly HandlingLevel[], kind: string, params: MessageParams = {}): Told {
  return { notices: [{ kind, params: { number: t.number, ...params }, audiences: levels.map((l) => handlersAt(t, l)) }], outbox: [] };
}

export function toDepartments(t: TicketLike, departmentIds: readonly string[], kind: string, params: MessageParams = {}): Told {
  const full = { number: t.number, ...params };
  return {
    notices: departmentIds.length ? [{ kind, params: full, audiences: [{ kind: 'department_members', departmentIds: [...departmentIds] }] }] : [],
    outbox: departmentIds.map((d): OutboxMessage => ({ channel: 'wechat', recipient: `department:${d}`, kind, params: full })),
  };
}

export function toReporter(t: TicketLike, kind: string, params: MessageParams = {}): Told {
  const full = { number: t.number, ...params };
  return {
    notices: t.reporterUserId ? [{ kind, params: full, audiences: [{ kind: 'users', userIds: [t.reporterUserId] }] }] : [],
    outbox: t.reporterPhoneCipher ? [{ channel: 'sms', recipient: t.reporterPhoneMasked ?? 'reporter', targetCipher: t.reporterPhoneCipher, kind, params: full }] : [],
  };
}

/** Several groups of people told about one step. */
export function told(...parts: Told[]): Told {
  return { notices: parts.flatMap((p) => p.notices), outbox: parts.flatMap((p) => p.outbox) };
}
