/**
 * Marks an arrival checked (核查): the grid worker of its grid or an operator whose scope holds
 * it says the person was checked on, with a note. Only a pending arrival can be checked; the
 * change and its audit entry are one transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { ArrivalCheckRequest, ArrivalDetail } from '@gridgov/contracts';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { gridRecordInScope, recordVisible, type Visibility } from '../../platform/scope.js';
import { presentDetail } from './queries.js';
import { arrival } from './tables.js';

/** Who may check an arrival: the holders of `arrival:check` whose scope holds it. */
const CHECKERS: Visibility<unknown> = [{ permission: 'arrival:check', where: (actor) => gridRecordInScope(actor, arrival.regionCode, arrival.gridId), test: () => false }];

export async function checkArrival(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, input: ArrivalCheckRequest): Promise<ArrivalDetail> {
  const row = await kit.db.transaction(async (tx) => {
    const [found] = await tx.select().from(arrival).where(and(eq(arrival.id, id), recordVisible(ctx.actor, CHECKERS))).for('update');
    if (!found) throw notFound();
    if (found.status !== 'pending') throw new AppError('ARRIVAL_ALREADY_CHECKED', { status: found.status });
    const [checked] = await tx
      .update(arrival)
      .set({ status: 'checked', checkedBy: ctx.actor.id, checkedAt: ctx.clock.now(), checkNote: input.note || null })
      .where(and(eq(arrival.id, id), eq(arrival.status, 'pending')))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'arrival.check', objectType: 'arrival', objectId: id, ...(found.residentId ? { subject: found.residentId } : {}), regionCode: found.regionCode,
      details: { from: 'pending', to: 'checked', note: Boolean(input.note) },
    });
    return checked!;
  });
  return presentDetail(kit, row);
}
