/**
 * Traffic-control notices (交通管制): a closed area or a road line, a kind, a time window, and
 * optionally the event they serve. Not personal: seen by `emergency:read` in the subtree and from
 * below (a community sees the county's closures); kept by `emergency:command` of the subtree (not
 * a grid account). The status is computed from the clock: scheduled before the start, active
 * until the end (or until lifted), ended after. Public notices are listed on the portal.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PublicTrafficControl, TrafficControl, TrafficControlQuery, TrafficControlRequest, TrafficControlStatus } from '@gridgov/contracts';
import type { z } from 'zod';
import type { trafficControlUpdateRequest } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { ancestorCodes, codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { emergencyEvent, trafficControl } from './tables.js';
import { commands, loadEvent } from './workflow.js';

export type TrafficRow = typeof trafficControl.$inferSelect;
type ReadKit = Pick<Kit, 'db' | 'providers'>;

const ownOrAbove = (actor: Actor) => [...ancestorCodes(actor.regionCode), actor.regionCode];
export const TRAFFIC_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'emergency:read',
    where: (actor) => sql`(${regionInScope(actor, trafficControl.regionCode)} or ${inArray(trafficControl.regionCode, ownOrAbove(actor))})`,
    test: (actor, t) => codeInSubtree(t.regionCode, actor.regionPrefix) || ownOrAbove(actor).includes(t.regionCode),
  },
];

/** The status at `now`, as SQL (for filters) and as a function (for one row). */
const statusSql = (now: Date): SQL<string> => sql<string>`case when (${trafficControl.liftedAt} is not null and ${trafficControl.liftedAt} <= ${now.toISOString()}::timestamptz) or ${trafficControl.endAt} <= ${now.toISOString()}::timestamptz then 'ended' when ${trafficControl.startAt} > ${now.toISOString()}::timestamptz then 'scheduled' else 'active' end`;
export function statusAt(t: Pick<TrafficRow, 'startAt' | 'endAt' | 'liftedAt'>, now: Date): TrafficControlStatus {
  if ((t.liftedAt && t.liftedAt <= now) || (t.endAt && t.endAt <= now)) return 'ended';
  return t.startAt > now ? 'scheduled' : 'active';
}

async function present(kit: ReadKit, actor: Actor | null, rows: readonly TrafficRow[], now: Date): Promise<TrafficControl[]> {
  if (rows.length === 0) return [];
  const eventIds = [...new Set(rows.map((r) => r.eventId).filter((x): x is string => !!x))];
  const [regions, events] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(rows.map((r) => r.regionCode))]),
    eventIds.length ? kit.db.select({ id: emergencyEvent.id, no: emergencyEvent.eventNo }).from(emergencyEvent).where(inArray(emergencyEvent.id, eventIds)) : [],
  ]);
  return rows.map((t) => ({
    id: t.id, controlNo: t.controlNo, title: t.title, kind: t.kind as TrafficControl['kind'], regionCode: t.regionCode, regionName: regions.get(t.regionCode) ?? '',
    eventId: t.eventId, eventNo: events.find((e) => e.id === t.eventId)?.no ?? null, geometry: t.geometry as TrafficControl['geometry'],
    startAt: t.startAt.toISOString(), endAt: t.endAt?.toISOString() ?? null, liftedAt: t.liftedAt?.toISOString() ?? null, status: statusAt(t, now),
    description: t.description, public: t.public, version: t.version, canEdit: !!actor && commands(actor, 'emergency:command', t.regionCode) && statusAt(t, now) !== 'ended',
  }));
}

async function loadControl(db: Db, actor: Actor, id: string, forUpdate = false): Promise<TrafficRow> {
  const q = db.select().from(trafficControl).where(and(eq(trafficControl.id, id), recordVisible(actor, TRAFFIC_VISIBILITY)));
  const [row] = await (forUpdate ? q.for('update') : q);
  if (!row) throw notFound();
  return row;
}

export async function listControls(kit: ReadKit, actor: Actor, q: TrafficControlQuery, clockNow: Date) {
  const now = q.at ? new Date(q.at) : clockNow;
  const where = and(recordVisible(actor, TRAFFIC_VISIBILITY), q.status ? sql`${statusSql(now)} = ${q.status}` : undefined, q.eventId ? eq(trafficControl.eventId, q.eventId) : undefined);
  const [rows, [total]] = await Promise.all([
    kit.db.select().from(trafficControl).where(where).orderBy(desc(trafficControl.startAt), desc(trafficControl.controlNo)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(trafficControl).where(where),
  ]);
  return { items: await present(kit, actor, rows, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export const readControl = async (kit: ReadKit, actor: Actor, id: string, now: Date) => (await present(kit, actor, [await loadControl(kit.db, actor, id)], now))[0]!;

/** The public notices not yet ended (optionally under a region), for the residents' portal. */
export async function publicControls(kit: ReadKit, regionCode: string | undefined, now: Date): Promise<PublicTrafficControl[]> {
  const rows = await kit.db.select().from(trafficControl)
    .where(and(eq(trafficControl.public, true), sql`${statusSql(now)} <> 'ended'`, regionCode ? sql`${trafficControl.regionCode} like ${`${regionCode.replace(/0+$/, '')}%`}` : undefined))
    .orderBy(asc(trafficControl.startAt)).limit(200);
  return (await present(kit, null, rows, now)).map(({ title, kind, regionName, geometry, startAt, endAt, status, description }) => ({ title, kind, regionName, geometry, startAt, endAt, status, description }));
}

async function checked(db: Db, ctx: ActorContext, input: TrafficControlRequest) {
  if (!commands(ctx.actor, 'emergency:command', input.regionCode)) throw new AppError('EMERGENCY_REGION', { fields: [{ field: 'regionCode', code: 'EMERGENCY_REGION' }] });
  if (input.endAt && new Date(input.endAt) <= new Date(input.startAt)) throw new AppError('TRAFFIC_CONTROL_TIME', { fields: [{ field: 'endAt', code: 'TRAFFIC_CONTROL_TIME' }] });
  if (input.eventId) await loadEvent(db, ctx.actor, input.eventId).catch(() => { throw new AppError('TRAFFIC_CONTROL_EVENT', { fields: [{ field: 'eventId', code: 'TRAFFIC_CONTROL_EVENT' }] }); });
}

export async function createControl(kit: ReadKit, ctx: ActorContext, input: TrafficControlRequest): Promise<TrafficControl> {
  await checked(kit.db, ctx, input);
  const id = crypto.randomUUID();
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    await tx.insert(trafficControl).values({
      id, title: input.title, kind: input.kind, regionCode: input.regionCode, eventId: input.eventId ?? null, geometry: input.geometry, startAt: new Date(input.startAt), endAt: input.endAt ? new Date(input.endAt) : null,
      liftedAt: null, description: input.description ?? null, public: input.public ?? true, version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
    });
    await writeAudit(tx, ctx, { action: 'traffic_control.save', objectType: 'traffic_control', objectId: id, regionCode: input.regionCode, details: { kind: input.kind, eventId: input.eventId ?? null, startAt: input.startAt, endAt: input.endAt ?? null } });
  });
  return readControl(kit, ctx.actor, id, now);
}

async function forChange(tx: Db, ctx: ActorContext, id: string, version: number): Promise<TrafficRow> {
  const t = await loadControl(tx, ctx.actor, id, true);
  if (!commands(ctx.actor, 'emergency:command', t.regionCode)) throw new AppError('FORBIDDEN');
  if (t.version !== version) throw new AppError('EMERGENCY_VERSION_CONFLICT', { current: t.version });
  if (statusAt(t, ctx.clock.now()) === 'ended') throw new AppError('TRAFFIC_CONTROL_STATE');
  return t;
}

export async function updateControl(kit: ReadKit, ctx: ActorContext, id: string, input: z.input<typeof trafficControlUpdateRequest>): Promise<TrafficControl> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const t = await forChange(tx, ctx, id, input.version);
    await checked(tx, ctx, input);
    await tx.update(trafficControl).set({
      title: input.title, kind: input.kind, regionCode: input.regionCode, eventId: input.eventId ?? null, geometry: input.geometry, startAt: new Date(input.startAt), endAt: input.endAt ? new Date(input.endAt) : null,
      description: input.description ?? null, public: input.public ?? t.public, version: t.version + 1, updatedAt: now,
    }).where(eq(trafficControl.id, id));
    await writeAudit(tx, ctx, { action: 'traffic_control.save', objectType: 'traffic_control', objectId: id, regionCode: input.regionCode, details: { kind: input.kind, startAt: input.startAt, endAt: input.endAt ?? null, version: t.version + 1 } });
  });
  return readControl(kit, ctx.actor, id, now);
}

/** Ends the control now (lifted early). */
export async function liftControl(kit: ReadKit, ctx: ActorContext, id: string, input: { version: number; note?: string | undefined }): Promise<TrafficControl> {
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const t = await forChange(tx, ctx, id, input.version);
    await tx.update(trafficControl).set({ liftedAt: now, version: t.version + 1, updatedAt: now }).where(eq(trafficControl.id, id));
    await writeAudit(tx, ctx, { action: 'traffic_control.lift', objectType: 'traffic_control', objectId: id, regionCode: t.regionCode, details: { lifted: now.toISOString(), version: t.version + 1 } });
  });
  return readControl(kit, ctx.actor, id, now);
}
