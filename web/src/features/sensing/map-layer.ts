/** The device-alarms map layer: alarms of the last 24 hours per grid (SOS, fever and smoke among them in the popup). */
import { api } from '../../api/client';
import type { CountLayerSpec } from '../../shared/map/count-layers';
import { sensingKeys } from './sensing-api';

export const alarmsLayer: CountLayerSpec = {
  key: 'alarms',
  needs: 'device_alarm:read',
  color: '#fa541c',
  label: 'map.layer.alarms',
  more: { urgent: 'map.layer.alarms.urgent' },
  queryKey: [...sensingKeys.all, 'map'],
  load: async (signal) =>
    (await api.get<{ items: { gridId: string; alarms: number; urgent: number }[] }>('/device-alarms/map', undefined, signal)).items.map((g) => ({ gridId: g.gridId, count: g.alarms, more: { urgent: g.urgent } })),
};
