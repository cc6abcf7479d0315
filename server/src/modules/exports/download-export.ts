/**
 * The requester downloads a ready export. Each download is counted and audited in the same
 * transaction; the file is opened before the commit, so an audited download has its file.
 * Downloading an unmasked export of N rows spends N units of the requester's unmask budget
 * (the audit entry carries them as `unmaskedRows`). Without a second person's approval it must
 * fit in what is left of the budget; an approved one is let through and spends it all the same.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { localDate } from '../../platform/time-zone.js';
import type { ExportDeps } from './deps.js';
import { canDownload, type ExportRow } from './policy.js';
import { findExport } from './queries.js';
import { lockUnmaskBudget, unmaskUnitsUsed } from '../registers/unmask-budget.js';
import { SHEETS } from './sheets.js';
import { exportRequest } from './tables.js';

export interface ExportDownload {
  stream: Readable;
  /** "人口台账_2026-05-01.xlsx" */
  fileName: string;
  /** "resident_2026-05-01.xlsx", for clients that do not read RFC 5987 names. */
  asciiFileName: string;
  contentType: string;
  bytes: number;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** "人口台账_2026-05-01.xlsx": the register's Chinese name and the day it was asked for. */
export function exportFileName(row: Pick<ExportRow, 'register' | 'format' | 'createdAt'>, ascii = false): string {
  const name = ascii ? row.register : SHEETS[row.register as keyof typeof SHEETS].title;
  return `${name}_${localDate(row.createdAt)}.${row.format}`;
}

function refuse(row: ExportRow): AppError {
  if (row.status === 'pending_approval') return new AppError('EXPORT_APPROVAL_REQUIRED');
  if (row.status !== 'ready') return new AppError('EXPORT_STATE', { status: row.status });
  return forbidden();
}

export async function downloadExport(deps: ExportDeps, ctx: ActorContext, id: string): Promise<ExportDownload> {
  const opened: { handle?: FileHandle } = {};
  try {
    const found = await deps.db.transaction(async (tx) => {
      const row = await findExport(tx, ctx.actor, id, true);
      if (row.requestedBy !== ctx.actor.id) throw forbidden();
      if (!canDownload(ctx.actor, row) || !row.filePath) throw refuse(row);
      if (row.unmask) {
        await lockUnmaskBudget(tx, ctx);
        const used = await unmaskUnitsUsed(tx, ctx);
        if (!row.decidedBy && used + row.rowCount > deps.config.unmaskPerHour) {
          throw new AppError('UNMASK_RATE_LIMITED', { limitPerHour: deps.config.unmaskPerHour, used, asked: row.rowCount });
        }
      }
      opened.handle = await fs.promises.open(deps.files.localPath(row.filePath), 'r');
      const { size } = await opened.handle.stat();
      const [counted] = await tx
        .update(exportRequest)
        .set({ downloads: sql`${exportRequest.downloads} + 1` })
        .where(eq(exportRequest.id, id))
        .returning({ downloads: exportRequest.downloads });
      await writeAudit(tx, ctx, {
        action: 'export.download',
        objectType: 'export',
        objectId: id,
        regionCode: row.scopeRegionCode,
        details: {
          register: row.register,
          format: row.format,
          rowCount: row.rowCount,
          unmask: row.unmask,
          unmaskedRows: row.unmask ? row.rowCount : 0,
          downloads: counted?.downloads ?? null,
        },
      });
      return { row, size };
    });
    const format = found.row.format === 'csv' ? 'csv' : 'xlsx';
    return { stream: opened.handle!.createReadStream(), fileName: exportFileName(found.row), asciiFileName: exportFileName(found.row, true), contentType: CONTENT_TYPES[format], bytes: found.size };
  } catch (error) {
    await opened.handle?.close();
    throw error;
  }
}
