/**
 * The ticket state machine: which action may start from which status, where it leads, and who
 * may take it. Pure rules, no database: the use-cases guard with `assertAllowed`, and the API
 * tells the UI which actions the caller has (`allowedActions`).
 */
import type { HandlingLevel, PublicStatus, TicketAction, TicketStatus } from '@gridgov/contracts';
import { HANDLING_LEVELS } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';

/** How the caller stands to the ticket. */
export interface Standing {
  /** An operator whose scope holds the ticket at its handling level or above. */
  dispatcher: boolean;
  /** That operator's own level (a township operator summons departments). */
  dispatcherLevel: HandlingLevel | null;
  /** A grid worker of the ticket's grid while it is handled in the grid. */
  gridHandler: boolean;
  /** A handler of a department with a live assignment on the ticket; lead when that department leads. */
  assignee: 'lead' | 'assist' | null;
  /** The assignee's own assignment status. */
  assignmentStatus: string | null;
  /** A handler of a department summoned to the ticket that has not checked in yet. */
  summoned: boolean;
  /** The person who reported it. */
  reporter: boolean;
}

export interface TicketState {
  status: TicketStatus;
  level: HandlingLevel;
  rating: number | null;
  reopenUntil: Date | null;
  supervised: boolean;
  hasPendingExtension: boolean;
}

const OPEN: readonly TicketStatus[] = ['reported', 'accepted', 'dispatched', 'handling', 'reported_back'];

interface Rule {
  from: readonly TicketStatus[];
  who: (s: Standing, t: TicketState) => boolean;
  /** Extra condition on the ticket, with the error when it fails. */
  when?: (t: TicketState, now: Date) => boolean;
}

const dispatcherOrGrid = (s: Standing, t: TicketState) => s.dispatcher || (s.gridHandler && t.level === 'grid');

export const RULES: Record<TicketAction, Rule> = {
  report: { from: [], who: () => false },
  accept: { from: ['reported'], who: dispatcherOrGrid },
  reject: { from: ['reported'], who: dispatcherOrGrid },
  merge: { from: ['reported', 'accepted'], who: dispatcherOrGrid },
  dispatch: { from: ['accepted'], who: (s, t) => s.dispatcher && t.level !== 'grid' },
  transfer: { from: ['dispatched', 'handling'], who: (s) => s.dispatcher },
  sign: { from: ['dispatched', 'handling'], who: (s) => s.assignee !== null && s.assignmentStatus === 'pending' },
  return: { from: ['dispatched', 'handling'], who: (s) => s.assignee !== null && (s.assignmentStatus === 'pending' || s.assignmentStatus === 'handling') },
  // In the grid, the grid worker handles a small matter and reports back without a dispatch.
  report_back: {
    from: ['accepted', 'handling'],
    who: (s, t) => (t.status === 'accepted' ? s.gridHandler && t.level === 'grid' : s.assignee !== null && s.assignmentStatus === 'handling'),
  },
  close: { from: ['reported_back'], who: dispatcherOrGrid },
  rate: { from: ['closed'], who: (s) => s.reporter, when: (t) => t.rating === null },
  revisit: { from: ['closed'], who: (s) => s.dispatcher },
  reopen: { from: ['closed'], who: (s) => s.reporter, when: (t, now) => t.reopenUntil !== null && now <= t.reopenUntil },
  escalate: { from: ['reported', 'accepted'], who: dispatcherOrGrid, when: (t) => t.level !== 'city' },
  request_extension: { from: ['handling'], who: (s) => s.assignee === 'lead', when: (t) => !t.hasPendingExtension },
  approve_extension: { from: ['handling'], who: (s) => s.dispatcher, when: (t) => t.hasPendingExtension },
  reject_extension: { from: ['handling'], who: (s) => s.dispatcher, when: (t) => t.hasPendingExtension },
  supervise: { from: OPEN, who: (s) => s.dispatcher, when: (t) => !t.supervised },
  summon: { from: ['accepted', 'dispatched', 'handling'], who: (s) => s.dispatcher && ['township', 'county', 'city'].includes(s.dispatcherLevel ?? '') },
  check_in: { from: OPEN, who: (s) => s.summoned },
  comment: { from: [...OPEN, 'closed'], who: (s) => s.dispatcher || s.gridHandler || s.assignee !== null },
};

/** The actions the caller may take on the ticket now. */
export function allowedActions(t: TicketState, s: Standing, now: Date): TicketAction[] {
  return (Object.keys(RULES) as TicketAction[]).filter((action) => {
    const rule = RULES[action];
    return rule.from.includes(t.status) && rule.who(s, t) && (!rule.when || rule.when(t, now));
  });
}

/**
 * Throws the stable error for a transition that is not allowed: TICKET_TRANSITION_INVALID when
 * the ticket's status (or state) does not allow it, FORBIDDEN when the caller may not take it.
 */
export function assertAllowed(action: TicketAction, t: TicketState, s: Standing, now: Date): void {
  const rule = RULES[action];
  if (!rule.from.includes(t.status) || (rule.when && !rule.when(t, now))) {
    throw new AppError('TICKET_TRANSITION_INVALID', { action, status: t.status });
  }
  if (!rule.who(s, t)) throw new AppError('FORBIDDEN', { action });
}

export function publicStatusOf(status: TicketStatus): PublicStatus {
  switch (status) {
    case 'reported':
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
