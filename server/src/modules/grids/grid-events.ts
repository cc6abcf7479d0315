/** Who sees a grid, and the live event every grid change publishes (each process drops its grid index on it). */
import type { Db } from '../../platform/db/client.js';
import { publishLive } from '../../platform/live/live.js';
import { gridRecordInScope, placeInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { grid } from './tables.js';

export const GRID_CHANGED = 'grid.changed';

/** A grid is seen within the reader's subtree; a grid worker sees only their own grid. */
export const GRID_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'grid:read', where: (actor) => gridRecordInScope(actor, grid.regionCode, grid.id), test: (actor, g) => placeInScope(actor, g) },
];

export async function publishGridChanged(tx: Db, regionCode: string, id: string, now: Date): Promise<void> {
  await publishLive(tx, { type: GRID_CHANGED, regionCode, gridId: id, id, at: now.toISOString(), scope: { record: 'grid', regionCode, gridId: id } });
}
