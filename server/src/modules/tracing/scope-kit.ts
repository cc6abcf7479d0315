/** The scope matrix's cases: a suspected case of a new resident of the place, with a note only it holds. */
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import type { ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;
/** A valid ID card number no one else holds (born 1972). */
function caseIdNumber(): string {
  serial++;
  const first17 = `43070219720${1 + (serial % 9)}1${serial % 10}${String(300 + ((serial * 41) % 600)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const scopeKit: ScopeKit = {
  records: {
    case: {
      async make(_env, place, makers, marker) {
        const resident = await makers.placeOp.post<{ id: string }>('/api/residents', { gridId: place.gridId, name: `病例${marker}`, idNumber: caseIdNumber(), kind: 'registered' });
        assert.equal(resident.status, 201, JSON.stringify(resident.body));
        const made = await makers.placeOp.post<{ id: string }>('/api/cases', { person: { residentId: resident.body.id }, status: 'suspected', onsetDate: '2026-11-20', note: `流调${marker}` });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`流调${marker}`] };
      },
      bodies: {
        'POST /api/cases/:id/confirm': () => ({ version: 1 }),
        'POST /api/cases/:id/exclude': () => ({ version: 1, reason: '复检阴性' }),
        'POST /api/cases/:id/close': () => ({ version: 1 }),
        'POST /api/cases/:id/trace': () => ({}),
        'POST /api/cases/:id/contacts': () => ({ person: { name: '访谈者', idNumber: caseIdNumber() }, exposedAt: '2026-11-19T08:00:00+08:00', note: '同桌就餐' }),
      },
    },
    contact: {
      // A household mate of a new case at the place: a close contact living there.
      async make(_env, place, makers, marker) {
        const [sick, mate] = await Promise.all(
          ['病', '同'].map(async (k) => {
            const made = await makers.placeOp.post<{ id: string }>('/api/residents', { gridId: place.gridId, name: `${k}${marker}`, idNumber: caseIdNumber(), kind: 'registered' });
            assert.equal(made.status, 201, JSON.stringify(made.body));
            return made.body.id;
          }),
        );
        const household = await makers.placeOp.post<{ id: string }>('/api/households', { gridId: place.gridId, number: `H${marker}` });
        assert.equal(household.status, 201, JSON.stringify(household.body));
        for (const [residentId, relation] of [[sick, 'head'], [mate, 'spouse']]) await makers.placeOp.post(`/api/households/${household.body.id}/members`, { residentId, relation });
        const made = await makers.placeOp.post<{ contactList: { id: string; kinds: string[] }[] }>('/api/cases', { person: { residentId: sick }, status: 'confirmed', onsetDate: '2026-11-20' });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const contact = made.body.contactList.find((c) => c.kinds.includes('household'));
        assert.ok(contact, 'the household mate is a contact');
        return { id: contact.id, secrets: [] };
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/cases' }, { method: 'GET', url: '/api/contacts' }, { method: 'GET', url: '/api/tracing/graph' }],
};
