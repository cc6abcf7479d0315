/**
 * The event closed loop: categories, departments, intake with its pre-check, ticket lists,
 * detail, timeline and transitions, and around them notifications, summonses, the daily
 * bulletin and photo attachments. Shapes come from the contracts.
 */
import type { z } from 'zod';
import type {
  AttachmentRef,
  Bulletin,
  Category,
  Department,
  IntakeCheck,
  SummonsItem,
  Ticket,
  TicketAction,
  TicketEvent,
  categoryInput,
  categoryUpdate,
  intakeCheckRequest,
  intakeRequest,
  notificationItem,
  notificationList,
  ticketListQuery,
} from '@gridgov/contracts';
import { api, buildUrl, type DownloadedFile } from './client';
import type { Page } from './types';

export type CategoryInput = z.input<typeof categoryInput>;
export type CategoryUpdate = z.input<typeof categoryUpdate>;
export type IntakeCheckRequest = z.input<typeof intakeCheckRequest>;
export type IntakeRequest = z.input<typeof intakeRequest>;
export type TicketListParams = Partial<z.output<typeof ticketListQuery>>;
export type TicketView = z.output<typeof ticketListQuery>['view'];
/** A transition's body; `attachmentIds` may be left out (the server defaults it). */
import type { TransitionBody } from '@gridgov/contracts';
export type { TransitionBody };
export type NotificationItem = z.output<typeof notificationItem>;
export type NotificationList = z.output<typeof notificationList>;
export type IntakeResult = { ticket: Ticket; duplicates: IntakeCheck['duplicates'] };

const one = (id: string, rest = '') => `/tickets/${encodeURIComponent(id)}${rest}`;

export const ticketsApi = {
  categories: (signal?: AbortSignal) => api.get<{ items: Category[] }>('/ticket-categories', undefined, signal),
  createCategory: (body: CategoryInput) => api.post<Category>('/ticket-categories', body),
  updateCategory: (id: string, body: CategoryUpdate) => api.patch<Category>(`/ticket-categories/${encodeURIComponent(id)}`, body),
  departments: (signal?: AbortSignal) => api.get<{ items: Department[] }>('/departments', undefined, signal),

  check: (body: IntakeCheckRequest) => api.post<IntakeCheck>('/tickets/check', body),
  intake: (body: IntakeRequest) => api.post<IntakeResult>('/tickets', body),
  list: (params: TicketListParams, signal?: AbortSignal) => api.get<Page<Ticket>>('/tickets', { ...params }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Ticket>(one(id), undefined, signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<{ items: TicketEvent[] }>(one(id, '/timeline'), undefined, signal),
  act: (id: string, action: Exclude<TicketAction, 'report'>, body: TransitionBody) => api.post<Ticket>(one(id, `/${action}`), body),

  notifications: (unreadOnly = false, signal?: AbortSignal) =>
    api.get<NotificationList>('/notifications', unreadOnly ? { unread: 'true' } : undefined, signal),
  markRead: (id: string) => api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<unknown>('/notifications/read-all'),

  summonses: (status: 'open' | 'all', signal?: AbortSignal) => api.get<{ items: SummonsItem[] }>('/summonses', { status }, signal),
  bulletin: (params: { region?: string; day?: string }, signal?: AbortSignal) => api.get<Bulletin>('/bulletins', params, signal),
  bulletinExport: (params: { region?: string; day?: string }): Promise<DownloadedFile> =>
    api.download('/bulletins/export', params, `bulletin-${params.day ?? 'today'}.xlsx`),

  upload: (file: File) => api.upload<AttachmentRef>('/attachments', file),
};

/** Where the browser reads an attachment (same origin: the session cookie goes along). */
export function attachmentUrl(id: string): string {
  return buildUrl(`/attachments/${encodeURIComponent(id)}`);
}
