/** The demo county's street-light loudspeakers: two in each community, near its grids, on the given grids. */
import { divisionPrefix } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { gridPointUnder } from '../grids/queries.js';
import { loudspeaker } from './tables.js';

export async function seedDemoBroadcast(kit: Pick<Kit, 'db' | 'clock'>, grids: readonly { id: string; regionCode: string }[]): Promise<{ loudspeakers: number }> {
  const now = kit.clock.now();
  const communities = [...new Map(grids.map((g) => [g.regionCode, g.id])).entries()];
  const values = [];
  for (const [i, [regionCode, gridId]] of communities.entries()) {
    const point = await gridPointUnder(kit.db, null, divisionPrefix(regionCode));
    if (!point) continue;
    for (const k of [0, 1]) {
      values.push({
        id: crypto.randomUUID(), name: `路灯广播 ${i + 1}-${k + 1}`, deviceId: `LS-${regionCode.slice(6)}-${k + 1}`, regionCode, gridId,
        lng: point[0] + k * 0.0015, lat: point[1] + k * 0.001, version: 1, createdAt: now, updatedAt: now,
      });
    }
  }
  if (values.length) await kit.db.insert(loudspeaker).values(values).onConflictDoNothing();
  return { loudspeakers: values.length };
}
