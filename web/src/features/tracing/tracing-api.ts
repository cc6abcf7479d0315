/** Cases and contacts (病例与密接): calls and cache keys. */
import type {
  CaseAction, CaseCreateRequest, CaseDetail, EpidemicSituation, CaseSummary, ContactSummary, ManualContactRequest, TraceResult, TracingRule, TracingRuleVersion, TransmissionGraph,
} from '@gridgov/contracts';
import { api, type DownloadedFile } from '../../api/client';
import { purposeStore } from '../../shared/purpose/purpose';
import type { Page } from '../../api/types';

/** The purpose the reader stated for reading cases and contacts, sent with every detail read (audited). */
export const tracingPurpose = purposeStore('tracing');

export const tracingKeys = {
  all: ['tracing'] as const,
  cases: ['tracing', 'cases'] as const,
  contacts: ['tracing', 'contacts'] as const,
  graph: ['tracing', 'graph'] as const,
  rule: ['tracing', 'rule'] as const,
};

/** Contacts are never edited as records: the shared record page's rows carry a version. */
export type ContactRow = ContactSummary & { version: number };

export const tracingApi = {
  listCases: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CaseSummary>>('/cases', params, signal),
  getCase: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${id}`, { purpose: tracingPurpose.current() }, signal),
  createCase: (input: CaseCreateRequest) => api.post<CaseDetail>('/cases', input),
  step: (c: CaseDetail, action: CaseAction, extra: { note?: string; reason?: string } = {}) => api.post<CaseDetail>(`/cases/${c.id}/${action}`, { version: c.version, ...extra }),
  trace: (id: string) => api.post<TraceResult>(`/cases/${id}/trace`, {}),
  addContact: (id: string, input: ManualContactRequest) => api.post<CaseDetail>(`/cases/${id}/contacts`, input),
  listContacts: async (params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<Page<ContactRow>> => {
    const page = await api.get<Page<ContactSummary>>('/contacts', params, signal);
    return { ...page, items: page.items.map((c) => ({ ...c, version: 1 })) };
  },
  getContact: async (id: string, signal?: AbortSignal): Promise<ContactRow> => ({ ...(await api.get<ContactSummary>(`/contacts/${id}`, { purpose: tracingPurpose.current() }, signal)), version: 1 }),
  graph: (signal?: AbortSignal) => api.get<TransmissionGraph>('/tracing/graph', undefined, signal),
  rule: (signal?: AbortSignal) => api.get<TracingRuleVersion>('/tracing/rule', undefined, signal),
  changeRule: (rule: TracingRule) => api.put<TracingRuleVersion>('/tracing/rule', rule),
  situation: (params: { from: string; to: string; region?: string }, signal?: AbortSignal) => api.get<EpidemicSituation>('/epidemic/situation', params, signal),
  briefing: (params: { to: string; region?: string }): Promise<DownloadedFile> => api.download('/epidemic/briefing', params, `epidemic-briefing-${params.to}.xlsx`),
};
