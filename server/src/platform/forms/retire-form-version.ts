/**
 * Retires a published version: modules stop taking answers to it (FORM_RETIRED), and what was
 * answered keeps its meaning, since the version itself stays as it was.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { findVersion } from './queries.js';
import { formDefinition } from './tables.js';

export async function retireFormVersion(db: Db, ctx: ActorContext, key: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findVersion(tx, ctx.actor, key, version, true);
    if (row.status !== 'published') throw new AppError('FORM_STATE', { key, version, status: row.status });
    const now = ctx.clock.now();
    await tx.update(formDefinition).set({ status: 'retired', retiredBy: ctx.actor.id, retiredAt: now, updatedAt: now }).where(eq(formDefinition.id, row.id));
    await writeAudit(tx, ctx, { action: 'form.retire', objectType: 'form_definition', objectId: row.id, details: { key, version } });
  });
}
