/** Supplies reservation: calls and cache keys (console and portal). */
import type { PublicSupplyDrive, Reservation, ReservationReceipt, ReservationStatus, SupplyDrive, SupplyDriveAction, SupplyDriveInput, SupplyDriveStatus } from '@gridgov/contracts';
import { api } from '../../api/client';
import { keyParams } from '../../api/keys';
import type { Page } from '../../api/types';

export const reservationKeys = {
  all: ['supply-drives'] as const,
  reservations: (driveId: string, params: object) => ['supply-drives', 'reservations', driveId, keyParams(params)] as const,
  publicAt: (region: string | null) => ['supply-drives', 'public', region ?? ''] as const,
};

export interface DriveValues extends Record<string, unknown> {
  regionCode: string;
  itemName: string;
  unit: string;
  perPerson: number;
  /** [from, until] as ISO strings, from the form's range pickers. */
  reserveWindow: [string, string] | null;
  pickupWindow: [string, string] | null;
  points: SupplyDriveInput['points'];
}

export const reservationsApi = {
  list: (params: { status?: SupplyDriveStatus; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<SupplyDrive>>('/supply-drives', params, signal),
  get: (id: string, signal?: AbortSignal) => api.get<SupplyDrive>(`/supply-drives/${id}`, undefined, signal),
  create: (values: DriveValues) =>
    api.post<SupplyDrive>('/supply-drives', {
      regionCode: values.regionCode, itemName: values.itemName, unit: values.unit, perPerson: values.perPerson, points: values.points,
      opensAt: values.reserveWindow?.[0], closesAt: values.reserveWindow?.[1], pickupFrom: values.pickupWindow?.[0], pickupUntil: values.pickupWindow?.[1],
    }),
  step: (id: string, action: Exclude<SupplyDriveAction, 'end'>, body: { version: number; note?: string }) => api.post<SupplyDrive>(`/supply-drives/${id}/${action}`, body),
  reservations: (id: string, params: { status?: ReservationStatus; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Reservation>>(`/supply-drives/${id}/reservations`, params, signal),
  pickup: (id: string, code: string) => api.post<Reservation>(`/supply-drives/${id}/pickups`, { code }),
  publicAt: (region: string | null, signal?: AbortSignal) => api.get<{ items: PublicSupplyDrive[] }>('/public/supply-drives', region ? { region } : {}, signal).then((r) => r.items),
  reserve: (body: { driveId: string; pointId: string; name: string; idNumber: string; phone: string }) => api.post<ReservationReceipt>('/public/reservations', body),
  lookup: (body: { driveId: string; idNumber: string; phone: string }) => api.post<ReservationReceipt>('/public/reservations/lookup', body),
};
