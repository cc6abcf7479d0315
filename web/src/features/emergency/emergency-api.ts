/** Emergency command (应急指挥): calls and cache keys. */
import type {
  DispatchAction, DispatchSummary, EmergencyEventDetail, EmergencyEventSummary, EmergencyLevel, EmergencyPlan, EmergencyTeam, EmergencyTeamDetail, EventAction, EventCreateRequest, MemberRequest,
  PlanRequest, RosterRequest, TeamRequest,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const emergencyKeys = {
  all: ['emergency'] as const,
  events: ['emergency', 'events'] as const,
  event: (id: string) => ['emergency', 'event', id] as const,
  plans: ['emergency', 'plans'] as const,
  teams: ['emergency', 'teams'] as const,
  team: (id: string) => ['emergency', 'team', id] as const,
  dispatches: ['emergency', 'dispatches'] as const,
};

export const emergencyApi = {
  events: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<EmergencyEventSummary>>('/emergency/events', params, signal),
  event: (id: string, signal?: AbortSignal) => api.get<EmergencyEventDetail>(`/emergency/events/${id}`, undefined, signal),
  report: (input: EventCreateRequest) => api.post<EmergencyEventDetail>('/emergency/events', input),
  step: (e: EmergencyEventDetail, action: EventAction, extra: { level?: EmergencyLevel; note?: string }) => api.post<EmergencyEventDetail>(`/emergency/events/${e.id}/${action}`, { version: e.version, ...extra }),
  addTask: (id: string, title: string) => api.post<EmergencyEventDetail>(`/emergency/events/${id}/tasks`, { title }),
  dispatch: (id: string, taskId: string, teamId: string) => api.post<EmergencyEventDetail>(`/emergency/events/${id}/dispatches`, { taskId, teamId }),
  dispatches: (signal?: AbortSignal) => api.get<DispatchSummary[]>('/emergency/dispatches', undefined, signal),
  dispatchStep: (d: DispatchSummary, action: DispatchAction, note?: string) => api.post<DispatchSummary>(`/emergency/dispatches/${d.id}/${action}`, { version: d.version, ...(note ? { note } : {}) }),
  plans: (signal?: AbortSignal) => api.get<EmergencyPlan[]>('/emergency/plans', undefined, signal),
  createPlan: (plan: PlanRequest) => api.post<EmergencyPlan>('/emergency/plans', plan),
  updatePlan: (id: string, version: number, plan: PlanRequest) => api.put<EmergencyPlan>(`/emergency/plans/${id}`, { version, plan }),
  deletePlan: (id: string) => api.delete<{ deleted: true }>(`/emergency/plans/${id}`),
  teams: (signal?: AbortSignal) => api.get<EmergencyTeam[]>('/emergency/teams', undefined, signal),
  team: (id: string, signal?: AbortSignal) => api.get<EmergencyTeamDetail>(`/emergency/teams/${id}`, undefined, signal),
  createTeam: (input: TeamRequest) => api.post<EmergencyTeamDetail>('/emergency/teams', input),
  updateTeam: (id: string, version: number, input: TeamRequest) => api.put<EmergencyTeamDetail>(`/emergency/teams/${id}`, { ...input, version }),
  addMember: (id: string, input: MemberRequest) => api.post<EmergencyTeamDetail>(`/emergency/teams/${id}/members`, input),
  addShift: (id: string, input: RosterRequest) => api.post<EmergencyTeamDetail>(`/emergency/teams/${id}/roster`, input),
};
