/**
 * Correction requests (用户健康信息纠错): a resident disputes their code on the portal (or a grid
 * worker or operator records one given by phone for a code in scope); an operator whose region
 * holds the code reviews it: accepted, the code shows the colour given until the expiry (then the
 * rule again), or rejected with a note. The review guards its start state and the version read.
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { CodeColour, CorrectionReviewRequest, CorrectionSummary, CorrectionStatus } from '@gridgov/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { personSet, recomputeCodes } from './recompute.js';
import { healthCode, healthCorrection } from './tables.js';
import { loadCode, ownKey } from './codes.js';
import type { correctionListQuery } from '@gridgov/contracts';

type CorrectionRow = typeof healthCorrection.$inferSelect;

export const CORRECTION_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'healthcode:review',
    where: (actor) => (actor.gridId ? sql`false` : sql`(${healthCorrection.regionCode} is not null and ${regionInScope(actor, healthCorrection.regionCode)})`),
    test: (actor, c) => !actor.gridId && !!c.regionCode && codeInSubtree(c.regionCode, actor.regionPrefix),
  },
];

const present = (c: CorrectionRow): CorrectionSummary => ({
  id: c.id,
  status: c.status as CorrectionStatus,
  colourAtRequest: c.colourAtRequest as CodeColour,
  reason: c.reason,
  regionCode: c.regionCode,
  reviewNote: c.reviewNote,
  overrideColour: c.overrideColour as CodeColour | null,
  overrideUntil: c.overrideUntil?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
  reviewedAt: c.reviewedAt?.toISOString() ?? null,
  version: c.version,
});

async function file(kit: Pick<Kit, 'db'>, ctx: ActorContext, code: typeof healthCode.$inferSelect, reason: string): Promise<CorrectionSummary> {
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    const [open] = await tx.select({ id: healthCorrection.id }).from(healthCorrection).where(and(eq(healthCorrection.personKey, code.personKey), eq(healthCorrection.status, 'pending')));
    if (open) throw new AppError('HEALTHCODE_CORRECTION_OPEN');
    const [row] = await tx
      .insert(healthCorrection)
      .values({ id: randomUUID(), personKey: code.personKey, colourAtRequest: code.colour, reason, status: 'pending', regionCode: code.regionCode ?? ctx.actor.regionCode, gridId: code.gridId, version: 1, createdAt: now })
      .returning();
    await writeAudit(tx, ctx, { action: 'healthcode.correction', objectType: 'health_correction', objectId: row!.id, subject: code.personKey, regionCode: row!.regionCode ?? undefined });
    return present(row!);
  });
}

/** On the portal: one's own issued code. */
export async function requestOwnCorrection(kit: Pick<Kit, 'db'>, ctx: ActorContext, reason: string): Promise<CorrectionSummary> {
  const [code] = await kit.db.select().from(healthCode).where(eq(healthCode.personKey, await ownKey(kit.db, ctx)));
  if (!code?.issuedAt) throw new AppError('HEALTHCODE_NOT_ISSUED');
  return file(kit, ctx, code, reason);
}

/** By staff, for a code in their scope (a request given by phone). */
export async function recordCorrection(kit: Pick<Kit, 'db'>, ctx: ActorContext, personKey: string, reason: string): Promise<CorrectionSummary> {
  return file(kit, ctx, await loadCode(kit.db, ctx, personKey), reason);
}

export async function listCorrections(kit: Pick<Kit, 'db'>, ctx: ActorContext, q: z.infer<typeof correctionListQuery>) {
  const { page, pageSize, ...f } = q;
  const where = and(recordVisible(ctx.actor, CORRECTION_VISIBILITY), f.status ? eq(healthCorrection.status, f.status) : undefined);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(healthCorrection).where(where).orderBy(desc(healthCorrection.createdAt), healthCorrection.id).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(healthCorrection).where(where),
  ]);
  return { items: found.map(present), total: Number(total?.n ?? 0), page, pageSize };
}

export async function reviewCorrection(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, id: string, input: CorrectionReviewRequest): Promise<CorrectionSummary> {
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    const [c] = await tx.select().from(healthCorrection).where(and(eq(healthCorrection.id, id), recordVisible(ctx.actor, CORRECTION_VISIBILITY))).for('update');
    if (!c) throw notFound();
    if (c.status !== 'pending') throw new AppError('HEALTHCODE_CORRECTION_STATE');
    if (c.version !== input.version) throw new AppError('HEALTHCODE_CORRECTION_STATE');
    const accept = input.decision === 'accept';
    const overrideColour = accept ? (input.colour ?? 'green') : null;
    const overrideUntil = accept ? new Date(now.getTime() + (input.hours ?? 24) * 3_600_000) : null;
    const [row] = await tx
      .update(healthCorrection)
      .set({ status: accept ? 'accepted' : 'rejected', reviewNote: input.note, overrideColour, overrideUntil, reviewedBy: ctx.actor.id, reviewedAt: now, version: c.version + 1 })
      .where(eq(healthCorrection.id, id))
      .returning();
    await writeAudit(tx, ctx, { action: 'healthcode.review', objectType: 'health_correction', objectId: id, subject: c.personKey, regionCode: c.regionCode ?? undefined, details: { from: 'pending', to: row!.status, colour: overrideColour, until: overrideUntil?.toISOString() ?? null } });
    if (accept) await recomputeCodes(kit, tx, personSet([c.personKey]), now);
    return present(row!);
  });
}
