/**
 * Starts an uploaded import with a mapping: the mapping is checked, the job queued and the start
 * audited in one transaction. Only an import still `uploaded` can start.
 */
import { eq } from 'drizzle-orm';
import type { ImportGridRule, ImportJob } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { importActor, type ImportDeps } from './deps.js';
import { checkGridMapping } from './grid-rule.js';
import { findImport, presentImport } from './queries.js';
import { ownedImportTarget } from './registers.js';
import { importJobDefinition } from './run-import.js';
import { importJob } from './tables.js';

export async function startImport(deps: ImportDeps, ctx: ActorContext, id: string, requested: Record<string, string>, grid: ImportGridRule): Promise<ImportJob> {
  const row = await deps.database.db.transaction(async (tx) => {
    const job = await findImport(tx, ctx.actor, id, true);
    if (job.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: job.status });
    const target = ownedImportTarget(deps.registry, ctx.actor, job.register);
    const mapping = await checkGridMapping(tx, importActor(ctx.actor, job), target, job.columns as string[], requested, grid);
    const now = ctx.clock.now();
    const [queued] = await tx.update(importJob).set({ status: 'queued', mapping, gridRule: grid, updatedAt: now }).where(eq(importJob.id, id)).returning();
    const { id: actorId, username, displayName, role } = ctx.actor;
    await deps.jobs.enqueue(tx, importJobDefinition(deps), { importId: id, locale: ctx.locale, actor: { id: actorId, username, displayName, role } }, { maxAttempts: 10 });
    await writeAudit(tx, ctx, {
      action: 'import.start',
      objectType: 'import',
      objectId: id,
      regionCode: job.scopeRegionCode,
      details: { register: job.register, fileType: job.fileType, fileBytes: job.fileBytes, totalRows: job.totalRows, fields: Object.keys(mapping).sort(), grid: grid.by },
    });
    return queued!;
  });
  return presentImport(row, ctx.actor, ctx.locale, deps.registry);
}
