/** The scope matrix's quarantine: an order for the household mate of a new case at the place (a site at the place's community), and a site. */
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import type { ScopeKit } from '../../../test/scope-kit.js';
import type { Client } from '../../../test/harness.js';
import { localDate } from '../../platform/time-zone.js';

let serial = 0;
/** A valid ID card number no one else holds (born 1968). */
function personIdNumber(): string {
  serial++;
  const first17 = `43070219680${1 + (serial % 9)}2${serial % 10}${String(300 + ((serial * 37) % 600)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function site(op: Client, regionCode: string, marker: string, capacity = 50) {
  const made = await op.post<{ id: string }>('/api/quarantine/sites', { name: `隔离酒店${marker}`, regionCode, address: `隔离路${marker}号`, lng: 111.69, lat: 29.03, capacity });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.id;
}

let today = '';

export const scopeKit: ScopeKit = {
  records: {
    quarantine: {
      async make(env, place, makers, marker) {
        today = localDate(env.clock.now());
        const [sick, mate] = await Promise.all(
          ['病', '隔'].map(async (k) => {
            const made = await makers.placeOp.post<{ id: string }>('/api/residents', { gridId: place.gridId, name: `${k}${marker}`, idNumber: personIdNumber(), kind: 'registered' });
            assert.equal(made.status, 201, JSON.stringify(made.body));
            return made.body.id;
          }),
        );
        const household = await makers.placeOp.post<{ id: string }>('/api/households', { gridId: place.gridId, number: `Q${marker}` });
        assert.equal(household.status, 201, JSON.stringify(household.body));
        for (const [residentId, relation] of [[sick, 'head'], [mate, 'spouse']]) await makers.placeOp.post(`/api/households/${household.body.id}/members`, { residentId, relation });
        const made = await makers.placeOp.post<{ contactList: { id: string; kinds: string[] }[] }>('/api/cases', { person: { residentId: sick }, status: 'confirmed', onsetDate: localDate(env.clock.now(), 1) });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const contact = made.body.contactList.find((c) => c.kinds.includes('household'));
        assert.ok(contact, 'the household mate is a contact');
        const siteId = await site(makers.placeOp, place.regionCode, marker);
        const order = await makers.placeOp.post<{ id: string }>('/api/quarantine/orders', {
          contactId: contact.id, siteId, address: `隔离家${marker}`, means: 'written', orderedAt: env.clock.now().toISOString(), startDate: today, note: `隔离备注${marker}`,
        });
        assert.equal(order.status, 201, JSON.stringify(order.body));
        return { id: order.body.id, secrets: [`隔离备注${marker}`, `隔离家${marker}`] };
      },
      bodies: {
        'POST /api/quarantine/orders/:id/start': () => ({ version: 1 }),
        'POST /api/quarantine/orders/:id/release': () => ({ version: 1 }),
        'POST /api/quarantine/orders/:id/lose': () => ({ version: 1, reason: '联系不上' }),
        'POST /api/quarantine/orders/:id/transfer': () => ({ version: 1, reason: '转为病例' }),
        'POST /api/quarantine/orders/:id/cancel': () => ({ version: 1, reason: '误判' }),
        'POST /api/quarantine/orders/:id/followups': () => ({ day: today, temperature: 36.5, symptoms: [] }),
      },
    },
    quarantine_site: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        return { id: await site(makers.placeOp, place.regionCode, marker), secrets: [`隔离酒店${marker}`] };
      },
      bodies: {
        'PUT /api/quarantine/sites/:id': () => ({ name: '改名隔离点', regionCode: '430702000000', address: '某路 1 号', lng: 111.7, lat: 29.0, capacity: 60, version: 1 }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/quarantine/orders' }, { method: 'GET', url: '/api/quarantine/today?purpose=随访核查' }, { method: 'GET', url: '/api/quarantine/sites' }],
};
