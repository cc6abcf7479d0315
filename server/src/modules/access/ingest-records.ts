/**
 * A gate system's batch of passages: each record names a compound of the caller's scope and a
 * resident; records already received (same gate and source record id) are counted as duplicates,
 * never stored twice. One audit entry per batch, with the counts (no personal data).
 */
import type { AccessRecordInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { placeInScope } from '../../platform/scope.js';
import { compoundsByIds, liveResidentIds } from '../registers/compounds.js';
import { accessRecord } from './tables.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; field: string; code: string }[];
}

export async function ingestAccessRecords(db: Db, ctx: ActorContext, records: readonly AccessRecordInput[]): Promise<IngestResult> {
  const now = ctx.clock.now();
  const [compounds, residents] = await Promise.all([
    compoundsByIds(db, records.map((r) => ({ type: r.compoundType, id: r.compoundId }))),
    liveResidentIds(db, records.map((r) => r.residentId)),
  ]);
  const rejected: IngestResult['rejected'] = [];
  const rows = records.flatMap((r, index) => {
    const compound = compounds.get(`${r.compoundType}:${r.compoundId}`);
    if (!compound || !placeInScope(ctx.actor, compound)) {
      rejected.push({ index, field: `records.${index}.compoundId`, code: 'ACCESS_COMPOUND_INVALID' });
      return [];
    }
    if (!residents.has(r.residentId)) {
      rejected.push({ index, field: `records.${index}.residentId`, code: 'ACCESS_RESIDENT_INVALID' });
      return [];
    }
    return [{
      residentId: r.residentId, compoundType: r.compoundType, compoundId: r.compoundId, regionCode: compound.regionCode, gridId: compound.gridId,
      direction: r.direction, at: new Date(r.at), gateId: r.gateId, sourceRecordId: r.sourceRecordId, receivedAt: now,
    }];
  });
  return db.transaction(async (tx) => {
    const accepted = await storeAccessRecords(tx, rows);
    const result = { accepted, duplicates: rows.length - accepted, rejected };
    await writeAudit(tx, ctx, {
      action: 'access_record.ingest',
      objectType: 'access_record',
      regionCode: ctx.actor.regionCode,
      details: { accepted: result.accepted, duplicates: result.duplicates, rejected: rejected.length },
    });
    return result;
  });
}


export type AccessRow = typeof accessRecord.$inferInsert;

/** Stores checked passages, skipping those already received; returns how many were new. */
export async function storeAccessRecords(tx: Db, rows: readonly AccessRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(accessRecord).values([...rows]).onConflictDoNothing({ target: [accessRecord.gateId, accessRecord.sourceRecordId] }).returning({ id: accessRecord.id });
  return inserted.length;
}
