/** The key-persons map layer: how many people each grid manages (high risk and overdue visits in the popup); counts only, never a point. */
import type { KpStats } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { CountLayerSpec } from '../../shared/map/count-layers';
import { keypersonKeys } from './keypersons-api';

export const keypersonsLayer: CountLayerSpec = {
  key: 'keypersons',
  needs: 'keyperson:read',
  color: '#7c3aed',
  label: 'map.layer.keypersons',
  more: { high: 'map.layer.keypersons.high', overdue: 'map.layer.keypersons.overdue' },
  queryKey: keypersonKeys.stats,
  load: async (signal) => (await api.get<KpStats>('/keypersons/stats', undefined, signal)).grids.map((g) => ({ gridId: g.gridId, count: g.total, more: { high: g.high, overdue: g.overdue } })),
};
