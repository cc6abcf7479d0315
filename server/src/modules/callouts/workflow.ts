/**
 * A call campaign's life as data (platform/workflow): drafted by a command centre, approved by
 * someone else who may approve there (the two-person rule: never the drafter; its script frozen
 * and its prompts synthesized), started (its targets resolved and the dialler
 * queued), paused and resumed, completed by hand or by the system when every target has its final
 * result, or cancelled. Who sees a campaign: `callout:read` holders whose subtree holds its region.
 * Who sees a follow-up task: a grid worker with `callout:task` in its grid; an operator with it in
 * the subtree.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CalloutAction, CalloutStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { calloutCampaign, calloutTask } from './tables.js';

export type CampaignRow = typeof calloutCampaign.$inferSelect;
export type TaskRow = typeof calloutTask.$inferSelect;

interface Standing {
  manager: boolean;
  /** May approve there, and did not draft it (the two-person rule, as for broadcasts). */
  approver: boolean;
}
interface Subject {
  status: CalloutStatus;
}

const inSubtree = (actor: Actor, code: string) => actor.gridId === null && codeInSubtree(code, actor.regionPrefix);
export const manages = (actor: Actor, regionCode: string) => inSubtree(actor, regionCode) && actor.permissions.includes('callout:manage');
const approves = (actor: Actor, c: Pick<CampaignRow, 'regionCode' | 'createdBy'>) => inSubtree(actor, c.regionCode) && actor.permissions.includes('callout:approve') && c.createdBy !== actor.id;

export const CALLOUT_RULES: Rules<CalloutStatus, CalloutAction, Standing, Subject> = {
  approve: { from: ['draft'], who: (s) => s.approver },
  start: { from: ['approved'], who: (s) => s.manager },
  pause: { from: ['running'], who: (s) => s.manager },
  resume: { from: ['paused'], who: (s) => s.manager },
  complete: { from: ['running', 'paused'], who: (s) => s.manager },
  cancel: { from: ['draft', 'approved', 'running', 'paused'], who: (s) => s.manager },
  finish: { from: ['running'], system: true },
};

export const CAMPAIGN_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'callout:read', where: (actor) => regionInScope(actor, calloutCampaign.regionCode), test: (actor, c) => codeInSubtree(c.regionCode, actor.regionPrefix) },
];

export const TASK_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'callout:task',
    where: (actor) => (actor.gridId ? sql`${calloutTask.gridId} = ${actor.gridId}` : regionInScope(actor, calloutTask.regionCode)),
    test: (actor, t) => (actor.gridId ? t.gridId === actor.gridId : codeInSubtree(t.regionCode, actor.regionPrefix)),
  },
];

export function campaignActions(actor: Actor, c: CampaignRow, now: Date) {
  return allowedActions(CALLOUT_RULES, { status: c.status as CalloutStatus }, { manager: manages(actor, c.regionCode), approver: approves(actor, c) }, now).filter(
    (a): a is Exclude<CalloutAction, 'finish'> => a !== 'finish',
  );
}

export async function loadCampaign(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<CampaignRow> {
  const query = db.select().from(calloutCampaign).where(and(eq(calloutCampaign.id, id), actor ? recordVisible(actor, CAMPAIGN_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const campaignWorkflow: Workflow<CampaignRow, CalloutStatus, CalloutAction, Standing, Subject> = {
  kind: 'callout_campaign',
  rules: CALLOUT_RULES,
  errors: { state: 'CALLOUT_STATE', version: 'CALLOUT_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadCampaign(tx, actor, id, true),
  id: (c) => c.id,
  version: (c) => c.version,
  regionCode: (c) => c.regionCode,
  subject: async (_tx, c) => ({ status: c.status as CalloutStatus }),
  standing: async (_tx, actor, c) => ({ manager: manages(actor, c.regionCode), approver: approves(actor, c) }),
  async save(tx, c, { status, patch, version, now }) {
    const next = { ...c, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(calloutCampaign).set(columns).where(eq(calloutCampaign.id, c.id));
    return next;
  },
  liveScope: async (_tx, c) => ({ record: 'callout_campaign', regionCode: c.regionCode, state: c.status }),
  liveData: (c) => ({ name: c.name }),
};
