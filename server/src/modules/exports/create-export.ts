/**
 * Asks for an export of a filtered register list. The rows are counted within the caller's
 * scope, which is stored with the export: the file is built with exactly that scope.
 *
 * The export waits for a second person's approval when the caller's exports of the last 24
 * hours, this one included, hold more rows than the approval threshold (many small exports add
 * up), or when it is unmasked and its rows do not fit in what is left of the caller's unmask
 * budget (an unmasked export of N rows costs N unmasks: unmask-budget.ts). Unmasked rows are
 * also capped per scope and day across all accounts (EXPORT_DAILY_CAP), so a second account
 * does not double what may leave. An exact ID-number or phone filter is an exact search: it
 * needs the unmask right and spends one unit. Otherwise the file job is queued in the same
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, notInArray, or, sql } from 'drizzle-orm';
import { REGISTER_ACCESS, type createExportRequest } from '@gridgov/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { ancestorCodes, regionInScope } from '../../platform/scope.js';
import { assertExactSearchAllowed, exactSearchKeys } from '../registers/engine.js';
import { lockUnmaskBudget, spendUnmaskBudget, unmaskUnitsUsed } from '../registers/unmask-budget.js';
import type { ExportDeps } from './deps.js';
import type { ExportFileJob } from './build-export-file.js';
import { sealFilters, shownFilters } from './filters.js';
import { SHEETS } from './sheets.js';
import { exportRequest } from './tables.js';

export type CreateExportInput = z.infer<typeof createExportRequest>;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Exports that let (or may still let) rows out: not rejected, not failed. */
const COUNTED = notInArray(exportRequest.status, ['rejected', 'failed']);

/** Rows of the user's exports asked for since a time (register exports and files modules stream themselves). */
export async function rowsRequested(db: Db, actor: Actor, since: Date): Promise<number> {
  const [found] = await db
    .select({ n: sql<string>`coalesce(sum(${exportRequest.rowCount}), 0)` })
    .from(exportRequest)
    .where(and(eq(exportRequest.requestedBy, actor.id), gte(exportRequest.createdAt, since), COUNTED));
  return Number(found?.n ?? 0);
}

/** Unmasked rows asked for since a time, by anyone, in exports whose scope overlaps the actor's. */
async function unmaskedRowsInScope(db: Db, actor: Actor, since: Date): Promise<number> {
  const overlaps = or(regionInScope(actor, exportRequest.scopeRegionCode), inArray(exportRequest.scopeRegionCode, ancestorCodes(actor.regionCode)));
  const [found] = await db
    .select({ n: sql<string>`coalesce(sum(${exportRequest.rowCount}), 0)` })
    .from(exportRequest)
    .where(and(eq(exportRequest.unmask, true), gte(exportRequest.createdAt, since), COUNTED, overlaps));
  return Number(found?.n ?? 0);
}

export async function createExport(deps: ExportDeps, job: ExportFileJob, ctx: ActorContext, input: CreateExportInput): Promise<string> {
  const { actor } = ctx;
  const sheet = SHEETS[input.register];
  const access = REGISTER_ACCESS[input.register];
  if (input.unmask) {
    if (!actor.permissions.includes(access.unmask)) throw forbidden();
    if (!input.reason) throw new AppError('VALIDATION_FAILED', [{ path: 'body.reason', message: 'A reason is required to export full personal data' }]);
    if (!sheet.hasPersonalData) throw new AppError('VALIDATION_FAILED', [{ path: 'body.unmask', message: 'This register holds no personal data to unmask' }]);
  }
  const exact = exactSearchKeys(input.filters);
  if (exact.length > 0) assertExactSearchAllowed(access, actor);
  const scope = { regionCode: actor.regionCode, gridId: actor.gridId };
  const filters = sealFilters(deps.vault, input.filters);
  const id = randomUUID();
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - DAY_MS);
  await deps.db.transaction(async (tx) => {
    // One user's budgeted requests are decided one at a time; a scope's cap likewise.
    if (exact.length > 0) {
      await spendUnmaskBudget(tx, ctx, deps.config.unmaskPerHour);
    } else {
      await lockUnmaskBudget(tx, ctx);
    }
    if (input.unmask) await tx.execute(sql`select pg_advisory_xact_lock(hashtext('export:unmasked-rows'))`);
    const rowCount = await sheet.count({ ...deps, db: tx }, scope, input.filters);
    if (exact.length > 0) {
      await writeAudit(tx, ctx, {
        action: `${input.register}.search`,
        objectType: input.register,
        regionCode: scope.regionCode,
        details: { by: exact, via: 'export', matches: rowCount },
      });
    }
    if (input.unmask) {
      const exported = await unmaskedRowsInScope(tx, actor, since);
      if (exported + rowCount > deps.config.unmaskedExportRowsPerDay) {
        throw new AppError('EXPORT_DAILY_CAP', { limitPerDay: deps.config.unmaskedExportRowsPerDay, exported, asked: rowCount });
      }
    }
    const approvalFor: string[] = [];
    const recent = await rowsRequested(tx, actor, since);
    if (recent + rowCount > deps.config.exportApprovalRows) approvalFor.push('rows_in_24h');
    if (input.unmask && (await unmaskUnitsUsed(tx, ctx)) + rowCount > deps.config.unmaskPerHour) approvalFor.push('unmask_budget');
    const status = approvalFor.length > 0 ? 'pending_approval' : 'queued';
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
        rowsIn24h: recent + rowCount,
        ...(approvalFor.length ? { approvalFor } : {}),
      },
    });
    if (status === 'queued') await deps.jobs.enqueue(tx, job, { exportId: id }, { singletonKey: `export:${id}`, maxAttempts: 1 });
  });
  return id;
}
