/** Drafts an announcement for a region in the writer's subtree (a region that exists), audited. */
import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { codeInSubtree } from '../../platform/scope.js';
import type { Db } from '../../platform/db/client.js';
import { findCurrentRegion } from '../regions/queries.js';
import { announcement } from './tables.js';

export interface AnnouncementInput {
  regionCode: string;
  title: string;
  body: string;
  audience: 'staff' | 'public';
}

export async function createAnnouncement(db: Db, ctx: ActorContext, input: AnnouncementInput): Promise<string> {
  if (ctx.actor.gridId !== null || !codeInSubtree(input.regionCode, ctx.actor.regionPrefix) || !(await findCurrentRegion(db, input.regionCode))) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(announcement).values({ id, ...input, status: 'draft', version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'announcement.create', objectType: 'announcement', objectId: id, regionCode: input.regionCode, details: { title: input.title, audience: input.audience } });
    await publishLive(tx, { type: 'announcement.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: { record: 'announcement', regionCode: input.regionCode, state: 'draft' } });
  });
  return id;
}
