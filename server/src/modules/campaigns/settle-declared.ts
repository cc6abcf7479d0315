/**
 * A household self-declared (the declarations module's `household.declare` reaction, in the
 * declaration's transaction): its visit tasks in the open campaigns whose window holds the
 * declaration become `declared` (counted done, no visit) while its declarations since the
 * campaign's start are all unflagged, and go back to `pending` when one is flagged. A task a
 * worker has answered (`done`) stays done.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import type { TransitionReaction } from '../../platform/workflow/workflow.js';
import { surveyProgress, surveyTask } from './tables.js';
import { taskScope } from './workflow.js';

export const settleDeclared: TransitionReaction = {
  on: ['household.declare'],
  async react(kit, event) {
    const found = await rows<{ id: string; campaign_id: string; grid_id: string; region_code: string; assignee_id: string | null; status: string; declared: boolean }>(
      kit.db,
      sql`select t.id, t.campaign_id, t.grid_id, t.region_code, t.assignee_id, t.status, ${kit.providers.declaredUnflagged(sql`t.household_id`, sql`c.starts_at`)} as declared
          from survey_campaign c join survey_task t on t.campaign_id = c.id and t.household_id = ${event.id}::uuid and t.kind = 'visit'
          where c.status = 'open' and c.starts_at <= ${event.now} and c.ends_at >= ${event.now} and t.status in ('pending', 'declared')
          for update of t`,
    );
    for (const t of found) {
      const to = t.declared ? 'declared' : 'pending';
      if (to === t.status) continue;
      await kit.db.update(surveyTask).set({ status: to, doneAt: t.declared ? event.now : null }).where(eq(surveyTask.id, t.id));
      await kit.db
        .update(surveyProgress)
        .set({ done: sql`${surveyProgress.done} + ${t.declared ? 1 : -1}` })
        .where(and(eq(surveyProgress.campaignId, t.campaign_id), eq(surveyProgress.gridId, t.grid_id)));
      await writeAudit(kit.db, event.ctx, {
        action: t.declared ? 'survey_task.declared' : 'survey_task.reopen', objectType: 'survey_task', objectId: t.id, regionCode: t.region_code,
        details: { campaignId: t.campaign_id, from: t.status, to },
      });
      const scope = taskScope({ regionCode: t.region_code, gridId: t.grid_id, assigneeId: t.assignee_id }, to);
      await publishLive(kit.db, { type: 'survey_task.changed', regionCode: t.region_code, gridId: t.grid_id, id: t.id, at: event.now.toISOString(), data: { action: to === 'declared' ? 'declared' : 'reopen' }, scope });
    }
  },
};
