/** Reads of tickets, always through the caller's visibility (ticket-access.ts). */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { errorMessageWith, OPEN_TICKET_STATUSES, type SortOrder, type TicketSortKey, type HandlingLevel, type Locale, type PublicStatus, type Ticket, type TicketAction, type TicketEvent, type TicketSource, type TicketStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { underRegion } from '../../platform/scope.js';
import { sortOrder, type SortColumns } from '../../platform/db/sort.js';
import { isUuid } from '../../platform/audit/labels.js';
import { departmentNames } from '../departments/queries.js';
import { gridNames } from '../grids/queries.js';
import { regionNames } from '../regions/queries.js';
import { levelOfRegion, ticketActions, unavailableTicketActions } from './flow.js';
import { loadTicket, standingOf, ticketReadable, type TicketRow } from './ticket-access.js';
import { publicTextOf } from './timeline.js';
import { ticketState } from './ticket-workflow.js';
import { ticketAssignment, ticketCategory, ticketEvent, ticket } from './tables.js';

export interface TicketListQuery {
  view: 'queue' | 'all' | 'overdue' | 'supervised' | 'mine';
  status?: string;
  categoryId?: string;
  region?: string;
  gridId?: string;
  q?: string;
  sort?: TicketSortKey | undefined;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

/** What each sort key of a ticket list orders by (the whitelist is TICKET_SORT_KEYS). */
const SORT_COLUMNS: SortColumns<TicketSortKey> = {
  number: ticket.number,
  createdAt: ticket.createdAt,
  status: ticket.status,
  level: sql`case ${ticket.level} when 'grid' then 1 when 'community' then 2 when 'township' then 3 when 'county' then 4 else 5 end`,
  due: sql`case when ${ticket.status} in ('reported', 'accepted') then ${ticket.dispatchDueAt} when ${ticket.status} in ('dispatched', 'handling') then ${ticket.handleDueAt} end`,
  category: sql`(select ${ticketCategory.name} from ${ticketCategory} where ${ticketCategory.id} = ${ticket.categoryId})`,
};


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
export function toTicket(
  r: TicketRow,
  names: { category: string; grid: string | null; region: string; departments: Map<string, string> },
  assignments: Assignment[],
  actions: TicketAction[],
  unavailable: Ticket['unavailable'] = [],
): Ticket {
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
    regionName: names.region,
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
    origin: r.origin ?? null,
    assignments: assignments
      .filter((a) => a.ticketId === r.id)
      .sort((a, b) => Number(b.lead) - Number(a.lead))
      .map((a) => ({ departmentId: a.departmentId, departmentName: names.departments.get(a.departmentId) ?? '', lead: a.lead, status: a.status as Ticket['assignments'][number]['status'], dueAt: a.dueAt.toISOString(), note: a.note })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    actions,
    unavailable,
  };
}

async function present(db: Db, rows: TicketRow[], actions: Map<string, TicketAction[]>, unavailable: Map<string, Ticket['unavailable']> = new Map()): Promise<Ticket[]> {
  const ids = rows.map((r) => r.id);
  const [categories, grids, regions, assignments] = await Promise.all([
    ids.length ? db.select({ id: ticketCategory.id, name: ticketCategory.name }).from(ticketCategory).where(inArray(ticketCategory.id, [...new Set(rows.map((r) => r.categoryId))])) : [],
    gridNames(db, rows.map((r) => r.gridId).filter((g): g is string => Boolean(g))),
    regionNames(db, rows.map((r) => r.regionCode)),
    ids.length ? db.select().from(ticketAssignment).where(and(inArray(ticketAssignment.ticketId, ids), inArray(ticketAssignment.status, ['pending', 'handling', 'reported', 'returned']))) : [],
  ]);
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const departments = await departmentNames(db, assignments.map((a) => a.departmentId));
  return rows.map((r) =>
    toTicket(r, { category: categoryName.get(r.categoryId) ?? '', grid: r.gridId ? (grids.get(r.gridId) ?? null) : null, region: regions.get(r.regionCode) ?? '', departments }, assignments, actions.get(r.id) ?? [], unavailable.get(r.id) ?? []),
  );
}

/** The tickets a list view holds for the caller: visibility, the view and the filters. */
export function ticketListWhere(actor: Actor, q: Omit<TicketListQuery, 'page' | 'pageSize'>): SQL | undefined {
  return and(
    ticketReadable(actor),
    viewWhere(actor, q.view),
    q.status ? eq(ticket.status, q.status) : undefined,
    q.categoryId ? eq(ticket.categoryId, q.categoryId) : undefined,
    q.region ? underRegion(ticket.regionCode, q.region) : undefined,
    q.gridId ? eq(ticket.gridId, q.gridId) : undefined,
    q.q ? or(ilike(ticket.description, `%${q.q.replace(/[\\%_]/g, '')}%`), eq(ticket.number, q.q)) : undefined,
  );
}

/** A list view's order, ending in the id: a reporter reads their reports newest first; staff work the most urgent first; a chosen column goes before either. */
export function ticketListOrder(q: Pick<TicketListQuery, 'view' | 'sort' | 'order'>): SQL[] {
  return sortOrder(
    SORT_COLUMNS,
    q.sort,
    q.order ?? 'asc',
    q.view === 'mine' ? [desc(ticket.createdAt), asc(ticket.id)] : [desc(ticket.emergency), asc(ticket.dispatchDueAt), desc(ticket.createdAt), asc(ticket.id)],
  );
}

export async function listTickets(db: Db, actor: Actor, q: TicketListQuery): Promise<{ items: Ticket[]; total: number; page: number; pageSize: number }> {
  const where = ticketListWhere(actor, q);
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(ticket)
      .where(where)
      .orderBy(...ticketListOrder(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(ticket).where(where),
  ]);
  return { items: await present(db, found, new Map()), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** One ticket with what the caller may do now, and what they may not yet and why (in their language). */
export async function getTicket(db: Db, actor: Actor, id: string, now: Date, locale: Locale = 'zh-CN'): Promise<Ticket> {
  const row = await loadTicket(db, actor, id);
  const [state, standing] = await Promise.all([ticketState(db, row), standingOf(db, actor, row)]);
  const actions = ticketActions(state, standing, now);
  const unavailable = unavailableTicketActions(state, standing, now).map(({ action, reason }) => ({ action, code: reason.code, message: errorMessageWith(reason.code, locale, reason.params ?? {}) }));
  const [out] = await present(db, [row], new Map([[row.id, actions]]), new Map([[row.id, unavailable]]));
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
    note: publicOnly ? publicTextOf(e) : e.note,
    attachments: publicOnly ? [] : (e.attachments as TicketEvent['attachments']),
    data: publicOnly ? {} : (e.data as Record<string, unknown>),
    public: e.public,
  }));
}

/** How many tickets a list view holds for the caller: the same conditions as `listTickets` (the menu's to-do counts). */
export async function countTickets(db: Db, actor: Actor, view: TicketListQuery['view']): Promise<number> {
  const [found] = await db.select({ n: count() }).from(ticket).where(and(ticketReadable(actor), viewWhere(actor, view)));
  return Number(found?.n ?? 0);
}

/** Tickets as the audit log names them: by their number. */
export async function ticketNumbers(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const found = await db.select({ id: ticket.id, number: ticket.number }).from(ticket).where(inArray(ticket.id, wanted));
  return new Map(found.map((t) => [t.id, t.number]));
}
