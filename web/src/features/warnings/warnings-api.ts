/** Risk warnings: calls, cache keys. */
import type { Department, RiskWarning, RiskWarningDetail, WarningAction, WarningRuleView, WarningRunView } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const warningKeys = {
  all: ['warnings'] as const,
  rules: ['warnings', 'rules'] as const,
  runs: ['warnings', 'runs'] as const,
  departments: ['warnings', 'departments'] as const,
};

/** A warning as the list has it, with its evidence and steps once opened. */
export type WarningRecord = RiskWarning & Partial<Pick<RiskWarningDetail, 'evidence' | 'hiddenEvidence' | 'timeline'>>;

export interface StepBody {
  version: number;
  note?: string;
  reason?: string;
  departmentId?: string;
  userId?: string;
}

export const warningsApi = {
  list: (params: Record<string, string | number>, signal?: AbortSignal) => api.get<Page<RiskWarning>>('/warnings', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<RiskWarningDetail>(`/warnings/${id}`, undefined, signal),
  step: (id: string, action: WarningAction, body: StepBody) => api.post<RiskWarning>(`/warnings/${id}/${action}`, body),
  rules: (signal?: AbortSignal) => api.get<{ items: WarningRuleView[] }>('/warning-rules', undefined, signal).then((r) => r.items),
  updateRule: (id: string, body: Record<string, unknown>) => api.patch<WarningRuleView>(`/warning-rules/${id}`, body),
  runs: (signal?: AbortSignal) => api.get<Page<WarningRunView>>('/warning-runs', { page: 1, pageSize: 20 }, signal),
  runNow: () => api.post<WarningRunView>('/warning-runs', {}),
  departments: (signal?: AbortSignal) => api.get<{ items: Department[] }>('/departments', undefined, signal).then((r) => r.items),
};
