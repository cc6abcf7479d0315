/**
 * A survey campaign's life as data (platform/workflow): drafted by a command centre, opened (which
 * queues the generation of its tasks), closed by hand or by its timer at the end of its window,
 * or cancelled. Who sees a campaign: managers of its region's subtree; grid workers the campaigns
 * with a task of theirs. Who sees a task: managers of its community's subtree; the worker it is
 * assigned to.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SurveyCampaignAction, SurveyCampaignStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { surveyCampaign, surveyTask } from './tables.js';

export type CampaignRow = typeof surveyCampaign.$inferSelect;
export type TaskRow = typeof surveyTask.$inferSelect;

export interface Standing {
  /** Holds `campaign:manage`, is not grid-scoped, and the campaign's region lies in their subtree. */
  manager: boolean;
}

export const CAMPAIGN_RULES: Rules<SurveyCampaignStatus, SurveyCampaignAction, Standing, { status: SurveyCampaignStatus }> = {
  open: { from: ['draft'], who: (s) => s.manager },
  close: { from: ['open'], who: (s) => s.manager },
  cancel: { from: ['draft', 'open'], who: (s) => s.manager },
  end: { from: ['open'], system: true },
};

export const CAMPAIGN_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'campaign:manage', where: (actor) => regionInScope(actor, surveyCampaign.regionCode), test: (actor, c) => !!c.regionCode && codeInSubtree(c.regionCode, actor.regionPrefix) },
  {
    permission: 'campaign:survey',
    where: (actor) => sql`exists (select 1 from ${surveyTask} where ${surveyTask.campaignId} = ${surveyCampaign.id} and ${surveyTask.assigneeId} = ${actor.id})`,
    // The live feed describes a campaign by its region: workers follow their tasks instead.
    test: () => false,
  },
];

export const TASK_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'campaign:manage', where: (actor) => regionInScope(actor, surveyTask.regionCode), test: (actor, t) => !!t.regionCode && codeInSubtree(t.regionCode, actor.regionPrefix) },
  {
    permission: 'campaign:survey',
    where: (actor) => (actor.gridId ? sql`(${surveyTask.assigneeId} = ${actor.id} and ${surveyTask.gridId} = ${actor.gridId})` : sql`false`),
    test: (actor, t) => !!actor.gridId && t.gridId === actor.gridId && (t.userIds ?? []).includes(actor.id),
  },
];

export function taskScope(t: Pick<TaskRow, 'regionCode' | 'gridId' | 'assigneeId'>, state: string): RecordScope {
  return { record: 'survey_task', regionCode: t.regionCode, gridId: t.gridId, userIds: t.assigneeId ? [t.assigneeId] : [], state };
}

export function isManagerOf(actor: Actor, regionCode: string): boolean {
  return actor.gridId === null && actor.permissions.includes('campaign:manage') && codeInSubtree(regionCode, actor.regionPrefix);
}

export function campaignActions(actor: Actor, c: CampaignRow, now: Date) {
  return allowedActions(CAMPAIGN_RULES, { status: c.status as SurveyCampaignStatus }, { manager: isManagerOf(actor, c.regionCode) }, now).filter(
    (a): a is Exclude<SurveyCampaignAction, 'end'> => a !== 'end',
  );
}

export async function loadCampaign(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<CampaignRow> {
  const query = db.select().from(surveyCampaign).where(and(eq(surveyCampaign.id, id), actor ? recordVisible(actor, CAMPAIGN_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export async function loadTask(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<TaskRow> {
  const query = db.select().from(surveyTask).where(and(eq(surveyTask.id, id), actor ? recordVisible(actor, TASK_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const campaignWorkflow: Workflow<CampaignRow, SurveyCampaignStatus, SurveyCampaignAction, Standing, { status: SurveyCampaignStatus }> = {
  kind: 'survey_campaign',
  rules: CAMPAIGN_RULES,
  errors: { state: 'SURVEY_CAMPAIGN_STATE', version: 'SURVEY_CAMPAIGN_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadCampaign(tx, actor, id, true),
  id: (c) => c.id,
  version: (c) => c.version,
  regionCode: (c) => c.regionCode,
  subject: async (_tx, c) => ({ status: c.status as SurveyCampaignStatus }),
  standing: async (_tx, actor, c) => ({ manager: isManagerOf(actor, c.regionCode) }),
  async save(tx, c, { status, patch, version, now }) {
    const next = { ...c, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(surveyCampaign).set(columns).where(eq(surveyCampaign.id, c.id));
    return next;
  },
  liveScope: async (_tx, c) => ({ record: 'survey_campaign', regionCode: c.regionCode, state: c.status }),
  liveData: (c) => ({ name: c.name }),
};
