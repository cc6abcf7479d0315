/** Reads of tickets, always through the caller's visibility (ticket-access.ts). */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_TICKET_STATUSES, type HandlingLevel, type PublicStatus, type Ticket, type TicketAction, type TicketEvent, type TicketSource, type TicketStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { underRegion } from '../../platform/scope.js';
import { departmentNames } from '../departments/queries.js';
import { gridNames } from '../grids/queries.js';
import { levelOfRegion, ticketActions } from './flow.js';
import { loadTicket, standingOf, ticketReadable, type TicketRow } from './ticket-access.js';
import { ticketState } from './ticket-workflow.js';
import { ticketAssignment, ticketCategory, ticketEvent, ticket } from './tables.js';

export interface TicketListQuery {
  view: 'queue' | 'all' | 'overdue' | 'supervised' | 'mine';
  status?: string;
  categoryId?: string;
  region?: string;
  gridId?: string;
  q?: string;
  page: number;
  pageSize: number;
}


function viewWhere(actor: Actor, view: TicketListQuery['view']): SQL | undefined {
  switch (view) {
    case 'queue':
      // What waits for me: at my level in my scope, or dispatched to my department.
      if (actor.departmentIds.length > 0 && actor.permissions.includes('ticket:handle')) {
        return sql`exists (select 1 from ${ticketAssignment} where ${ticketAssignment.ticketId} = ${ticket.id} and ${inArray(ticketAssignment.departmentId, [...actor.departmentIds])} and ${ticketAssignment.status} in ('pending', 'handling'))`;
      }
      if (actor.gridId) return and(eq(ticket.level, 'grid'), inArray(ticket.status, ['reported', 'accepted', 'reported_back']));
      return and(eq(ticket.level, levelOfRegion(actor.regionCode)), inArray(ticket.status, ['reported', 'accepted', 'reported_back']));
    case 'overdue':
      return and(eq(ticket.overdue, true), inArray(ticket.status, [...OPEN_TICKET_STATUSES]));
    case 'supervised':
      return eq(ticket.supervised, true);
    case 'mine':
      return eq(ticket.reporterUserId, actor.id);
    default:
      return undefined;
  }
}

type Assignment = typeof ticketAssignment.$inferSelect;

/** A ticket as the API shows it, from its row and the names, assignments and actions read for it. */
export function toTicket(r: TicketRow, names: { category: string; grid: string | null; departments: Map<string, string> }, assignments: Assignment[], actions: TicketAction[]): Ticket {
  return {
    id: r.id,
    number: r.number,
    source: r.source as TicketSource,
    categoryId: r.categoryId,
    categoryName: names.category,
    description: r.description,
    address: r.address,
    lon: r.lon,
    lat: r.lat,
    gridId: r.gridId,
    gridName: names.grid,
    regionCode: r.regionCode,
    level: r.level as HandlingLevel,
    status: r.status as TicketStatus,
    publicStatus: r.publicStatus as PublicStatus,
    emergency: r.emergency,
    reporterName: r.reporterName,
    reporterPhoneMasked: r.reporterPhoneMasked,
    customFields: r.customFields as Record<string, unknown>,
    photos: r.photos as Ticket['photos'],
    dispatchDueAt: r.dispatchDueAt?.toISOString() ?? null,
    handleDueAt: r.handleDueAt?.toISOString() ?? null,
    overdue: r.overdue,
    supervised: r.supervised,
    rating: r.rating,
    ratingComment: r.ratingComment,
    reopenUntil: r.reopenUntil?.toISOString() ?? null,
    duplicateOf: r.duplicateOf,
    assignments: assignments
      .filter((a) => a.ticketId === r.id)
      .sort((a, b) => Number(b.lead) - Number(a.lead))
      .map((a) => ({ departmentId: a.departmentId, departmentName: names.departments.get(a.departmentId) ?? '', lead: a.lead, status: a.status as Ticket['assignments'][number]['status'], dueAt: a.dueAt.toISOString(), note: a.note })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    actions,
  };
}

async function present(db: Db, rows: TicketRow[], actions: Map<string, TicketAction[]>): Promise<Ticket[]> {
  const ids = rows.map((r) => r.id);
  const [categories, grids, assignments] = await Promise.all([
    ids.length ? db.select({ id: ticketCategory.id, name: ticketCategory.name }).from(ticketCategory).where(inArray(ticketCategory.id, [...new Set(rows.map((r) => r.categoryId))])) : [],
    gridNames(db, rows.map((r) => r.gridId).filter((g): g is string => Boolean(g))),
    ids.length ? db.select().from(ticketAssignment).where(and(inArray(ticketAssignment.ticketId, ids), inArray(ticketAssignment.status, ['pending', 'handling', 'reported', 'returned']))) : [],
  ]);
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const departments = await departmentNames(db, assignments.map((a) => a.departmentId));
  return rows.map((r) =>
    toTicket(r, { category: categoryName.get(r.categoryId) ?? '', grid: r.gridId ? (grids.get(r.gridId) ?? null) : null, departments }, assignments, actions.get(r.id) ?? []),
  );
}

export async function listTickets(db: Db, actor: Actor, q: TicketListQuery): Promise<{ items: Ticket[]; total: number; page: number; pageSize: number }> {
  const where = and(
    ticketReadable(actor),
    viewWhere(actor, q.view),
    q.status ? eq(ticket.status, q.status) : undefined,
    q.categoryId ? eq(ticket.categoryId, q.categoryId) : undefined,
    q.region ? underRegion(ticket.regionCode, q.region) : undefined,
    q.gridId ? eq(ticket.gridId, q.gridId) : undefined,
    q.q ? or(ilike(ticket.description, `%${q.q.replace(/[\\%_]/g, '')}%`), eq(ticket.number, q.q)) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(ticket)
      .where(where)
      // A reporter reads their reports newest first; staff work the most urgent first.
      .orderBy(...(q.view === 'mine' ? [desc(ticket.createdAt)] : [desc(ticket.emergency), asc(ticket.dispatchDueAt), desc(ticket.createdAt)]))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(ticket).where(where),
  ]);
  return { items: await present(db, found, new Map()), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getTicket(db: Db, actor: Actor, id: string, now: Date): Promise<Ticket> {
  const row = await loadTicket(db, actor, id);
  const actions = ticketActions(await ticketState(db, row), await standingOf(db, actor, row), now);
  const [out] = await present(db, [row], new Map([[row.id, actions]]));
  return out!;
}

/** The timeline: everything for staff; the public steps only for the reporter. */
export async function ticketTimeline(db: Db, actor: Actor, id: string): Promise<TicketEvent[]> {
  const row = await loadTicket(db, actor, id);
  // Someone who sees the ticket only as its reporter reads its public steps.
  const publicOnly = (await standingOf(db, actor, row)).reporterOnly;
  const events = await db
    .select()
    .from(ticketEvent)
    .where(and(eq(ticketEvent.ticketId, id), publicOnly ? eq(ticketEvent.public, true) : undefined))
    .orderBy(asc(ticketEvent.seq));
  const departments = await departmentNames(db, events.map((e) => e.departmentId).filter((d): d is string => Boolean(d)));
  return events.map((e) => ({
    seq: e.seq,
    action: e.action as TicketAction,
    at: e.at.toISOString(),
    // The public sees roles, not the names of staff.
    actorName: publicOnly ? null : e.actorName,
    departmentName: e.departmentId ? (departments.get(e.departmentId) ?? null) : null,
    fromStatus: e.fromStatus as TicketStatus | null,
    toStatus: e.toStatus as TicketStatus | null,
    note: e.note,
    attachments: e.attachments as TicketEvent['attachments'],
    data: publicOnly ? {} : (e.data as Record<string, unknown>),
    public: e.public,
  }));
}
