/** The scope matrix's reservation drives: a draft of the place's community with one pickup point there, by its operator. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

export function driveBody(regionCode: string, at: Date, pointName = '社区卫生服务站', stock = 100) {
  const hours = (h: number) => new Date(at.getTime() + h * 3_600_000).toISOString();
  return {
    regionCode, itemName: '一次性医用口罩', unit: '只', perPerson: 5, opensAt: hours(1), closesAt: hours(25), pickupFrom: hours(2), pickupUntil: hours(49),
    points: [{ name: pointName, address: '人民路1号', regionCode, hours: '8:00-17:00', stock }],
  };
}

export const scopeKit: ScopeKit = {
  records: {
    supply_drive: {
      // Pickup staff see a drive from every grid of its point's community: made outside only.
      places: ['outside'],
      async make(env, place, makers, marker) {
        const res = await makers.placeOp.post<{ id: string }>('/api/supply-drives', driveBody(place.regionCode, env.clock.now(), `领取点${marker}`));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [marker] };
      },
      bodies: {
        'POST /api/supply-drives/:id/open': () => ({ version: 1 }),
        'POST /api/supply-drives/:id/close': () => ({ version: 1 }),
        'POST /api/supply-drives/:id/cancel': () => ({ version: 1, note: '库存调整' }),
        'POST /api/supply-drives/:id/pickups': () => ({ code: '12345678' }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/supply-drives' }],
};
