/**
 * Broadcasts: drafted in the caller's subtree from a template they see (the texts rendered in both
 * languages now, so later template edits never change what was approved), previewed as counts,
 * listed and read in scope (audited), and stepped through the workflow kit. Approval queues the
 * durable enqueue job in the same transaction.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import {
  renderTemplate, templateParams, type BroadcastAction, type BroadcastAudience, type BroadcastChannel, type BroadcastDetail, type BroadcastListQuery, type BroadcastPreview,
  type BroadcastRequest, type BroadcastStatus, type BroadcastSummary, type ChannelCounts,
} from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { cancelOutboxBulk, outboxTallies } from '../../platform/outbox/outbox.js';
import { recordVisible } from '../../platform/scope.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { checkAudience, previewCounts } from './audience.js';
import { ENQUEUE_JOB } from './send.js';
import { broadcast } from './tables.js';
import { visibleTemplate } from './templates.js';
import { BROADCAST_VISIBILITY, broadcastActions, broadcastScope, broadcastWorkflow, loadBroadcast, type BroadcastRow } from './workflow.js';

type BroadcastKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;
export const numberOf = (n: number) => `B${n}`;

/** The template (one the caller sees) and its texts with the parameters filled; every parameter must be given. */
async function render(db: Db, actor: Actor, input: BroadcastRequest) {
  const t = await visibleTemplate(db, actor, input.templateId);
  if (!t) throw new AppError('BROADCAST_TEMPLATE_UNKNOWN', { fields: [{ field: 'templateId', code: 'BROADCAST_TEMPLATE_UNKNOWN' }] });
  const missing = templateParams(`${t.zh} ${t.en}`).find((p) => !input.params[p]);
  if (missing) throw new AppError('BROADCAST_PARAM_MISSING', { name: missing, fields: [{ field: `params.${missing}`, code: 'BROADCAST_PARAM_MISSING' }] });
  return { templateId: t.id, templateName: t.name, params: input.params, textZh: renderTemplate(t.zh, input.params), textEn: renderTemplate(t.en, input.params) };
}

const columnsOf = (input: BroadcastRequest) => ({ title: input.title, regionCode: input.regionCode, audience: input.audience, channels: [...new Set(input.channels)] });

export async function preview(kit: Pick<Kit, 'db'>, ctx: ActorContext, input: BroadcastRequest): Promise<BroadcastPreview> {
  await checkAudience(kit.db, ctx.actor, input);
  const counts = await previewCounts(kit.db, input);
  await writeAudit(kit.db, ctx, { action: 'broadcast.preview', objectType: 'broadcast', regionCode: input.regionCode, details: { audience: input.audience, channels: input.channels, ...counts } });
  return counts;
}

export async function createBroadcast(kit: BroadcastKit, ctx: ActorContext, input: BroadcastRequest): Promise<BroadcastDetail> {
  await checkAudience(kit.db, ctx.actor, input);
  const texts = await render(kit.db, ctx.actor, input);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  await kit.db.transaction(async (tx) => {
    const [made] = await tx
      .insert(broadcast)
      .values({ id, ...columnsOf(input), ...texts, status: 'draft', version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now })
      .returning();
    await writeAudit(tx, ctx, { action: 'broadcast.create', objectType: 'broadcast', objectId: id, regionCode: input.regionCode, details: { number: numberOf(made!.number), title: input.title, channels: input.channels, audience: input.audience } });
    await publishLive(tx, { type: 'broadcast.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: broadcastScope(made!) });
  });
  return readBroadcast(kit, ctx, id, false);
}

async function summaries(kit: Pick<Kit, 'db' | 'providers'>, found: readonly BroadcastRow[]): Promise<BroadcastSummary[]> {
  const regions = await kit.providers.regionNames(kit.db, [...new Set(found.map((b) => b.regionCode))]);
  return found.map((b) => ({
    id: b.id, number: numberOf(b.number), title: b.title, regionCode: b.regionCode, regionName: regions.get(b.regionCode) ?? '', status: b.status as BroadcastStatus,
    channels: b.channels as BroadcastChannel[], templateName: b.templateName, recipients: (b.preview as BroadcastPreview | null)?.recipients ?? null,
    createdAt: b.createdAt.toISOString(), approvedAt: b.approvedAt?.toISOString() ?? null, finishedAt: b.finishedAt?.toISOString() ?? null, version: b.version,
  }));
}

export async function listBroadcasts(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: BroadcastListQuery) {
  const { page, pageSize, ...f } = q;
  const where = and(recordVisible(ctx.actor, BROADCAST_VISIBILITY), f.status ? eq(broadcast.status, f.status) : undefined) as SQL;
  const [found, [total]] = await Promise.all([
    kit.db.select().from(broadcast).where(where).orderBy(desc(broadcast.createdAt), desc(broadcast.number)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(broadcast).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'broadcast.list', objectType: 'broadcast', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await summaries(kit, found), total: Number(total?.n ?? 0), page, pageSize };
}

/** Delivery counts per channel of the broadcast (the outbox's tallies by subject). */
export async function deliveryCounts(db: Db, b: Pick<BroadcastRow, 'id' | 'channels'>): Promise<ChannelCounts[]> {
  const tallies = await outboxTallies(db, { type: 'broadcast', id: b.id });
  return (b.channels as BroadcastChannel[]).map((channel) => {
    const t = tallies.get(channel) ?? { queued: 0, retrying: 0, sent: 0, failed: 0, disabled: 0, cancelled: 0 };
    return { channel, ...t, total: t.queued + t.retrying + t.sent + t.failed + t.disabled + t.cancelled };
  });
}

export async function readBroadcast(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, audited = true): Promise<BroadcastDetail> {
  const b = await loadBroadcast(kit.db, ctx.actor, id);
  const audience = b.audience as BroadcastAudience;
  const [[summary], names, grids, counts] = await Promise.all([
    summaries(kit, [b]),
    accountNames(kit.db, [b.createdBy, b.approvedBy]),
    kit.providers.gridNames(kit.db, audience.gridIds),
    deliveryCounts(kit.db, b),
  ]);
  if (audited) await writeAudit(kit.db, ctx, { action: 'broadcast.read', objectType: 'broadcast', objectId: id, regionCode: b.regionCode });
  return {
    ...summary!,
    templateId: b.templateId, params: b.params, textZh: b.textZh, textEn: b.textEn, audience, gridNames: audience.gridIds.map((g) => grids.get(g) ?? ''),
    preview: (b.preview as BroadcastPreview | null) ?? null, counts, queuedAll: b.queuedAll,
    drafterName: names.get(b.createdBy) ?? null, approverName: b.approvedBy ? (names.get(b.approvedBy) ?? null) : null, note: b.note,
    actions: broadcastActions(ctx.actor, b, ctx.clock.now()),
  };
}

export interface StepInput {
  version: number;
  note?: string;
  broadcast?: BroadcastRequest;
}

export async function transitionBroadcast(kit: BroadcastKit & Pick<Kit, 'registry'>, ctx: ActorContext, id: string, action: BroadcastAction, input: StepInput): Promise<BroadcastDetail> {
  await runTransition(kit, ctx, broadcastWorkflow, id, action, { version: input.version, note: input.note ?? null }, async ({ tx, row, now }): Promise<Effects<BroadcastRow, BroadcastStatus>> => {
    switch (action) {
      case 'edit':
        await checkAudience(tx, ctx.actor, input.broadcast!);
        return { patch: { ...columnsOf(input.broadcast!), ...(await render(tx, ctx.actor, input.broadcast!)) }, data: { title: input.broadcast!.title } };
      case 'submit': {
        // The counts the approver approves, taken now.
        const counts = await previewCounts(tx, { regionCode: row.regionCode, audience: row.audience as BroadcastAudience, channels: row.channels as BroadcastChannel[] });
        return {
          status: 'submitted', patch: { preview: counts, note: null }, data: { ...counts },
          notices: [{ kind: 'broadcast.submitted', params: { title: row.title, recipients: counts.recipients + counts.loudspeaker }, audiences: [{ kind: 'accounts_at', permission: 'broadcast:approve', regionCode: row.regionCode }] }],
        };
      }
      case 'approve':
        return {
          status: 'approved', patch: { approvedBy: ctx.actor.id, approvedAt: now, note: input.note ?? null },
          notices: [{ kind: 'broadcast.approved', params: { title: row.title }, audiences: [{ kind: 'users', userIds: [row.createdBy] }] }],
          timers: [{ job: ENQUEUE_JOB, payload: { broadcastId: row.id }, runAt: now, key: `broadcast.enqueue:${row.id}` }],
        };
      case 'return':
        return { status: 'draft', patch: { note: input.note ?? null }, notices: [{ kind: 'broadcast.returned', params: { title: row.title, note: input.note ?? '' }, audiences: [{ kind: 'users', userIds: [row.createdBy] }] }] };
      case 'cancel': {
        // What is queued and not yet handed over is called off with it (the enqueue job stops at its next batch).
        const cancelled = row.status === 'approved' || row.status === 'sending' ? await cancelOutboxBulk(tx, { type: 'broadcast', id: row.id }) : 0;
        return { status: 'cancelled', patch: { note: input.note ?? null, finishedAt: now }, data: { cancelledMessages: cancelled } };
      }
    }
  });
  return readBroadcast(kit, ctx, id, false);
}
