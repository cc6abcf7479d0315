/**
 * An order's life as data (platform/workflow): given (`ordered`), started when the person is in
 * place (`in_quarantine`), then released (the period ended and the rule's completion condition
 * holds), lost to follow-up (by the nightly job after the rule's consecutive misses, or by hand),
 * transferred (became a case, moved away) or cancelled. Who sees an order: operators whose region
 * subtree holds it and the grid workers of its grid (who follow it up). Sites: operators of their
 * region subtree and the grid workers under it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { QuarantineAction, QuarantineStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, codeInSubtree, gridRecordInScope, placeInScope, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { localDate } from '../../platform/time-zone.js';
import { completionOf } from './completion.js';
import { currentQuarantineRule } from './rule.js';
import { quarantineFollowup, quarantineOrder, quarantineOrderEvent, quarantineSite } from './tables.js';

export type OrderRow = typeof quarantineOrder.$inferSelect;

export const ORDER_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'quarantine:read', where: (actor) => gridRecordInScope(actor, quarantineOrder.regionCode, quarantineOrder.gridId), test: (actor, o) => placeInScope(actor, o) },
];

/**
 * Sites are not personal: seen by the holders of `quarantine:read` whose region subtree holds them,
 * and from below (a community's operators and grid workers see their township's and county's sites).
 */
export const SITE_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'quarantine:read',
    where: (actor) => {
      const above = [...ancestorCodes(actor.regionCode), actor.regionCode];
      return sql`(${regionInScope(actor, quarantineSite.regionCode)} or ${inArray(quarantineSite.regionCode, above)})`;
    },
    test: (actor, s) => codeInSubtree(s.regionCode, actor.regionPrefix) || [...ancestorCodes(actor.regionCode), actor.regionCode].includes(s.regionCode),
  },
];

interface Standing {
  /** Holds `quarantine:manage` and the order's region lies in their subtree (not a grid account). */
  manager: boolean;
}

interface OrderSubject {
  status: QuarantineStatus;
  /** The completion condition, as of a day: whether it is met on that day. */
  completeOn: (today: string) => boolean;
}

export const ORDER_RULES: Rules<QuarantineStatus, QuarantineAction, Standing, OrderSubject> = {
  start: { from: ['ordered'], who: (s) => s.manager },
  release: {
    from: ['ordered', 'in_quarantine'],
    who: (s) => s.manager,
    when: (o, now) => o.completeOn(localDate(now)),
    unavailable: (s, o, now) => (s.manager && !o.completeOn(localDate(now)) ? { code: 'QUARANTINE_NOT_COMPLETE' } : null),
  },
  lose: { from: ['ordered', 'in_quarantine'], who: (s) => s.manager, system: true },
  transfer: { from: ['ordered', 'in_quarantine'], who: (s) => s.manager },
  cancel: { from: ['ordered', 'in_quarantine'], who: (s) => s.manager },
};

export const managesOrder = (actor: Actor, o: Pick<OrderRow, 'regionCode'>) =>
  actor.gridId === null && actor.permissions.includes('quarantine:manage') && codeInSubtree(o.regionCode, actor.regionPrefix);

export const orderActions = (actor: Actor, o: OrderRow, subject: OrderSubject, now: Date): QuarantineAction[] =>
  allowedActions(ORDER_RULES, subject, { manager: managesOrder(actor, o) }, now);

/** The order as the rules read it: its status and its completion condition from its follow-ups and the rule in force. */
export async function orderSubject(db: Db, o: OrderRow): Promise<OrderSubject> {
  const [followups, { rule }] = await Promise.all([
    db.select({ day: quarantineFollowup.day, status: quarantineFollowup.status, testResult: quarantineFollowup.testResult }).from(quarantineFollowup).where(eq(quarantineFollowup.orderId, o.id)),
    currentQuarantineRule(db),
  ]);
  return { status: o.status as QuarantineStatus, completeOn: (today) => completionOf(o, followups, rule, today).met };
}

export const orderScope = (o: Pick<OrderRow, 'regionCode' | 'gridId' | 'status'>): RecordScope => ({ record: 'quarantine', regionCode: o.regionCode, gridId: o.gridId, state: o.status });

export async function loadOrder(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<OrderRow> {
  const query = db.select().from(quarantineOrder).where(and(eq(quarantineOrder.id, id), actor ? recordVisible(actor, ORDER_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const orderWorkflow: Workflow<OrderRow, QuarantineStatus, QuarantineAction, Standing, OrderSubject> = {
  kind: 'quarantine',
  rules: ORDER_RULES,
  errors: { state: 'QUARANTINE_STATE', version: 'QUARANTINE_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadOrder(tx, actor, id, true),
  id: (o) => o.id,
  version: (o) => o.version,
  regionCode: (o) => o.regionCode,
  subject: (tx, o) => orderSubject(tx, o),
  standing: async (_tx, actor, o) => ({ manager: managesOrder(actor, o) }),
  async save(tx, o, { status, patch, version, now }) {
    const next = { ...o, ...patch, status, version, updatedAt: now };
    const { id: _id, orderNo: _no, ...columns } = next;
    await tx.update(quarantineOrder).set(columns).where(eq(quarantineOrder.id, o.id));
    return next;
  },
  async timeline(tx, ctx, o, step) {
    await tx.insert(quarantineOrderEvent).values({ orderId: o.id, action: step.action, status: step.toStatus ?? o.status, actorId: ctx.actor?.id ?? null, note: step.note, at: ctx.clock.now() });
  },
  liveScope: async (_tx, o) => orderScope(o),
};
