/**
 * Retention of import error reports: the spreadsheet of refused rows holds the rows as they were
 * uploaded (names, ID numbers, phones). Once an import finished longer ago than the period, the
 * file is deleted and the import says it has no report any more.
 */
import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { importJob } from './tables.js';

export const errorReportRetention: RetentionRule = {
  kind: 'import-error-report',
  what: 'error reports of finished imports (the refused rows as uploaded)',
  defaultDays: 30,
  purge: async (kit, before) => {
    const old = await kit.db
      .select({ id: importJob.id, path: importJob.errorReportPath })
      .from(importJob)
      .where(and(isNotNull(importJob.errorReportPath), lt(sql`coalesce(${importJob.finishedAt}, ${importJob.updatedAt})`, before)));
    for (const row of old) {
      // The row first: a crash between the two leaves a file nothing points to, never a pointer to nothing.
      await kit.db.update(importJob).set({ errorReportPath: null, updatedAt: kit.clock.now() }).where(and(sql`${importJob.id} = ${row.id}`, isNotNull(importJob.errorReportPath)));
      await kit.files.delete(row.path!);
    }
    return old.length;
  },
};
