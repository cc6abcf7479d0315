/**
 * How orders are shown: the masked name the order keeps, the short number (Q12), the schedule,
 * where today by the phases, the site's and responsible worker's names, the region and grid.
 */
import type { OrderMeans, QuarantinePhase, QuarantineStatus, QuarantineSummary } from '@gridgov/contracts';
import { inArray } from 'drizzle-orm';
import type { Kit } from '../../platform/kit/kit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { localDate } from '../../platform/time-zone.js';
import { daysBetween, dayNo, kindOn } from './schedule.js';
import { quarantineSite } from './tables.js';
import type { OrderRow } from './workflow.js';

export const orderNoOf = (n: number) => `Q${n}`;

export async function presentOrders(kit: Pick<Kit, 'db' | 'providers'>, orders: readonly OrderRow[], now: Date): Promise<QuarantineSummary[]> {
  const siteIds = [...new Set(orders.flatMap((o) => (o.siteId ? [o.siteId] : [])))];
  const [regions, grids, workers, sites] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(orders.map((o) => o.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(orders.flatMap((o) => (o.gridId ? [o.gridId] : [])))]),
    accountNames(kit.db, orders.map((o) => o.workerId)),
    siteIds.length ? kit.db.select({ id: quarantineSite.id, name: quarantineSite.name }).from(quarantineSite).where(inArray(quarantineSite.id, siteIds)) : Promise.resolve([]),
  ]);
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const today = localDate(now);
  return orders.map((o) => {
    const phases = o.phases as QuarantinePhase[];
    return {
      id: o.id, orderNo: orderNoOf(o.orderNo), name: o.nameMasked, contactId: o.contactId, degree: o.degree, status: o.status as QuarantineStatus, kind: kindOn(phases, today), phases,
      startDate: o.startDate, endDate: o.endDate, testDates: o.testDates, dayNo: dayNo(o.startDate, today), totalDays: daysBetween(o.startDate, o.endDate) + 1,
      siteId: o.siteId, siteName: o.siteId ? (siteNames.get(o.siteId) ?? null) : null, means: o.means as OrderMeans, orderedAt: o.orderedAt.toISOString(),
      workerName: o.workerId ? (workers.get(o.workerId) ?? null) : null, regionCode: o.regionCode, regionName: regions.get(o.regionCode) ?? '', gridName: o.gridId ? (grids.get(o.gridId) ?? null) : null,
      missedStreak: o.missedStreak, alert: o.alertAt !== null, ruleVersion: o.ruleVersion, createdAt: o.createdAt.toISOString(), version: o.version,
    };
  });
}
