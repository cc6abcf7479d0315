/** The scope matrix's platform records: an upload nobody claimed yet, and a notification, of the place's operator. */
import assert from 'node:assert/strict';
import type { ScopeKit } from './scope-kit.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export const platformScopeKit: ScopeKit = {
  records: {
    attachment: {
      async make(_env, _place, makers, marker) {
        const res = await makers.placeOp.upload<{ id: string; name: string }>('/api/attachments', `${marker}.png`, PNG);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return { id: res.body.id, secrets: [`${marker}.png`] };
      },
    },
    notification: {
      async make(env, place, makers) {
        // A hotline report at the place starts at the community level: its operator is told.
        const filed = await makers.cityOp.post<{ ticket: { id: string } }>('/api/tickets', {
          description: '通知测试：路灯不亮', lon: place.lon, lat: place.lat, source: 'hotline', categoryId: env.seed.tickets.categoryIds.get('city.streetlight'),
        });
        assert.equal(filed.status, 201, JSON.stringify(filed.body));
        const mine = await makers.placeOp.get<{ items: { id: string }[] }>('/api/notifications');
        const id = mine.body.items[0]?.id;
        assert.ok(id, 'the place operator was notified');
        return { id, secrets: [id] };
      },
      places: ['outside'],
    },
  },
};
