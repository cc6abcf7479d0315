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

/** A plate number of its own for each vehicle the suites make (湘J + five characters). */
let plates = 0;
const nextPlate = () => `湘J${(Date.now() % 100000 + plates++ * 7919) % 100000}`.padEnd(7, '0').replace(/^(湘J)(\d*)$/, (_m, a: string, b: string) => a + b.padStart(5, '0'));

/** An allocated request of the place served from a warehouse of the place: the shipment planned from it. */
async function shipment(env: Parameters<NonNullable<ScopeKit['records'][string]['make']>>[0], op: Client, place: { regionCode: string; gridId: string; lon: number; lat: number }, marker: string): Promise<string> {
  const w = await warehouse(op, place.regionCode, marker);
  const made = await op.post<{ id: string; version: number; lines: { id: string }[] }>('/api/supplies/requests', {
    regionCode: place.regionCode, gridId: place.gridId, siteName: `运输点${marker}`, address: `运输路${marker}号`, lng: place.lon, lat: place.lat, priority: 2,
    neededBy: new Date(env.clock.now().getTime() + 86_400_000).toISOString(), purpose: `运输事由${marker}`, lines: [{ itemCode: '1010101', quantity: 5 }],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  for (const [step, body] of [['submit', { version: 1 }], ['approve', { version: 2 }], ['allocate', { version: 3, allocations: [{ lineId: made.body.lines[0]!.id, warehouseId: w, quantity: 5 }] }]] as const) {
    const r = await op.post(`/api/supplies/requests/${id}/${step}`, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const s = await op.post<{ id: string }>('/api/logistics/shipments', { kind: 'request', requestId: id, fromWarehouseId: w, note: `运输备注${marker}` });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  return s.body.id;
}

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
    vehicle: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const plateNo = nextPlate();
        const made = await makers.placeOp.post<{ id: string }>('/api/logistics/vehicles', { plateNo, kind: 'truck', capacityKg: 5000, regionCode: place.regionCode, note: `车辆备注${marker}` });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [plateNo, `车辆备注${marker}`] };
      },
      bodies: { 'PUT /api/logistics/vehicles/:id': () => ({ plateNo: '湘J99999', kind: 'van', capacityKg: 1000, regionCode: '430702000000', version: 1 }) },
    },
    driver: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/logistics/drivers', { name: `驾驶员${marker}`, phone: '13907361234', licenceClass: 'B2', regionCode: place.regionCode });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`驾驶员${marker}`] };
      },
      bodies: { 'PUT /api/logistics/drivers/:id': () => ({ name: '改名', licenceClass: 'C1', regionCode: '430702000000', version: 1 }) },
    },
    shipment: {
      async make(env, place, makers, marker) {
        return { id: await shipment(env, makers.placeOp, place, marker), secrets: [`运输点${marker}`, `运输备注${marker}`] };
      },
      bodies: {
        'POST /api/logistics/shipments/:id/load': () => ({ version: 1 }),
        'POST /api/logistics/shipments/:id/depart': () => ({ version: 1 }),
        'POST /api/logistics/shipments/:id/arrive': () => ({ version: 1 }),
        'POST /api/logistics/shipments/:id/receive': () => ({ version: 1, lines: [{ lineId: other, received: 1 }] }),
        'POST /api/logistics/shipments/:id/close': () => ({ version: 1 }),
        'POST /api/logistics/shipments/:id/cancel': () => ({ version: 1, reason: '取消' }),
        'POST /api/logistics/shipments/:id/track': () => ({ lng: 111.7, lat: 29.0 }),
        'POST /api/logistics/shipments/:id/return': () => ({ lines: [{ lineId: other, quantity: 1, reason: 'unused' }] }),
      },
    },
  },
  probes: () => [
    { method: 'GET', url: '/api/logistics/vehicles' }, { method: 'GET', url: '/api/logistics/drivers' }, { method: 'GET', url: '/api/logistics/shipments' }, { method: 'GET', url: '/api/logistics/shipments?mine=true' },
    { method: 'GET', url: '/api/supplies/warehouses' }, { method: 'GET', url: '/api/supplies/stock' }, { method: 'GET', url: '/api/supplies/lots' }, { method: 'GET', url: '/api/supplies/moves' },
    { method: 'GET', url: '/api/supplies/counts' }, { method: 'GET', url: '/api/supplies/requests' }, { method: 'GET', url: '/api/supplies/allocation-input' },
  ],
};
