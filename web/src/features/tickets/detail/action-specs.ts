/**
 * How each transition looks, by hand: which button is the main way forward (primary) or ends or
 * sends back the work (danger), and which departments its department field offers. What each
 * asks for comes from its contract schema (action-form.ts).
 */
import type { TicketTransition } from '@gridgov/contracts';
import type { MessageKey } from '../../../i18n/i18n';

export interface ActionHints {
  /** The main way forward, shown as a primary button. */
  primary?: boolean;
  /** Ends or sends back the work, shown as a danger button. */
  danger?: boolean;
  /** dispatch / transfer: departments serving the ticket's region, the first leading; summon: any visible one. */
  departments?: 'serving' | 'any';
  /** What the note is called for this action (else "说明"). */
  noteLabel?: MessageKey;
}

export const ACTION_HINTS: Record<TicketTransition, ActionHints> = {
  accept: { primary: true },
  reject: { danger: true, noteLabel: 'ticket.note.reject' },
  merge: {},
  escalate: {},
  dispatch: { departments: 'serving', primary: true },
  transfer: { departments: 'serving' },
  sign: { primary: true },
  return: { danger: true, noteLabel: 'ticket.note.return' },
  report_back: { primary: true, noteLabel: 'ticket.note.report_back' },
  close: { primary: true },
  rate: { primary: true },
  revisit: { noteLabel: 'ticket.note.revisit' },
  reopen: { danger: true, noteLabel: 'ticket.note.reopen' },
  request_extension: { noteLabel: 'ticket.note.request_extension' },
  approve_extension: { primary: true },
  reject_extension: { danger: true },
  supervise: { noteLabel: 'ticket.note.supervise' },
  summon: { departments: 'any', noteLabel: 'ticket.note.summon' },
  check_in: { primary: true, noteLabel: 'ticket.note.check_in' },
  comment: { noteLabel: 'ticket.note.comment' },
  rework: { danger: true, noteLabel: 'ticket.note.rework' },
};

/** Buttons in this order; comment last. */
export const ACTION_ORDER: readonly TicketTransition[] = [
  'accept', 'dispatch', 'sign', 'report_back', 'close', 'rework', 'check_in', 'approve_extension', 'reject_extension',
  'escalate', 'transfer', 'summon', 'supervise', 'request_extension', 'merge', 'return', 'reject', 'rate', 'revisit', 'reopen', 'comment',
];
