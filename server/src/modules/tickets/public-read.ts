/**
 * The public read model of tickets: what anyone may know of a report (Open311 readers, the
 * portal), never who reported it. Free text (the description, the address, public notes) comes
 * with phone and ID numbers masked, whoever asks. Other modules read tickets through this.
 */
import { and, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { maskFreeText, type PublicStatus } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { underRegion } from '../../platform/scope.js';
import { departmentNames } from '../departments/queries.js';
import { ticket, ticketAssignment, ticketCategory, ticketEvent } from './tables.js';
import { publicTextOf } from './timeline.js';

/** Public statuses that mean the matter is over. */
export const CLOSED_PUBLIC_STATUSES: readonly PublicStatus[] = ['resolved', 'not_accepted'];

export interface PublicTicketView {
  id: string;
  number: string;
  /** Masked. */
  description: string;
  /** Masked. */
  address: string | null;
  lon: number | null;
  lat: number | null;
  publicStatus: PublicStatus;
  closed: boolean;
  category: { code: string; name: string; dispatchMinutes: number; handleMinutes: number };
  handleDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** The latest note written for the public, masked. */
  publicNote: string | null;
  /** The department leading the work now. */
  leadDepartment: string | null;
}

export interface PublicTicketQuery {
  /** Only tickets under this region (12-digit code). */
  region?: string;
  /** Ticket numbers: when given, only those. */
  numbers?: readonly string[];
  categoryCodes?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  /** true: open only; false: closed only. */
  open?: boolean;
  limit: number;
  offset: number;
}

export async function publicTickets(db: Db, q: PublicTicketQuery): Promise<PublicTicketView[]> {
  const where: (SQL | undefined)[] = [
    q.region ? underRegion(ticket.regionCode, q.region) : undefined,
    q.numbers ? inArray(ticket.number, [...q.numbers]) : undefined,
    q.categoryCodes?.length ? inArray(ticketCategory.code, [...q.categoryCodes]) : undefined,
    q.createdFrom ? gte(ticket.createdAt, q.createdFrom) : undefined,
    q.createdTo ? lte(ticket.createdAt, q.createdTo) : undefined,
    q.open === true ? notInArray(ticket.publicStatus, [...CLOSED_PUBLIC_STATUSES]) : q.open === false ? inArray(ticket.publicStatus, [...CLOSED_PUBLIC_STATUSES]) : undefined,
    // Petitions (信访) are never listed publicly: that someone petitioned, where and about what is sensitive. Asked by number, they answer.
    q.numbers ? undefined : sql`not (${ticketCategory.code} = 'petition' or ${ticketCategory.code} like 'petition.%')`,
  ];
  if (q.numbers?.length === 0) return [];
  const rows = await db
    .select({
      id: ticket.id, number: ticket.number, description: ticket.description, address: ticket.address, lon: ticket.lon, lat: ticket.lat,
      publicStatus: ticket.publicStatus, handleDueAt: ticket.handleDueAt, createdAt: ticket.createdAt, updatedAt: ticket.updatedAt, closedAt: ticket.closedAt,
      code: ticketCategory.code, name: ticketCategory.name, dispatchMinutes: ticketCategory.dispatchMinutes, handleMinutes: ticketCategory.handleMinutes,
    })
    .from(ticket)
    .innerJoin(ticketCategory, eq(ticketCategory.id, ticket.categoryId))
    .where(and(...where))
    .orderBy(desc(ticket.createdAt), desc(ticket.number))
    .limit(q.limit)
    .offset(q.offset);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [notes, leads] = await Promise.all([
    db
      .select({ ticketId: ticketEvent.ticketId, action: ticketEvent.action, note: ticketEvent.note, data: ticketEvent.data })
      .from(ticketEvent)
      .where(and(inArray(ticketEvent.ticketId, ids), eq(ticketEvent.public, true)))
      .orderBy(desc(ticketEvent.seq)),
    db
      .select({ ticketId: ticketAssignment.ticketId, departmentId: ticketAssignment.departmentId })
      .from(ticketAssignment)
      .where(and(inArray(ticketAssignment.ticketId, ids), eq(ticketAssignment.lead, true), inArray(ticketAssignment.status, ['pending', 'handling', 'reported']))),
  ]);
  const latestNote = new Map<string, string>();
  for (const n of notes) {
    const text = publicTextOf(n);
    if (text && !latestNote.has(n.ticketId)) latestNote.set(n.ticketId, text);
  }
  const names = await departmentNames(db, leads.map((l) => l.departmentId));
  const lead = new Map(leads.map((l) => [l.ticketId, names.get(l.departmentId) ?? null]));
  return rows.map((r) => {
    const note = latestNote.get(r.id);
    const publicStatus = r.publicStatus as PublicStatus;
    return {
      id: r.id,
      number: r.number,
      description: maskFreeText(r.description),
      address: r.address === null ? null : maskFreeText(r.address),
      lon: r.lon,
      lat: r.lat,
      publicStatus,
      closed: CLOSED_PUBLIC_STATUSES.includes(publicStatus),
      category: { code: r.code, name: r.name, dispatchMinutes: r.dispatchMinutes, handleMinutes: r.handleMinutes },
      handleDueAt: r.handleDueAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      closedAt: r.closedAt,
      publicNote: note ? maskFreeText(note) : null,
      leadDepartment: lead.get(r.id) ?? null,
    };
  });
}

/** A ticket's number by its id, under a region (Open311 tokens). */
export async function ticketNumberOfId(db: Db, id: string, region?: string): Promise<string | null> {
  const [found] = await db.select({ number: ticket.number }).from(ticket).where(and(eq(ticket.id, id), region ? underRegion(ticket.regionCode, region) : undefined));
  return found?.number ?? null;
}
