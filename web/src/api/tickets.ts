/**
 * The event closed loop: categories, departments, intake with its pre-check, ticket lists,
 * detail, timeline and transitions, and around them notifications, summonses, the daily
 * bulletin and photo attachments. Shapes come from the contracts.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
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
import { ticketKeys } from './keys';
import type { Page } from './types';

export type CategoryInput = z.input<typeof categoryInput>;
export type CategoryUpdate = z.input<typeof categoryUpdate>;
export type IntakeCheckRequest = z.input<typeof intakeCheckRequest>;
export type IntakeRequest = z.input<typeof intakeRequest>;
export type TicketListParams = Partial<z.output<typeof ticketListQuery>>;
export type TicketView = z.output<typeof ticketListQuery>['view'];
/** A transition's body; `attachmentIds` may be left out (the server defaults it). */
import type { TicketBatchRequest, TicketBatchResult, TransitionBody } from '@gridgov/contracts';
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

  check: (body: IntakeCheckRequest, signal?: AbortSignal) => api.post<IntakeCheck>('/tickets/check', body, { signal }),
  /** With an idempotency key (an offline queue's submission id), a replay answers the first report. */
  intake: (body: IntakeRequest, idempotencyKey?: string) => api.post<IntakeResult>('/tickets', body, idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : undefined),
  list: (params: TicketListParams, signal?: AbortSignal) => api.get<Page<Ticket>>('/tickets', { ...params }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Ticket>(one(id), undefined, signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<{ items: TicketEvent[] }>(one(id, '/timeline'), undefined, signal),
  act: (id: string, action: Exclude<TicketAction, 'report'>, body: TransitionBody) => api.post<Ticket>(one(id, `/${action}`), body),
  /** One action on many tickets; the answer says per ticket what happened. */
  batch: (body: TicketBatchRequest) => api.post<TicketBatchResult>('/tickets/batch', body),

  notifications: (unreadOnly = false, signal?: AbortSignal) =>
    api.get<NotificationList>('/notifications', unreadOnly ? { unread: 'true' } : undefined, signal),
  markRead: (id: string) => api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<unknown>('/notifications/read-all'),

  summonses: (status: 'open' | 'all', signal?: AbortSignal) => api.get<{ items: SummonsItem[] }>('/summonses', { status }, signal),
  bulletin: (params: { region?: string; day?: string }, signal?: AbortSignal) => api.get<Bulletin>('/bulletins', params, signal),
  bulletinExport: (params: { region?: string; day?: string }): Promise<DownloadedFile> =>
    api.download('/bulletins/export', params, `bulletin-${params.day ?? 'today'}.xlsx`),

  upload: (file: File) => api.upload<AttachmentRef>('/attachments', file),
  /** A list view (filters and sort, no paging) as .xlsx, headers in the caller's language. */
  exportList: (params: Omit<TicketListParams, 'page' | 'pageSize'>): Promise<DownloadedFile> => api.download('/exports/tickets', params, 'tickets.xlsx'),
};

/** Reference data (categories, departments) changes rarely: read once, and again when configured. */
const REFERENCE = { staleTime: Infinity } as const;

export const ticketQueries = {
  list: (params: TicketListParams) => queryOptions({ queryKey: ticketKeys.list({ ...params }), queryFn: ({ signal }) => ticketsApi.list(params, signal) }),
  detail: (id: string) => queryOptions({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => ticketsApi.get(id, signal) }),
  timeline: (id: string) =>
    queryOptions({ queryKey: ticketKeys.timeline(id), queryFn: ({ signal }) => ticketsApi.timeline(id, signal).then((answer) => answer.items) }),
  /** All categories, active or not. */
  categories: () =>
    queryOptions({ queryKey: ticketKeys.categories(), queryFn: ({ signal }) => ticketsApi.categories(signal).then((answer) => answer.items), ...REFERENCE }),
  departments: () =>
    queryOptions({ queryKey: ticketKeys.departments(), queryFn: ({ signal }) => ticketsApi.departments(signal).then((answer) => answer.items), ...REFERENCE }),
  /** Suggested categories and possible duplicates of a text (and point); a pre-check, so it stays quiet when it fails. */
  check: (body: IntakeCheckRequest) =>
    queryOptions({ queryKey: ticketKeys.check({ ...body }), queryFn: ({ signal }) => ticketsApi.check(body, signal), meta: { silent: true } }),
  notifications: () =>
    // A bell that cannot be read stays quiet: the rest of the page matters more.
    queryOptions({ queryKey: ticketKeys.notifications(), queryFn: ({ signal }) => ticketsApi.notifications(false, signal), meta: { silent: true } }),
  summonses: (status: 'open' | 'all') =>
    queryOptions({ queryKey: ticketKeys.summonses(status), queryFn: ({ signal }) => ticketsApi.summonses(status, signal).then((answer) => answer.items) }),
  bulletin: (params: { region?: string; day?: string }) =>
    queryOptions({ queryKey: ticketKeys.bulletin(params), queryFn: ({ signal }) => ticketsApi.bulletin(params, signal), meta: { silent: true } }),
};

/**
 * After a ticket changed (an action, a report): the answer is put in place, and the lists, the
 * desk, the summonses, the notifications and the ticket's timeline are read again.
 */
export function ticketChanged(client: QueryClient, ticket?: Ticket): Promise<unknown> {
  if (ticket) client.setQueryData(ticketKeys.detail(ticket.id), ticket);
  return Promise.all([
    client.invalidateQueries({ queryKey: ticketKeys.lists() }),
    client.invalidateQueries({ queryKey: ticketKeys.summonsBoards() }),
    client.invalidateQueries({ queryKey: ticketKeys.notifications() }),
    ...(ticket ? [client.invalidateQueries({ queryKey: ticketKeys.timeline(ticket.id) })] : []),
  ]);
}

/** Where the browser reads an attachment (same origin: the session cookie goes along). */
export function attachmentUrl(id: string): string {
  return buildUrl(`/attachments/${encodeURIComponent(id)}`);
}
