/** The scope matrix's exports: a residents list of the place, asked for by its county's operator. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    export: {
      async make(_env, place, makers, marker) {
        const res = await makers.placeOp.post<{ id: string }>('/api/exports', { register: 'venue', format: 'csv', filters: { region: place.regionCode, q: marker } });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: { 'POST /api/exports/:id/approve': () => ({ note: '同意' }), 'POST /api/exports/:id/reject': () => ({ note: '不同意' }) },
    },
  },
};
