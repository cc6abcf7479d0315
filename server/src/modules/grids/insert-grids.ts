/** Bulk insert of grids for seeding (the demo city, the tests): no overlap checks, no audit. */
import type { PolygonGeometry } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { boundaryColumns } from './grid-rules.js';
import { grid } from './tables.js';

export async function insertGrids(
  tx: Db,
  rows: { id: string; code: string; name: string; regionCode: string; boundary: PolygonGeometry; targetHouseholds: number }[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(grid).values(rows.slice(i, i + 500).map((g) => ({ ...g, ...boundaryColumns(g.boundary), createdAt: now, updatedAt: now })));
  }
}
