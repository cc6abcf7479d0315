/** Renames a region, or revokes its code from a date (the row stays, with `valid_to`). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { divisionPrefix } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree } from '../../platform/scope.js';
import { gridCountsUnder } from '../grids/queries.js';
import { region } from './tables.js';

export async function updateRegion(db: Db, ctx: ActorContext, code: string, input: { name?: string; validTo?: string }): Promise<void> {
  if (!codeInSubtree(code, ctx.actor.regionPrefix)) throw notFound();
  if (input.validTo && code === ctx.actor.regionCode) throw forbidden();
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(region).where(and(eq(region.code, code), isNull(region.validTo))).for('update');
    if (!current) throw notFound();
    if (input.validTo) {
      const [children] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(region)
        .where(and(eq(region.parentCode, code), isNull(region.validTo)));
      const grids = (await gridCountsUnder(tx, ctx.actor, [divisionPrefix(code)])).get(divisionPrefix(code)) ?? 0;
      if (Number(children?.n) > 0 || grids > 0) throw new AppError('REGION_HAS_CHILDREN');
    }
    await tx
      .update(region)
      .set({ ...(input.name ? { name: input.name } : {}), ...(input.validTo ? { validTo: input.validTo } : {}), updatedAt: ctx.clock.now() })
      .where(eq(region.id, current.id));
    await writeAudit(tx, ctx, {
      action: input.validTo ? 'region.revoke' : 'region.update',
      objectType: 'region',
      objectId: code,
      regionCode: code,
      details: { before: { name: current.name }, after: input },
    });
  });
}
