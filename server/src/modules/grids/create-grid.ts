/** Draws a new grid in a community: valid polygon, no overlap with its neighbours. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PolygonGeometry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { assertCommunityInScope, assertNoOverlap, boundaryColumns, HOUSEHOLD_TARGET, householdWarnings, type Warning } from './grid-rules.js';
import { publishGridChanged } from './grid-events.js';
import { grid } from './tables.js';

export interface CreateGridInput {
  regionCode: string;
  name: string;
  boundary: PolygonGeometry;
  targetHouseholds?: number;
}

export async function createGrid(db: Db, ctx: ActorContext, input: CreateGridInput): Promise<{ id: string; warnings: Warning[] }> {
  await assertCommunityInScope(db, ctx.actor, input.regionCode);
  const geometry = boundaryColumns(input.boundary);
  const targetHouseholds = input.targetHouseholds ?? HOUSEHOLD_TARGET.default;
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await assertNoOverlap(tx, input.regionCode, input.boundary, null);
    const code = await nextGridCode(tx, input.regionCode);
    await tx.insert(grid).values({ id, code, name: input.name, regionCode: input.regionCode, ...geometry, targetHouseholds, createdAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'grid.create', objectType: 'grid', objectId: id, regionCode: input.regionCode, details: { code, name: input.name, targetHouseholds } });
    await publishGridChanged(tx, input.regionCode, id, now);
  });
  return { id, warnings: householdWarnings(targetHouseholds, ctx.locale) };
}

async function nextGridCode(tx: Db, communityCode: string): Promise<string> {
  const [row] = await tx
    .select({ max: sql<string | null>`max(right(${grid.code}, 3))` })
    .from(grid)
    .where(sql`${grid.regionCode} = ${communityCode}`);
  const next = Number(row?.max ?? 0) + 1;
  return `${communityCode}${String(next).padStart(3, '0')}`;
}
