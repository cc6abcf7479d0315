/**
 * The scope matrix's health codes: a new resident of the place recorded as a suspected case
 * (its code is red, placed where the resident lives), and a correction request recorded for it.
 */
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import type { Makers, Place, ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;
/** A valid ID card number no one else holds (born 1973). */
function codeIdNumber(): string {
  serial++;
  const first17 = `43070219730${1 + (serial % 9)}1${serial % 10}${String(300 + ((serial * 37) % 600)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function redCode(place: Place, makers: Makers, marker: string): Promise<string> {
  const resident = await makers.placeOp.post<{ id: string }>('/api/residents', { gridId: place.gridId, name: `健康码${marker}`, idNumber: codeIdNumber(), kind: 'registered' });
  assert.equal(resident.status, 201, JSON.stringify(resident.body));
  const made = await makers.placeOp.post<{ id: string }>('/api/cases', { person: { residentId: resident.body.id }, status: 'suspected', onsetDate: '2026-11-20' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return resident.body.id;
}

export const scopeKit: ScopeKit = {
  records: {
    health_code: {
      async make(_env, place, makers, marker) {
        return { id: await redCode(place, makers, marker), secrets: [] };
      },
      bodies: { 'POST /api/health-codes/:id/corrections': () => ({ reason: '申请复核' }) },
    },
    health_correction: {
      async make(_env, place, makers, marker) {
        const key = await redCode(place, makers, marker);
        const filed = await makers.placeOp.post<{ id: string }>(`/api/health-codes/${key}/corrections`, { reason: `纠错${marker}` });
        assert.equal(filed.status, 201, JSON.stringify(filed.body));
        return { id: filed.body.id, secrets: [`纠错${marker}`] };
      },
      bodies: { 'POST /api/health-code-corrections/:id/review': () => ({ version: 1, decision: 'reject', note: '不予采纳' }) },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/health-codes' }, { method: 'GET', url: '/api/health-code-corrections' }],
};
