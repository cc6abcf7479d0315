/** Logistics (物资运输) and traffic control (交通管制): calls and cache keys. */
import type {
  Driver, DriverRequest, ReturnRequest, ShipmentAction, ShipmentCreateRequest, ShipmentDetail, ShipmentSummary, TrackRequest, TrafficControl, TrafficControlRequest, Vehicle, VehicleRequest,
} from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

type Params = Record<string, string | number | undefined>;
const key = () => `web-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

export const logisticsKeys = {
  all: ['logistics'] as const,
  vehicles: ['logistics', 'vehicles'] as const,
  drivers: ['logistics', 'drivers'] as const,
  shipments: (p: Params) => ['logistics', 'shipments', p] as const,
  shipment: (id: string) => ['logistics', 'shipment', id] as const,
  traffic: (p: Params) => ['logistics', 'traffic', p] as const,
};

export const logisticsApi = {
  vehicles: (signal?: AbortSignal) => api.get<Vehicle[]>('/logistics/vehicles', undefined, signal),
  createVehicle: (input: VehicleRequest) => api.post<Vehicle>('/logistics/vehicles', input),
  drivers: (signal?: AbortSignal) => api.get<Driver[]>('/logistics/drivers', undefined, signal),
  createDriver: (input: DriverRequest) => api.post<Driver>('/logistics/drivers', input),
  shipments: (p: Params, signal?: AbortSignal) => api.get<Page<ShipmentSummary>>('/logistics/shipments', p, signal),
  shipment: (id: string, signal?: AbortSignal) => api.get<ShipmentDetail>(`/logistics/shipments/${id}`, undefined, signal),
  create: (input: ShipmentCreateRequest) => api.post<ShipmentDetail>('/logistics/shipments', input),
  step: (s: Pick<ShipmentDetail, 'id' | 'version'>, action: ShipmentAction, extra: Record<string, unknown> = {}) =>
    api.post<ShipmentDetail>(`/logistics/shipments/${s.id}/${action}`, { version: s.version, ...extra }, action === 'arrive' ? { headers: { 'Idempotency-Key': key() } } : undefined),
  track: (id: string, input: TrackRequest) => api.post<ShipmentDetail>(`/logistics/shipments/${id}/track`, input, { headers: { 'Idempotency-Key': key() } }),
  returnOf: (id: string, input: ReturnRequest) => api.post<ShipmentDetail>(`/logistics/shipments/${id}/return`, input),
  traffic: (p: Params, signal?: AbortSignal) => api.get<Page<TrafficControl>>('/emergency/traffic-controls', p, signal),
  createTraffic: (input: TrafficControlRequest) => api.post<TrafficControl>('/emergency/traffic-controls', input),
  liftTraffic: (c: Pick<TrafficControl, 'id' | 'version'>) => api.post<TrafficControl>(`/emergency/traffic-controls/${c.id}/lift`, { version: c.version }),
};
