/** Bulk insert of regions for seeding (the demo city, the tests); imports go through import-regions.ts. */
import type { RegionLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { levelNumber } from './levels.js';
import { region } from './tables.js';

export async function insertRegions(tx: Db, rows: { code: string; name: string; level: RegionLevel; parentCode: string | null }[], validFrom: string, now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(region).values(
      rows.slice(i, i + 500).map((r) => ({ code: r.code, name: r.name, level: levelNumber(r.level), parentCode: r.parentCode, validFrom, createdAt: now, updatedAt: now })),
    );
  }
}
