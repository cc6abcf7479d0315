/**
 * The job that makes an export's file: the rows the filters select within the scope stored
 * with the export (the register kind's `ExportSource`), streamed page by page into the file
 * store under `exports/<id>.<ext>` (written to a
 * `.part` file and renamed, so a file that exists is complete). Runs again harmlessly: only a
 * queued export is built, and only one run marks it ready. A run killed mid-way leaves its part
 * file (personal data): the run that takes its job over removes the part files of the export
 * once it has ended, whatever the outcome.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { RegisterKind } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { FileStore } from '../../platform/files/store.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { RegisterDeps } from '../registers/deps.js';
import type { RecordScope } from '../registers/export-source.js';
import { openFilters, type StoredFilters } from './filters.js';
import { openSheetWriter } from './file-writers.js';
import { EXPORT_SOURCES } from './sheets.js';
import type { ExportRow } from './policy.js';
import { exportRequest } from './tables.js';

export const exportFilePayload = z.object({ exportId: z.uuid() });

/** The registers' deps and the file store the export's file goes to. */
export type ExportFileDeps = RegisterDeps & { files: FileStore };

export function exportFileJob(deps: ExportFileDeps) {
  return defineJob({
    name: 'export.file',
    payload: exportFilePayload,
    handle: async (payload, ctx) => {
      try {
        await buildExportFile(deps, ctx.clock, payload.exportId);
      } finally {
        // Only after a takeover can a dead run's part file be left.
        if (ctx.takenOver) await removePartFiles(deps.files, payload.exportId);
      }
    },
  });
}

export type ExportFileJob = ReturnType<typeof exportFileJob>;

/** Where an export's file lives, relative to filesDir. */
export function exportFilePath(row: Pick<ExportRow, 'id' | 'format'>): string {
  return path.join('exports', `${row.id}.${row.format}`);
}

async function writeRows(deps: RegisterDeps, row: ExportRow, file: string): Promise<number> {
  const sheet = EXPORT_SOURCES[row.register as RegisterKind];
  const writer = openSheetWriter(row.format === 'csv' ? 'csv' : 'xlsx', file, sheet);
  let written = 0;
  try {
    for await (const rows of sheet.pages(deps, scopeOf(row), openFilters(deps.vault, row.filters as StoredFilters), row.unmask)) {
      await writer.write(rows);
      written += rows.length;
    }
  } finally {
    await writer.close();
  }
  return written;
}

/** Removes the part files runs of this export left (a run killed before its rename). */
export async function removePartFiles(files: FileStore, id: string): Promise<number> {
  const dir = path.dirname(files.localPath(`exports/${id}`));
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const parts = names.filter((n) => n.startsWith(`${id}.`) && n.endsWith('.part'));
  await Promise.all(parts.map((n) => fs.promises.rm(path.join(dir, n), { force: true })));
  return parts.length;
}

function scopeOf(row: ExportRow): RecordScope {
  return { regionCode: row.scopeRegionCode, gridId: row.scopeGridId };
}

export async function buildExportFile(deps: ExportFileDeps, clock: Clock, id: string): Promise<void> {
  const [row] = await deps.db.select().from(exportRequest).where(eq(exportRequest.id, id));
  if (!row || row.status !== 'queued') return;
  const ctx = systemContext(clock, `export:${id}`);
  const audit = { objectType: 'export', objectId: id, regionCode: row.scopeRegionCode };
  const stillQueued = and(eq(exportRequest.id, id), eq(exportRequest.status, 'queued'));
  const file = deps.files.localPath(exportFilePath(row));
  // Its own part file per run: a run that outlives its job lease may overlap a second one.
  const part = `${file}.${randomUUID()}.part`;
  let written: number;
  try {
    // The two-person rule holds for the rows as they are now, not only as they were counted.
    if (!row.decidedBy) {
      const now = await EXPORT_SOURCES[row.register as RegisterKind].count(deps, scopeOf(row), openFilters(deps.vault, row.filters as StoredFilters));
      if (now > deps.config.exportApprovalRows) {
        await deps.db.transaction(async (tx) => {
          const [moved] = await tx.update(exportRequest).set({ status: 'pending_approval', rowCount: now, updatedAt: clock.now() }).where(stillQueued).returning({ id: exportRequest.id });
          if (moved) await writeAudit(tx, ctx, { ...audit, action: 'export.approval_required', details: { rowCount: now, counted: row.rowCount } });
        });
        return;
      }
    }
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    written = await writeRows(deps, row, part);
    await fs.promises.rename(part, file);
  } catch (error) {
    await fs.promises.rm(part, { force: true }).catch(() => undefined);
    await deps.db.transaction(async (tx) => {
      const [failed] = await tx.update(exportRequest).set({ status: 'failed', finishedAt: clock.now(), updatedAt: clock.now() }).where(stillQueued).returning({ id: exportRequest.id });
      const message = error instanceof Error ? error.message : String(error);
      if (failed) await writeAudit(tx, ctx, { ...audit, action: 'export.fail', outcome: 'failure', details: { error: message.slice(0, 200) } });
    });
    throw error;
  }
  await deps.db.transaction(async (tx) => {
    const now = clock.now();
    const [ready] = await tx
      .update(exportRequest)
      .set({ status: 'ready', filePath: exportFilePath(row), rowCount: written, finishedAt: now, updatedAt: now })
      .where(stillQueued)
      .returning({ id: exportRequest.id });
    if (ready) await writeAudit(tx, ctx, { ...audit, action: 'export.ready', details: { register: row.register, format: row.format, rowCount: written } });
  });
}
