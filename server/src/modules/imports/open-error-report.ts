/**
 * The error report of an import for its owner: it holds the failed rows' personal data as
 * uploaded, so every download is audited (in the same transaction as the read of the job).
 */
import type { Readable } from 'node:stream';
import { notFound } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ImportDeps } from './deps.js';
import { findImport } from './queries.js';

export async function openErrorReport(deps: ImportDeps, ctx: ActorContext, id: string): Promise<{ name: string; stream: Readable }> {
  return deps.database.db.transaction(async (tx) => {
    const job = await findImport(tx, ctx.actor, id);
    if (!job.errorReportPath || (await deps.files.size(job.errorReportPath)) === null) throw notFound();
    await writeAudit(tx, ctx, {
      action: 'import.error_report',
      objectType: 'import',
      objectId: job.id,
      regionCode: job.scopeRegionCode,
      details: { register: job.register, failedRows: job.failedRows },
    });
    return { name: `${job.fileName.replace(/\.[^.]*$/, '')}-errors.xlsx`, stream: deps.files.read(job.errorReportPath) };
  });
}
