/**
 * The daily bulletin (每日通报) of a region: new, closed, overdue and returned tickets,
 * satisfaction, the top categories and the worst-performing departments of one day (the
 * deployment's time zone). Generated every morning for every city, county and township by a recurring job, and on
 * demand for any region in scope; stored once made.
 */
import { and, avg, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { OPEN_TICKET_STATUSES, type Bulletin } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { dayBounds, localDate } from '../../platform/time-zone.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { underRegion } from '../../platform/scope.js';
import { currentRegionCodes, regionNames } from '../regions/queries.js';
import { departmentNames } from '../departments/queries.js';
import { bulletin, ticket, ticketAssignment, ticketCategory, ticketEvent } from './tables.js';


export async function computeBulletin(db: Db, regionCode: string, day: string): Promise<Bulletin['data']> {
  const [start, end] = dayBounds(day);
  const under = underRegion(ticket.regionCode, regionCode);
  const inDay = (column: typeof ticket.createdAt | typeof ticketEvent.at) => and(gte(column, start), lt(column, end));
  const eventCount = async (action: string) => {
    const [r] = await db.select({ n: count() }).from(ticketEvent).innerJoin(ticket, eq(ticket.id, ticketEvent.ticketId)).where(and(under, eq(ticketEvent.action, action), inDay(ticketEvent.at)));
    return Number(r?.n ?? 0);
  };
  const [[created], closed, returned, [overdue], [rated], top, departments] = await Promise.all([
    db.select({ n: count() }).from(ticket).where(and(under, inDay(ticket.createdAt))),
    eventCount('close'),
    eventCount('return'),
    db.select({ n: count() }).from(ticket).where(and(under, eq(ticket.overdue, true), inArray(ticket.status, [...OPEN_TICKET_STATUSES]))),
    db
      .select({ n: count(), avg: avg(sql<number>`(${ticketEvent.data} ->> 'rating')::int`) })
      .from(ticketEvent)
      .innerJoin(ticket, eq(ticket.id, ticketEvent.ticketId))
      .where(and(under, eq(ticketEvent.action, 'rate'), inDay(ticketEvent.at))),
    db
      .select({ categoryId: ticket.categoryId, name: ticketCategory.name, n: count() })
      .from(ticket)
      .innerJoin(ticketCategory, eq(ticketCategory.id, ticket.categoryId))
      .where(and(under, inDay(ticket.createdAt)))
      .groupBy(ticket.categoryId, ticketCategory.name)
      .orderBy(desc(count()))
      .limit(5),
    db
      .select({
        departmentId: ticketAssignment.departmentId,
        overdue: sql<number>`count(*) filter (where ${ticketAssignment.status} in ('pending', 'handling') and ${ticketAssignment.dueAt} < ${end})`,
        reported: sql<number>`count(*) filter (where ${ticketAssignment.status} = 'reported')`,
        onTime: sql<number>`count(*) filter (where ${ticketAssignment.status} = 'reported' and ${ticketAssignment.updatedAt} <= ${ticketAssignment.dueAt})`,
      })
      .from(ticketAssignment)
      .innerJoin(ticket, eq(ticket.id, ticketAssignment.ticketId))
      .where(and(under, lt(ticketAssignment.assignedAt, end)))
      .groupBy(ticketAssignment.departmentId),
  ]);
  const names = await departmentNames(db, departments.map((d) => d.departmentId));
  const worst = departments
    .map((d) => ({ departmentId: d.departmentId, name: names.get(d.departmentId) ?? '', overdue: Number(d.overdue), onTimeRate: Number(d.reported) ? Number(d.onTime) / Number(d.reported) : null }))
    .filter((d) => d.overdue > 0 || (d.onTimeRate !== null && d.onTimeRate < 1))
    .sort((a, b) => b.overdue - a.overdue || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1))
    .slice(0, 5);
  return {
    newTickets: Number(created?.n ?? 0),
    closed,
    overdue: Number(overdue?.n ?? 0),
    returned,
    satisfaction: rated && Number(rated.n) > 0 ? Math.round(Number(rated.avg) * 100) / 100 : null,
    ratedCount: Number(rated?.n ?? 0),
    topCategories: top.map((t) => ({ categoryId: t.categoryId, name: t.name, count: Number(t.n) })),
    worstDepartments: worst,
  };
}

/** The stored bulletin of a region and day, made now if there is none (a past day's is stored). */
export async function getBulletin(db: Db, regionCode: string, day: string, now: Date): Promise<Bulletin> {
  const [stored] = await db.select().from(bulletin).where(and(eq(bulletin.regionCode, regionCode), eq(bulletin.day, day)));
  const names = await regionNames(db, [regionCode]);
  if (stored) return { regionCode, regionName: names.get(regionCode) ?? '', day, data: stored.data as Bulletin['data'], createdAt: stored.createdAt.toISOString() };
  const data = await computeBulletin(db, regionCode, day);
  if (day < localDate(now)) await db.insert(bulletin).values({ regionCode, day, data, createdAt: now }).onConflictDoNothing();
  return { regionCode, regionName: names.get(regionCode) ?? '', day, data, createdAt: now.toISOString() };
}

/** Every hour: make yesterday's bulletins that do not exist yet. */
export const bulletinJob = defineJob({
  name: 'tickets.bulletin',
  payload: z.object({}),
  repeatEveryMs: 60 * 60 * 1000,
  async handle(_payload, { db, clock }) {
    const now = clock.now();
    const yesterday = localDate(now, 1);
    for (const code of await currentRegionCodes(db, ['city', 'county', 'township'])) await getBulletin(db, code, yesterday, now);
  },
});
