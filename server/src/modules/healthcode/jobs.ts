/**
 * The recurring recompute: codes whose validity ran out (their evidence ended, a `withinDays`
 * window closed, a correction's override expired, or a day passed) are computed again, and when
 * a future-dated rule version has taken over since the last run, every code is.
 */
import { eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Kit } from '../../platform/kit/kit.js';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { recomputeCodes } from './recompute.js';
import { ruleAt } from './rule.js';
import { healthCode, healthCodeState } from './tables.js';

export const RECOMPUTE_EVERY_MS = 5 * 60_000;

/** One run at `now`: returns what it did. */
export async function recomputeDue(kit: Pick<Kit, 'registry'>, db: Db, now: Date): Promise<{ all: boolean; changed: number }> {
  return db.transaction(async (tx) => {
    const { version } = await ruleAt(tx, now);
    const [state] = await tx.select().from(healthCodeState).where(eq(healthCodeState.id, 1)).for('update');
    if (!state || state.appliedVersion !== version) {
      const changed = await recomputeCodes(kit, tx, null, now);
      await tx.insert(healthCodeState).values({ id: 1, appliedVersion: version, appliedAt: now }).onConflictDoUpdate({ target: healthCodeState.id, set: { appliedVersion: version, appliedAt: now } });
      return { all: true, changed };
    }
    const due = tx.select({ k: healthCode.personKey }).from(healthCode).where(lte(healthCode.validUntil, new Date(now.getTime() + RECOMPUTE_EVERY_MS)));
    const changed = await recomputeCodes(kit, tx, sql`${due}`, now);
    return { all: false, changed };
  });
}

export const healthcodeJobs = (kit: Kit) => [
  defineJob({
    name: 'healthcode.recompute',
    payload: z.object({}).passthrough(),
    repeatEveryMs: RECOMPUTE_EVERY_MS,
    handle: async (_payload, ctx) => {
      await recomputeDue(kit, ctx.db, ctx.clock.now());
    },
  }),
];
