/** The scope matrix's disputes: one registered in the place's grid by its community's operator, with a party. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';
import { registerAnswers, testIdNumber } from './test-answers.js';

let serial = 100;

export const scopeKit: ScopeKit = {
  records: {
    dispute: {
      async make(_env, place, makers, marker) {
        serial++;
        const res = await makers.placeOp.post<{ id: string }>('/api/disputes', {
          gridId: place.gridId,
          formVersion: 1,
          answers: registerAnswers(`纠纷${marker}`, [{ name: `当事人${marker}`, idNumber: testIdNumber(serial), phone: `1391234${String(serial).padStart(4, '0')}` }]),
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/disputes/:id/assign': () => ({ version: 1, mediatorLevel: 'committee', mediatorName: '李调解', resolutionWay: 'people_mediation' }),
        'POST /api/disputes/:id/record_session': () => ({ version: 1, heldOn: '2026-11-21', place: '村委会', attendees: '双方当事人', notes: '初次调解' }),
        'POST /api/disputes/:id/agree': () => ({ version: 1, terms: '甲方赔偿乙方500元', fulfilmentWay: '现金', fulfilmentDeadline: '2026-12-01' }),
        'POST /api/disputes/:id/follow_up': () => ({ version: 1, fulfilled: true, note: '已履行' }),
        'POST /api/disputes/:id/close': () => ({ version: 1, success: true, outcome: '调解成功', evaluatedOn: '2026-12-02', opinion: '满意' }),
        'POST /api/disputes/:id/escalate': () => ({ version: 1, note: '需上级协调' }),
        'POST /api/disputes/:id/fail': () => ({ version: 1, referral: 'litigation', note: '双方分歧大' }),
        'POST /api/disputes/:id/unmask': () => ({ reason: '核对当事人身份', seq: 1 }),
      },
    },
  },
  probes: (place) => [
    { method: 'GET', url: `/api/disputes?region=${place.regionCode}` },
    { method: 'GET', url: `/api/disputes?gridId=${place.gridId}` },
  ],
};
