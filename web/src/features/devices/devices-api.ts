/** Devices (设备管理): calls and cache keys; the device import goes through the imports kit (`register=device`). */
import type { Coverage, Device, DeviceLayer, DeviceRequest, DeviceSecret, ImportJob } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const deviceKeys = {
  all: ['devices'] as const,
  list: (params: Record<string, string | number | undefined>) => ['devices', 'list', params] as const,
  layer: ['devices', 'layer'] as const,
  coverage: (params: Record<string, string | undefined>) => ['devices', 'coverage', params] as const,
};

export const devicesApi = {
  list: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<Device>>('/devices', params, signal),
  layer: (signal?: AbortSignal) => api.get<DeviceLayer>('/devices/layer', undefined, signal),
  coverage: (params: Record<string, string | undefined>, signal?: AbortSignal) => api.get<Coverage>('/devices/coverage', params, signal),
  create: (input: DeviceRequest) => api.post<Device>('/devices', input),
  update: (d: Device, input: DeviceRequest) => api.put<Device>(`/devices/${d.id}`, { ...input, version: d.version }),
  disable: (d: Device) => api.post<Device>(`/devices/${d.id}/disable`, { version: d.version }),
  issueSecret: (d: Device) => api.post<DeviceSecret>(`/devices/${d.id}/credentials`, {}),
  upload: (file: File) => api.upload<ImportJob>('/imports', file, { register: 'device' }),
  start: (job: ImportJob) => api.post<ImportJob>(`/imports/${job.id}/start`, { mapping: job.mapping }),
  job: (id: string) => api.get<ImportJob>(`/imports/${id}`),
  errors: (id: string) => api.download(`/imports/${id}/errors`, undefined, 'device-import-errors.xlsx'),
  template: () => api.download('/imports/template', { register: 'device' }, 'device-template.xlsx'),
};
