/** The scope matrix's public information: a rebuttal draft, a facility and a question at the place's community. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export const facilityBody = (regionCode: string, name: string, lon: number, lat: number) => ({
  regionCode, name, kind: 'fever_clinic', address: '人民路8号', lon, lat, phone: '0736-7223120',
  hours: { mon: ['00:00-24:00'], tue: ['00:00-24:00'], wed: ['00:00-24:00'], thu: ['00:00-24:00'], fri: ['00:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'] }, services: '发热筛查、核酸检测',
});

export const scopeKit: ScopeKit = {
  records: {
    rumour_rebuttal: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const res = await makers.placeOp.post<{ id: string }>('/api/rebuttals', { regionCode: place.regionCode, claim: `${marker}小区自来水被污染`, verdict: 'false', evidence: `经水务部门检测${marker}水质合格`, sourceName: '县水务局' });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/rebuttals/:id/edit': () => ({ version: 1, sourceName: '县卫健局' }),
        'POST /api/rebuttals/:id/publish': () => ({ version: 1 }),
        'POST /api/rebuttals/:id/withdraw': () => ({ version: 1, note: '已过时' }),
      },
    },
    health_facility: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const res = await makers.placeOp.post<{ id: string }>('/api/health-facilities', facilityBody(place.regionCode, `发热门诊${marker}`, place.lon, place.lat));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: { 'PATCH /api/health-facilities/:id': () => ({ version: 1, phone: '0736-7000000' }) },
    },
    consultation: {
      places: ['outside'],
      async make(env, place, _makers, marker) {
        // Asked anonymously on the portal (a few per test server, under the per-address limit).
        const res = await env.client().post<{ id: string }>('/api/public/consultations', { regionCode: place.regionCode, question: `请问${marker}小区什么时候解封？` });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/consultations/:id/answer': () => ({ version: 1, answer: '请关注社区公告' }),
        'POST /api/consultations/:id/publish': () => ({ version: 1 }),
        'POST /api/consultations/:id/reject': () => ({ version: 1, note: '与防疫无关' }),
      },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/rebuttals?region=${place.regionCode}` },
    { method: 'GET', url: '/api/health-facilities' },
    { method: 'GET', url: '/api/consultations' },
  ],
};
