/** Throws a draft away. Published and retired versions stay for good. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { findVersion } from './queries.js';
import { formDefinition } from './tables.js';

export async function deleteFormDraft(db: Db, ctx: ActorContext, key: string, version: number, revision: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findVersion(tx, ctx.actor, key, version, true);
    if (row.status !== 'draft') throw new AppError('FORM_VERSION_IMMUTABLE', { key, version, status: row.status });
    if (row.revision !== revision) throw new AppError('FORM_VERSION_CONFLICT', { key, version, revision: row.revision });
    await tx.delete(formDefinition).where(eq(formDefinition.id, row.id));
    await writeAudit(tx, ctx, { action: 'form.draft.delete', objectType: 'form_definition', objectId: row.id, details: { key, version, revision } });
  });
}
