/**
 * Reads of the assessment, scoped: a holder of `petition_village:read` sees the villages of
 * their subtree (a grid worker: the community of their grid); a village outside is "not found".
 */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { PetitionMetric, VillageChange, VillageDetail, VillageList, VillageMonth, VillageStatus } from '@gridgov/contracts';
import { parseDivisionCode } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, underRegion, type RecordScope, type Visibility } from '../../platform/scope.js';
import { findCurrentRegion, regionNames } from '../regions/queries.js';
import { petitionVillageStatus, type VillageStatusRow } from './tables.js';
import { shiftMonth } from './months.js';

export const VILLAGE_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'petition_village:read', where: (actor) => regionInScope(actor, petitionVillageStatus.regionCode), test: (actor, r) => codeInSubtree(r.regionCode, actor.regionPrefix) },
];

const townshipOf = (code: string) => `${code.slice(0, 9)}000`;

async function present(db: Db, list: readonly VillageStatusRow[]): Promise<VillageMonth[]> {
  const names = await regionNames(db, [...new Set(list.flatMap((r) => [r.regionCode, townshipOf(r.regionCode)]))]);
  return list.map((r) => ({
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    townshipName: names.get(townshipOf(r.regionCode)) ?? '',
    month: r.month,
    status: r.status as VillageStatus,
    failed: r.failed as PetitionMetric[],
    checks: r.checks as VillageMonth['checks'],
    figures: r.figures as VillageMonth['figures'],
    change: r.change as VillageChange,
    criteriaRegion: r.criteriaRegion,
    criteriaVersion: r.criteriaVersion,
    computedAt: r.computedAt.toISOString(),
  }));
}

export interface VillageListQuery {
  month?: string;
  region?: string;
  status?: VillageStatus;
  change?: VillageChange;
}

export async function listVillages(db: Db, actor: Actor, q: VillageListQuery): Promise<VillageList> {
  const visible = and(recordVisible(actor, VILLAGE_VISIBILITY), q.region ? underRegion(petitionVillageStatus.regionCode, q.region) : undefined);
  const months = (await db.selectDistinct({ month: petitionVillageStatus.month }).from(petitionVillageStatus).where(visible).orderBy(desc(petitionVillageStatus.month)).limit(24)).map((m) => m.month);
  const month = q.month ?? months[0] ?? null;
  const empty = { villages: 0, met: 0, notMet: 0, lost: 0, regained: 0, previousMet: null };
  if (!month) return { month: null, months, items: [], summary: empty };
  const [all, previous] = await Promise.all([
    db.select().from(petitionVillageStatus).where(and(visible, eq(petitionVillageStatus.month, month))).orderBy(asc(petitionVillageStatus.regionCode)),
    db.select({ n: sql<number>`count(*)::int` }).from(petitionVillageStatus).where(and(visible, eq(petitionVillageStatus.month, shiftMonth(month, -1)), eq(petitionVillageStatus.status, 'met'))),
  ]);
  const hadPrevious = months.includes(shiftMonth(month, -1));
  const summary = {
    villages: all.length,
    met: all.filter((r) => r.status === 'met').length,
    notMet: all.filter((r) => r.status !== 'met').length,
    lost: all.filter((r) => r.change === 'lost').length,
    regained: all.filter((r) => r.change === 'regained').length,
    previousMet: hadPrevious ? (previous[0]?.n ?? 0) : null,
  };
  const shown = all.filter((r) => (!q.status || r.status === q.status) && (!q.change || r.change === q.change));
  return { month, months, items: await present(db, shown), summary };
}

/** One village: the month asked (or its newest) and the twelve months up to it. */
export async function villageDetail(db: Db, actor: Actor, code: string, month: string | undefined): Promise<VillageDetail> {
  const parsed = parseDivisionCode(code);
  if (!parsed.ok || parsed.level !== 'community' || !actor.permissions.includes('petition_village:read') || !codeInSubtree(code, actor.regionPrefix)) throw notFound();
  const region = await findCurrentRegion(db, code);
  if (!region) throw notFound();
  const own = and(eq(petitionVillageStatus.regionCode, code), recordVisible(actor, VILLAGE_VISIBILITY));
  const last = month ?? (await db.select({ month: petitionVillageStatus.month }).from(petitionVillageStatus).where(own).orderBy(desc(petitionVillageStatus.month)).limit(1))[0]?.month ?? null;
  const names = await regionNames(db, [townshipOf(code)]);
  if (!last) return { regionCode: code, regionName: region.name, townshipName: names.get(townshipOf(code)) ?? '', current: null, history: [] };
  const first = shiftMonth(last, -11);
  const found = await present(db, await db.select().from(petitionVillageStatus).where(and(own, gte(petitionVillageStatus.month, first), lte(petitionVillageStatus.month, last))).orderBy(asc(petitionVillageStatus.month)));
  const byMonth = new Map(found.map((f) => [f.month, f]));
  const history = Array.from({ length: 12 }, (_, i) => shiftMonth(first, i)).map((m) => ({ month: m, entry: byMonth.get(m) ?? null }));
  return { regionCode: code, regionName: region.name, townshipName: names.get(townshipOf(code)) ?? '', current: byMonth.get(last) ?? null, history };
}
