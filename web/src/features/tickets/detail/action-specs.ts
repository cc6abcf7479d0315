/**
 * What each transition asks for, mirroring the server's flow (server/src/modules/tickets/
 * flow.ts and actions/): which need a note, departments (first = lead), a level, a date, a
 * rating, the ticket to merge into.
 */
import type { Transition } from '../shared/labels';

export interface ActionSpec {
  note: 'required' | 'optional';
  /** dispatch / transfer: departments serving the ticket's region; summon: any visible one. */
  departments?: 'serving' | 'any';
  level?: boolean;
  until?: boolean;
  rating?: 'required' | 'optional';
  target?: boolean;
  /** Correct the category while accepting or dispatching. */
  category?: boolean;
  checkInMinutes?: boolean;
  attachments?: boolean;
  /** Shown as a danger button (ends or sends back the work). */
  danger?: boolean;
  /** The main way forward, shown as a primary button. */
  primary?: boolean;
}

export const ACTION_SPECS: Record<Transition, ActionSpec> = {
  accept: { note: 'optional', category: true, primary: true },
  reject: { note: 'required', danger: true },
  merge: { note: 'optional', target: true },
  escalate: { note: 'optional', level: true },
  dispatch: { note: 'optional', departments: 'serving', category: true, primary: true },
  transfer: { note: 'optional', departments: 'serving' },
  sign: { note: 'optional', primary: true },
  return: { note: 'required', danger: true },
  report_back: { note: 'required', attachments: true, primary: true },
  close: { note: 'optional', primary: true },
  rate: { note: 'optional', rating: 'required', primary: true },
  revisit: { note: 'required', rating: 'optional' },
  reopen: { note: 'required', danger: true },
  request_extension: { note: 'optional', until: true },
  approve_extension: { note: 'optional', primary: true },
  reject_extension: { note: 'optional', danger: true },
  supervise: { note: 'optional' },
  summon: { note: 'optional', departments: 'any', checkInMinutes: true },
  check_in: { note: 'required', attachments: true, primary: true },
  comment: { note: 'required', attachments: true },
};

/** Buttons in this order; comment last. */
export const ACTION_ORDER: readonly Transition[] = [
  'accept', 'dispatch', 'sign', 'report_back', 'close', 'check_in', 'approve_extension', 'reject_extension',
  'escalate', 'transfer', 'summon', 'supervise', 'request_extension', 'merge', 'return', 'reject', 'rate', 'revisit', 'reopen', 'comment',
];
