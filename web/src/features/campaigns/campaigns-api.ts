/** Survey campaigns: calls and cache keys (console and the grid worker's phone). */
import type { Dayjs } from 'dayjs';
import type { AlertRule, SurveyAnswer, SurveyAnswerInput, SurveyAnswerReceipt, SurveyCampaign, SurveyCampaignAction, SurveyCampaignStatus, SurveyListFile, SurveyProgress, SurveyTask } from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { Page } from '../../api/types';

export const campaignKeys = {
  all: ['survey-campaigns'] as const,
  progress: (id: string, level: string) => ['survey-campaigns', 'progress', id, level] as const,
  tasks: (params: object) => ['survey-campaigns', 'tasks', keyParams(params)] as const,
  answers: (id: string, params: object) => ['survey-campaigns', 'answers', id, keyParams(params)] as const,
};

export type TargetKind = 'region' | 'tag' | 'arrivals' | 'list';

export interface CampaignValues extends Record<string, unknown> {
  name: string;
  regionCode: string;
  formKey: string;
  window: [string, string] | null;
  targetKind: TargetKind;
  tag?: string;
  /** Read from an uploaded .xlsx or .csv list by the server. */
  householdNumbers?: string[];
  /** Arrivals target: arrived on or after that day (local), from an origin containing the text. */
  arrivedSince?: Dayjs | null;
  origin?: string;
  /** None: the form's own rules. */
  alertRules?: AlertRule[];
  ticketCategoryId?: string;
}

export function campaignBody(v: CampaignValues) {
  const target =
    v.targetKind === 'tag'
      ? { kind: 'tag', tag: v.tag }
      : v.targetKind === 'list'
        ? { kind: 'list', householdNumbers: v.householdNumbers ?? [] }
        : v.targetKind === 'arrivals'
          ? { kind: 'arrivals', since: v.arrivedSince?.startOf('day').toISOString(), ...(v.origin?.trim() ? { origin: v.origin.trim() } : {}) }
          : { kind: 'region' };
  return {
    name: v.name, regionCode: v.regionCode, formKey: v.formKey, startsAt: v.window?.[0], endsAt: v.window?.[1], target,
    ...(v.alertRules ? { alertRules: v.alertRules } : {}),
    ...(v.ticketCategoryId ? { ticketCategoryId: v.ticketCategoryId } : {}),
  };
}

export const campaignsApi = {
  list: (params: { status?: SurveyCampaignStatus; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<SurveyCampaign>>('/survey-campaigns', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<SurveyCampaign>(`/survey-campaigns/${id}`, undefined, signal),
  create: (values: CampaignValues) => api.post<SurveyCampaign>('/survey-campaigns', campaignBody(values)),
  /** Reads an uploaded household list (.xlsx or .csv) on the server; nothing is stored. */
  readList: (file: File) => api.upload<SurveyListFile>('/survey-campaigns/list-file', file),
  step: (id: string, action: Exclude<SurveyCampaignAction, 'end'>, body: { version: number; note?: string }) => api.post<SurveyCampaign>(`/survey-campaigns/${id}/${action}`, body),
  progress: (id: string, level: string, signal?: AbortSignal) => api.get<SurveyProgress>(`/survey-campaigns/${id}/progress`, { level }, signal),
  reassign: (id: string, body: { taskId: string; assigneeId: string } | { gridId: string; assigneeId: string }) => api.post<{ reassigned: number }>(`/survey-campaigns/${id}/reassign`, body),
  answers: (id: string, params: { purpose: string; alerted?: 'yes' | 'no'; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<SurveyAnswer>>(`/survey-campaigns/${id}/answers`, params, signal),
  exportFile: (id: string, purpose: string) => api.download(`/survey-campaigns/${id}/export`, { purpose }, `survey-${id}.xlsx`),
  tasks: (params: { campaign?: string; grid?: string; status?: string; kind?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<SurveyTask>>('/survey-tasks', params, signal),
  answer: (taskId: string, body: SurveyAnswerInput, idempotencyKey?: string) =>
    api.post<SurveyAnswerReceipt>(`/survey-tasks/${taskId}/answers`, body, idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : undefined),
};
