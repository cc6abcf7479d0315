/**
 * Every step after the draft goes through the workflow kit: edit, submit (and resubmit after a
 * return), return, approve, reject, revoke. The decisions are told to whoever drafted it, to the
 * enterprise's filers (its current links, on the portal) and, by SMS through the outbox, to the
 * enterprise's contact in the register.
 */
import type { ApplicationAction } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import type { OutboxMessage } from '../../platform/outbox/outbox.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { organizationFacts } from '../registers/organization-facts.js';
import { checkedAnswers } from './create-application.js';
import { checkedStaff, type StaffInput } from './staff.js';
import { applicationWorkflow, type ApplicationRow } from './workflow.js';

export interface StepInput {
  version: number;
  note?: string;
  attachmentIds?: string[];
  formVersion?: number;
  answers?: Record<string, unknown>;
  staff?: StaffInput[];
}

type Status = ApplicationRow['status'] & string;

/** Who drafted it and the enterprise's filers hear of a decision in-app; the enterprise's contact by SMS, when the register holds a phone. */
async function told(tx: Db, a: ApplicationRow, kind: string, params: Record<string, string>): Promise<Pick<Effects<ApplicationRow, Status>, 'notices' | 'outbox'>> {
  const org = (await organizationFacts(tx, null, [a.organizationId])).get(a.organizationId);
  const full = { name: org?.name ?? '', ...params };
  const outbox: OutboxMessage[] = org?.contactPhoneCipher
    ? [{ channel: 'sms', recipient: org.contactPhoneMasked ?? 'enterprise contact', targetCipher: org.contactPhoneCipher, kind, params: full, subject: { type: 'enterprise_application', id: a.id } }]
    : [];
  return { notices: [{ kind, params: full, audiences: [{ kind: 'users', userIds: [a.createdBy] }, { kind: 'enterprise_filers', organizationId: a.organizationId }] }], outbox };
}

export async function transitionApplication(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: ActorContext, id: string, action: ApplicationAction, input: StepInput): Promise<void> {
  await runTransition(kit, ctx, applicationWorkflow, id, action, { version: input.version, note: input.note ?? null, attachmentIds: input.attachmentIds ?? [] }, async ({ tx, row, now }) => {
    const note = input.note ?? '';
    switch (action) {
      case 'edit': {
        const patch: Partial<ApplicationRow> = {};
        if (input.answers !== undefined) {
          const submission = await checkedAnswers(tx, ctx, input.formVersion ?? row.formVersion, input.answers);
          Object.assign(patch, { answers: submission.value, formVersion: submission.version, resumeOn: typeof submission.value.resume_on === 'string' ? submission.value.resume_on : null });
        }
        if (input.staff !== undefined) patch.staff = await checkedStaff(tx, row.organizationId, input.staff);
        return { patch };
      }
      case 'submit': {
        const org = (await organizationFacts(tx, null, [row.organizationId])).get(row.organizationId);
        return {
          status: 'submitted',
          patch: { submittedAt: now },
          data: { resubmitted: row.status === 'returned' },
          notices: [{ kind: 'enterprise_application.submitted', params: { name: org?.name ?? '' }, audiences: [{ kind: 'accounts_at', permission: 'enterprise:review', regionCode: row.regionCode }] }],
        };
      }
      case 'return':
        return { status: 'returned', ...(await told(tx, row, 'enterprise_application.returned', { note })) };
      case 'approve':
        return { status: 'approved', patch: { decidedAt: now }, ...(await told(tx, row, 'enterprise_application.approved', { date: row.resumeOn ?? '' })) };
      case 'reject':
        return { status: 'rejected', patch: { decidedAt: now }, ...(await told(tx, row, 'enterprise_application.rejected', { note })) };
      case 'revoke':
        return { status: 'revoked', patch: { decidedAt: now }, ...(await told(tx, row, 'enterprise_application.revoked', { note })) };
    }
  });
}
