/** The open-warnings map layer: warnings not yet closed per grid of the hit (high severity in the popup). */
import { api } from '../../api/client';
import type { CountLayerSpec } from '../../shared/map/count-layers';
import { warningKeys } from './warnings-api';

export const warningsLayer: CountLayerSpec = {
  key: 'warnings',
  needs: ['warning:read', 'warning:handle', 'warning:assigned'],
  color: '#dc2626',
  label: 'map.layer.warnings',
  more: { high: 'map.layer.warnings.high' },
  queryKey: [...warningKeys.all, 'map'],
  load: async (signal) =>
    (await api.get<{ items: { gridId: string; open: number; high: number }[] }>('/warnings/map', undefined, signal)).items.map((g) => ({ gridId: g.gridId, count: g.open, more: { high: g.high } })),
};
