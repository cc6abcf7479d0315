/** The scope matrix's regions: the place's community. */
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    region: {
      places: ['outside'],
      // Its code is the record's id; its name may repeat elsewhere, so the code is what must not show.
      make: async (_env, place) => ({ id: place.regionCode, secrets: [place.regionCode] }),
      bodies: { 'PATCH /api/regions/:code': () => ({ name: '改名' }) },
      params: (r) => ({ code: r.id }),
    },
  },
  probes: (place) => [{ method: 'GET', url: `/api/regions?parent=${place.countyCode}` }],
};
