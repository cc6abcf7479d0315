/**
 * Orders: giving one for a contact the caller may see (the schedule from the rule in force, a bed
 * at the site, the responsible worker), the lists in scope (masked, audited), one order with its
 * follow-ups for a stated purpose (audited), and its steps through the workflow kit.
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import {
  ACTIVE_QUARANTINE_STATUSES, type FollowUp, type FollowupStatus, type QuarantineAction, type QuarantineCreateRequest, type QuarantineDetail, type QuarantineListQuery,
  type QuarantineStatus, type TestResult,
} from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames, gridAccounts } from '../../platform/accounts/accounts.js';
import { recordVisible } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { runTransition, type Effects } from '../../platform/workflow/workflow.js';
import { contactForOrder } from '../tracing/contact-read.js';
import { completionOf } from './completion.js';
import { orderNoOf, presentOrders } from './present.js';
import { currentQuarantineRule, planOf } from './rule.js';
import { addDays, computeSchedule, dayNo } from './schedule.js';
import { takeBed } from './sites.js';
import { quarantineFollowup, quarantineOrder } from './tables.js';
import { ORDER_VISIBILITY, loadOrder, orderActions, orderSubject, orderWorkflow, type OrderRow } from './workflow.js';

type OrderKit = Pick<Kit, 'db' | 'providers' | 'jobs' | 'registry'>;
const ACTIVE = [...ACTIVE_QUARANTINE_STATUSES];

/** Today's follow-up of an active order whose period holds today (the nightly job makes the others). */
export async function ensureFollowUp(tx: Kit['db'], o: Pick<OrderRow, 'id' | 'startDate' | 'endDate' | 'testDates' | 'workerId'>, day: string, now: Date): Promise<void> {
  if (day < o.startDate || day > o.endDate) return;
  await tx
    .insert(quarantineFollowup)
    .values({ id: crypto.randomUUID(), orderId: o.id, day, testDue: o.testDates.includes(day), status: 'pending', workerId: o.workerId, createdAt: now })
    .onConflictDoNothing();
}

export async function createOrder(kit: OrderKit, ctx: ActorContext, input: QuarantineCreateRequest): Promise<QuarantineDetail> {
  const now = ctx.clock.now();
  const contact = await contactForOrder(kit, ctx.actor, input.contactId);
  if (!contact) throw new AppError('QUARANTINE_CONTACT_UNKNOWN', { fields: [{ field: 'contactId', code: 'QUARANTINE_CONTACT_UNKNOWN' }] });
  if (contact.status === 'case') throw new AppError('QUARANTINE_STATE', { action: 'create', status: 'case' });
  const { version: ruleVersion, rule } = await currentQuarantineRule(kit.db);
  const plan = planOf(rule, contact.degree);
  // Day 1 is the day after the last exposure unless the caller says otherwise.
  const lastExposure = new Date(contact.lastExposureAt);
  const startDate = input.startDate ?? addDays(localDate(lastExposure), 1);
  const schedule = computeSchedule(plan, startDate);
  if (schedule.centralisedUntil && !input.siteId) throw new AppError('QUARANTINE_SITE_REQUIRED', { fields: [{ field: 'siteId', code: 'QUARANTINE_SITE_REQUIRED' }] });
  if (schedule.phases.some((p) => p.kind === 'home') && !input.address) throw new AppError('QUARANTINE_ADDRESS_REQUIRED', { fields: [{ field: 'address', code: 'QUARANTINE_ADDRESS_REQUIRED' }] });
  const workers = contact.gridId ? await gridAccounts(kit.db, 'quarantine:follow', [contact.gridId]) : [];
  let workerId = workers[0]?.id ?? null;
  if (input.workerId) {
    if (!workers.some((w) => w.id === input.workerId)) throw new AppError('QUARANTINE_WORKER_UNKNOWN', { fields: [{ field: 'workerId', code: 'QUARANTINE_WORKER_UNKNOWN' }] });
    workerId = input.workerId;
  }
  const id = await kit.db.transaction(async (tx) => {
    // One active order per person, among those the caller may see.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quarantine:${contact.personKey}`}))`);
    const [open] = await tx
      .select({ id: quarantineOrder.id })
      .from(quarantineOrder)
      .where(and(eq(quarantineOrder.personKey, contact.personKey), inArray(quarantineOrder.status, ACTIVE), recordVisible(ctx.actor, ORDER_VISIBILITY)));
    if (open) throw new AppError('QUARANTINE_ALREADY_ORDERED', { orderId: open.id });
    const centralised = schedule.phases.find((p) => p.kind === 'centralised');
    if (centralised && input.siteId) await takeBed(tx, ctx.actor, input.siteId, centralised.from, schedule.centralisedUntil!);
    const [made] = await tx
      .insert(quarantineOrder)
      .values({
        id: crypto.randomUUID(), personKey: contact.personKey, residentId: contact.residentId, nameMasked: contact.name, contactId: contact.id, degree: contact.degree,
        phases: schedule.phases, startDate: schedule.startDate, endDate: schedule.endDate, centralisedUntil: schedule.centralisedUntil, testDates: schedule.testDates,
        siteId: centralised ? input.siteId! : null, address: input.address ?? null, means: input.means, orderedAt: new Date(input.orderedAt), workerId, status: 'ordered',
        exposureAt: lastExposure, regionCode: contact.regionCode, gridId: contact.gridId, note: input.note ?? null, ruleVersion, version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
      })
      .returning();
    await ensureFollowUp(tx, made!, localDate(now), now);
    await evidenceChanged(kit, tx, [made!.personKey], now);
    await writeAudit(tx, ctx, {
      action: 'quarantine.create', objectType: 'quarantine', objectId: made!.id, ...(contact.residentId ? { subject: contact.residentId } : {}), regionCode: made!.regionCode,
      details: { orderNo: orderNoOf(made!.orderNo), contactId: contact.id, degree: contact.degree, startDate, endDate: schedule.endDate, means: input.means, ruleVersion },
    });
    return made!.id;
  });
  return readOrder(kit, ctx, id, 'quarantine.create');
}

/** The lists' conditions (release due: the period has ended, still active). */
function viewWhere(view: QuarantineListQuery['view'], today: string): SQL | undefined {
  const active = inArray(quarantineOrder.status, ACTIVE);
  switch (view) {
    case 'active': return active;
    case 'overdue': return and(active, gt(quarantineOrder.missedStreak, 0));
    case 'lost': return eq(quarantineOrder.status, 'lost');
    case 'release_due': return and(active, lte(quarantineOrder.endDate, today));
    case 'alert': return and(active, isNotNull(quarantineOrder.alertAt));
    default: return undefined;
  }
}

export async function listOrders(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, q: QuarantineListQuery) {
  const { page, pageSize, ...f } = q;
  const now = ctx.clock.now();
  const where = and(
    recordVisible(ctx.actor, ORDER_VISIBILITY),
    viewWhere(f.view, localDate(now)),
    f.status ? eq(quarantineOrder.status, f.status) : undefined,
    f.degree ? eq(quarantineOrder.degree, Number(f.degree)) : undefined,
  );
  const order = f.view === 'overdue' ? [desc(quarantineOrder.missedStreak), asc(quarantineOrder.orderNo)] : f.view === 'release_due' ? [asc(quarantineOrder.endDate), asc(quarantineOrder.orderNo)] : [desc(quarantineOrder.createdAt), desc(quarantineOrder.orderNo)];
  const [found, [total]] = await Promise.all([
    kit.db.select().from(quarantineOrder).where(where).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize),
    kit.db.select({ n: count() }).from(quarantineOrder).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'quarantine.list', objectType: 'quarantine', details: { filters: f, page, shown: found.length, total: Number(total?.n ?? 0) } });
  return { items: await presentOrders(kit, found, now), total: Number(total?.n ?? 0), page, pageSize };
}

/** One order with its follow-ups, for a stated purpose (after a write, the write is the purpose); audited with it. */
export async function readOrder(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, purpose: string | undefined): Promise<QuarantineDetail> {
  const o = await loadOrder(kit.db, ctx.actor, id);
  if (!purpose) throw new AppError('QUARANTINE_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'QUARANTINE_PURPOSE_REQUIRED' }] });
  const now = ctx.clock.now();
  const [[summary], followups, { rule }, subject] = await Promise.all([
    presentOrders(kit, [o], now),
    kit.db.select().from(quarantineFollowup).where(eq(quarantineFollowup.orderId, o.id)).orderBy(asc(quarantineFollowup.day)),
    currentQuarantineRule(kit.db),
    orderSubject(kit.db, o),
  ]);
  const names = await accountNames(kit.db, followups.map((f) => f.recordedBy));
  await writeAudit(kit.db, ctx, { action: 'quarantine.read', objectType: 'quarantine', objectId: o.id, ...(o.residentId ? { subject: o.residentId } : {}), regionCode: o.regionCode, details: { purpose } });
  const followUps: FollowUp[] = followups.map((f) => ({
    day: f.day, dayNo: dayNo(o.startDate, f.day), testDue: f.testDue, status: f.status as FollowupStatus, temperature: f.temperature, symptoms: f.symptoms, testResult: (f.testResult as TestResult | null) ?? null,
    fever: f.fever, note: f.note, recordedByName: f.recordedBy ? (names.get(f.recordedBy) ?? null) : null, recordedAt: f.recordedAt?.toISOString() ?? null,
  }));
  return { ...summary!, address: o.address, note: o.note, followUps, completion: completionOf(o, followups, rule, localDate(now)), actions: orderActions(ctx.actor, o, subject, now) };
}

export async function transitionOrder(kit: OrderKit, ctx: ActorContext, id: string, action: QuarantineAction, input: { version: number; note?: string; reason?: string }): Promise<QuarantineDetail> {
  await runTransition(kit, ctx, orderWorkflow, id, action, { version: input.version, note: input.note ?? input.reason ?? null }, async ({ now }): Promise<Effects<OrderRow, QuarantineStatus>> => {
    const to: Record<QuarantineAction, QuarantineStatus> = { start: 'in_quarantine', release: 'released', lose: 'lost', transfer: 'transferred', cancel: 'cancelled' };
    return { status: to[action], patch: action === 'start' ? {} : { releasedAt: now } };
  });
  return readOrder(kit, ctx, id, `quarantine.${action}`);
}
