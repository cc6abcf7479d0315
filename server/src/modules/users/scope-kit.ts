/** The scope matrix's accounts: a grid worker of the place's grid. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    user: {
      async make(_env, place, makers, marker) {
        const username = `u${marker.replace(/\D/g, '')}`;
        const res = await makers.secadmin.post<{ id: string }>('/api/users', { username, displayName: marker, role: 'grid_worker', scopeGridId: place.gridId, password: 'Neighb0ur#2026' });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker, username] };
      },
      bodies: {
        'PATCH /api/users/:id': () => ({ displayName: '越权修改' }),
        'POST /api/users/:id/reset-password': () => ({ password: 'Hijack#2026x' }),
        'POST /api/users/:id/unlock': () => ({}),
      },
    },
  },
  probes: (place, made) => [
    { method: 'GET', url: `/api/users?region=${place.regionCode}` },
    { method: 'GET', url: `/api/users?q=${encodeURIComponent(made.get('user')?.secrets[0] ?? '')}` },
  ],
};
