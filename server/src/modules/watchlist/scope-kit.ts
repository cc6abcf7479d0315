/** The scope matrix's watch-list entries: a plate listed by the city's command centre, its warnings going to the place's community. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;

export const scopeKit: ScopeKit = {
  records: {
    watch_entry: {
      async make(_env, place, makers, marker) {
        const label = `布控车辆${marker}`;
        const plate = `湘J${String(70000 + (serial++ % 30000))}`;
        const made = await makers.cityOp.post<{ id: string; hint: string }>('/api/watchlist', { kind: 'plate', value: plate, label, regionCode: place.regionCode, severity: 'high' });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [label, plate] };
      },
      bodies: { 'POST /api/watchlist/:id/deactivate': () => ({}) },
      // An entry belongs to a region (its warnings' level), not a grid: seen from every grid of it.
      places: ['outside'],
    },
  },
  probes: () => [{ method: 'GET', url: '/api/watchlist' }, { method: 'GET', url: '/api/watchlist?q=%E5%B8%83%E6%8E%A7' }, { method: 'GET', url: '/api/watchlist?kind=plate&active=true' }],
};
