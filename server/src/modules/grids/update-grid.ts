/** Renames a grid, redraws its boundary (overlap checked again) or changes its household target. */
import { and, eq, isNull } from 'drizzle-orm';
import type { PolygonGeometry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { gridRecordInScope } from '../../platform/scope.js';
import { assertNoOverlap, boundaryColumns, householdWarnings, type Warning } from './grid-rules.js';
import { publishGridChanged } from './grid-events.js';
import { grid } from './tables.js';

export interface UpdateGridInput {
  name?: string;
  boundary?: PolygonGeometry;
  targetHouseholds?: number;
}

export async function updateGrid(db: Db, ctx: ActorContext, id: string, input: UpdateGridInput): Promise<{ warnings: Warning[] }> {
  const geometry = input.boundary ? boundaryColumns(input.boundary) : {};
  const now = ctx.clock.now();
  const target = await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(grid)
      .where(and(eq(grid.id, id), isNull(grid.deletedAt), gridRecordInScope(ctx.actor, grid.regionCode, grid.id)))
      .for('update');
    if (!current) throw notFound();
    if (input.boundary) await assertNoOverlap(tx, current.regionCode, input.boundary, id);
    await tx
      .update(grid)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.targetHouseholds ? { targetHouseholds: input.targetHouseholds } : {}),
        ...geometry,
        updatedAt: now,
      })
      .where(eq(grid.id, id));
    await writeAudit(tx, ctx, {
      action: 'grid.update',
      objectType: 'grid',
      objectId: id,
      regionCode: current.regionCode,
      details: {
        before: { name: current.name, targetHouseholds: current.targetHouseholds, boundaryChanged: Boolean(input.boundary) },
        after: { name: input.name, targetHouseholds: input.targetHouseholds },
      },
    });
    await publishGridChanged(tx, current.regionCode, id, now);
    return input.targetHouseholds ?? current.targetHouseholds;
  });
  return { warnings: householdWarnings(target, ctx.locale) };
}
