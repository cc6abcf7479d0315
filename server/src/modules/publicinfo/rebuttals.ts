/** Rumour rebuttals: drafted for a region of the manager's subtree, then edited, published and withdrawn through the workflow kit. */
import { randomUUID } from 'node:crypto';
import type { RebuttalAction } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { claimAttachments } from '../../platform/files/attachments.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { publishLive } from '../../platform/live/live.js';
import { codeInSubtree } from '../../platform/scope.js';
import { runTransition } from '../../platform/workflow/workflow.js';
import { findCurrentRegion } from '../regions/queries.js';
import { searchTerms } from './search-terms.js';
import { rumourRebuttal } from './tables.js';
import { rebuttalWorkflow } from './workflow.js';

export interface RebuttalFields {
  claim: string;
  verdict: string;
  evidence: string;
  sourceName: string;
  sourceUrl?: string;
  attachmentIds?: string[];
}

/** A region the caller may write public information for: in their subtree, existing, and not as a grid-scoped account. */
export async function assertWritableRegion(db: Db, ctx: ActorContext, regionCode: string): Promise<void> {
  if (ctx.actor.gridId !== null || !codeInSubtree(regionCode, ctx.actor.regionPrefix) || !(await findCurrentRegion(db, regionCode))) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  }
}

export async function createRebuttal(db: Db, ctx: ActorContext, input: RebuttalFields & { regionCode: string }): Promise<string> {
  await assertWritableRegion(db, ctx, input.regionCode);
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const attachments = await claimAttachments(tx, { userId: ctx.actor.id }, input.attachmentIds ?? [], { type: 'rumour_rebuttal', id }, 'attachmentIds', now);
    await tx.insert(rumourRebuttal).values({
      id, regionCode: input.regionCode, claim: input.claim, verdict: input.verdict, evidence: input.evidence, sourceName: input.sourceName, sourceUrl: input.sourceUrl ?? null,
      attachments, searchTerms: searchTerms(input.claim, input.evidence), status: 'draft', version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
    });
    await writeAudit(tx, ctx, { action: 'rumour_rebuttal.create', objectType: 'rumour_rebuttal', objectId: id, regionCode: input.regionCode, details: { verdict: input.verdict, attachments: attachments.length } });
    await publishLive(tx, { type: 'rumour_rebuttal.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: { record: 'rumour_rebuttal', regionCode: input.regionCode, state: 'draft' } });
  });
  return id;
}

export async function transitionRebuttal(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: ActorContext, id: string, action: RebuttalAction, input: Partial<RebuttalFields> & { version: number; note?: string }): Promise<void> {
  await runTransition(kit, ctx, rebuttalWorkflow, id, action, { version: input.version, note: input.note ?? null, attachmentIds: input.attachmentIds }, async ({ tx, row, now }) => {
    if (action === 'publish') return { status: 'published', patch: { publishedAt: now } };
    if (action === 'withdraw') return { status: 'withdrawn' };
    const { version: _v, note: _n, attachmentIds, ...given } = input;
    const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<RebuttalFields>;
    const next = { ...row, ...fields };
    // The kit claimed the named uploads already; claiming again (they are this record's) gives their descriptions.
    const attachments = attachmentIds ? { attachments: await claimAttachments(tx, { userId: ctx.actor.id }, attachmentIds, { type: 'rumour_rebuttal', id }, 'attachmentIds', now) } : {};
    return { patch: { ...fields, ...attachments, searchTerms: searchTerms(next.claim, next.evidence) }, data: { changed: Object.keys(given) } };
  });
}
