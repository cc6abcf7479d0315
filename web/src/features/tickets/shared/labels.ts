/** Words and colours of the closed loop: statuses, levels, actions, sources, due times. */
import type { HandlingLevel, LimitClass, Ticket, TicketAction, TicketSource, TicketStatus } from '@gridgov/contracts';
import type { ASSIGNMENT_STATUSES } from '@gridgov/contracts';
import type { Translate } from '../../../i18n/i18n';

export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
/** The actions a person takes on a ticket (reporting is the intake form). */
/** What people take (the timers take `overdue`). */
export type Transition = Exclude<TicketAction, 'report' | 'overdue'>;

export const OPEN_STATUSES: readonly TicketStatus[] = ['reported', 'accepted', 'dispatched', 'handling', 'reported_back'];

/** antd Tag colours. */
export const STATUS_TAG: Record<TicketStatus, string> = {
  reported: 'gold',
  accepted: 'blue',
  dispatched: 'cyan',
  handling: 'geekblue',
  reported_back: 'purple',
  closed: 'green',
  rejected: 'default',
  merged: 'default',
};

/** Map point colours, close to the tags. */
export const STATUS_HEX: Record<TicketStatus, string> = {
  reported: '#d97706',
  accepted: '#2563eb',
  dispatched: '#0891b2',
  handling: '#4f46e5',
  reported_back: '#9333ea',
  closed: '#16a34a',
  rejected: '#6b7280',
  merged: '#6b7280',
};

export const ASSIGNMENT_TAG: Record<AssignmentStatus, string> = {
  pending: 'gold',
  handling: 'geekblue',
  reported: 'green',
  returned: 'red',
  withdrawn: 'default',
};

export const ACTION_COLOR: Partial<Record<TicketAction, string>> = {
  report: 'blue',
  reject: 'red',
  return: 'red',
  escalate: 'orange',
  supervise: 'red',
  summon: 'orange',
  close: 'green',
  report_back: 'green',
  comment: 'gray',
};

export const statusLabel = (t: Translate, status: TicketStatus) => t(`ticket.status.${status}`);
export const levelLabel = (t: Translate, level: HandlingLevel) => t(`ticket.level.${level}`);
export const actionLabel = (t: Translate, action: TicketAction) => t(`ticket.action.${action}`);
export const sourceLabel = (t: Translate, source: TicketSource) => t(`ticket.source.${source}`);
export const assignmentLabel = (t: Translate, status: AssignmentStatus) => t(`ticket.assignment.${status}`);
export const limitClassLabel = (t: Translate, limitClass: LimitClass) => t(`ticket.limitClass.${limitClass}`);

/** The time limit running now: dispatch before dispatching, handling after; none when done. */
export function runningDue(ticket: Pick<Ticket, 'status' | 'dispatchDueAt' | 'handleDueAt'>): { kind: 'dispatch' | 'handle'; at: string } | null {
  if ((ticket.status === 'reported' || ticket.status === 'accepted') && ticket.dispatchDueAt) return { kind: 'dispatch', at: ticket.dispatchDueAt };
  if ((ticket.status === 'dispatched' || ticket.status === 'handling') && ticket.handleDueAt) return { kind: 'handle', at: ticket.handleDueAt };
  return null;
}

const MINUTE = 60_000;

/** "2天3小时", "45分钟": the two largest units of a duration. */
export function durationText(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / MINUTE));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts =
    days > 0
      ? [t('ticket.unit.d', { n: days }), hours > 0 ? t('ticket.unit.h', { n: hours }) : '']
      : hours > 0
        ? [t('ticket.unit.h', { n: hours }), rest > 0 ? t('ticket.unit.m', { n: rest }) : '']
        : [t('ticket.unit.m', { n: rest })];
  return parts.filter(Boolean).join(t('ticket.unit.sep'));
}

/** A limit in minutes as hours or days, for category settings ("24小时", "7天"). */
export function limitText(t: Translate, minutes: number): string {
  if (minutes % (24 * 60) === 0) return t('ticket.unit.d', { n: minutes / (24 * 60) });
  if (minutes % 60 === 0) return t('ticket.unit.h', { n: minutes / 60 });
  return t('ticket.unit.m', { n: minutes });
}
