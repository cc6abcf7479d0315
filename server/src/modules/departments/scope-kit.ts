/** The scope matrix's departments: one serving the place's county. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    department: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const res = await makers.sysadmin.post<{ id: string }>('/api/departments', { name: marker, regionCode: place.countyCode });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      // Any account id: the department itself must not be found.
      params: () => ({ userId: '00000000-0000-4000-8000-000000000002' }),
    },
  },
};
