/** Public information: calls and cache keys (rebuttals, health facilities, questions; staff and portal). */
import type {
  Consultation, ConsultationAction, ConsultationStatus, HealthFacility, HealthFacilityKind, OpeningHours, PublicConsultation, PublicHealthFacility, PublicRebuttal, Rebuttal,
  RebuttalAction, RebuttalStatus, RumourVerdict,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { Page } from '../../api/types';

export const rebuttalKeys = { all: ['rebuttals'] as const, publicAt: (region: string, q: string) => ['rebuttals', 'public', region, q] as const, list: (p: object) => ['rebuttals', 'list', keyParams(p)] as const };
export const facilityKeys = { all: ['health-facilities'] as const, publicAt: (p: object) => ['health-facilities', 'public', keyParams(p)] as const };
export const consultationKeys = { all: ['consultations'] as const, publicAt: (region: string) => ['consultations', 'public', region] as const };

export interface RebuttalValues extends Record<string, unknown> {
  regionCode: string;
  claim: string;
  verdict: RumourVerdict;
  evidence: string;
  sourceName: string;
  sourceUrl: string;
}

export interface FacilityValues extends Record<string, unknown> {
  regionCode: string;
  name: string;
  kind: HealthFacilityKind;
  address: string;
  lon: number;
  lat: number;
  phone: string;
  services: string;
  hours_mon: string;
  hours_tue: string;
  hours_wed: string;
  hours_thu: string;
  hours_fri: string;
  hours_sat: string;
  hours_sun: string;
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** `08:00-12:00, 14:00-17:30` per day in the form; lists of periods in the API. */
export function hoursToValues(hours: Record<string, string[]> | null): Pick<FacilityValues, `hours_${(typeof WEEK)[number]}`> {
  return Object.fromEntries(WEEK.map((d) => [`hours_${d}`, (hours?.[d] ?? []).join(', ')])) as Pick<FacilityValues, `hours_${(typeof WEEK)[number]}`>;
}
export function valuesToHours(values: Partial<FacilityValues>): OpeningHours {
  return Object.fromEntries(WEEK.map((d) => [d, String(values[`hours_${d}`] ?? '').split(/[,，\s]+/).filter(Boolean)])) as OpeningHours;
}

export function facilityBody(values: FacilityValues) {
  return { name: values.name, kind: values.kind, address: values.address, lon: values.lon, lat: values.lat, phone: values.phone, services: values.services ?? '', hours: valuesToHours(values) };
}

export const publicinfoApi = {
  rebuttals: (params: { status?: RebuttalStatus; region?: string; q?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Rebuttal>>('/rebuttals', params, signal),
  rebuttal: (id: string, signal?: AbortSignal) => api.get<Rebuttal>(`/rebuttals/${id}`, undefined, signal),
  createRebuttal: (values: RebuttalValues) => api.post<Rebuttal>('/rebuttals', { ...values, sourceUrl: values.sourceUrl || undefined }),
  rebuttalStep: (id: string, action: RebuttalAction, body: Record<string, unknown>) => api.post<Rebuttal>(`/rebuttals/${id}/${action}`, body),

  facilities: (params: { kind?: HealthFacilityKind; region?: string; q?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<HealthFacility>>('/health-facilities', params, signal),
  facility: (id: string, signal?: AbortSignal) => api.get<HealthFacility>(`/health-facilities/${id}`, undefined, signal),
  createFacility: (values: FacilityValues) => api.post<HealthFacility>('/health-facilities', { regionCode: values.regionCode, ...facilityBody(values) }),
  updateFacility: (id: string, body: Record<string, unknown>) => api.patch<HealthFacility>(`/health-facilities/${id}`, body),

  consultations: (params: { status?: ConsultationStatus; region?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Consultation>>('/consultations', params, signal),
  consultation: (id: string, signal?: AbortSignal) => api.get<Consultation>(`/consultations/${id}`, undefined, signal),
  consultationStep: (id: string, action: ConsultationAction, body: Record<string, unknown>) => api.post<Consultation>(`/consultations/${id}/${action}`, body),

  publicRebuttals: (region: string, q: string, signal?: AbortSignal) => api.get<{ items: PublicRebuttal[] }>('/public/rebuttals', { region, ...(q ? { q } : {}) }, signal).then((r) => r.items),
  publicFacilities: (params: { region: string; kind?: HealthFacilityKind; openNow?: 'true'; lon?: number; lat?: number }, signal?: AbortSignal) =>
    api.get<{ items: PublicHealthFacility[] }>('/public/health-facilities', params, signal).then((r) => r.items),
  publicConsultations: (region: string, signal?: AbortSignal) => api.get<{ items: PublicConsultation[] }>('/public/consultations', { region }, signal).then((r) => r.items),
  ask: (regionCode: string, question: string) => api.post<{ id: string; status: string }>('/public/consultations', { regionCode, question }),
  askSignedIn: (question: string) => api.post<{ id: string; status: string }>('/consultations/ask', { question }),
};
