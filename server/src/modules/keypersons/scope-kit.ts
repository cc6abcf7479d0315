/** The scope matrix's key persons: an archive at the place (an adult's), and a request to open a minor's. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { idCheckChar } from '@gridgov/contracts';
import type { Client } from '../../../test/harness.js';
import type { Place, ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;

/** A valid ID number no one else holds, born in `year`. */
export function kpIdNumber(year: number): string {
  serial++;
  const first17 = `430702${year}0${1 + (serial % 9)}1${serial % 10}${String(500 + ((serial * 37) % 500)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** Enrols a new resident of the place as a key person; returns the archive's and resident's ids. */
export async function makeKeyPerson(op: Client, place: Pick<Place, 'gridId'>, name: string, idNumber: string, more: Record<string, unknown> = {}): Promise<{ id: string; residentId: string }> {
  const res = await op.post<{ id: string }>('/api/residents', { gridId: place.gridId, name, idNumber, kind: 'registered', address: `${name}家` });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const kp = await op.post<{ id: string }>('/api/keypersons', {
    residentId: res.body.id, categoryCode: 'released_prisoner', riskLevel: 'medium', managementLevel: 'normal',
    answers: { offence: `${name}案`, sentence: '三年', release_date: '2025-06-01' }, ...more,
  });
  assert.equal(kp.status, 201, JSON.stringify(kp.body));
  return { id: kp.body.id, residentId: res.body.id };
}

export const scopeKit: ScopeKit = {
  records: {
    kp_category: {
      unscoped: 'configuration: the shipped categories every holder reads; an override is written at the caller\'s own region only',
      // A locality's interval override of a shipped category (audited).
      async make(_env, _place, makers) {
        const res = await makers.placeOp.request('PUT', '/api/keypersons/categories/drug_rehab/visit-days', { medium: 20 });
        assert.equal(res.status, 204, JSON.stringify(res.body));
        return { id: 'drug_rehab', secrets: [] };
      },
      params: (r) => ({ code: r.id }),
      bodies: {
        'PUT /api/keypersons/categories/:code/visit-days': () => ({ medium: 21 }),
        'PATCH /api/keypersons/categories/:code': () => ({ visitDays: { low: 60 } }),
      },
    },
    key_person: {
      async make(_env, place, makers, marker) {
        const idNumber = kpIdNumber(1980);
        const { id } = await makeKeyPerson(makers.placeOp, place, marker, idNumber);
        return { id, secrets: [marker, idNumber] };
      },
      bodies: {
        'POST /api/keypersons/:id/change_risk': () => ({ version: 1, riskLevel: 'high', reason: '越权调整' }),
        'POST /api/keypersons/:id/handover': () => ({ version: 1, toGridId: randomUUID(), reason: '越权移交' }),
        'POST /api/keypersons/:id/accept': () => ({ version: 1 }),
        'POST /api/keypersons/:id/refuse': () => ({ version: 1, note: '越权拒收' }),
        'POST /api/keypersons/:id/visits': () => ({ clientId: randomUUID(), visitedOn: '2026-11-01', way: 'home', findings: '越权走访' }),
        'POST /api/keypersons/:id/access-requests': () => ({ purpose: '越权申请' }),
        'POST /api/keypersons/:id/unmask': () => ({ reason: '越权查看证件', field: 'guardian_id' }),
      },
    },
    key_person_access: {
      async make(_env, place, makers, marker) {
        const idNumber = kpIdNumber(2014);
        const { id } = await makeKeyPerson(makers.placeOp, place, marker, idNumber, { categoryCode: 'key_youth', managementLevel: undefined, answers: { youth_kind: 'dropout' } });
        const req = await makers.placeOp.post<{ id: string }>(`/api/keypersons/${id}/access-requests`, { purpose: `核查${marker}` });
        assert.equal(req.status, 201, JSON.stringify(req.body));
        return { id: req.body.id, secrets: [marker, idNumber, id] };
      },
      bodies: {
        'POST /api/keypersons/access-requests/:id/approve': () => ({}),
        'POST /api/keypersons/access-requests/:id/refuse': () => ({ note: '越权驳回' }),
      },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/keypersons?gridId=${place.gridId}` },
    { method: 'GET', url: '/api/keypersons?overdue=false' },
    { method: 'GET', url: '/api/keypersons/access-requests?status=pending' },
  ],
};
