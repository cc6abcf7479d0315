/** The epidemic map layers: open cases per grid (confirmed in the popup) and contacts under follow-up per grid (close contacts in the popup); counts only, never a point. */
import { api } from '../../api/client';
import type { CountLayerSpec } from '../../shared/map/count-layers';
import { tracingKeys } from './tracing-api';

export const casesLayer: CountLayerSpec = {
  key: 'cases',
  needs: 'case:read',
  color: '#dc2626',
  label: 'map.layer.cases',
  more: { confirmed: 'map.layer.cases.confirmed' },
  queryKey: [...tracingKeys.cases, 'map'],
  load: async (signal) =>
    (await api.get<{ items: { gridId: string; open: number; confirmed: number }[] }>('/cases/map', undefined, signal)).items.map((g) => ({ gridId: g.gridId, count: g.open, more: { confirmed: g.confirmed } })),
};

export const contactsLayer: CountLayerSpec = {
  key: 'contacts',
  needs: 'contact:read',
  color: '#d97706',
  label: 'map.layer.contacts',
  more: { close: 'map.layer.contacts.close' },
  queryKey: [...tracingKeys.contacts, 'map'],
  load: async (signal) =>
    (await api.get<{ items: { gridId: string; following: number; close: number }[] }>('/contacts/map', undefined, signal)).items.map((g) => ({ gridId: g.gridId, count: g.following, more: { close: g.close } })),
};
