/** Retires a grid (soft delete: history that points at it keeps resolving). */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { gridRecordInScope } from '../../platform/scope.js';
import { publishGridChanged } from './grid-events.js';
import { grid } from './tables.js';

export async function deleteGrid(db: Db, ctx: ActorContext, id: string): Promise<void> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const [current] = await tx
      .update(grid)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(eq(grid.id, id), isNull(grid.deletedAt), gridRecordInScope(ctx.actor, grid.regionCode, grid.id)))
      .returning({ regionCode: grid.regionCode, code: grid.code, name: grid.name });
    if (!current) throw notFound();
    await writeAudit(tx, ctx, { action: 'grid.delete', objectType: 'grid', objectId: id, regionCode: current.regionCode, details: { code: current.code, name: current.name } });
    await publishGridChanged(tx, current.regionCode, id, now);
  });
}
