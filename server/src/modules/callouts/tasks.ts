/** The follow-up tasks call answers raised: a grid worker's grid (an operator's subtree), listed (audited) and marked done (version checked, audited). */
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { CalloutTaskRow, CalloutTaskStatus } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { calloutCampaign, calloutTarget, calloutTask } from './tables.js';
import { TASK_VISIBILITY, type TaskRow } from './workflow.js';

async function present(kit: Pick<Kit, 'db' | 'providers'>, found: readonly TaskRow[]): Promise<CalloutTaskRow[]> {
  if (found.length === 0) return [];
  const [campaigns, targets, grids] = await Promise.all([
    kit.db.select({ id: calloutCampaign.id, name: calloutCampaign.name }).from(calloutCampaign).where(inArray(calloutCampaign.id, [...new Set(found.map((t) => t.campaignId))])),
    kit.db.select({ id: calloutTarget.id, name: calloutTarget.nameMasked, phone: calloutTarget.phoneMasked }).from(calloutTarget).where(inArray(calloutTarget.id, found.map((t) => t.targetId))),
    kit.providers.gridNames(kit.db, [...new Set(found.flatMap((t) => (t.gridId ? [t.gridId] : [])))]),
  ]);
  const names = new Map(campaigns.map((c) => [c.id, c.name]));
  const people = new Map(targets.map((t) => [t.id, t]));
  return found.map((t) => ({
    id: t.id, campaignId: t.campaignId, campaignName: names.get(t.campaignId) ?? '', name: people.get(t.targetId)?.name ?? '', phoneMasked: people.get(t.targetId)?.phone ?? null,
    gridName: t.gridId ? (grids.get(t.gridId) ?? null) : null, question: t.question, answer: t.answer, note: t.note, status: t.status as CalloutTaskStatus, createdAt: t.createdAt.toISOString(),
    doneAt: t.doneAt?.toISOString() ?? null, version: t.version,
  }));
}

export async function listTasks(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: { page: number; pageSize: number; status?: CalloutTaskStatus }) {
  const where = and(recordVisible(ctx.actor, TASK_VISIBILITY), q.status ? eq(calloutTask.status, q.status) : undefined) as SQL;
  const [found, [total]] = await Promise.all([
    kit.db.select().from(calloutTask).where(where).orderBy(desc(calloutTask.createdAt), desc(calloutTask.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(calloutTask).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'callout_task.list', objectType: 'callout_task', details: { status: q.status ?? null, page: q.page, shown: found.length } });
  return { items: await present(kit, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function completeTask(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, input: { version: number; note?: string }): Promise<CalloutTaskRow> {
  const now = ctx.clock.now();
  const row = await kit.db.transaction(async (tx) => {
    const [t] = await tx.select().from(calloutTask).where(and(eq(calloutTask.id, id), recordVisible(ctx.actor, TASK_VISIBILITY))).for('update');
    if (!t) throw notFound();
    if (t.version !== input.version) throw new AppError('CALLOUT_VERSION_CONFLICT');
    if (t.status !== 'open') throw new AppError('CALLOUT_TASK_STATE');
    const [next] = await tx.update(calloutTask).set({ status: 'done', doneBy: ctx.actor.id, doneAt: now, doneNote: input.note ?? null, version: t.version + 1 }).where(eq(calloutTask.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'callout_task.done', objectType: 'callout_task', objectId: id, regionCode: t.regionCode, ...(t.residentId ? { subject: t.residentId } : {}), details: { campaignId: t.campaignId, note: input.note ?? null } });
    return next!;
  });
  return (await present(kit, [row]))[0]!;
}
