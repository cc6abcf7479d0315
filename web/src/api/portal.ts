/**
 * The resident portal's calls: intake with its pre-check, the resident's own reports, rating and
 * reopening, photo uploads, and the anonymous public intake with its tracking page.
 */
import type { z } from 'zod';
import type {
  AttachmentRef,
  Category,
  IntakeCheck,
  PublicTicket,
  Ticket,
  TicketEvent,
  intakeRequest,
  publicIntakeRequest,
} from '@gridgov/contracts';
import { api, buildUrl } from './client';
import type { MapConfig, Page } from './types';

export type IntakeBody = z.input<typeof intakeRequest>;
export type PublicIntakeBody = z.input<typeof publicIntakeRequest>;

/** POST /api/tickets answers the new ticket and the open reports that look like it. */
export interface IntakeAnswer {
  ticket: Ticket;
  duplicates: IntakeCheck['duplicates'];
}

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

export const portalApi = {
  mapConfig: () => api.get<MapConfig>('/config/map'),
  categories: () => api.get<{ items: Category[] }>('/ticket-categories'),
  /** Grid at the point, suggested categories, and whether similar reports are open nearby. */
  check: (body: { description: string; lon?: number; lat?: number }) => api.post<IntakeCheck>('/tickets/check', body),
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
};
