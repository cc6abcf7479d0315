/** What residents read for the public status of a report and for each public step of its timeline. */
import type { PublicStatus, TicketAction } from '@gridgov/contracts';
import type { Translate } from '../i18n/i18n';

export function publicStatusLabel(t: Translate, status: PublicStatus): string {
  return t(`portal.status.${status}`);
}

export const PUBLIC_STATUS_COLOR: Record<PublicStatus, string> = {
  received: 'blue',
  in_progress: 'orange',
  resolved: 'green',
  not_accepted: 'default',
  submitted: 'default',
};

/** Steps the public timeline shows; any other action (never public today) reads as an update. */
const PUBLIC_STEPS = ['report', 'accept', 'reject', 'dispatch', 'report_back', 'close', 'rate', 'reopen', 'merge'] as const;
type PublicStep = (typeof PUBLIC_STEPS)[number];

function isPublicStep(action: TicketAction): action is PublicStep {
  return (PUBLIC_STEPS as readonly string[]).includes(action);
}

export function stepLabel(t: Translate, action: TicketAction): string {
  return isPublicStep(action) ? t(`portal.step.${action}`) : t('portal.step.other');
}

/** A sentence under the step, e.g. "已交办寿口区城管局办理". */
export function stepText(t: Translate, action: TicketAction, departmentName: string | null): string {
  if (!isPublicStep(action)) return '';
  if (departmentName && (action === 'dispatch' || action === 'report_back')) {
    return t(`portal.stepText.${action}Department`, { department: departmentName });
  }
  return t(`portal.stepText.${action}`);
}

export const STEP_COLOR: Partial<Record<TicketAction, string>> = {
  report: 'blue',
  accept: 'blue',
  dispatch: 'blue',
  report_back: 'green',
  close: 'green',
  rate: 'green',
  reopen: 'orange',
  reject: 'gray',
  merge: 'gray',
};
