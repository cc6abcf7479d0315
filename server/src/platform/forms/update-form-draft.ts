/**
 * Saves a draft again. Only a draft changes: a published or retired version is immutable
 * (FORM_VERSION_IMMUTABLE; the database refuses it too). The caller names the revision it
 * edited, so two editors do not overwrite each other (FORM_VERSION_CONFLICT).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { auditSummary, checkedDefinition } from './definition-rules.js';
import { findVersion } from './queries.js';
import { formDefinition } from './tables.js';

export interface UpdateFormDraftInput {
  definition: unknown;
  revision: number;
}

export async function updateFormDraft(db: Db, ctx: ActorContext, key: string, version: number, input: UpdateFormDraftInput): Promise<void> {
  const def = checkedDefinition(input.definition, ctx.locale);
  if (def.key !== key || def.version !== version) throw new AppError('FORM_VERSION_INVALID', { key, expected: version });
  await db.transaction(async (tx) => {
    const row = await findVersion(tx, ctx.actor, key, version, true);
    if (row.status !== 'draft') throw new AppError('FORM_VERSION_IMMUTABLE', { key, version, status: row.status });
    if (row.revision !== input.revision) throw new AppError('FORM_VERSION_CONFLICT', { key, version, revision: row.revision });
    await tx
      .update(formDefinition)
      .set({ definition: def, revision: row.revision + 1, updatedBy: ctx.actor.id, updatedAt: ctx.clock.now() })
      .where(eq(formDefinition.id, row.id));
    await writeAudit(tx, ctx, { action: 'form.draft.update', objectType: 'form_definition', objectId: row.id, details: { ...auditSummary(def), revision: row.revision + 1 } });
  });
}
