/**
 * Asks for an export of a filtered register list. The rows are counted within the caller's
 * scope, which is stored with the export: the file is built with exactly that scope. Above
 * the configured row count the export waits for a second person's approval; otherwise the
 * file job is queued in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { createExportRequest } from '@gridgov/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ExportDeps } from './deps.js';
import type { ExportFileJob } from './build-export-file.js';
import { sealFilters, shownFilters } from './filters.js';
import { SHEETS } from './sheets.js';
import { exportRequest } from './tables.js';

export type CreateExportInput = z.infer<typeof createExportRequest>;

export async function createExport(deps: ExportDeps, job: ExportFileJob, ctx: ActorContext, input: CreateExportInput): Promise<string> {
  const { actor } = ctx;
  const sheet = SHEETS[input.register];
  if (input.unmask) {
    if (!actor.permissions.includes('register:unmask')) throw forbidden();
    if (!input.reason) throw new AppError('VALIDATION_FAILED', [{ path: 'body.reason', message: 'A reason is required to export full personal data' }]);
    if (!sheet.hasPersonalData) throw new AppError('VALIDATION_FAILED', [{ path: 'body.unmask', message: 'This register holds no personal data to unmask' }]);
  }
  const scope = { regionCode: actor.regionCode, gridId: actor.gridId };
  const rowCount = await sheet.count(deps, scope, input.filters);
  const status = rowCount > deps.config.exportApprovalRows ? 'pending_approval' : 'queued';
  const filters = sealFilters(deps.vault, input.filters);
  const id = randomUUID();
  const now = ctx.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(exportRequest).values({
      id,
      register: input.register,
      format: input.format,
      filters,
      unmask: input.unmask,
      reason: input.reason ?? null,
      rowCount,
      status,
      requestedBy: actor.id,
      scopeRegionCode: scope.regionCode,
      scopeGridId: scope.gridId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'export.request',
      objectType: 'export',
      objectId: id,
      regionCode: scope.regionCode,
      details: {
        register: input.register,
        format: input.format,
        filters: shownFilters(filters),
        unmask: input.unmask,
        reason: input.reason ?? null,
        rowCount,
        status,
      },
    });
    if (status === 'queued') await deps.jobs.enqueue(tx, job, { exportId: id }, { singletonKey: `export:${id}`, maxAttempts: 1 });
  });
  return id;
}
