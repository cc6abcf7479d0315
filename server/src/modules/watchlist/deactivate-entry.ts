/** Deactivates an entry (from active only): captures stop matching it at once; the row stays for the alarms that name it. */
import { eq } from 'drizzle-orm';
import type { WatchEntry } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { watchEntry } from './tables.js';
import { presentEntries } from './queries.js';
import { loadManaged } from './visibility.js';

export async function deactivateEntry(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string): Promise<WatchEntry> {
  const now = ctx.clock.now();
  const row = await kit.db.transaction(async (tx) => {
    const found = await loadManaged(tx, ctx.actor, id);
    if (!found.active) throw new AppError('WATCHLIST_INACTIVE');
    const [changed] = await tx.update(watchEntry).set({ active: false }).where(eq(watchEntry.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'watch_entry.deactivate', objectType: 'watch_entry', objectId: id, regionCode: found.regionCode, details: { kind: found.kind, hint: found.hint, label: found.label } });
    return changed!;
  });
  return (await presentEntries(kit, [row], now))[0]!;
}
