/**
 * A grid worker answers a survey task, usually from the phone: the answer's id is made by the
 * phone, so sending it again (a retry, the offline queue) gives back the first answer and changes
 * nothing. The answers are validated from the campaign's form version (the forms kit), the
 * campaign's alert rules are tried on them, and in one transaction: the answer, the task done,
 * the grid's progress, a follow-up task per `follow_up` rule tripped (for the same worker), and
 * for a `ticket` rule the ticket's id and the durable job that files it through the tickets
 * module's intake (right after the commit; the job files it if that attempt did not get through).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { evaluateAlerts, uuid, type AlertRule, type RaisedAlert, type SurveyAnswerInput, type SurveyAnswerReceipt } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { systemContext, type Actor, type RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { claimAttachments } from '../../platform/files/attachments.js';
import { publishLive } from '../../platform/live/live.js';
import { localDate } from '../../platform/time-zone.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { ticketDeps } from '../tickets/deps.js';
import { intakeTicket } from '../tickets/intake-ticket.js';
import { ticketNumbers } from '../tickets/queries.js';
import { gridNames } from '../grids/queries.js';
import { surveyAnswer, surveyCampaign, surveyProgress, surveyTask } from './tables.js';
import { loadCampaign, loadTask, taskScope } from './workflow.js';

export const FILE_TICKET_JOB = { name: 'campaigns.file_ticket', payload: z.object({ answerId: uuid }) };

function presentAlerts(alerts: RaisedAlert[]) {
  return alerts.map((a) => ({ key: a.key, level: a.level, action: a.action ?? null, path: a.path ?? null, message: a.message }));
}

async function receiptOf(db: Db, answerId: string, created: boolean): Promise<SurveyAnswerReceipt> {
  const [a] = await db.select().from(surveyAnswer).where(eq(surveyAnswer.id, answerId));
  const followUps = await db.select({ id: surveyTask.id }).from(surveyTask).where(and(eq(surveyTask.parentTaskId, a!.taskId), eq(surveyTask.kind, 'follow_up')));
  return { id: a!.id, taskId: a!.taskId, created, alerts: presentAlerts(a!.alerts as RaisedAlert[]), followUpTaskIds: followUps.map((f) => f.id), ticketId: a!.ticketId };
}

export async function answerTask(kit: Kit, ctx: ActorContext, taskId: string, input: SurveyAnswerInput): Promise<SurveyAnswerReceipt> {
  const { db } = kit;
  const now = ctx.clock.now();
  const today = localDate(now);
  const seen = await loadTask(db, ctx.actor, taskId);
  const campaign = await loadCampaign(db, null, seen.campaignId);
  if ((input.lon === undefined) !== (input.lat === undefined)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: input.lon === undefined ? 'lon' : 'lat', code: 'REQUIRED' }] });
  const form = await validateSubmission(db, campaign.formKey, input.formVersion ?? campaign.formVersion, input.answers, today, ctx.locale);
  const alerts = evaluateAlerts({ fields: form.definition.fields, alerts: campaign.alertRules as AlertRule[] }, form.value, { today });

  const outcome = await db.transaction(async (tx) => {
    const task = await loadTask(tx, ctx.actor, taskId, true);
    const [same] = await tx.select({ taskId: surveyAnswer.taskId, answeredBy: surveyAnswer.answeredBy }).from(surveyAnswer).where(eq(surveyAnswer.id, input.clientId));
    if (same) {
      if (same.taskId !== task.id || same.answeredBy !== ctx.actor.id) throw new AppError('SURVEY_ANSWER_CONFLICT', { fields: [{ field: 'clientId', code: 'SURVEY_ANSWER_CONFLICT' }] });
      return { created: false, ticket: false };
    }
    if (task.assigneeId !== ctx.actor.id) throw new AppError('FORBIDDEN', { action: 'answer' });
    if (task.status === 'done') throw new AppError('SURVEY_TASK_DONE');
    const [c] = await tx.select({ status: surveyCampaign.status, startsAt: surveyCampaign.startsAt, endsAt: surveyCampaign.endsAt }).from(surveyCampaign).where(eq(surveyCampaign.id, task.campaignId)).for('share');
    if (c!.status !== 'open' || now < c!.startsAt || now > c!.endsAt) throw new AppError('SURVEY_CAMPAIGN_NOT_OPEN');

    const wantsTicket = alerts.some((a) => a.action === 'ticket');
    const ticketId = wantsTicket ? randomUUID() : null;
    await tx.insert(surveyAnswer).values({
      id: input.clientId, taskId: task.id, campaignId: task.campaignId, gridId: task.gridId, regionCode: task.regionCode, formKey: form.key, formVersion: form.version,
      answers: form.value, alerts, lon: input.lon ?? null, lat: input.lat ?? null, ticketId, answeredBy: ctx.actor.id, answeredAt: now,
    });
    await tx.update(surveyTask).set({ status: 'done', doneAt: now }).where(eq(surveyTask.id, task.id));
    if (task.kind === 'visit') {
      // A household that self-declared was counted done already; visited anyway, its answer stands.
      await tx
        .update(surveyProgress)
        .set({ done: sql`${surveyProgress.done} + ${task.status === 'declared' ? 0 : 1}`, alerts: sql`${surveyProgress.alerts} + ${alerts.length > 0 ? 1 : 0}` })
        .where(and(eq(surveyProgress.campaignId, task.campaignId), eq(surveyProgress.gridId, task.gridId)));
    }
    // One follow-up per rule (not per member): the worker goes back to the household once for it.
    const followUpKeys = [...new Set(alerts.filter((a) => a.action === 'follow_up').map((a) => a.key))];
    if (followUpKeys.length > 0) {
      await tx.insert(surveyTask).values(
        followUpKeys.map((key) => ({
          id: randomUUID(), campaignId: task.campaignId, kind: 'follow_up', householdId: task.householdId, householdNumber: task.householdNumber, address: task.address,
          gridId: task.gridId, regionCode: task.regionCode, assigneeId: task.assigneeId, status: 'pending', alertKey: key, parentTaskId: task.id, createdAt: now,
        })),
      );
    }
    await claimAttachments(tx, { userId: ctx.actor.id }, form.attachmentIds, { type: 'survey_answer', id: input.clientId }, 'answers', now);
    if (ticketId) await kit.jobs.enqueue(tx, FILE_TICKET_JOB, { answerId: input.clientId }, { singletonKey: `${FILE_TICKET_JOB.name}:${input.clientId}` });
    await writeAudit(tx, ctx, {
      action: 'survey_answer.create', objectType: 'survey_task', objectId: task.id, regionCode: task.regionCode,
      details: { answerId: input.clientId, campaignId: task.campaignId, form: `${form.key}@${form.version}`, alerts: alerts.map((a) => a.key), followUps: followUpKeys.length, ticketId },
    });
    await publishLive(tx, { type: 'survey_task.changed', regionCode: task.regionCode, gridId: task.gridId, id: task.id, at: now.toISOString(), data: { action: 'answer', alerts: alerts.length }, scope: taskScope(task, 'done') });
    return { created: true, ticket: ticketId !== null };
  });
  if (outcome.ticket) await fileAlertTicket(kit, input.clientId).catch(() => null /* the queued job files it */);
  return receiptOf(db, input.clientId, outcome.created);
}

/** Files the ticket an answer's alert asked for, unless it is there already; its number, or null. */
export async function fileAlertTicket(kit: Kit, answerId: string, ctx: RequestContext = systemContext(kit.clock, FILE_TICKET_JOB.name)): Promise<string | null> {
  const [a] = await kit.db.select().from(surveyAnswer).where(eq(surveyAnswer.id, answerId));
  if (!a?.ticketId) return null;
  const existing = (await ticketNumbers(kit.db, [a.ticketId])).get(a.ticketId);
  if (existing) return existing;
  const [task] = await kit.db.select().from(surveyTask).where(eq(surveyTask.id, a.taskId));
  const [c] = await kit.db.select({ name: surveyCampaign.name, categoryId: surveyCampaign.ticketCategoryId }).from(surveyCampaign).where(eq(surveyCampaign.id, a.campaignId));
  const grid = (await gridNames(kit.db, [a.gridId])).get(a.gridId) ?? '';
  const raised = (a.alerts as RaisedAlert[]).filter((r) => r.action === 'ticket');
  const filed = await intakeTicket(
    ticketDeps(kit),
    // Filed by the system on the worker's behalf: the worker's answer is audited on its own.
    { ...ctx, actor: null },
    {
      source: 'grid_worker',
      categoryId: c?.categoryId ?? undefined,
      description: `【走访摸排预警 ${c?.name ?? ''}】${task?.householdNumber ?? ''}：${[...new Set(raised.map((r) => r.message.zh))].join('；')}`,
      address: task?.address ?? grid,
      emergency: raised.some((r) => r.level === 'critical'),
      customFields: {},
      photoIds: [],
    },
    { id: a.ticketId, regionCode: a.regionCode, origin: { type: 'survey_answer', id: a.id, number: task?.householdNumber ?? '' } },
  );
  return filed.number;
}

export const fileTicketJob = (kit: Kit) =>
  defineJob({
    ...FILE_TICKET_JOB,
    async handle(p) {
      await fileAlertTicket(kit, p.answerId);
    },
  });

/** Who may read an answer's photo or signature: whoever may read its task. */
export async function answerReadable(db: Db, actor: Actor, answerId: string): Promise<boolean> {
  const [found] = await db.select({ taskId: surveyAnswer.taskId }).from(surveyAnswer).where(eq(surveyAnswer.id, answerId));
  if (!found) return false;
  return loadTask(db, actor, found.taskId).then(() => true, () => false);
}
