/**
 * Arrivals imported while a campaign that visits arrivals is open (the arrivals module's
 * `arrival.import` reaction, in the import batch's transaction): its generation runs again from
 * the start, so the households of the newly matched arrivals get their tasks; a household that
 * has one already is skipped, so nothing is made twice.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { TransitionReaction } from '../../platform/workflow/workflow.js';
import { GENERATE_JOB } from './generate-tasks.js';
import { surveyCampaign } from './tables.js';

export const feedArrivals: TransitionReaction = {
  on: ['arrival.import'],
  async react(kit, event) {
    const reopened = await kit.db
      .update(surveyCampaign)
      .set({ generation: 'running', genCursor: null, updatedAt: event.now })
      .where(and(eq(surveyCampaign.status, 'open'), sql`${surveyCampaign.target}->>'kind' = 'arrivals'`))
      .returning({ id: surveyCampaign.id });
    for (const c of reopened) await kit.jobs.enqueue(kit.db, GENERATE_JOB, { campaignId: c.id }, { singletonKey: `${GENERATE_JOB.name}:${c.id}:arrivals` });
  },
};
