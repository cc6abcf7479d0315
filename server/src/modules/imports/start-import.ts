/**
 * Starts an uploaded import with a mapping: the mapping is checked, the job queued and the start
 * audited in one transaction. Only an import still `uploaded` can start.
 */
import { eq } from 'drizzle-orm';
import type { ImportJob, RegisterKind } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ImportRouteDeps } from './deps.js';
import { checkMapping } from './fields.js';
import { findImport, presentImport } from './queries.js';
import { assertImportable } from './registers.js';
import { importJobDefinition } from './run-import.js';
import { importJob } from './tables.js';

export async function startImport(deps: ImportRouteDeps, ctx: ActorContext, id: string, mapping: Record<string, string>): Promise<ImportJob> {
  const row = await deps.database.db.transaction(async (tx) => {
    const job = await findImport(tx, ctx.actor, id, true);
    if (job.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: job.status });
    checkMapping(assertImportable(job.register as RegisterKind), job.columns as string[], mapping);
    const now = ctx.clock.now();
    const [queued] = await tx.update(importJob).set({ status: 'queued', mapping, updatedAt: now }).where(eq(importJob.id, id)).returning();
    const { id: actorId, username, displayName, role } = ctx.actor;
    await deps.jobs.enqueue(tx, importJobDefinition(deps), { importId: id, locale: ctx.locale, actor: { id: actorId, username, displayName, role } }, { maxAttempts: 10 });
    await writeAudit(tx, ctx, {
      action: 'import.start',
      objectType: 'import',
      objectId: id,
      regionCode: job.scopeRegionCode,
      details: { register: job.register, fileType: job.fileType, fileBytes: job.fileBytes, totalRows: job.totalRows, fields: Object.keys(mapping).sort() },
    });
    return queued!;
  });
  return presentImport(row, ctx.actor, ctx.locale);
}
