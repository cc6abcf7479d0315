/** Smart sensing: device alarms (list, map), a device's messages and commands. */
import type { AlarmLayer, CommandRequest, DeviceAlarm, DeviceCommand, DeviceMessage } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const sensingKeys = {
  all: ['sensing'] as const,
  alarms: (params: Record<string, string | number | undefined>) => ['sensing', 'alarms', params] as const,
  layer: (params: Record<string, string | undefined>) => ['sensing', 'layer', params] as const,
  activity: (deviceId: string) => ['sensing', 'device', deviceId] as const,
};

export const sensingApi = {
  alarms: (params: Record<string, string | number | undefined>, signal?: AbortSignal) => api.get<Page<DeviceAlarm>>('/device-alarms', params, signal),
  layer: (params: Record<string, string | undefined>, signal?: AbortSignal) => api.get<AlarmLayer>('/device-alarms/layer', params, signal),
  messages: (deviceId: string, signal?: AbortSignal) => api.get<DeviceMessage[]>(`/devices/${deviceId}/messages`, { limit: 30 }, signal),
  commands: (deviceId: string, signal?: AbortSignal) => api.get<DeviceCommand[]>(`/devices/${deviceId}/commands`, undefined, signal),
  command: (deviceId: string, input: CommandRequest) => api.post<DeviceCommand>(`/devices/${deviceId}/commands`, input),
};
