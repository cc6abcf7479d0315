/** Quarantine (隔离): calls and cache keys. */
import type {
  FollowUpRequest, QuarantineAction, QuarantineCreateRequest, QuarantineDetail, QuarantineRule, QuarantineRuleVersion, QuarantineSite, QuarantineSummary, SiteRequest, SiteUpdateRequest, TodayFollowUp,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import { purposeStore } from '../../shared/purpose/purpose';
import type { Page } from '../../api/types';

/** The purpose the reader stated for reading quarantined people, sent with every detail read (audited). */
export const quarantinePurpose = purposeStore('quarantine');

export const quarantineKeys = {
  all: ['quarantine'] as const,
  orders: ['quarantine', 'orders'] as const,
  today: ['quarantine', 'today'] as const,
  sites: ['quarantine', 'sites'] as const,
  rule: ['quarantine', 'rule'] as const,
};

export const quarantineApi = {
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<QuarantineSummary>>('/quarantine/orders', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<QuarantineDetail>(`/quarantine/orders/${id}`, { purpose: quarantinePurpose.current() }, signal),
  create: (input: QuarantineCreateRequest) => api.post<QuarantineDetail>('/quarantine/orders', input),
  step: (o: QuarantineDetail, action: QuarantineAction, extra: { note?: string; reason?: string } = {}) => api.post<QuarantineDetail>(`/quarantine/orders/${o.id}/${action}`, { version: o.version, ...extra }),
  /** Replayable: the phone sends the same key again after a lost answer. */
  record: (orderId: string, input: FollowUpRequest, key: string) => api.post<{ fever: boolean }>(`/quarantine/orders/${orderId}/followups`, input, { headers: { 'Idempotency-Key': key } }),
  today: (signal?: AbortSignal) => api.get<TodayFollowUp[]>('/quarantine/today', { purpose: quarantinePurpose.current() }, signal),
  sites: (signal?: AbortSignal) => api.get<QuarantineSite[]>('/quarantine/sites', undefined, signal),
  createSite: (input: SiteRequest) => api.post<QuarantineSite>('/quarantine/sites', input),
  updateSite: (id: string, input: SiteUpdateRequest) => api.put<QuarantineSite>(`/quarantine/sites/${id}`, input),
  rule: (signal?: AbortSignal) => api.get<QuarantineRuleVersion>('/quarantine/rule', undefined, signal),
  changeRule: (rule: QuarantineRule) => api.put<QuarantineRuleVersion>('/quarantine/rule', rule),
};
