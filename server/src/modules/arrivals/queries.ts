/**
 * Reads of arrivals. Personal data: lists are masked and audited with their filters, one arrival
 * is audited; out of scope is "not found". Who sees one: operators of its region's subtree,
 * grid workers of its grid (a matched arrival is their task). An unmatched arrival has no grid:
 * it is seen only by operators whose scope holds the region that imported it.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { ArrivalDetail, ArrivalListQuery, ArrivalStatus, ArrivalSummary, TransportMode } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { Kit } from '../../platform/kit/kit.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { dayBounds } from '../../platform/time-zone.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { arrival } from './tables.js';
import { containing } from '../../platform/db/like.js';
import { maskName } from '../registers/references.js';

export type ArrivalRecord = typeof arrival.$inferSelect;

/** Operators see their region subtree's arrivals, grid workers their grid's (an unmatched one has none). */
export const ARRIVAL_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'arrival:read', where: (actor) => gridRecordInScope(actor, arrival.regionCode, arrival.gridId), test: (actor, a) => placeInScope(actor, a) },
];

async function present(kit: Pick<Kit, 'db' | 'providers'>, found: ArrivalRecord[]): Promise<ArrivalSummary[]> {
  const [regions, grids] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(found.map((a) => a.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(found.flatMap((a) => (a.gridId ? [a.gridId] : [])))]),
  ]);
  return found.map((a) => ({
    id: a.id, name: maskName(a.name), idType: a.idType, idNumberMasked: a.idMasked, phoneMasked: a.phoneMasked, transportMode: a.transportMode as TransportMode,
    transportNumber: a.transportNumber || null, carriage: a.carriage, seat: a.seat, origin: a.origin, checkpoint: a.checkpoint, arrivedAt: a.arrivedAt.toISOString(),
    matched: a.residentId !== null, regionCode: a.regionCode, regionName: regions.get(a.regionCode) ?? '', gridId: a.gridId, gridName: a.gridId ? (grids.get(a.gridId) ?? null) : null,
    status: a.status as ArrivalStatus, createdAt: a.createdAt.toISOString(),
  }));
}

function filters(ctx: ActorContext, q: Omit<ArrivalListQuery, 'page' | 'pageSize'>): SQL | undefined {
  return and(
    recordVisible(ctx.actor, ARRIVAL_VISIBILITY),
    q.matched === 'true' ? isNotNull(arrival.residentId) : q.matched === 'false' ? isNull(arrival.residentId) : undefined,
    q.status ? eq(arrival.status, q.status) : undefined,
    q.from ? gte(arrival.arrivedAt, dayBounds(q.from)[0]) : undefined,
    q.to ? lt(arrival.arrivedAt, dayBounds(q.to)[1]) : undefined,
  );
}

/** Arrivals in scope, newest first (masked); audited with the filters. A grid worker's pending ones are their tasks. */
export async function listArrivals(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: ArrivalListQuery) {
  const { page, pageSize, ...f } = q;
  const where = filters(ctx, f);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(arrival).where(where).orderBy(desc(arrival.arrivedAt), desc(arrival.id)).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(arrival).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'arrival.list', objectType: 'arrival', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await present(kit, found), total: Number(total?.n ?? 0), page, pageSize };
}

/** One arrival in scope (its full name, the matched resident, the follow-up); audited. */
export async function readArrival(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string): Promise<ArrivalDetail> {
  const [row] = await kit.db.select().from(arrival).where(and(eq(arrival.id, id), recordVisible(ctx.actor, ARRIVAL_VISIBILITY)));
  if (!row) throw notFound();
  await writeAudit(kit.db, ctx, { action: 'arrival.read', objectType: 'arrival', objectId: row.id, ...(row.residentId ? { subject: row.residentId } : {}), regionCode: row.regionCode });
  return presentDetail(kit, row);
}

export async function presentDetail(kit: Pick<Kit, 'db' | 'providers'>, row: ArrivalRecord): Promise<ArrivalDetail> {
  const [[summary], names] = await Promise.all([present(kit, [row]), accountNames(kit.db, [row.checkedBy])]);
  return {
    ...summary!, name: row.name, residentId: row.residentId, importRegionCode: row.importRegionCode, checkedAt: row.checkedAt?.toISOString() ?? null,
    checkedByName: row.checkedBy ? (names.get(row.checkedBy) ?? null) : null, checkNote: row.checkNote,
  };
}

/** Arrivals by id (the scope kit and tests). */
export async function arrivalsByIds(db: Db, ids: readonly string[]): Promise<ArrivalRecord[]> {
  return ids.length ? db.select().from(arrival).where(inArray(arrival.id, [...ids])) : [];
}

/**
 * The residents the checkpoints reported arriving in [since, until], from an origin containing
 * `origin` when given: a `select resident_id` for survey campaigns (the `arrivedResidents` provider).
 */
export function arrivedResidents(since: Date, until: Date, origin: string | null): SQL {
  return sql`select a.resident_id from ${arrival} a where a.resident_id is not null and a.arrived_at >= ${since} and a.arrived_at <= ${until}
    ${origin ? sql`and a.origin like ${containing(origin)}` : sql``}`;
}
