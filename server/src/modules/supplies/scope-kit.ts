/** The scope matrix's supplies: a warehouse (seen from below, so made outside only), a count sheet at one, and a request of the place's grid. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';
import type { Client } from '../../../test/harness.js';

async function warehouse(op: Client, regionCode: string, marker: string): Promise<string> {
  const made = await op.post<{ id: string }>('/api/supplies/warehouses', { name: `物资库${marker}`, kind: 'community', regionCode, address: `仓储路${marker}号`, lng: 111.69, lat: 29.03, capacityM3: 100 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const received = await op.post(`/api/supplies/warehouses/${made.body.id}/receipts`, { itemCode: '1010101', quantity: 20, lotNo: `LOT${marker}` });
  assert.equal(received.status, 201, JSON.stringify(received.body));
  return made.body.id;
}

const other = '00000000-0000-4000-8000-000000000001';

export const scopeKit: ScopeKit = {
  records: {
    warehouse: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        return { id: await warehouse(makers.placeOp, place.regionCode, marker), secrets: [`物资库${marker}`, `LOT${marker}`] };
      },
      bodies: {
        'PUT /api/supplies/warehouses/:id': () => ({ name: '改名物资库', kind: 'community', regionCode: '430702000000', address: '某路 1 号', lng: 111.7, lat: 29.0, capacityM3: 10, version: 1 }),
        'PUT /api/supplies/warehouses/:id/levels': () => ({ levels: [{ itemCode: '1010101', min: 1, max: 10, reserve: 1 }] }),
        'POST /api/supplies/warehouses/:id/reserve-list': () => ({}),
        'POST /api/supplies/warehouses/:id/receipts': () => ({ itemCode: '1010101', quantity: 1, lotNo: 'X1' }),
        'POST /api/supplies/warehouses/:id/issues': () => ({ itemCode: '1010101', quantity: 1 }),
        'POST /api/supplies/warehouses/:id/adjustments': () => ({ lotId: other, delta: -1, reason: 'lost' }),
        'POST /api/supplies/warehouses/:id/transfers': () => ({ toWarehouseId: other, itemCode: '1010101', quantity: 1 }),
        'POST /api/supplies/warehouses/:id/counts': () => ({}),
      },
    },
    stock_count: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const w = await warehouse(makers.placeOp, place.regionCode, marker);
        const made = await makers.placeOp.post<{ id: string }>(`/api/supplies/warehouses/${w}/counts`, { note: `盘点${marker}` });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`盘点${marker}`] };
      },
      bodies: {
        'PUT /api/supplies/counts/:id/lines': () => ({ version: 1, lines: [{ lineId: other, counted: 1 }] }),
        'POST /api/supplies/counts/:id/confirm': () => ({ version: 1 }),
        'POST /api/supplies/counts/:id/cancel': () => ({ version: 1 }),
      },
    },
    supply_request: {
      async make(env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/supplies/requests', {
          regionCode: place.regionCode, gridId: place.gridId, siteName: `安置点${marker}`, address: `安置路${marker}号`, lng: place.lon, lat: place.lat, priority: 3,
          neededBy: new Date(env.clock.now().getTime() + 86_400_000).toISOString(), purpose: `申领事由${marker}`, lines: [{ itemCode: '1010101', quantity: 5 }],
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`安置点${marker}`, `申领事由${marker}`, `安置路${marker}号`] };
      },
      bodies: {
        'POST /api/supplies/requests/:id/submit': () => ({ version: 1 }),
        'POST /api/supplies/requests/:id/approve': () => ({ version: 1 }),
        'POST /api/supplies/requests/:id/reject': () => ({ version: 1, reason: '不符合' }),
        'POST /api/supplies/requests/:id/allocate': () => ({ version: 1, allocations: [{ lineId: other, warehouseId: other, quantity: 1 }] }),
        'POST /api/supplies/requests/:id/fulfil': () => ({ version: 1 }),
        'POST /api/supplies/requests/:id/cancel': () => ({ version: 1, reason: '取消' }),
      },
    },
  },
  probes: () => [
    { method: 'GET', url: '/api/supplies/warehouses' }, { method: 'GET', url: '/api/supplies/stock' }, { method: 'GET', url: '/api/supplies/lots' }, { method: 'GET', url: '/api/supplies/moves' },
    { method: 'GET', url: '/api/supplies/counts' }, { method: 'GET', url: '/api/supplies/requests' }, { method: 'GET', url: '/api/supplies/allocation-input' },
  ],
};
