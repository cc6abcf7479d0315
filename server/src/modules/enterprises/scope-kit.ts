/**
 * The scope matrix's enterprises: an enterprise of the place's grid with employees, and a
 * resumption application for it, by the community's operator. The filer's routes (`/api/my-enterprises`)
 * are probed with the same records: a resident viewer is linked to none of them.
 */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';
import { localDate } from '../../platform/time-zone.js';
import { applicationBody, makeEnterprise } from './test-fixtures.js';

export const scopeKit: ScopeKit = {
  records: {
    enterprise: {
      async make(_env, place, makers, marker) {
        const made = await makeEnterprise(makers.placeOp, place.gridId, `企业${marker}`, 1);
        return { id: made.id, secrets: [marker, ...made.employees.flatMap((e) => [e.idNumber, e.phone])] };
      },
      bodies: {
        'PUT /api/enterprises/:id/health': () => ({ day: '2026-01-01', entries: [{ residentId: '00000000-0000-4000-8000-000000000003', present: true, temperature: 36.5 }] }),
        'PUT /api/enterprises/:id/screening': () => ({ version: 0, status: 'issue', note: '消防通道堵塞', raiseTicket: true }),
        'POST /api/enterprises/:id/filers': () => ({ username: 'resident1' }),
        'PUT /api/my-enterprises/:id/health': () => ({ day: '2026-01-01', entries: [{ residentId: '00000000-0000-4000-8000-000000000003', present: true, temperature: 36.5 }] }),
      },
      // Unlinking an account that may or may not be linked: outside the scope, "not found" either way.
      params: () => ({ userId: '00000000-0000-4000-8000-000000000004' }),
    },
    enterprise_application: {
      async make(env, place, makers, marker) {
        const made = await makeEnterprise(makers.placeOp, place.gridId, `复工${marker}`, 1);
        const res = await makers.placeOp.post<{ id: string }>('/api/enterprise-applications', applicationBody(made, localDate(env.clock.now())));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker, ...made.employees.flatMap((e) => [e.idNumber, e.phone])] };
      },
      bodies: {
        'POST /api/enterprise-applications/:id/edit': () => ({ version: 1, answers: {} }),
        'POST /api/enterprise-applications/:id/submit': () => ({ version: 1 }),
        'POST /api/enterprise-applications/:id/return': () => ({ version: 1, note: '请补充方案' }),
        'POST /api/enterprise-applications/:id/approve': () => ({ version: 1 }),
        'POST /api/enterprise-applications/:id/reject': () => ({ version: 1, note: '物资不足' }),
        'POST /api/enterprise-applications/:id/revoke': () => ({ version: 1, note: '发现病例' }),
        'POST /api/my-enterprises/applications/:id/edit': () => ({ version: 1, answers: {} }),
        'POST /api/my-enterprises/applications/:id/submit': () => ({ version: 1 }),
      },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/enterprise-applications?region=${place.regionCode}` },
    { method: 'GET', url: `/api/enterprises?region=${place.regionCode}` },
    { method: 'GET', url: `/api/enterprise-screening?region=${place.regionCode}` },
    { method: 'GET', url: '/api/enterprise-health' },
    { method: 'GET', url: '/api/enterprise-health/stopped?days=1' },
  ],
};
