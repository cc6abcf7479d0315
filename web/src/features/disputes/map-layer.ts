/** The open-disputes map layer: disputes still being worked on per grid (past their deadline in the popup). */
import { api } from '../../api/client';
import type { CountLayerSpec } from '../../shared/map/count-layers';
import { disputeKeys } from './disputes-api';

export const disputesLayer: CountLayerSpec = {
  key: 'disputes',
  needs: ['dispute:read', 'dispute:write', 'dispute:manage', 'dispute:mediate'],
  color: '#ea580c',
  label: 'map.layer.disputes',
  more: { overdue: 'map.layer.disputes.overdue' },
  queryKey: [...disputeKeys.all, 'map'],
  load: async (signal) =>
    (await api.get<{ items: { gridId: string; open: number; overdue: number }[] }>('/disputes/map', undefined, signal)).items.map((g) => ({ gridId: g.gridId, count: g.open, more: { overdue: g.overdue } })),
};
