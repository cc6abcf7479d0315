/** The scope matrix's announcements: a draft of the place's community, by its operator. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const scopeKit: ScopeKit = {
  records: {
    announcement: {
      // Published announcements of a community are read from each of its grids: made outside only.
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const res = await makers.placeOp.post<{ id: string }>('/api/announcements', { regionCode: place.regionCode, title: `停水通知${marker}`, body: `${marker}小区明日停水`, audience: 'public' });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/announcements/:id/edit': () => ({ version: 1, title: '改过的标题' }),
        'POST /api/announcements/:id/submit': () => ({ version: 1 }),
        'POST /api/announcements/:id/publish': () => ({ version: 1 }),
        'POST /api/announcements/:id/return': () => ({ version: 1, note: '请补充' }),
        'POST /api/announcements/:id/withdraw': () => ({ version: 1, note: '已过期' }),
      },
    },
  },
  probes: (place) => [{ method: 'GET', url: `/api/announcements?region=${place.regionCode}` }],
};
