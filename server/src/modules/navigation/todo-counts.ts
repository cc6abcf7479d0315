/**
 * The work waiting for the caller, counted for the menu's badges: each count is what the page it
 * stands on would list for the caller (the same scope and conditions), and only for the pages
 * the caller may open.
 */
import type { TodoCounts } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { unreadNotifications } from '../../platform/notifications/routes.js';
import { countTickets } from '../tickets/queries.js';
import { summonsBoard } from '../tickets/summons-board.js';

/** Those who work tickets in the console (as the ticket pages of the menu need). */
export function worksTickets(actor: Actor): boolean {
  return actor.permissions.includes('ticket:read') || actor.permissions.includes('ticket:handle');
}

export async function todoCounts(db: Db, actor: Actor, now: Date): Promise<TodoCounts> {
  const notifications = await unreadNotifications(db, actor.id);
  if (!worksTickets(actor)) return { notifications };
  const [ticketQueue, ticketsOverdue, summonses] = await Promise.all([
    countTickets(db, actor, 'queue'),
    countTickets(db, actor, 'overdue'),
    summonsBoard(db, actor, now, 'open').then((open) => open.length),
  ]);
  return { ticketQueue, ticketsOverdue, summonses, notifications };
}
