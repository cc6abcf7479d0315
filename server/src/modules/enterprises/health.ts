/**
 * The daily employee health registration (员工健康登记) of an enterprise approved to resume: each
 * employee present or absent, temperature, symptoms; absent and abnormal staff flagged. One
 * registration per enterprise and China day (registering a day again replaces it), for today or
 * the last 7 days. Staff register for the enterprises of their scope, a filer for the enterprises
 * it is linked to. Reads and writes are audited (health data of named people).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import { FEVER_CELSIUS, type DayOverviewRow, type HealthReport, type HealthReportInput, type StoppedEnterprise } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit, writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible, underRegion } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { gridNames } from '../grids/queries.js';
import { organizationEmployees, organizationFacts } from '../registers/organization-facts.js';
import { reachableEnterprise } from './filer-access.js';
import { enterpriseApplication, enterpriseHealthReport, type HealthItem } from './tables.js';
import { APPLICATION_VISIBILITY } from './workflow.js';

/** How far back a day may be registered. */
export const HEALTH_DAYS_BACK = 7;
/** N of "stopped reporting" when the caller does not say: no registration for this many days. */
export const STOPPED_AFTER_DAYS = 2;

export function flagOf(e: Pick<HealthItem, 'present' | 'temperature' | 'symptoms'>): 'absent' | 'abnormal' | null {
  if (!e.present) return 'absent';
  return (e.temperature !== null && e.temperature >= FEVER_CELSIUS) || e.symptoms.length > 0 ? 'abnormal' : null;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

async function approved(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db.select({ id: enterpriseApplication.id }).from(enterpriseApplication).where(and(eq(enterpriseApplication.organizationId, organizationId), eq(enterpriseApplication.status, 'approved'))).limit(1);
  return Boolean(row);
}

export async function registerHealth(db: Db, ctx: ActorContext, organizationId: string, input: HealthReportInput): Promise<void> {
  const org = await reachableEnterprise(db, ctx.actor, organizationId);
  const now = ctx.clock.now();
  const today = localDate(now);
  const back = dayNumber(today) - dayNumber(input.day);
  if (back < 0 || back > HEALTH_DAYS_BACK) throw new AppError('ENTERPRISE_HEALTH_DAY_INVALID', { fields: [{ field: 'day', code: 'ENTERPRISE_HEALTH_DAY_INVALID' }] });
  if (!(await approved(db, org.id))) throw new AppError('ENTERPRISE_NOT_RESUMED');
  const employees = new Set((await organizationEmployees(db, [org.id])).map((e) => e.residentId));
  const seen = new Set<string>();
  const fields = input.entries.flatMap((e, i) => {
    const bad = !employees.has(e.residentId) || seen.has(e.residentId);
    seen.add(e.residentId);
    return bad ? [{ field: `entries.${i}.residentId`, code: 'ENTERPRISE_STAFF_INVALID' }] : [];
  });
  if (fields.length > 0) throw new AppError('ENTERPRISE_STAFF_INVALID', { fields });
  const entries: HealthItem[] = input.entries.map((e) => ({
    residentId: e.residentId, present: e.present, temperature: e.present ? (e.temperature ?? null) : null, symptoms: e.present ? [...(e.symptoms ?? [])] : [], note: e.note?.trim() || null,
  }));
  const flags = entries.map(flagOf);
  const counts = { presentCount: entries.filter((e) => e.present).length, absentCount: flags.filter((f) => f === 'absent').length, abnormalCount: flags.filter((f) => f === 'abnormal').length };
  await db.transaction(async (tx) => {
    await tx
      .insert(enterpriseHealthReport)
      .values({ id: randomUUID(), organizationId: org.id, gridId: org.gridId, regionCode: org.regionCode, day: input.day, entries, ...counts, registeredBy: ctx.actor.id, registeredAt: now })
      .onConflictDoUpdate({ target: [enterpriseHealthReport.organizationId, enterpriseHealthReport.day], set: { entries, ...counts, gridId: org.gridId, regionCode: org.regionCode, registeredBy: ctx.actor.id, registeredAt: now } });
    await writeAudit(tx, ctx, { action: 'enterprise_health.register', objectType: 'organization', objectId: org.id, regionCode: org.regionCode, details: { day: input.day, ...counts } });
  });
}

/** One enterprise's registration of a day (or its employees to fill in, when none yet), audited. */
export async function healthOfDay(db: Db, ctx: ActorContext, organizationId: string, day: string): Promise<HealthReport> {
  const org = await reachableEnterprise(db, ctx.actor, organizationId);
  const [[report], employees] = await Promise.all([
    db.select().from(enterpriseHealthReport).where(and(eq(enterpriseHealthReport.organizationId, org.id), eq(enterpriseHealthReport.day, day))),
    organizationEmployees(db, [org.id]),
  ]);
  const people = new Map(employees.map((e) => [e.residentId, e]));
  const items: HealthItem[] = report?.entries ?? employees.map((e) => ({ residentId: e.residentId, present: true, temperature: null, symptoms: [], note: null }));
  await recordAudit(db, ctx, { action: 'enterprise_health.read', objectType: 'organization', objectId: org.id, regionCode: org.regionCode, details: { day, registered: Boolean(report) } });
  return {
    organizationId: org.id,
    organizationName: org.name,
    day,
    registered: Boolean(report),
    presentCount: report?.presentCount ?? 0,
    absentCount: report?.absentCount ?? 0,
    abnormalCount: report?.abnormalCount ?? 0,
    entries: items.map((e) => ({ ...e, name: people.get(e.residentId)?.name ?? '', idMasked: people.get(e.residentId)?.idMasked ?? '', flag: flagOf(e) })),
    registeredAt: report?.registeredAt.toISOString() ?? null,
    registeredBy: null,
  };
}

/** The enterprises approved to resume in the caller's scope (one row per enterprise). */
async function approvedInScope(db: Db, actor: Actor, region: string | undefined) {
  return db
    .selectDistinctOn([enterpriseApplication.organizationId], { organizationId: enterpriseApplication.organizationId, gridId: enterpriseApplication.gridId, regionCode: enterpriseApplication.regionCode, resumeOn: enterpriseApplication.resumeOn, decidedAt: enterpriseApplication.decidedAt })
    .from(enterpriseApplication)
    .where(and(eq(enterpriseApplication.status, 'approved'), recordVisible(actor, APPLICATION_VISIBILITY), region ? underRegion(enterpriseApplication.regionCode, region) : undefined))
    .orderBy(enterpriseApplication.organizationId, desc(enterpriseApplication.decidedAt));
}

/** Which enterprises approved to resume registered on a day, with their counts. */
export async function dayOverview(db: Db, actor: Actor, q: { day?: string; region?: string }, now: Date): Promise<{ day: string; items: DayOverviewRow[] }> {
  const day = q.day ?? localDate(now);
  const resumed = await approvedInScope(db, actor, q.region);
  const ids = resumed.map((r) => r.organizationId);
  const [reports, orgs, grids] = await Promise.all([
    ids.length ? db.select().from(enterpriseHealthReport).where(and(inArray(enterpriseHealthReport.organizationId, ids), eq(enterpriseHealthReport.day, day))) : [],
    organizationFacts(db, null, ids),
    gridNames(db, resumed.map((r) => r.gridId)),
  ]);
  const byOrg = new Map(reports.map((r) => [r.organizationId, r]));
  const items = resumed
    .map((r) => {
      const rep = byOrg.get(r.organizationId);
      return { organizationId: r.organizationId, organizationName: orgs.get(r.organizationId)?.name ?? '', gridName: grids.get(r.gridId) ?? '', registered: Boolean(rep), presentCount: rep?.presentCount ?? 0, absentCount: rep?.absentCount ?? 0, abnormalCount: rep?.abnormalCount ?? 0 };
    })
    .sort((a, b) => Number(a.registered) - Number(b.registered) || b.abnormalCount - a.abnormalCount || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
  return { day, items };
}

/**
 * Enterprises approved to resume that stopped reporting: no registration in the last `days`
 * days. Silence is counted from the last registration, or from the approval (or the planned
 * resumption, when later) for one that never registered.
 */
export async function stoppedReporting(db: Db, actor: Actor, q: { region?: string; days?: number; page: number; pageSize: number }, now: Date) {
  const days = q.days ?? STOPPED_AFTER_DAYS;
  const today = localDate(now);
  const resumed = await approvedInScope(db, actor, q.region);
  const ids = resumed.map((r) => r.organizationId);
  const last = ids.length
    ? await db.select({ organizationId: enterpriseHealthReport.organizationId, day: max(enterpriseHealthReport.day) }).from(enterpriseHealthReport).where(inArray(enterpriseHealthReport.organizationId, ids)).groupBy(enterpriseHealthReport.organizationId)
    : [];
  const lastDay = new Map(last.map((l) => [l.organizationId, l.day]));
  const silent = resumed.flatMap((r) => {
    const reported = lastDay.get(r.organizationId) ?? null;
    const approvedDay = r.decidedAt ? localDate(r.decidedAt) : today;
    const since = reported ?? (r.resumeOn && r.resumeOn > approvedDay ? r.resumeOn : approvedDay);
    const daysSilent = dayNumber(today) - dayNumber(since);
    return daysSilent >= days ? [{ ...r, lastReportDay: reported, daysSilent: reported ? daysSilent : null, silentFor: daysSilent }] : [];
  });
  silent.sort((a, b) => b.silentFor - a.silentFor || a.organizationId.localeCompare(b.organizationId));
  const pageRows = silent.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const [orgs, grids] = await Promise.all([organizationFacts(db, null, pageRows.map((r) => r.organizationId)), gridNames(db, pageRows.map((r) => r.gridId))]);
  const items: StoppedEnterprise[] = pageRows.map((r) => ({
    organizationId: r.organizationId, organizationName: orgs.get(r.organizationId)?.name ?? '', gridName: grids.get(r.gridId) ?? '', regionCode: r.regionCode,
    lastReportDay: r.lastReportDay, daysSilent: r.daysSilent, resumedOn: r.resumeOn,
  }));
  return { items, total: silent.length, page: q.page, pageSize: q.pageSize, days };
}

