/**
 * The resident portal's calls: intake, the resident's own reports, rating and reopening, photo
 * uploads, and the anonymous public intake with its tracking page (the pre-check and the categories are the tickets' own).
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PublicTicketAccess,
  AttachmentRef,
  IntakeCheck,
  PublicTicket,
  Ticket,
  TicketEvent,
  intakeRequest,
  publicIntakeRequest,
} from '@gridgov/contracts';
import { api, buildUrl } from './client';
import { ticketKeys } from './keys';
import type { Page } from './types';

export type IntakeBody = z.input<typeof intakeRequest>;
export type PublicIntakeBody = z.input<typeof publicIntakeRequest>;

/** POST /api/tickets answers the new ticket and the open reports that look like it. */
export interface IntakeAnswer {
  ticket: Ticket;
  duplicates: IntakeCheck['duplicates'];
}

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

export const portalApi = {
  report: (body: IntakeBody) => api.post<IntakeAnswer>('/tickets', body),
  mine: (page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<Ticket>>('/tickets', { view: 'mine', page, pageSize }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Ticket>(ticketPath(id), undefined, signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<{ items: TicketEvent[] }>(`${ticketPath(id)}/timeline`, undefined, signal),
  rate: (id: string, body: { version: number; rating: number; note?: string }) => api.post<Ticket>(`${ticketPath(id)}/rate`, body),
  reopen: (id: string, body: { version: number; note: string }) => api.post<Ticket>(`${ticketPath(id)}/reopen`, body),
  /** A photo for a report: signed-in residents upload as themselves, visitors to the public endpoint. */
  uploadPhoto: (file: File, anonymous: boolean) => api.upload<AttachmentRef>(anonymous ? '/public/attachments' : '/attachments', file),
  photoUrl: (id: string) => buildUrl(`/attachments/${encodeURIComponent(id)}`),
  /** Anonymous intake: answers a tracking token instead of an account's ticket. */
  publicReport: (body: PublicIntakeBody) => api.post<PublicTicket>('/public/tickets', body, { skipSessionCheck: true }),
  track: (token: string, signal?: AbortSignal) => api.get<PublicTicket>(`/public/tickets/${encodeURIComponent(token)}`, undefined, signal),
  /** Without an account, by the report's token or its receipt number plus the phone given. */
  lookup: (access: PublicTicketAccess) => api.post<PublicTicket>('/public/tickets/lookup', { access }, { skipSessionCheck: true }),
  publicRate: (access: PublicTicketAccess, rating: number, note?: string) => api.post<PublicTicket>('/public/tickets/rate', { access, rating, note }, { skipSessionCheck: true }),
  publicReopen: (access: PublicTicketAccess, note: string) => api.post<PublicTicket>('/public/tickets/reopen', { access, note }, { skipSessionCheck: true }),
};

/**
 * The portal reads the same tickets as the console, under the same keys. A resident comes to see
 * where their report stands: what they open is read afresh, never shown from an earlier visit
 * (nothing is kept once it is off screen).
 */
const FRESH = { gcTime: 0 } as const;

export const portalQueries = {
  /** The latest few of the resident's reports (the portal's home). */
  recent: (count: number) =>
    queryOptions({
      queryKey: ticketKeys.list({ view: 'mine', page: 1, pageSize: count }),
      queryFn: ({ signal }) => portalApi.mine(1, count, signal),
      meta: { silent: true },
      ...FRESH,
    }),
  /** The resident's own reports, a page more at a time. */
  mine: (pageSize: number) =>
    infiniteQueryOptions({
      queryKey: ticketKeys.mine(pageSize),
      queryFn: ({ pageParam, signal }) => portalApi.mine(pageParam, pageSize, signal),
      initialPageParam: 1,
      getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
      ...FRESH,
    }),
  detail: (id: string) => queryOptions({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => portalApi.get(id, signal), ...FRESH }),
  timeline: (id: string) =>
    queryOptions({ queryKey: ticketKeys.timeline(id), queryFn: ({ signal }) => portalApi.timeline(id, signal).then((answer) => answer.items), ...FRESH }),
  tracked: (token: string) => queryOptions({ queryKey: ticketKeys.tracked(token), queryFn: ({ signal }) => portalApi.track(token, signal), ...FRESH }),
};
