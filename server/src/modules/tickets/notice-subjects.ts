/**
 * What a notification about a ticket says besides its title: what (the category), where (the
 * grid and address), how urgent (an emergency or overdue) and the time limit it runs against now.
 * Read at the time the notification is read, and only for tickets the reader may still read.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { OPEN_TICKET_STATUSES } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { ticketReadable } from './ticket-access.js';
import { ticket, ticketCategory } from './tables.js';

export async function describeTickets(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const found = await db
    .select({
      id: ticket.id, category: ticketCategory.name, gridId: ticket.gridId, address: ticket.address, emergency: ticket.emergency, overdue: ticket.overdue,
      status: ticket.status, dispatchDueAt: ticket.dispatchDueAt, handleDueAt: ticket.handleDueAt,
    })
    .from(ticket)
    .innerJoin(ticketCategory, eq(ticketCategory.id, ticket.categoryId))
    .where(and(inArray(ticket.id, [...ids]), ticketReadable(reader)));
  const grids = await gridNames(db, found.flatMap((t) => (t.gridId ? [t.gridId] : [])));
  const open = (status: string) => (OPEN_TICKET_STATUSES as readonly string[]).includes(status);
  return new Map(
    found.map((t) => {
      // Before dispatch the dispatch limit runs; after it, the handling limit.
      const due = !open(t.status) ? null : t.status === 'reported' ? t.dispatchDueAt : (t.handleDueAt ?? t.dispatchDueAt);
      const where = [t.gridId ? grids.get(t.gridId) : null, t.address].filter(Boolean).join(' · ');
      return [t.id, { what: t.category, where: where || null, urgent: t.emergency || t.overdue, dueAt: due?.toISOString() ?? null }];
    }),
  );
}
