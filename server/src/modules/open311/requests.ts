/**
 * GET requests: the public face of tickets, GeoReport-shaped, from the tickets module's public
 * read model (no reporter name or phone is ever read; phone and ID numbers written into free
 * text come masked). Status is open/closed from the ticket's public status, the notes are the
 * latest public note. With an API key a request outside the key's region does not exist; without
 * one (the specification needs no key to read) every public request of the deployment is read.
 */
import type { Db } from '../../platform/db/client.js';
import { publicTickets, ticketNumberOfId, type PublicTicketView } from '../tickets/public-read.js';
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

/** Splits the media URL kept on the description's last line off again. */
export function splitMediaUrl(description: string): { text: string; mediaUrl: string | null } {
  const at = description.lastIndexOf(`\n\n${MEDIA_URL_MARK}`);
  if (at < 0) return { text: description, mediaUrl: null };
  const url = description.slice(at + 2 + MEDIA_URL_MARK.length).trim();
  return /^https?:\/\/\S+$/.test(url) ? { text: description.slice(0, at), mediaUrl: url } : { text: description, mediaUrl: null };
}

function present(r: PublicTicketView): Open311Request {
  const { text, mediaUrl } = splitMediaUrl(r.description);
  return {
    service_request_id: r.number,
    status: r.closed ? 'closed' : 'open',
    status_notes: r.publicNote,
    service_name: r.category.name,
    service_code: r.category.code,
    description: text.slice(0, 4000),
    agency_responsible: r.leadDepartment,
    service_notice: serviceNotice(r.category),
    requested_datetime: r.createdAt.toISOString(),
    updated_datetime: (r.closed ? (r.closedAt ?? r.updatedAt) : r.updatedAt).toISOString(),
    expected_datetime: r.handleDueAt?.toISOString() ?? null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: mediaUrl,
  };
}

/** Whose requests a reader sees: a key's region, or (no key) the whole deployment. */
export interface Reader {
  regionCode?: string;
}

export async function listRequests(db: Db, reader: Reader, q: RequestsQuery): Promise<Open311Request[]> {
  if (q.ids) return (await publicTickets(db, { region: reader.regionCode, numbers: q.ids, limit: q.ids.length, offset: 0 })).map(present);
  const statuses = new Set(q.statuses ?? []);
  const found = await publicTickets(db, {
    region: reader.regionCode,
    createdFrom: q.start,
    createdTo: q.end,
    categoryCodes: q.serviceCodes,
    open: statuses.size === 1 ? statuses.has('open') : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return found.map(present);
}

export async function getRequest(db: Db, reader: Reader, number: string): Promise<Open311Request> {
  const [found] = await publicTickets(db, { region: reader.regionCode, numbers: [number], limit: 1, offset: 0 });
  if (!found) throw notFound311(`service_request_id ${number} was not found`);
  return present(found);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token of a request is its ticket id (answered by POST requests). */
export async function requestOfToken(db: Db, reader: Reader, token: string): Promise<{ service_request_id: string; token: string }> {
  const number = UUID.test(token) ? await ticketNumberOfId(db, token.toLowerCase(), reader.regionCode) : null;
  if (!number) throw notFound311(`token ${token} was not found`);
  return { service_request_id: number, token };
}
