/**
 * A manager moves survey tasks to another worker of the same grid: one task, or every pending
 * task of a grid in the campaign (a worker who is ill or left). Done tasks keep who answered.
 * Audited with the count; the workers' phones hear it on the live feed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { gridAccounts } from '../../platform/accounts/accounts.js';
import { regionInScope } from '../../platform/scope.js';
import { surveyTask } from './tables.js';
import { isManagerOf, loadCampaign, taskScope } from './workflow.js';

export type ReassignInput = { taskId: string; assigneeId: string } | { gridId: string; assigneeId: string };

export async function reassignTasks(db: Db, ctx: ActorContext, campaignId: string, input: ReassignInput): Promise<number> {
  const { actor } = ctx;
  const now = ctx.clock.now();
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, campaignId, true);
    if (!isManagerOf(actor, c.regionCode)) throw new AppError('FORBIDDEN', { action: 'reassign' });
    if (c.status !== 'open' && c.status !== 'draft') throw new AppError('SURVEY_CAMPAIGN_STATE');
    const which = 'taskId' in input ? eq(surveyTask.id, input.taskId) : eq(surveyTask.gridId, input.gridId);
    const [one] = await tx
      .select({ gridId: surveyTask.gridId, regionCode: surveyTask.regionCode })
      .from(surveyTask)
      .where(and(eq(surveyTask.campaignId, c.id), which, regionInScope(actor, surveyTask.regionCode)))
      .limit(1);
    if (!one) throw notFound();
    const workers = await gridAccounts(tx, 'campaign:survey', [one.gridId]);
    if (!workers.some((w) => w.id === input.assigneeId)) throw new AppError('SURVEY_ASSIGNEE_INVALID', { fields: [{ field: 'assigneeId', code: 'SURVEY_ASSIGNEE_INVALID' }] });
    const moved = await tx
      .update(surveyTask)
      .set({ assigneeId: input.assigneeId })
      .where(and(eq(surveyTask.campaignId, c.id), which, eq(surveyTask.status, 'pending'), sql`${surveyTask.assigneeId} is distinct from ${input.assigneeId}::uuid`, regionInScope(actor, surveyTask.regionCode)))
      .returning({ id: surveyTask.id });
    if ('taskId' in input && moved.length === 0) {
      const [t] = await tx.select({ status: surveyTask.status }).from(surveyTask).where(eq(surveyTask.id, input.taskId));
      if (t?.status === 'done') throw new AppError('SURVEY_TASK_DONE');
    }
    await writeAudit(tx, ctx, {
      action: 'survey_task.reassign', objectType: 'survey_campaign', objectId: c.id, regionCode: one.regionCode,
      details: { ...('taskId' in input ? { taskId: input.taskId } : { gridId: input.gridId }), assigneeId: input.assigneeId, tasks: moved.length },
    });
    await publishLive(tx, {
      type: 'survey_task.changed', regionCode: one.regionCode, gridId: one.gridId, id: 'taskId' in input ? input.taskId : c.id, at: now.toISOString(),
      data: { action: 'reassign', tasks: moved.length }, scope: taskScope({ regionCode: one.regionCode, gridId: one.gridId, assigneeId: input.assigneeId }, 'pending'),
    });
    return moved.length;
  });
}
