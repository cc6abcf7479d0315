/**
 * What the console's frame reads besides pages: the counts of work waiting on the menu, and the
 * header's global search. Both answer only what the caller's lists would.
 */
import { z } from 'zod';
import { REGISTER_KINDS } from '../registers/index.js';

/** Work waiting for the caller, by menu entry; an entry the caller cannot open is absent. */
export const todoCounts = z.object({
  /** Tickets waiting for me: at my level in my scope, or dispatched to my department. */
  ticketQueue: z.number().int().optional(),
  ticketsOverdue: z.number().int().optional(),
  /** Summonses (吹哨) not yet answered by every department summoned. */
  summonses: z.number().int().optional(),
  /** Unread notifications. */
  notifications: z.number().int(),
});
export type TodoCounts = z.infer<typeof todoCounts>;

export const globalSearchQuery = z.strictObject({
  /** A ticket number or words of its description, a person's name or exact ID number, a place's name or address. */
  q: z.string().trim().min(2).max(64),
});

export const searchTicketHit = z.object({
  id: z.string(),
  number: z.string(),
  description: z.string(),
  categoryName: z.string(),
  gridName: z.string().nullable(),
  status: z.string(),
});
export const searchPersonHit = z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), gridName: z.string() });
export const searchPlaceHit = z.object({ id: z.string(), kind: z.enum(REGISTER_KINDS), name: z.string(), address: z.string().nullable(), gridName: z.string() });

/** Hits by group; a group the caller may not search is absent. */
export const globalSearchResult = z.object({
  tickets: z.array(searchTicketHit).optional(),
  people: z.array(searchPersonHit).optional(),
  places: z.array(searchPlaceHit).optional(),
  /** How the people were looked up: by name, or by exact ID number (which spends the unmask budget). */
  peopleBy: z.enum(['name', 'idNumber']).optional(),
});
export type GlobalSearchResult = z.infer<typeof globalSearchResult>;
