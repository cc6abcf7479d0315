/**
 * The scope matrix's no-petition villages: the place's community assessed for last month by the
 * place's own operator (the record's id is the community's code; it names no person).
 */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';
import { monthOf, shiftMonth } from './months.js';

export const scopeKit: ScopeKit = {
  records: {
    petition_village: {
      // A community's record is seen from every grid of it.
      places: ['outside'],
      async make(env, place, makers) {
        const res = await makers.placeOp.post('/api/petition-villages/assess', { month: shiftMonth(monthOf(env.clock.now()), -1) });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return { id: place.regionCode, secrets: [] };
      },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/petition-villages?region=${place.regionCode}` },
    { method: 'GET', url: `/api/petition-villages?region=${place.countyCode}` },
  ],
};
