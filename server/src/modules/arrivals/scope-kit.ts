/**
 * The scope matrix's arrivals: the place's operator registers a resident in the place's grid and
 * imports a checkpoint's list naming them, so the arrival is matched and attached to that grid.
 */
import assert from 'node:assert/strict';
import { idCheckChar, type ImportJob } from '@gridgov/contracts';
import type { ScopeKit } from '../../../test/scope-kit.js';
import { upload } from '../imports/test-kit.js';

let n = 0;
/** A valid ID card number not in the demo registers (a birth year of 1961, sequence from a counter). */
function testIdNumber(seq: number): string {
  const first = `43070219610101${String(100 + (seq % 800)).padStart(3, '0')}`;
  return first + idCheckChar(first);
}

export const scopeKit: ScopeKit = {
  records: {
    arrival: {
      async make(env, place, makers, marker) {
        n++;
        const idNumber = testIdNumber(n);
        const resident = await makers.placeOp.post<{ id: string }>('/api/residents', { gridId: place.gridId, name: `到达${marker}`, idNumber, kind: 'registered' });
        assert.equal(resident.status, 201, JSON.stringify(resident.body));
        const csv = `姓名,证件号码,交通方式,车次/航班号/车牌,出发地,到达时间\n到达${marker},${idNumber},铁路,G${1000 + n},${marker}站,2026-11-20 08:30\n`;
        const uploaded = await upload<ImportJob>(env, makers.placeOp, 'arrivals.csv', Buffer.from(csv), 'arrival');
        assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
        const started = await makers.placeOp.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
        assert.equal(started.status, 202, JSON.stringify(started.body));
        await env.rt.jobs.runDue();
        const listed = await makers.placeOp.get<{ items: { id: string; origin: string }[] }>('/api/arrivals?matched=true&pageSize=100');
        const made = listed.body.items.find((a) => a.origin === `${marker}站`);
        assert.ok(made, 'the imported arrival is listed');
        return { id: made.id, secrets: [marker] };
      },
      bodies: { 'POST /api/arrivals/:id/check': () => ({ note: '已电话核实' }) },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/arrivals' }, { method: 'GET', url: '/api/arrivals?matched=false' }],
};
