/**
 * GET requests: the public face of tickets within a client's region, GeoReport-shaped. Status is
 * open/closed from the ticket's public status, the notes are the latest public note, and no
 * reporter name or phone is ever read here; phone and ID numbers written into free text are
 * masked. Outside the client's region a request does not exist.
 *
 * This is a read model over the tickets tables: the tickets module has no query for the public
 * view of many tickets at once.
 */
import { and, desc, eq, gte, inArray, isNotNull, lte, notInArray, type SQL } from 'drizzle-orm';
import { maskIdNumber, maskPhone } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { underRegion } from '../../platform/scope.js';
import { departmentNames } from '../departments/queries.js';
// eslint-disable-next-line gridgov/module-boundaries -- TODO(issue 11): being moved to the owner's exported functions
import { ticket, ticketAssignment, ticketCategory, ticketEvent } from '../tickets/tables.js';
import type { ApiClient } from './api-clients.js';
import { notFound311 } from './errors.js';
import { MEDIA_URL_MARK } from './file-service-request.js';
import { serviceNotice } from './services.js';

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

export interface RequestsQuery {
  /** Ticket numbers: when given, every other filter is ignored (as the spec says). */
  ids?: string[];
  serviceCodes?: string[];
  start: Date;
  end: Date;
  statuses?: ('open' | 'closed')[];
  page: number;
  pageSize: number;
}

/** Public statuses that GeoReport calls closed. */
export const CLOSED_PUBLIC_STATUSES = ['resolved', 'not_accepted'];

const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Phone and ID numbers a reporter wrote into the text, masked. */
export function maskFreeText(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

/** Splits the media URL kept on the description's last line off again. */
export function splitMediaUrl(description: string): { text: string; mediaUrl: string | null } {
  const at = description.lastIndexOf(`\n\n${MEDIA_URL_MARK}`);
  if (at < 0) return { text: description, mediaUrl: null };
  const url = description.slice(at + 2 + MEDIA_URL_MARK.length).trim();
  return /^https?:\/\/\S+$/.test(url) ? { text: description.slice(0, at), mediaUrl: url } : { text: description, mediaUrl: null };
}

const columns = {
  id: ticket.id,
  number: ticket.number,
  description: ticket.description,
  address: ticket.address,
  lon: ticket.lon,
  lat: ticket.lat,
  publicStatus: ticket.publicStatus,
  handleDueAt: ticket.handleDueAt,
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
  closedAt: ticket.closedAt,
  serviceCode: ticketCategory.code,
  serviceName: ticketCategory.name,
  dispatchMinutes: ticketCategory.dispatchMinutes,
  handleMinutes: ticketCategory.handleMinutes,
};

interface Row {
  id: string;
  number: string;
  description: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  publicStatus: string;
  handleDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  serviceCode: string;
  serviceName: string;
  dispatchMinutes: number;
  handleMinutes: number;
}

async function select(db: Db, where: SQL | undefined, limit: number, offset: number): Promise<Open311Request[]> {
  const rows = await db
    .select(columns)
    .from(ticket)
    .innerJoin(ticketCategory, eq(ticketCategory.id, ticket.categoryId))
    .where(where)
    .orderBy(desc(ticket.createdAt), desc(ticket.number))
    .limit(limit)
    .offset(offset);
  return present(db, rows);
}

async function present(db: Db, rows: Row[]): Promise<Open311Request[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [notes, leads] = await Promise.all([
    db
      .select({ ticketId: ticketEvent.ticketId, note: ticketEvent.note })
      .from(ticketEvent)
      .where(and(inArray(ticketEvent.ticketId, ids), eq(ticketEvent.public, true), isNotNull(ticketEvent.note)))
      .orderBy(desc(ticketEvent.seq)),
    db
      .select({ ticketId: ticketAssignment.ticketId, departmentId: ticketAssignment.departmentId })
      .from(ticketAssignment)
      .where(and(inArray(ticketAssignment.ticketId, ids), eq(ticketAssignment.lead, true), inArray(ticketAssignment.status, ['pending', 'handling', 'reported']))),
  ]);
  const latestNote = new Map<string, string>();
  for (const n of notes) if (n.note && !latestNote.has(n.ticketId)) latestNote.set(n.ticketId, n.note);
  const names = await departmentNames(db, leads.map((l) => l.departmentId));
  const agency = new Map(leads.map((l) => [l.ticketId, names.get(l.departmentId) ?? null]));
  return rows.map((r) => {
    const closed = CLOSED_PUBLIC_STATUSES.includes(r.publicStatus);
    const { text, mediaUrl } = splitMediaUrl(r.description);
    const note = latestNote.get(r.id);
    return {
      service_request_id: r.number,
      status: closed ? 'closed' : 'open',
      status_notes: note ? maskFreeText(note) : null,
      service_name: r.serviceName,
      service_code: r.serviceCode,
      description: maskFreeText(text).slice(0, 4000),
      agency_responsible: agency.get(r.id) ?? null,
      service_notice: serviceNotice(r),
      requested_datetime: r.createdAt.toISOString(),
      updated_datetime: (closed ? (r.closedAt ?? r.updatedAt) : r.updatedAt).toISOString(),
      expected_datetime: r.handleDueAt?.toISOString() ?? null,
      address: r.address,
      address_id: null,
      zipcode: null,
      lat: r.lat,
      long: r.lon,
      media_url: mediaUrl,
    };
  });
}

export async function listRequests(db: Db, client: ApiClient, q: RequestsQuery): Promise<Open311Request[]> {
  const inRegion = underRegion(ticket.regionCode, client.regionCode);
  if (q.ids) return q.ids.length ? select(db, and(inRegion, inArray(ticket.number, q.ids)), q.ids.length, 0) : [];
  const statuses = new Set(q.statuses ?? []);
  const where = and(
    inRegion,
    gte(ticket.createdAt, q.start),
    lte(ticket.createdAt, q.end),
    q.serviceCodes?.length ? inArray(ticketCategory.code, q.serviceCodes) : undefined,
    statuses.size === 1 && statuses.has('closed') ? inArray(ticket.publicStatus, CLOSED_PUBLIC_STATUSES) : undefined,
    statuses.size === 1 && statuses.has('open') ? notInArray(ticket.publicStatus, CLOSED_PUBLIC_STATUSES) : undefined,
  );
  return select(db, where, q.pageSize, (q.page - 1) * q.pageSize);
}

export async function getRequest(db: Db, client: ApiClient, number: string): Promise<Open311Request> {
  const [found] = await select(db, and(underRegion(ticket.regionCode, client.regionCode), eq(ticket.number, number)), 1, 0);
  if (!found) throw notFound311(`service_request_id ${number} was not found`);
  return found;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token of a request is its ticket id (answered by POST requests). */
export async function requestOfToken(db: Db, client: ApiClient, token: string): Promise<{ service_request_id: string; token: string }> {
  const [found] = UUID.test(token)
    ? await db.select({ number: ticket.number }).from(ticket).where(and(eq(ticket.id, token.toLowerCase()), underRegion(ticket.regionCode, client.regionCode)))
    : [];
  if (!found) throw notFound311(`token ${token} was not found`);
  return { service_request_id: found.number, token };
}
