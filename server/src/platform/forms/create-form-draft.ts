/**
 * Starts a draft: a new form (version 1) or the next version of one. The definition carries its
 * own key and version; the version must be the highest so far plus one, and a form has at most
 * one draft at a time.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ActorContext } from '../http/types.js';
import { AppError } from '../errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { writeAudit } from '../audit/write-audit.js';
import { auditSummary, checkedDefinition } from './definition-rules.js';
import { formDefinition } from './tables.js';

export async function createFormDraft(db: Db, ctx: ActorContext, input: { definition: unknown }): Promise<{ key: string; version: number }> {
  const def = checkedDefinition(input.definition, ctx.locale);
  const now = ctx.clock.now();
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      const existing = await tx
        .select({ version: formDefinition.version, status: formDefinition.status })
        .from(formDefinition)
        .where(eq(formDefinition.key, def.key))
        .for('update');
      const draft = existing.find((r) => r.status === 'draft');
      if (draft) throw new AppError('FORM_DRAFT_EXISTS', { key: def.key, version: draft.version });
      const next = Math.max(0, ...existing.map((r) => r.version)) + 1;
      if (def.version !== next) throw new AppError('FORM_VERSION_INVALID', { key: def.key, expected: next });
      await tx.insert(formDefinition).values({
        id, key: def.key, version: def.version, status: 'draft', definition: def, revision: 1,
        createdBy: ctx.actor.id, createdAt: now, updatedBy: ctx.actor.id, updatedAt: now,
      });
      await writeAudit(tx, ctx, { action: 'form.draft.create', objectType: 'form_definition', objectId: id, details: auditSummary(def) });
    });
  } catch (error) {
    // Two people starting the same form at once: the second finds the first one's draft.
    if (isUniqueViolation(error)) throw new AppError('FORM_DRAFT_EXISTS', { key: def.key });
    throw error;
  }
  return { key: def.key, version: def.version };
}
