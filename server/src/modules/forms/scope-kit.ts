/** Forms are configuration every holder of `form:read` reads (no scope); the kit makes a draft for the audit-rollback test. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    form: {
      unscoped: 'form definitions are configuration, read alike in every scope',
      async make(_env, _place, makers, marker) {
        const key = `test.f${marker.replace(/\D/g, '').slice(0, 12)}`;
        const definition = { key, version: 1, title: { zh: marker, en: 'Test form' }, fields: [{ key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' } }] };
        const res = await makers.sysadmin.post<{ key: string; version: number }>('/api/forms', { definition });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: key, secrets: [marker] };
      },
      params: (r) => ({ key: r.id, version: '1' }),
      bodies: {
        'PATCH /api/forms/:key/versions/:version': (r) => ({
          definition: { key: r.id, version: 1, title: { zh: '改名', en: 'Renamed' }, fields: [{ key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' } }] },
          revision: 1,
        }),
        'POST /api/forms/:key/versions/:version/publish': () => ({ revision: 1 }),
        'POST /api/forms/:key/versions/:version/validate': () => ({ answers: { name: '张三' } }),
      },
    },
  },
};
