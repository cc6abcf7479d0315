/**
 * Quarantine sites (集中隔离点): a name, region, address, location and capacity. Occupancy is the
 * active orders in their centralised phase there (today or later); an order whose centralised
 * days would take a bed beyond the capacity on any of them is refused (`QUARANTINE_SITE_FULL`).
 */
import { and, count, eq, gte, inArray, lte } from 'drizzle-orm';
import { ACTIVE_QUARANTINE_STATUSES, type QuarantineSite, type SiteRequest, type SiteUpdateRequest } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { codeInSubtree, recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { quarantineOrder, quarantineSite } from './tables.js';
import { SITE_VISIBILITY } from './workflow.js';

type SiteRow = typeof quarantineSite.$inferSelect;

/** Active orders in their centralised phase at each site on `day` or later. */
export async function occupancies(db: Db, siteIds: readonly string[], day: string): Promise<Map<string, number>> {
  if (siteIds.length === 0) return new Map();
  const found = await db
    .select({ siteId: quarantineOrder.siteId, n: count() })
    .from(quarantineOrder)
    .where(and(inArray(quarantineOrder.siteId, [...siteIds]), inArray(quarantineOrder.status, [...ACTIVE_QUARANTINE_STATUSES]), gte(quarantineOrder.centralisedUntil, day)))
    .groupBy(quarantineOrder.siteId);
  return new Map(found.map((f) => [f.siteId!, Number(f.n)]));
}

/**
 * A bed at the site for the centralised days `from`..`to` (the site locked, so two orders take
 * turns): refused when the orders already there on some of those days fill it.
 */
export async function takeBed(tx: Db, actor: Actor, siteId: string, from: string, to: string): Promise<SiteRow> {
  const [site] = await tx.select().from(quarantineSite).where(and(eq(quarantineSite.id, siteId), recordVisible(actor, SITE_VISIBILITY))).for('update');
  if (!site) throw new AppError('QUARANTINE_SITE_UNKNOWN', { fields: [{ field: 'siteId', code: 'QUARANTINE_SITE_UNKNOWN' }] });
  const [taken] = await tx
    .select({ n: count() })
    .from(quarantineOrder)
    .where(and(eq(quarantineOrder.siteId, siteId), inArray(quarantineOrder.status, [...ACTIVE_QUARANTINE_STATUSES]), gte(quarantineOrder.centralisedUntil, from), lte(quarantineOrder.startDate, to)));
  const occupancy = Number(taken?.n ?? 0);
  if (occupancy >= site.capacity) throw new AppError('QUARANTINE_SITE_FULL', { capacity: site.capacity, occupancy, fields: [{ field: 'siteId', code: 'QUARANTINE_SITE_FULL' }] });
  return site;
}

async function present(kit: Pick<Kit, 'db' | 'providers'>, sites: readonly SiteRow[], today: string): Promise<QuarantineSite[]> {
  const [occ, regions] = await Promise.all([occupancies(kit.db, sites.map((s) => s.id), today), kit.providers.regionNames(kit.db, [...new Set(sites.map((s) => s.regionCode))])]);
  return sites.map((s) => ({
    id: s.id, name: s.name, regionCode: s.regionCode, regionName: regions.get(s.regionCode) ?? '', address: s.address, lng: s.lng, lat: s.lat, capacity: s.capacity, occupancy: occ.get(s.id) ?? 0, version: s.version,
  }));
}

export async function listSites(kit: Pick<Kit, 'db' | 'providers'>, actor: Actor, now: Date): Promise<QuarantineSite[]> {
  const found = await kit.db.select().from(quarantineSite).where(recordVisible(actor, SITE_VISIBILITY)).orderBy(quarantineSite.regionCode, quarantineSite.name).limit(1000);
  return present(kit, found, localDate(now));
}

/** A site is placed in the caller's region subtree. */
function checkRegion(ctx: ActorContext, regionCode: string) {
  if (ctx.actor.gridId || !codeInSubtree(regionCode, ctx.actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
}

export async function createSite(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, input: SiteRequest): Promise<QuarantineSite> {
  checkRegion(ctx, input.regionCode);
  const now = ctx.clock.now();
  const made = await kit.db.transaction(async (tx) => {
    const [row] = await tx.insert(quarantineSite).values({ id: crypto.randomUUID(), ...input, version: 1, createdAt: now, updatedAt: now }).returning();
    await writeAudit(tx, ctx, { action: 'quarantine.site', objectType: 'quarantine_site', objectId: row!.id, regionCode: row!.regionCode, details: { created: true, capacity: input.capacity } });
    return row!;
  });
  const [shown] = await present(kit, [made], localDate(now));
  return shown!;
}

export async function updateSite(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, input: SiteUpdateRequest): Promise<QuarantineSite> {
  const now = ctx.clock.now();
  const saved = await kit.db.transaction(async (tx) => {
    const [site] = await tx.select().from(quarantineSite).where(and(eq(quarantineSite.id, id), recordVisible(ctx.actor, SITE_VISIBILITY))).for('update');
    if (!site) throw notFound();
    if (ctx.actor.gridId || !codeInSubtree(site.regionCode, ctx.actor.regionPrefix)) throw new AppError('FORBIDDEN');
    if (site.version !== input.version) throw new AppError('QUARANTINE_VERSION_CONFLICT', { current: site.version });
    checkRegion(ctx, input.regionCode);
    const occupancy = (await occupancies(tx, [id], localDate(now))).get(id) ?? 0;
    if (input.capacity < occupancy) throw new AppError('QUARANTINE_SITE_CAPACITY', { occupancy, fields: [{ field: 'capacity', code: 'QUARANTINE_SITE_CAPACITY' }] });
    const { version: _v, ...fields } = input;
    const [row] = await tx.update(quarantineSite).set({ ...fields, version: site.version + 1, updatedAt: now }).where(eq(quarantineSite.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'quarantine.site', objectType: 'quarantine_site', objectId: id, regionCode: row!.regionCode, details: { from: { capacity: site.capacity, name: site.name }, to: { capacity: input.capacity, name: input.name } } });
    return row!;
  });
  const [shown] = await present(kit, [saved], localDate(now));
  return shown!;
}
