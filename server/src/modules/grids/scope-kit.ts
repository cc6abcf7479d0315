/** The scope matrix's grids: the place's own grid. */
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    grid: {
      make: async (_env, place) => ({ id: place.gridId, secrets: [place.grid.name, place.gridId] }),
      bodies: { 'PATCH /api/grids/:id': () => ({ name: '改名' }) },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/grids/lookup?lon=${place.lon}&lat=${place.lat}` },
    { method: 'GET', url: `/api/grids?region=${place.regionCode}` },
    { method: 'GET', url: `/api/grids?q=${encodeURIComponent(place.grid.name)}` },
    { method: 'GET', url: `/api/grids/geojson?region=${place.regionCode}` },
  ],
};
