/**
 * Risk areas (风险地区) as data with dates: an arrival or a declared trip whose origin contains
 * an area's name, made while the area was at its level, is evidence of that level. The list is
 * the deployment's: a city-wide operator replaces it (audited with what it was), and every code
 * is recomputed in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { divisionPrefix, type RiskArea, type RiskAreaRequest, type RiskLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { sql } from '../../platform/db/client.js';
import { recomputeCodes } from './recompute.js';
import { healthRiskArea } from './tables.js';

export async function listRiskAreas(db: Db): Promise<RiskArea[]> {
  const all = await db.select().from(healthRiskArea).orderBy(asc(healthRiskArea.validFrom), asc(healthRiskArea.name));
  return all.map((a) => ({ id: a.id, name: a.name, level: a.level as RiskLevel, from: a.validFrom.toISOString(), until: a.validUntil?.toISOString() ?? null }));
}

export async function replaceRiskAreas(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, areas: readonly RiskAreaRequest[]): Promise<RiskArea[]> {
  if (divisionPrefix(ctx.actor.regionCode).length > 4 || ctx.actor.gridId) throw new AppError('HEALTHCODE_RULE_SCOPE');
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    await tx.execute(sql`lock table health_risk_area in share row exclusive mode`);
    const before = await listRiskAreas(tx);
    await tx.delete(healthRiskArea);
    if (areas.length) {
      await tx.insert(healthRiskArea).values(areas.map((a) => ({ id: randomUUID(), name: a.name, level: a.level, validFrom: new Date(a.from), validUntil: a.until ? new Date(a.until) : null, createdBy: ctx.actor.id, createdAt: now })));
    }
    await writeAudit(tx, ctx, { action: 'healthcode.risk_area', objectType: 'health_risk_area', regionCode: ctx.actor.regionCode, details: { from: before.map(({ id: _id, ...a }) => a), to: areas } });
    await recomputeCodes(kit, tx, null, now);
  });
  return listRiskAreas(kit.db);
}
