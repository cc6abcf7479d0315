/** Outbound call campaigns (智能外呼): calls and cache keys. */
import type { CalloutAction, CalloutCreateRequest, CalloutDetail, CalloutSummary, CalloutTargetRow, CalloutTaskRow } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const calloutKeys = {
  all: ['callouts'] as const,
  list: ['callouts', 'list'] as const,
  one: (id: string) => ['callouts', 'one', id] as const,
  targets: (id: string) => ['callouts', 'targets', id] as const,
  tasks: ['callouts', 'tasks'] as const,
};

export const calloutsApi = {
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CalloutSummary>>('/callouts', params, signal),
  one: (id: string, signal?: AbortSignal) => api.get<CalloutDetail>(`/callouts/${id}`, undefined, signal),
  create: (input: CalloutCreateRequest) => api.post<CalloutDetail>('/callouts', input),
  step: (c: CalloutDetail, action: Exclude<CalloutAction, 'finish'>) => api.post<CalloutDetail>(`/callouts/${c.id}/${action}`, { version: c.version }),
  targets: (id: string, params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CalloutTargetRow>>(`/callouts/${id}/targets`, params, signal),
  promptUrl: (id: string, key: string) => `/api/callouts/${id}/prompts/${key}`,
  exportFile: (id: string, purpose: string) => api.download(`/callouts/${id}/export`, { purpose }, `callout-${id}.xlsx`),
  tasks: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CalloutTaskRow>>('/callout-tasks', params, signal),
  done: (t: CalloutTaskRow) => api.post<CalloutTaskRow>(`/callout-tasks/${t.id}/done`, { version: t.version }),
};
