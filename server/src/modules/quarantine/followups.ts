/**
 * The daily follow-up. Each night (the hourly timer's first run of a local day; any later run
 * changes nothing) every active order whose period holds the day gets one follow-up for it,
 * assigned to its responsible worker (`(order_id, day)` unique); the days before that were not
 * done become missed; each order's run of consecutive misses is counted (overdue list), and an
 * order that reached the rule's limit becomes lost to follow-up (a system step through the
 * workflow). A contact exposed again (tracing moved its last exposure on) has its order's
 * schedule computed again from the new day 1 (audited `quarantine.extend`). The worker records a
 * day's temperature, symptoms and test result; a temperature at or above the rule's threshold
 * marks the order and notifies the supervisors (holders of `quarantine:manage` at its region and
 * the regions above it down to the county).
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ACTIVE_QUARANTINE_STATUSES, divisionPrefix, type FollowUpRequest, type FollowupStatus, type TodayFollowUp, type QuarantinePhase } from '@gridgov/contracts';
import type { z } from 'zod';
import type { followUpRequest } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { rows, type Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notify } from '../../platform/notifications/notify.js';
import { ancestorCodes, recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { runTransition } from '../../platform/workflow/workflow.js';
import { contactExposures } from '../tracing/contact-read.js';
import { orderNoOf } from './present.js';
import { currentQuarantineRule, planOf } from './rule.js';
import { addDays, computeSchedule, daysBetween, dayNo, kindOn } from './schedule.js';
import { quarantineFollowup, quarantineOrder, quarantineOrderEvent, quarantineSite } from './tables.js';
import { ORDER_VISIBILITY, loadOrder, orderWorkflow } from './workflow.js';

const ACTIVE = [...ACTIVE_QUARANTINE_STATUSES];
type DailyKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;

/** Recounts the consecutive misses (after the last done day) of orders. */
async function countMisses(db: Db, orderIds: readonly string[] | null, today: string): Promise<void> {
  await db.execute(sql`
    update quarantine_order o set missed_streak = (
      select count(*) from quarantine_followup f
      where f.order_id = o.id and f.status = 'missed' and f.day < ${today}::date
        and f.day > coalesce((select max(d.day) from quarantine_followup d where d.order_id = o.id and d.status = 'done'), '0001-01-01'::date))
    where o.status in ('ordered', 'in_quarantine') ${orderIds ? sql`and o.id in (${sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}`);
}

/** Re-exposed contacts: their orders start again from the day after the new last exposure (never earlier). */
async function extendReexposed(kit: DailyKit, ctx: RequestContext, now: Date): Promise<number> {
  const active = await kit.db.select().from(quarantineOrder).where(and(inArray(quarantineOrder.status, ACTIVE), sql`${quarantineOrder.contactId} is not null`));
  const exposures = await contactExposures(kit.db, active.map((o) => o.contactId!));
  const { version: ruleVersion, rule } = await currentQuarantineRule(kit.db);
  let extended = 0;
  for (const o of active) {
    const e = exposures.get(o.contactId!);
    if (!e || !o.exposureAt || e.lastExposureAt <= o.exposureAt) continue;
    const startDate = addDays(localDate(e.lastExposureAt), 1);
    if (startDate <= o.startDate) continue;
    const s = computeSchedule(planOf(rule, o.degree), startDate);
    await kit.db.transaction(async (tx) => {
      await tx
        .update(quarantineOrder)
        .set({ phases: s.phases, startDate: s.startDate, endDate: s.endDate, centralisedUntil: o.siteId ? s.centralisedUntil : null, testDates: s.testDates, exposureAt: e.lastExposureAt, ruleVersion, version: o.version + 1, updatedAt: now })
        .where(eq(quarantineOrder.id, o.id));
      await tx.insert(quarantineOrderEvent).values({ orderId: o.id, action: 'extend', status: o.status, actorId: null, note: null, at: now });
      await writeAudit(tx, ctx, { action: 'quarantine.extend', objectType: 'quarantine', objectId: o.id, regionCode: o.regionCode, details: { from: { startDate: o.startDate, endDate: o.endDate }, to: { startDate: s.startDate, endDate: s.endDate } } });
    });
    extended++;
  }
  return extended;
}

/** The nightly run (idempotent per local day): follow-ups for today, misses, lost, re-exposures. */
export async function runDaily(kit: DailyKit, ctx: RequestContext): Promise<{ created: number; missed: number; lost: number; extended: number }> {
  const now = ctx.clock.now();
  const today = localDate(now);
  const extended = await extendReexposed(kit, ctx, now);
  const missed = await kit.db.update(quarantineFollowup).set({ status: 'missed' }).where(and(eq(quarantineFollowup.status, 'pending'), sql`${quarantineFollowup.day} < ${today}::date`)).returning({ id: quarantineFollowup.id });
  const created = await rows<{ id: string }>(kit.db, sql`
    insert into quarantine_followup (id, order_id, day, test_due, status, worker_id, symptoms, fever, created_at)
    select gen_random_uuid(), o.id, ${today}::date, ${today}::date = any(o.test_dates), 'pending', o.worker_id, '{}'::text[], false, ${now}
    from quarantine_order o
    where o.status in ('ordered', 'in_quarantine') and o.start_date <= ${today}::date and o.end_date >= ${today}::date
    on conflict (order_id, day) do nothing
    returning id`);
  await countMisses(kit.db, null, today);
  const { rule } = await currentQuarantineRule(kit.db);
  const lostOnes = await kit.db.select({ id: quarantineOrder.id }).from(quarantineOrder).where(and(inArray(quarantineOrder.status, ACTIVE), sql`${quarantineOrder.missedStreak} >= ${rule.lostAfterMissed}`));
  for (const o of lostOnes) {
    await runTransition(kit, ctx, orderWorkflow, o.id, 'lose', { note: `连续 ${rule.lostAfterMissed} 天未随访` }, async ({ now: at }) => ({ status: 'lost', patch: { releasedAt: at }, data: { missed: rule.lostAfterMissed } }));
  }
  return { created: created.length, missed: missed.length, lost: lostOnes.length, extended };
}

/** The supervisors of an order: holders of `quarantine:manage` at its region and above, down to the county. */
function supervisors(regionCode: string) {
  const codes = [regionCode, ...ancestorCodes(regionCode).filter((c) => divisionPrefix(c).length >= 6)];
  return codes.map((code) => ({ kind: 'accounts_at' as const, permission: 'quarantine:manage' as const, regionCode: code }));
}

export async function recordFollowUp(kit: Pick<Kit, 'db' | 'registry'>, ctx: ActorContext, orderId: string, raw: FollowUpRequest) {
  const input = raw as z.output<typeof followUpRequest>;
  const now = ctx.clock.now();
  const today = localDate(now);
  return kit.db.transaction(async (tx) => {
    const o = await loadOrder(tx, ctx.actor, orderId, true);
    if (!(ACTIVE as string[]).includes(o.status)) throw new AppError('QUARANTINE_STATE', { action: 'followup', status: o.status });
    if (input.day < o.startDate || input.day > o.endDate || input.day > today) throw new AppError('QUARANTINE_DAY_INVALID', { fields: [{ field: 'day', code: 'QUARANTINE_DAY_INVALID' }] });
    const { rule } = await currentQuarantineRule(tx);
    const fever = input.temperature !== undefined && input.temperature >= rule.feverThreshold;
    const [had] = await tx.select().from(quarantineFollowup).where(and(eq(quarantineFollowup.orderId, o.id), eq(quarantineFollowup.day, input.day))).for('update');
    const values = {
      status: 'done', temperature: input.temperature ?? null, symptoms: input.symptoms ?? [], testResult: input.testResult ?? null, fever, note: input.note ?? null, recordedBy: ctx.actor.id, recordedAt: now,
    };
    if (had) await tx.update(quarantineFollowup).set(values).where(eq(quarantineFollowup.id, had.id));
    else await tx.insert(quarantineFollowup).values({ id: crypto.randomUUID(), orderId: o.id, day: input.day, testDue: o.testDates.includes(input.day), workerId: o.workerId, createdAt: now, ...values });
    if (fever && !had?.fever) {
      await tx.update(quarantineOrder).set({ alertAt: now, updatedAt: now }).where(eq(quarantineOrder.id, o.id));
      await notify(tx, kit.registry.audiences, now, [
        { subject: { type: 'quarantine', id: o.id }, kind: 'quarantine.fever', params: { orderNo: orderNoOf(o.orderNo), temperature: input.temperature!.toFixed(1) }, audiences: supervisors(o.regionCode), except: ctx.actor.id },
      ]);
    }
    if (fever !== Boolean(had?.fever)) await evidenceChanged(kit, tx, [o.personKey], now);
    await countMisses(tx, [o.id], today);
    await writeAudit(tx, ctx, { action: 'quarantine.followup', objectType: 'quarantine', objectId: o.id, ...(o.residentId ? { subject: o.residentId } : {}), regionCode: o.regionCode, details: { day: input.day, fever, again: had?.status === 'done' } });
    return { day: input.day, dayNo: dayNo(o.startDate, input.day), testDue: o.testDates.includes(input.day), status: 'done' as FollowupStatus, fever };
  });
}

/** Today's follow-ups of the orders the reader follows up (a grid worker: their grid; an operator: their scope), for a stated purpose; audited. */
export async function todayFollowUps(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, purpose: string | undefined): Promise<TodayFollowUp[]> {
  if (!purpose) throw new AppError('QUARANTINE_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'QUARANTINE_PURPOSE_REQUIRED' }] });
  const today = localDate(ctx.clock.now());
  const found = await kit.db
    .select({ o: quarantineOrder, f: quarantineFollowup, siteName: quarantineSite.name })
    .from(quarantineFollowup)
    .innerJoin(quarantineOrder, eq(quarantineOrder.id, quarantineFollowup.orderId))
    .leftJoin(quarantineSite, eq(quarantineSite.id, quarantineOrder.siteId))
    .where(and(eq(quarantineFollowup.day, today), inArray(quarantineOrder.status, ACTIVE), recordVisible(ctx.actor, ORDER_VISIBILITY)))
    .orderBy(sql`${quarantineFollowup.status} = 'done'`, asc(quarantineOrder.orderNo))
    .limit(500);
  const grids = await kit.providers.gridNames(kit.db, [...new Set(found.flatMap((r) => (r.o.gridId ? [r.o.gridId] : [])))]);
  await writeAudit(kit.db, ctx, { action: 'quarantine.today', objectType: 'quarantine', details: { purpose, shown: found.length } });
  return found.map(({ o, f, siteName }) => {
    const kind = kindOn(o.phases as QuarantinePhase[], today);
    return {
      orderId: o.id, orderNo: orderNoOf(o.orderNo), name: o.nameMasked, kind, siteName: kind === 'centralised' ? siteName : null, day: f.day, dayNo: dayNo(o.startDate, today),
      totalDays: daysBetween(o.startDate, o.endDate) + 1, testDue: f.testDue, status: f.status as FollowupStatus, temperature: f.temperature, gridName: o.gridId ? (grids.get(o.gridId) ?? null) : null,
    };
  });
}
