/**
 * Health codes in the demo city: two risk areas (武汉, high, since ten days ago; 广州, medium),
 * the rule's default version in force, and every code computed from the evidence the demo's
 * cases, contacts, arrivals and declarations give (red for the cluster's cases and close
 * contacts, yellow for secondary contacts, fevers and arrivals from Guangzhou). The demo resident
 * account's code is issued, so the portal shows it.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Kit } from '../../platform/kit/kit.js';
import { rows } from '../../platform/db/client.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { personSet, recomputeCodes } from './recompute.js';
import { healthCode, healthRiskArea } from './tables.js';

export async function seedDemoCodes(kit: Kit): Promise<{ red: number; yellow: number }> {
  const now = kit.clock.now();
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await kit.db.insert(healthRiskArea).values([
    { id: randomUUID(), name: '武汉', level: 'high', validFrom: days(10), validUntil: null, createdBy: null, createdAt: now },
    { id: randomUUID(), name: '广州', level: 'medium', validFrom: days(10), validUntil: null, createdBy: null, createdAt: now },
  ]);
  const resident = await accountByUsername(kit.db, 'resident1');
  await kit.db.transaction(async (tx) => {
    await recomputeCodes(kit, tx, null, now);
    if (resident) {
      await recomputeCodes(kit, tx, personSet([resident.id]), now);
      await tx.update(healthCode).set({ issuedAt: now, regionCode: resident.scopeRegionCode }).where(eq(healthCode.personKey, resident.id));
    }
  });
  const [counts] = await rows<{ red: number; yellow: number }>(kit.db, sql`select count(*) filter (where colour = 'red')::int as red, count(*) filter (where colour = 'yellow')::int as yellow from health_code`);
  return counts ?? { red: 0, yellow: 0 };
}
