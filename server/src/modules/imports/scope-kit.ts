/** The scope matrix's imports: a small residents file uploaded by the place's county operator. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    import: {
      async make(_env, place, makers, marker) {
        const csv = Buffer.from(`姓名,身份证号,网格编码\n${marker},11010519491231002X,${place.grid.code}\n`);
        const res = await makers.placeOp.upload<{ id: string }>('/api/imports?register=resident', `${marker}.csv`, csv);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: { 'POST /api/imports/:id/preview': () => ({ mapping: {} }), 'POST /api/imports/:id/start': () => ({ mapping: {} }) },
    },
  },
};
