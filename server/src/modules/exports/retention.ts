/**
 * Retention of export files: a made export is a copy of a register list (masked or not). Once it
 * was made longer ago than the period, the file is deleted and the export is `expired` (asking
 * for it again makes a new one, with the usual approvals and budget).
 */
import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { exportRequest } from './tables.js';

export const exportFileRetention: RetentionRule = {
  kind: 'export-file',
  what: 'files of made exports',
  defaultDays: 7,
  purge: async (kit, before) => {
    const old = await kit.db
      .select({ id: exportRequest.id, path: exportRequest.filePath })
      .from(exportRequest)
      .where(and(isNotNull(exportRequest.filePath), lt(sql`coalesce(${exportRequest.finishedAt}, ${exportRequest.updatedAt})`, before)));
    for (const row of old) {
      const now = kit.clock.now();
      await kit.db.update(exportRequest).set({ filePath: null, status: 'expired', updatedAt: now }).where(and(eq(exportRequest.id, row.id), isNotNull(exportRequest.filePath)));
      await kit.files.delete(row.path!);
    }
    return old.length;
  },
};
