/** Broadcast (应急广播): calls and cache keys. */
import type {
  BroadcastAction, BroadcastDetail, BroadcastPreview, BroadcastRequest, BroadcastSummary, BroadcastTemplate, Loudspeaker, LoudspeakerRequest, TemplateRequest,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const broadcastKeys = {
  all: ['broadcast'] as const,
  list: ['broadcast', 'list'] as const,
  one: (id: string) => ['broadcast', 'one', id] as const,
  templates: ['broadcast', 'templates'] as const,
  loudspeakers: ['broadcast', 'loudspeakers'] as const,
};

export const broadcastApi = {
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<BroadcastSummary>>('/broadcasts', params, signal),
  one: (id: string, signal?: AbortSignal) => api.get<BroadcastDetail>(`/broadcasts/${id}`, undefined, signal),
  create: (input: BroadcastRequest) => api.post<BroadcastDetail>('/broadcasts', input),
  preview: (input: BroadcastRequest) => api.post<BroadcastPreview>('/broadcasts/preview', input),
  step: (b: BroadcastDetail, action: BroadcastAction, note?: string) => api.post<BroadcastDetail>(`/broadcasts/${b.id}/${action}`, { version: b.version, ...(note ? { note } : {}) }),
  templates: (signal?: AbortSignal) => api.get<BroadcastTemplate[]>('/broadcast-templates', undefined, signal),
  createTemplate: (input: TemplateRequest) => api.post<BroadcastTemplate>('/broadcast-templates', input),
  updateTemplate: (t: BroadcastTemplate, input: Omit<TemplateRequest, 'key' | 'regionCode'>) => api.put<BroadcastTemplate>(`/broadcast-templates/${t.id}`, { ...input, version: t.version }),
  loudspeakers: (signal?: AbortSignal) => api.get<Loudspeaker[]>('/loudspeakers', undefined, signal),
  createLoudspeaker: (input: LoudspeakerRequest) => api.post<Loudspeaker>('/loudspeakers', input),
};
