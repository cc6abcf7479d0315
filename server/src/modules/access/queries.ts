/**
 * Reads of gate access records: one person's or one compound's passages, within the reader's
 * scope, names masked, each read audited; what a notification or a warning's evidence shows of
 * a record; and the SQL other modules' warning rules use.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AccessRecord } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { compoundsByIds } from '../registers/compounds.js';
import { residentAuditLabels } from '../registers/references.js';
import { accessRecord } from './tables.js';
import { ACCESS_VISIBILITY } from './access-visibility.js';

export async function listAccessRecords(db: Db, ctx: ActorContext, q: { residentId?: string; compoundId?: string; page: number; pageSize: number }) {
  if (!q.residentId && !q.compoundId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'residentId', code: 'ACCESS_FILTER_REQUIRED' }] });
  const where = and(
    recordVisible(ctx.actor, ACCESS_VISIBILITY),
    q.residentId ? eq(accessRecord.residentId, q.residentId) : undefined,
    q.compoundId ? eq(accessRecord.compoundId, q.compoundId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(accessRecord).where(where).orderBy(desc(accessRecord.at), desc(accessRecord.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(accessRecord).where(where),
  ]);
  // A read of people's movements is on record (who looked at whom), even when it found nothing.
  await db.transaction((tx) =>
    writeAudit(tx, ctx, {
      action: 'access_record.read',
      objectType: q.residentId ? 'resident' : 'compound',
      objectId: q.residentId ?? q.compoundId,
      ...(q.residentId ? { subject: q.residentId } : {}),
      details: { shown: rows.length, total: Number(total?.n ?? 0) },
    }),
  );
  const [names, compounds, grids] = await Promise.all([
    residentAuditLabels(db, rows.map((r) => r.residentId)),
    compoundsByIds(db, rows.map((r) => ({ type: r.compoundType as 'building' | 'venue', id: r.compoundId }))),
    gridNames(db, rows.map((r) => r.gridId)),
  ]);
  const items: AccessRecord[] = rows.map((r) => ({
    id: String(r.id),
    residentId: r.residentId,
    residentName: names.get(r.residentId) ?? null,
    compoundType: r.compoundType as AccessRecord['compoundType'],
    compoundId: r.compoundId,
    compoundName: compounds.get(`${r.compoundType}:${r.compoundId}`)?.name ?? null,
    gridName: grids.get(r.gridId) ?? null,
    direction: r.direction as AccessRecord['direction'],
    gateId: r.gateId,
    at: r.at.toISOString(),
  }));
  return { items, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** What a warning's evidence or a notification shows of access records the reader may read: the compound and the time, no person. */
export async function describeAccessRecords(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = ids.filter((id) => /^\d{1,18}$/.test(id)).map(Number);
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(accessRecord).where(and(inArray(accessRecord.id, wanted), recordVisible(reader, ACCESS_VISIBILITY)));
  const compounds = await compoundsByIds(db, rows.map((r) => ({ type: r.compoundType as 'building' | 'venue', id: r.compoundId })));
  return new Map(rows.map((r) => [String(r.id), { what: `${r.direction === 'in' ? '进入' : '离开'} ${compounds.get(`${r.compoundType}:${r.compoundId}`)?.name ?? ''}`.trim(), where: null, urgent: false, dueAt: r.at.toISOString() }]));
}

/**
 * For other modules' warning rules (the lead's `keypersons.left_grid`): the exits of the resident
 * `residentId` (a column or value) through the gates of compounds outside the grid `gridId`
 * since `since`, as a subquery with columns `id`, `resident_id`, `grid_id`, `region_code`, `at`.
 * Use it in EXISTS or a LATERAL join; it is served by the (resident_id, at) index.
 */
export function exitsOutsideGrid(opts: { residentId: SQL; gridId: SQL; since: Date | SQL }): SQL {
  const since = opts.since instanceof Date ? sql`${opts.since.toISOString()}::timestamptz` : opts.since;
  return sql`select a.id, a.resident_id, a.grid_id, a.region_code, a.at from access_record a
    where a.resident_id = ${opts.residentId} and a.direction = 'out' and a.at >= ${since} and a.grid_id is distinct from ${opts.gridId}`;
}
