/** Enterprises: calls and cache keys (resumption applications, daily health, stopped reporting, screening, filers; the filer's own calls on the portal). */
import type {
  Application, ApplicationAction, ApplicationStatus, ApplicationSummary, DayOverviewRow, EnterpriseRef, FilerLink, FormDefinition, HealthReport, MyEnterprise, ScreeningRow, ScreeningStatus,
  StoppedEnterprise,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { NotificationList } from '../../api/tickets';
import type { Page } from '../../api/types';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  applications: ['enterprises', 'applications'] as const,
  enterprises: (params: object) => ['enterprises', 'refs', keyParams(params)] as const,
  day: (day: string) => ['enterprises', 'health', 'day', day] as const,
  health: (id: string, day: string) => ['enterprises', 'health', id, day] as const,
  stopped: (params: object) => ['enterprises', 'stopped', keyParams(params)] as const,
  screening: (params: object) => ['enterprises', 'screening', keyParams(params)] as const,
  filers: (id: string) => ['enterprises', 'filers', id] as const,
  mine: ['enterprises', 'mine'] as const,
  myForm: ['enterprises', 'mine', 'form'] as const,
  myApplication: (id: string) => ['enterprises', 'mine', 'application', id] as const,
  myHealth: (id: string, day: string) => ['enterprises', 'mine', 'health', id, day] as const,
  myNotices: ['enterprises', 'mine', 'notices'] as const,
};

export interface StaffValue {
  residentId: string;
  returning: boolean;
  comingFrom?: string;
}

export interface HealthEntryValue {
  residentId: string;
  present: boolean;
  temperature?: number | null;
  symptoms?: string[];
  note?: string;
}

export const enterprisesApi = {
  list: (params: { status?: ApplicationStatus; region?: string; q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<Page<ApplicationSummary>>('/enterprise-applications', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Application>(`/enterprise-applications/${id}`, undefined, signal),
  create: (body: { organizationId: string; formVersion: number; answers: Record<string, unknown>; staff: { residentId: string; returning: boolean; comingFrom?: string }[] }) =>
    api.post<Application>('/enterprise-applications', body),
  step: (id: string, action: ApplicationAction, body: { version: number; note?: string }) => api.post<Application>(`/enterprise-applications/${id}/${action}`, body),
  enterprises: (params: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<EnterpriseRef>>('/enterprises', params, signal),
  dayOverview: (day: string, signal?: AbortSignal) => api.get<{ day: string; items: DayOverviewRow[] }>('/enterprise-health', { day }, signal),
  health: (id: string, day: string, signal?: AbortSignal) => api.get<HealthReport>(`/enterprises/${id}/health`, { day }, signal),
  register: (id: string, day: string, entries: HealthEntryValue[]) => api.put<HealthReport>(`/enterprises/${id}/health`, { day, entries }),
  stopped: (params: { days?: number; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<StoppedEnterprise> & { days: number }>('/enterprise-health/stopped', params, signal),
  screening: (params: { status?: ScreeningStatus; q?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<ScreeningRow>>('/enterprise-screening', params, signal),
  screen: (id: string, body: { version: number; status: 'ok' | 'issue'; note: string; raiseTicket?: boolean }) => api.put<{ ok: true }>(`/enterprises/${id}/screening`, body),
  filers: (id: string, signal?: AbortSignal) => api.get<{ items: FilerLink[] }>(`/enterprises/${id}/filers`, undefined, signal),
  linkFiler: (id: string, username: string) => api.post<{ items: FilerLink[] }>(`/enterprises/${id}/filers`, { username }),
  unlinkFiler: (id: string, userId: string) => api.delete<{ items: FilerLink[] }>(`/enterprises/${id}/filers/${userId}`),
};

/** The enterprise's own filer (企业填报人) on the portal: only the enterprises its account is linked to. */
export const myEnterprisesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: MyEnterprise[] }>('/my-enterprises', undefined, signal),
  form: (signal?: AbortSignal) => api.get<{ version: number; definition: FormDefinition }>('/my-enterprises/form', undefined, signal),
  application: (id: string, signal?: AbortSignal) => api.get<Application>(`/my-enterprises/applications/${id}`, undefined, signal),
  create: (body: { organizationId: string; formVersion: number; answers: Record<string, unknown>; staff: StaffValue[] }) => api.post<Application>('/my-enterprises/applications', body),
  edit: (id: string, body: { version: number; formVersion: number; answers: Record<string, unknown>; staff: StaffValue[] }) => api.post<Application>(`/my-enterprises/applications/${id}/edit`, body),
  submit: (id: string, version: number) => api.post<Application>(`/my-enterprises/applications/${id}/submit`, { version }),
  health: (id: string, day: string, signal?: AbortSignal) => api.get<HealthReport>(`/my-enterprises/${id}/health`, { day }, signal),
  register: (id: string, day: string, entries: HealthEntryValue[]) => api.put<HealthReport>(`/my-enterprises/${id}/health`, { day, entries }),
  /** The review decisions about the linked enterprises' applications, newest first. */
  notices: (signal?: AbortSignal) => api.get<NotificationList>('/my-enterprises/notices', undefined, signal),
  markRead: (id: string) => api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`),
};
