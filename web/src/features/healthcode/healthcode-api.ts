/** Health codes (健康码): calls and cache keys. */
import type { CodeDetail, CodeSummary, CorrectionReviewRequest, CorrectionSummary, OwnCode, RiskArea, RiskAreaRequest, RuleVersionRequest, RuleVersions, TripRequest } from '@gridgov/contracts';
import { api } from '../../api/client';
import { purposeStore } from '../../shared/purpose/purpose';
import type { Page } from '../../api/types';

/** The purpose the reader stated for reading a person's code reason, sent with every read (audited). */
export const healthCodePurpose = purposeStore('healthcode');

export const healthCodeKeys = {
  all: ['healthcode'] as const,
  mine: ['healthcode', 'mine'] as const,
  codes: ['healthcode', 'codes'] as const,
  rule: ['healthcode', 'rule'] as const,
  areas: ['healthcode', 'areas'] as const,
  corrections: ['healthcode', 'corrections'] as const,
};

export const healthCodeApi = {
  mine: (signal?: AbortSignal) => api.get<OwnCode>('/health-codes/mine', undefined, signal),
  request: (rotate = false) => api.post<OwnCode>('/health-codes/mine', { rotate }),
  declareTrip: (input: TripRequest) => api.post<OwnCode>('/health-codes/mine/trips', input),
  requestCorrection: (reason: string) => api.post<CorrectionSummary>('/health-codes/mine/corrections', { reason }),
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CodeSummary>>('/health-codes', params, signal),
  lookup: (idNumber: string) => api.post<CodeDetail>('/health-codes/lookup', { idNumber, purpose: healthCodePurpose.current() }),
  read: (id: string, signal?: AbortSignal) => api.get<CodeDetail>(`/health-codes/${id}`, { purpose: healthCodePurpose.current() }, signal),
  rule: (signal?: AbortSignal) => api.get<RuleVersions>('/health-code-rule', undefined, signal),
  addRule: (input: RuleVersionRequest) => api.put<RuleVersions>('/health-code-rule', input),
  areas: (signal?: AbortSignal) => api.get<RiskArea[]>('/health-code-risk-areas', undefined, signal),
  replaceAreas: (areas: RiskAreaRequest[]) => api.put<RiskArea[]>('/health-code-risk-areas', { areas }),
  corrections: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<CorrectionSummary>>('/health-code-corrections', params, signal),
  review: (c: CorrectionSummary, input: Omit<CorrectionReviewRequest, 'version'>) => api.post<CorrectionSummary>(`/health-code-corrections/${c.id}/review`, { version: c.version, ...input }),
};

/** The colour a code shows, for the block and tags. */
export const COLOUR_HEX = { green: '#16a34a', yellow: '#eab308', red: '#dc2626' } as const;
