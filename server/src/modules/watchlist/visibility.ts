/**
 * Who sees a watch-list entry: holders of `watchlist:read` or `watchlist:manage` whose region
 * subtree holds the entry's region (the level its warnings go to). Grid workers hold neither.
 * Who adds or deactivates one: `watchlist:manage` with a region scope at county level or above
 * (a 2-, 4- or 6-digit prefix), the entry's region in the subtree. Outside scope an entry is
 * "not found".
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { watchEntry } from './tables.js';

export type WatchEntryRow = typeof watchEntry.$inferSelect;

const inSubtree = (actor: Actor, d: { regionCode: string }) => actor.gridId === null && !!d.regionCode && codeInSubtree(d.regionCode, actor.regionPrefix);

/** A region scope's subtree; a grid scope sees no entry (grid workers hold no watch-list permission anyway). */
const where = (actor: Actor): SQL => (actor.gridId === null ? regionInScope(actor, watchEntry.regionCode) : sql`false`);

export const WATCH_ENTRY_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'watchlist:read', where, test: inSubtree },
  { permission: 'watchlist:manage', where, test: inSubtree },
];

/** County level or above: a region scope whose prefix is at most 6 digits (province 2, city 4, county 6). */
export const atCountyOrAbove = (actor: Actor) => actor.gridId === null && actor.regionPrefix.length <= 6;

/** May add or deactivate entries whose warnings go to this region. */
export const managesAt = (actor: Actor, regionCode: string) =>
  atCountyOrAbove(actor) && actor.permissions.includes('watchlist:manage') && codeInSubtree(regionCode, actor.regionPrefix);

/** The entry if the actor may see it (locked for update when asked), else "not found". */
export async function loadEntry(db: Db, actor: Actor, id: string, lock = false): Promise<WatchEntryRow> {
  const query = db.select().from(watchEntry).where(and(eq(watchEntry.id, id), recordVisible(actor, WATCH_ENTRY_VISIBILITY)));
  const [found] = lock ? await query.for('update') : await query;
  if (!found) throw notFound();
  return found;
}

/** The entry, seen and managed by the actor: refused otherwise (seen but below county level: WATCHLIST_LEVEL). */
export async function loadManaged(db: Db, actor: Actor, id: string): Promise<WatchEntryRow> {
  const found = await loadEntry(db, actor, id, true);
  if (!managesAt(actor, found.regionCode)) throw new AppError(actor.permissions.includes('watchlist:manage') ? 'WATCHLIST_LEVEL' : 'FORBIDDEN');
  return found;
}
