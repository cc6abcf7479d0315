/**
 * Reads of campaigns (scoped), their progress per grid or region level (from the per-grid
 * counts), tasks (a manager's subtree, a worker's own), and answers: health data, read with a
 * stated purpose (audited), ID numbers and phones masked.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  maskAnswers, type AlertRule, type RaisedAlert, type SurveyAnswer, type SurveyCampaign, type SurveyCampaignStatus, type SurveyProgress, type SurveyTarget, type SurveyTask,
  type SurveyTaskKind, type SurveyTaskStatus,
} from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import { rows, type Db } from '../../platform/db/client.js';
import { recordVisible, regionInScope } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { AppError } from '../../platform/errors.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { regionNames } from '../regions/queries.js';
import { gridNames } from '../grids/queries.js';
import { householdPoints } from '../registers/survey-targets.js';
import { surveyAnswer, surveyCampaign, surveyProgress, surveyTask } from './tables.js';
import { CAMPAIGN_VISIBILITY, campaignActions, isManagerOf, loadCampaign, TASK_VISIBILITY, type CampaignRow, type TaskRow } from './workflow.js';

/** The counts over what the caller may see: a manager's subtree from the per-grid counts, a worker's own visits. */
async function totalsOf(db: Db, actor: Actor, c: CampaignRow) {
  if (actor.permissions.includes('campaign:manage') && actor.gridId === null) {
    const [t] = await rows<{ total: number; done: number; alerts: number }>(
      db,
      sql`select coalesce(sum(total), 0)::int as total, coalesce(sum(done), 0)::int as done, coalesce(sum(alerts), 0)::int as alerts from ${surveyProgress}
          where ${surveyProgress.campaignId} = ${c.id} and ${regionInScope(actor, surveyProgress.regionCode)}`,
    );
    return t!;
  }
  const [t] = await rows<{ total: number; done: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where status = 'done')::int as done from ${surveyTask} where campaign_id = ${c.id} and kind = 'visit' and ${recordVisible(actor, TASK_VISIBILITY)}`,
  );
  return { ...t!, alerts: 0 };
}

async function present(db: Db, actor: Actor, found: CampaignRow[], now: Date): Promise<SurveyCampaign[]> {
  if (found.length === 0) return [];
  const names = await regionNames(db, found.map((c) => c.regionCode));
  return Promise.all(
    found.map(async (c) => {
      const form = await publishedForm(db, c.formKey, c.formVersion).catch(() => null);
      return {
        id: c.id, name: c.name, regionCode: c.regionCode, regionName: names.get(c.regionCode) ?? '', formKey: c.formKey, formVersion: c.formVersion,
        formTitle: form?.definition.title ?? { zh: c.formKey }, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(),
        target: c.target as SurveyTarget, alertRules: c.alertRules as AlertRule[], ticketCategoryId: c.ticketCategoryId, status: c.status as SurveyCampaignStatus, version: c.version,
        generation: c.generation as SurveyCampaign['generation'], unmatched: isManagerOf(actor, c.regionCode) ? (c.unmatched as string[]) : [],
        createdAt: c.createdAt.toISOString(), totals: await totalsOf(db, actor, c), actions: campaignActions(actor, c, now),
      };
    }),
  );
}

export async function listCampaigns(db: Db, actor: Actor, q: { status?: SurveyCampaignStatus; page: number; pageSize: number }, now: Date) {
  const where = and(recordVisible(actor, CAMPAIGN_VISIBILITY), q.status ? eq(surveyCampaign.status, q.status) : undefined);
  const [found, [total]] = await Promise.all([
    db.select().from(surveyCampaign).where(where).orderBy(desc(surveyCampaign.startsAt), desc(surveyCampaign.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(surveyCampaign).where(where),
  ]);
  return { items: await present(db, actor, found, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getCampaign(db: Db, actor: Actor, id: string, now: Date): Promise<SurveyCampaign> {
  return (await present(db, actor, [await loadCampaign(db, actor, id)], now))[0]!;
}

const LEVEL_DIGITS = { county: 6, township: 9, community: 12 } as const;

/** Progress per grid, or per community, township or county (the regions under the caller's scope), from the per-grid counts. */
export async function campaignProgress(db: Db, actor: Actor, id: string, level: SurveyProgress['level']): Promise<SurveyProgress> {
  const c = await loadCampaign(db, actor, id);
  const inScope = regionInScope(actor, surveyProgress.regionCode);
  if (level === 'grid') {
    const found = await rows<{ key: string; total: number; done: number; alerts: number }>(
      db,
      sql`select grid_id::text as key, total, done, alerts from ${surveyProgress} where campaign_id = ${c.id} and ${inScope} order by region_code, grid_id`,
    );
    const names = await gridNames(db, found.map((r) => r.key));
    return { level, items: found.map((r) => ({ ...r, name: names.get(r.key) ?? '' })) };
  }
  const digits = LEVEL_DIGITS[level];
  const found = await rows<{ key: string; total: number; done: number; alerts: number }>(
    db,
    sql`select rpad(left(region_code, ${digits}), 12, '0') as key, sum(total)::int as total, sum(done)::int as done, sum(alerts)::int as alerts
        from ${surveyProgress} where campaign_id = ${c.id} and ${inScope} group by 1 order by 1`,
  );
  const names = await regionNames(db, found.map((r) => r.key));
  return { level, items: found.map((r) => ({ ...r, name: names.get(r.key) ?? r.key })) };
}

export async function presentTasks(db: Db, found: TaskRow[]): Promise<SurveyTask[]> {
  const campaigns = found.length ? await db.select({ id: surveyCampaign.id, name: surveyCampaign.name, formKey: surveyCampaign.formKey, formVersion: surveyCampaign.formVersion }).from(surveyCampaign).where(inArray(surveyCampaign.id, [...new Set(found.map((t) => t.campaignId))])) : [];
  const byId = new Map(campaigns.map((c) => [c.id, c]));
  // The points of these tasks' households only: a task list's scope is its points' scope.
  const [grids, people, points] = await Promise.all([gridNames(db, found.map((t) => t.gridId)), accountNames(db, found.map((t) => t.assigneeId)), householdPoints(db, found.map((t) => t.householdId))]);
  return found.map((t) => {
    const c = byId.get(t.campaignId)!;
    const point = points.get(t.householdId);
    return {
      id: t.id, campaignId: t.campaignId, campaignName: c.name, kind: t.kind as SurveyTaskKind, householdNumber: t.householdNumber, address: t.address,
      gridId: t.gridId, gridName: grids.get(t.gridId) ?? '', assigneeId: t.assigneeId, assigneeName: t.assigneeId ? (people.get(t.assigneeId) ?? null) : null,
      status: t.status as SurveyTaskStatus, alertKey: t.alertKey, formKey: c.formKey, formVersion: c.formVersion, doneAt: t.doneAt?.toISOString() ?? null,
      lon: point?.lon ?? null, lat: point?.lat ?? null,
    };
  });
}

/** Tasks the caller may see: a manager's subtree, a worker's own (of open campaigns by default: "my tasks"). */
export async function listTasks(db: Db, actor: Actor, q: { campaign?: string; grid?: string; status?: SurveyTaskStatus; kind?: SurveyTaskKind; page: number; pageSize: number }) {
  const where = and(
    recordVisible(actor, TASK_VISIBILITY),
    q.campaign ? eq(surveyTask.campaignId, q.campaign) : sql`exists (select 1 from ${surveyCampaign} where ${surveyCampaign.id} = ${surveyTask.campaignId} and ${surveyCampaign.status} = 'open')`,
    q.grid ? eq(surveyTask.gridId, q.grid) : undefined,
    q.status ? eq(surveyTask.status, q.status) : undefined,
    q.kind ? eq(surveyTask.kind, q.kind) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db.select().from(surveyTask).where(where).orderBy(asc(surveyTask.status), desc(surveyTask.kind), asc(surveyTask.householdNumber), asc(surveyTask.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(surveyTask).where(where),
  ]);
  return { items: await presentTasks(db, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** A campaign's answers in the caller's subtree, masked; the read is audited with its purpose. */
export async function listAnswers(db: Db, ctx: ActorContext, id: string, q: { purpose?: string; alerted?: 'yes' | 'no'; page: number; pageSize: number }) {
  const { actor } = ctx;
  const c = await loadCampaign(db, actor, id);
  if (!q.purpose) throw new AppError('SURVEY_PURPOSE_REQUIRED');
  const form = await publishedForm(db, c.formKey, c.formVersion).catch(() => null);
  const where = and(
    eq(surveyAnswer.campaignId, c.id),
    regionInScope(actor, surveyAnswer.regionCode),
    actor.gridId ? eq(surveyAnswer.answeredBy, actor.id) : undefined,
    q.alerted === 'yes' ? sql`jsonb_array_length(${surveyAnswer.alerts}) > 0` : q.alerted === 'no' ? sql`jsonb_array_length(${surveyAnswer.alerts}) = 0` : undefined,
  );
  const [found, [total]] = await Promise.all([
    db.select({ a: surveyAnswer, number: surveyTask.householdNumber }).from(surveyAnswer).innerJoin(surveyTask, eq(surveyTask.id, surveyAnswer.taskId)).where(where).orderBy(desc(surveyAnswer.answeredAt), desc(surveyAnswer.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(surveyAnswer).where(where),
  ]);
  await db.transaction((tx) =>
    writeAudit(tx, ctx, { action: 'survey_answer.read', objectType: 'survey_campaign', objectId: c.id, regionCode: c.regionCode, details: { purpose: q.purpose, answers: found.length, page: q.page } }),
  );
  const [grids, people] = await Promise.all([gridNames(db, found.map((r) => r.a.gridId)), accountNames(db, found.map((r) => r.a.answeredBy))]);
  const items: SurveyAnswer[] = found.map(({ a, number }) => ({
    id: a.id, taskId: a.taskId, householdNumber: number, gridName: grids.get(a.gridId) ?? '', answeredBy: people.get(a.answeredBy) ?? '', answeredAt: a.answeredAt.toISOString(),
    formVersion: a.formVersion, answers: form ? maskAnswers(form.definition, a.answers as Record<string, unknown>) : {},
    alerts: (a.alerts as RaisedAlert[]).map((r) => ({ key: r.key, level: r.level, action: r.action ?? null, path: r.path ?? null, message: r.message })), ticketId: a.ticketId,
  }));
  return { items, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}
