/**
 * The ticket state machine and the level rules. Pure, no database: transitions run through the
 * workflow kit (platform/workflow) with these rules, and the API tells the UI which actions the
 * caller has.
 */
import type { HandlingLevel, PublicStatus, TicketAction, TicketStatus } from '@gridgov/contracts';
import { HANDLING_LEVELS, OPEN_TICKET_STATUSES } from '@gridgov/contracts';
import { allowedActions, unavailableActions, type Rules, type Unavailable } from '../../platform/workflow/workflow.js';

/** Every action but the report itself, which intake writes. */
export type TicketWorkflowAction = Exclude<TicketAction, 'report'>;

/** How the caller stands to the ticket, derived from their permissions and scope (ticket-access.ts). */
export interface Standing {
  /** Holds `ticket:dispatch`, and their region subtree holds the ticket at its handling level or above. */
  dispatcher: boolean;
  /** Holds `ticket:supervise` with the same reach. */
  supervisor: boolean;
  /** The level of that dispatcher's or supervisor's region (a township summons departments). */
  commandLevel: HandlingLevel | null;
  /** Holds `ticket:handle` in the ticket's grid (small matters stay in the grid). */
  gridHandler: boolean;
  /** Holds `ticket:handle` for a department with a live assignment on the ticket; lead when it leads. */
  assignee: 'lead' | 'assist' | null;
  /** The assignee's own assignment status. */
  assignmentStatus: string | null;
  /** Holds `ticket:handle` for a department summoned to the ticket that has not checked in yet. */
  summoned: boolean;
  /** Holds `ticket:report` and reported it. */
  reporter: boolean;
  /** Sees the ticket only as its reporter: the public timeline, no staff names. */
  reporterOnly: boolean;
  /** Filed the report and reported it back (handled it) oneself: someone else must close it. */
  selfHandled: boolean;
}

/** The ticket as the rules read it. */
export interface TicketState {
  status: TicketStatus;
  level: HandlingLevel;
  rating: number | null;
  reopenUntil: Date | null;
  supervised: boolean;
  overdue: boolean;
  hasPendingExtension: boolean;
  /** The assisting departments that have not reported back yet (names), in joint handling. */
  pendingAssists: string[];
}

const OPEN: readonly TicketStatus[] = OPEN_TICKET_STATUSES;

const dispatcherOrGrid = (s: Standing, t: TicketState) => s.dispatcher || (s.gridHandler && t.level === 'grid');
const leadHandling = (s: Standing) => s.assignee === 'lead' && s.assignmentStatus === 'handling';

/**
 * The ticket state machine as data: which action may start from which status, who may take it,
 * and under which condition. The system (the time-limit timers) takes `escalate` and `overdue`.
 */
export const TICKET_RULES: Rules<TicketStatus, TicketWorkflowAction, Standing, TicketState> = {
  accept: { from: ['reported'], who: dispatcherOrGrid },
  reject: { from: ['reported'], who: dispatcherOrGrid },
  merge: { from: ['reported', 'accepted'], who: dispatcherOrGrid },
  dispatch: {
    from: ['accepted'],
    who: (s, t) => s.dispatcher && t.level !== 'grid',
    unavailable: (s, t) => (t.status === 'accepted' && t.level === 'grid' && (s.dispatcher || s.gridHandler) ? { code: 'TICKET_DISPATCH_GRID_LEVEL' } : null),
  },
  transfer: { from: ['dispatched', 'handling'], who: (s) => s.dispatcher },
  sign: { from: ['dispatched', 'handling'], who: (s) => s.assignee !== null && s.assignmentStatus === 'pending' },
  return: { from: ['dispatched', 'handling'], who: (s) => s.assignee !== null && (s.assignmentStatus === 'pending' || s.assignmentStatus === 'handling') },
  // In the grid, the grid worker handles a small matter and reports back without a dispatch.
  // The lead reports back for all once every assisting department has.
  report_back: {
    from: ['accepted', 'handling'],
    who: (s, t) =>
      t.status === 'accepted' ? s.gridHandler && t.level === 'grid' : s.assignee === 'assist' ? s.assignmentStatus === 'handling' : leadHandling(s) && t.pendingAssists.length === 0,
    unavailable: (s, t) => (t.status === 'handling' && leadHandling(s) && t.pendingAssists.length > 0 ? { code: 'TICKET_ASSISTS_PENDING', params: { departments: t.pendingAssists.join('、') } } : null),
  },
  // Four eyes: who filed the report and handled it does not close it too.
  close: {
    from: ['reported_back'],
    who: (s, t) => dispatcherOrGrid(s, t) && !s.selfHandled,
    unavailable: (s, t) => (t.status === 'reported_back' && dispatcherOrGrid(s, t) && s.selfHandled ? { code: 'TICKET_SELF_CLOSE' } : null),
  },
  // 退回重办: the reported-back work goes back to whoever handled it.
  rework: { from: ['reported_back'], who: (s) => s.dispatcher },
  rate: {
    from: ['closed'],
    who: (s) => s.reporter,
    when: (t) => t.rating === null,
    unavailable: (s, t) => (s.reporter && t.status === 'closed' && t.rating !== null ? { code: 'TICKET_ALREADY_RATED' } : null),
  },
  revisit: { from: ['closed'], who: (s) => s.dispatcher },
  reopen: {
    from: ['closed'],
    who: (s) => s.reporter,
    when: (t, now) => t.reopenUntil !== null && now <= t.reopenUntil,
    unavailable: (s, t, now) => (s.reporter && t.status === 'closed' && (t.reopenUntil === null || now > t.reopenUntil) ? { code: 'TICKET_REOPEN_EXPIRED' } : null),
  },
  escalate: { from: ['reported', 'accepted'], who: dispatcherOrGrid, when: (t) => t.level !== 'city', system: true },
  request_extension: {
    from: ['handling'],
    who: (s) => s.assignee === 'lead',
    when: (t) => !t.hasPendingExtension,
    unavailable: (s, t) => (t.status === 'handling' && s.assignee === 'lead' && t.hasPendingExtension ? { code: 'TICKET_EXTENSION_PENDING' } : null),
  },
  approve_extension: { from: ['handling'], who: (s) => s.supervisor, when: (t) => t.hasPendingExtension },
  reject_extension: { from: ['handling'], who: (s) => s.supervisor, when: (t) => t.hasPendingExtension },
  supervise: { from: OPEN, who: (s) => s.supervisor, when: (t) => !t.supervised },
  summon: { from: ['accepted', 'dispatched', 'handling'], who: (s) => s.supervisor && ['township', 'county', 'city'].includes(s.commandLevel ?? '') },
  check_in: { from: OPEN, who: (s) => s.summoned },
  comment: { from: [...OPEN, 'closed'], who: (s) => s.dispatcher || s.supervisor || s.gridHandler || s.assignee !== null },
  // A time limit passed: by the timers only.
  overdue: { from: OPEN, when: (t) => !t.overdue, system: true },
};

/** The actions the caller may take on the ticket now. */
export function ticketActions(t: TicketState, s: Standing, now: Date): TicketWorkflowAction[] {
  return allowedActions(TICKET_RULES, t, s, now);
}

/** The actions the caller would take but cannot now, with why. */
export function unavailableTicketActions(t: TicketState, s: Standing, now: Date): { action: TicketWorkflowAction; reason: Unavailable }[] {
  return unavailableActions(TICKET_RULES, t, s, now);
}

/** What the public sees of a status: 已受理 (`received`) only once someone accepted the report. */
export function publicStatusOf(status: TicketStatus): PublicStatus {
  switch (status) {
    case 'reported':
      return 'submitted';
    case 'accepted':
      return 'received';
    case 'closed':
      return 'resolved';
    case 'rejected':
      return 'not_accepted';
    default:
      return 'in_progress';
  }
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN.includes(status);
}

/** The next level up: grid -> community -> township -> county -> city. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  const i = HANDLING_LEVELS.indexOf(level);
  return i >= 0 && i < HANDLING_LEVELS.length - 1 ? HANDLING_LEVELS[i + 1]! : null;
}

/** The level of an operator's scope region (12-digit code). Provinces act as the city level. */
export function levelOfRegion(code: string): HandlingLevel {
  if (code.slice(9) !== '000') return 'community';
  if (code.slice(6) !== '000000') return 'township';
  if (code.slice(4) !== '00000000') return 'county';
  return 'city';
}

/** The region that handles a ticket of `regionCode` (a community code) at `level`. */
export function handlingRegion(regionCode: string, level: HandlingLevel): string {
  const keep = { grid: 12, community: 12, township: 9, county: 6, city: 4 }[level];
  return regionCode.slice(0, keep).padEnd(12, '0');
}
