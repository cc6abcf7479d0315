/** Adds a region under an existing parent, inside the actor's subtree. */
import { and, eq, isNull } from 'drizzle-orm';
import { parseDivisionCode } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree } from '../../platform/scope.js';
import { levelNumber } from './levels.js';
import { region } from './tables.js';
import { localDate } from '../../platform/time-zone.js';

export async function createRegion(db: Db, ctx: ActorContext, input: { code: string; name: string; validFrom?: string }): Promise<void> {
  const parsed = parseDivisionCode(input.code);
  if (!parsed.ok) throw new AppError('REGION_CODE_INVALID', { reason: parsed.reason });
  // The actor's own root cannot be created again; anything new must be strictly below it.
  if (!codeInSubtree(input.code, ctx.actor.regionPrefix) || input.code === ctx.actor.regionCode) throw forbidden();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    if (parsed.parentCode) {
      const [parent] = await tx
        .select({ code: region.code })
        .from(region)
        .where(and(eq(region.code, parsed.parentCode), isNull(region.validTo)));
      if (!parent) throw new AppError('REGION_PARENT_NOT_FOUND', { parentCode: parsed.parentCode });
    }
    const [existing] = await tx.select({ code: region.code }).from(region).where(and(eq(region.code, input.code), isNull(region.validTo)));
    if (existing) throw new AppError('CONFLICT', { code: input.code });
    await tx.insert(region).values({
      code: input.code,
      name: input.name,
      level: levelNumber(parsed.level),
      parentCode: parsed.parentCode,
      validFrom: input.validFrom ?? localDate(now),
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, { action: 'region.create', objectType: 'region', objectId: input.code, regionCode: input.code, details: { name: input.name } });
  });
}
