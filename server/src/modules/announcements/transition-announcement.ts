/** Every step after the draft goes through the workflow kit: edit, submit, publish, return, withdraw. */
import type { AnnouncementAction } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { announcementWorkflow, type AnnouncementRow } from './workflow.js';

export interface StepInput {
  version: number;
  note?: string;
  title?: string;
  body?: string;
  audience?: 'staff' | 'public';
}

type Step = (a: AnnouncementRow, input: StepInput, now: Date, ctx: ActorContext) => Effects<AnnouncementRow, AnnouncementRow['status'] & string>;

const toAuthor = (a: AnnouncementRow, kind: string, note?: string) => ({ kind, params: { title: a.title, note: note ?? '' }, audiences: [{ kind: 'users' as const, userIds: [a.createdBy] }] });

const STEPS: Record<AnnouncementAction, Step> = {
  edit: (_a, input) => ({ patch: { ...(input.title ? { title: input.title } : {}), ...(input.body ? { body: input.body } : {}), ...(input.audience ? { audience: input.audience } : {}) } }),
  submit: (a) => ({
    status: 'submitted',
    // Told: whoever may publish at the announcement's own region.
    notices: [{ kind: 'announcement.submitted', params: { title: a.title }, audiences: [{ kind: 'accounts_at', permission: 'announcement:publish', regionCode: a.regionCode }] }],
  }),
  publish: (a, _input, now, ctx) => ({ status: 'published', patch: { publishedAt: now, publishedBy: ctx.actor.id }, notices: [toAuthor(a, 'announcement.published')] }),
  return: (a, input) => ({ status: 'draft', notices: [toAuthor(a, 'announcement.returned', input.note)] }),
  withdraw: () => ({ status: 'withdrawn' }),
};

export async function transitionAnnouncement(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: ActorContext, id: string, action: AnnouncementAction, input: StepInput): Promise<void> {
  await runTransition(kit, ctx, announcementWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ row, now }) => STEPS[action](row, input, now, ctx));
}
