/**
 * Every step of a campaign after the draft goes through the workflow kit: open (queues the task
 * generation and the timer that closes it at the end of its window), close, cancel, and the
 * timer's `end`. Answers are taken only while it is open.
 */
import { z } from 'zod';
import type { SurveyCampaignAction } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { RequestContext } from '../../platform/context.js';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { GENERATE_JOB } from './generate-tasks.js';
import { campaignWorkflow, type CampaignRow } from './workflow.js';

export const END_JOB = { name: 'survey_campaign.end', payload: z.object({ campaignId: z.string() }) };

type Step = (c: CampaignRow, now: Date) => Effects<CampaignRow, string>;

const STEPS: Record<SurveyCampaignAction, Step> = {
  open: (c, now) => ({
    status: 'open',
    patch: { generation: 'running' },
    timers: [
      { job: GENERATE_JOB, payload: { campaignId: c.id }, runAt: now, key: `${GENERATE_JOB.name}:${c.id}` },
      { job: END_JOB, payload: { campaignId: c.id }, runAt: c.endsAt, key: `${END_JOB.name}:${c.id}` },
    ],
  }),
  close: () => ({ status: 'closed' }),
  cancel: () => ({ status: 'cancelled' }),
  end: () => ({ status: 'closed' }),
};

export async function transitionCampaign(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: RequestContext, id: string, action: SurveyCampaignAction, input: { version?: number; note?: string }): Promise<void> {
  await runTransition(kit, ctx, campaignWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ row, now }) => STEPS[action](row, now));
}

export const campaignEndJob = (kit: Kit) =>
  defineJob({
    ...END_JOB,
    async handle(p, { clock }) {
      try {
        await transitionCampaign(kit, systemContext(clock, END_JOB.name), p.campaignId, 'end', {});
      } catch (error) {
        // Closed or cancelled by hand before its window ended.
        if (error instanceof AppError && (error.code === 'SURVEY_CAMPAIGN_STATE' || error.code === 'NOT_FOUND')) return;
        throw error;
      }
    },
  });
