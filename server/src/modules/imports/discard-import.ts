/**
 * Deletes an upload that was never started, with its file: by its owner from the wizard, or by
 * the daily cleanup once it has been left for a day (expire-imports.ts). An import that started
 * keeps its record: its rows are in the registers.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { deleteUpload, type ImportDeps } from './deps.js';
import { findImport, type ImportRow } from './queries.js';
import { importJob } from './tables.js';

/** Removes an unstarted import's record (audited) in the caller's transaction; its file goes after commit. */
export async function removeUnstarted(tx: Db, ctx: RequestContext, job: ImportRow, action: 'import.discard' | 'import.expire'): Promise<void> {
  await tx.delete(importJob).where(eq(importJob.id, job.id));
  await writeAudit(tx, ctx, {
    action,
    objectType: 'import',
    objectId: job.id,
    regionCode: job.scopeRegionCode,
    details: { register: job.register, fileType: job.fileType, fileBytes: job.fileBytes, totalRows: job.totalRows, uploadedAt: job.createdAt.toISOString() },
  });
}

export async function discardImport(deps: ImportDeps, ctx: ActorContext, id: string): Promise<void> {
  const job = await deps.database.db.transaction(async (tx) => {
    const found = await findImport(tx, ctx.actor, id, true);
    if (found.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: found.status });
    await removeUnstarted(tx, ctx, found, 'import.discard');
    return found;
  });
  await deleteUpload(deps, job.filePath);
}
