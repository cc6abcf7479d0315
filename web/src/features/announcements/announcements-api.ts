/** Announcements: calls, cache keys. */
import type { Announcement, AnnouncementAction, AnnouncementStatus, PublicAnnouncement } from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { Page } from '../../api/types';

export const announcementKeys = {
  all: ['announcements'] as const,
  list: (params: object) => ['announcements', 'list', keyParams(params)] as const,
  detail: (id: string) => ['announcements', 'detail', id] as const,
  publicAt: (region: string) => ['announcements', 'public', region] as const,
};

export interface AnnouncementValues extends Record<string, unknown> {
  regionCode: string;
  title: string;
  body: string;
  audience: Announcement['audience'];
}

export const announcementsApi = {
  list: (params: { status?: AnnouncementStatus; region?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<Announcement>>('/announcements', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Announcement>(`/announcements/${id}`, undefined, signal),
  /** The published public announcements that apply at a place (the portal). */
  publicAt: (region: string, signal?: AbortSignal) => api.get<{ items: PublicAnnouncement[] }>('/public/announcements', { region }, signal).then((r) => r.items),
  create: (values: AnnouncementValues) => api.post<Announcement>('/announcements', values),
  step: (id: string, action: AnnouncementAction, body: { version: number; note?: string; title?: string; body?: string; audience?: string }) =>
    api.post<Announcement>(`/announcements/${id}/${action}`, body),
};
