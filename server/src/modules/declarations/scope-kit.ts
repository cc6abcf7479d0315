/** The scope matrix's declarations: an unmatched one taken by phone by the place's operator, at the place's point (so in its grid). */
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import type { ScopeKit } from '../../../test/scope-kit.js';

let n = 0;
/** A valid ID card number not in the demo registers (a birth year of 1950, sequence from a counter). */
export function testIdNumber(seq: number): string {
  const first = `43070219500101${String(500 + (seq % 500)).padStart(3, '0')}`;
  return first + idCheckChar(first);
}

/** Answers to `declarations.self`: well, or with a fever. */
export function declarationAnswers(o: { name: string; idNumber: string; phone: string; temperature?: number; address?: string; place?: { lon: number; lat: number } }) {
  return {
    name: o.name, sex: '1', nationality: 'CHN', id_type: '111', id_number: o.idNumber, address: o.address ?? '人民路1号', phone: o.phone,
    temperature: o.temperature ?? 36.5, contact: 'none', risk_area: false, travelled: false, ...(o.place ? { place: o.place } : {}),
  };
}

export const scopeKit: ScopeKit = {
  records: {
    declaration: {
      async make(env, place, makers, marker) {
        n++;
        const answers = declarationAnswers({ name: `申报${marker}`, idNumber: testIdNumber(n), phone: `1370000${String(n).padStart(4, '0')}`, address: `幸福里${marker}`, place: { lon: place.lon, lat: place.lat } });
        const res = await makers.placeOp.post<{ id: string }>('/api/declarations', { mode: 'once', regionCode: place.regionCode, answers });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/declarations' }, { method: 'GET', url: '/api/declarations/today' }],
};
