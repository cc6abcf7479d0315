/**
 * Publishes a draft: from now on it never changes, and modules take answers to it. The
 * definition is checked again (the rules may have grown since it was saved), and the caller
 * names the revision it reviewed.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { auditSummary, checkedDefinition } from './definition-rules.js';
import { findVersion } from './queries.js';
import { formDefinition } from './tables.js';

export async function publishFormVersion(db: Db, ctx: ActorContext, key: string, version: number, revision: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findVersion(tx, ctx.actor, key, version, true);
    if (row.status !== 'draft') throw new AppError('FORM_STATE', { key, version, status: row.status });
    if (row.revision !== revision) throw new AppError('FORM_VERSION_CONFLICT', { key, version, revision: row.revision });
    const def = checkedDefinition(row.definition, ctx.locale);
    const now = ctx.clock.now();
    await tx.update(formDefinition).set({ status: 'published', publishedBy: ctx.actor.id, publishedAt: now, updatedAt: now }).where(eq(formDefinition.id, row.id));
    await writeAudit(tx, ctx, { action: 'form.publish', objectType: 'form_definition', objectId: row.id, details: { ...auditSummary(def), revision } });
  });
}
