/** The scope matrix's broadcast records: a broadcast of the place's community, a template of it, a loudspeaker in it. */
import assert from 'node:assert/strict';
import type { Client } from '../../../test/harness.js';
import type { Place, ScopeKit } from '../../../test/scope-kit.js';

async function waterCut(op: Client): Promise<string> {
  const list = await op.get<{ id: string; key: string; regionCode: string | null }[]>('/api/broadcast-templates');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.find((t) => t.key === 'water_cut' && t.regionCode === null)!.id;
}

const request = (place: Pick<Place, 'regionCode'>, templateId: string, marker: string) => ({
  title: `停水广播${marker}`, regionCode: place.regionCode, templateId, params: { reason: `管网抢修${marker}`, area: `幸福小区${marker}`, start: '9时', end: '17时' },
  audience: { residents: true, enterprises: true, gridIds: [], tag: null }, channels: ['sms', 'loudspeaker'],
});

let templates = 0;

export const scopeKit: ScopeKit = {
  records: {
    broadcast: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/broadcasts', request(place, await waterCut(makers.placeOp), marker));
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`停水广播${marker}`, `管网抢修${marker}`, `幸福小区${marker}`] };
      },
      bodies: {
        'POST /api/broadcasts/:id/edit': () => ({ version: 1, broadcast: { ...request({ regionCode: '430702000000' }, '00000000-0000-4000-8000-000000000000', 'x'), title: '改名广播' } }),
        'POST /api/broadcasts/:id/submit': () => ({ version: 1 }),
        'POST /api/broadcasts/:id/approve': () => ({ version: 1 }),
        'POST /api/broadcasts/:id/return': () => ({ version: 1, note: '退回' }),
        'POST /api/broadcasts/:id/cancel': () => ({ version: 1, note: '取消' }),
      },
    },
    broadcast_template: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/broadcast-templates', {
          key: `notice_${templates++}`, name: `模板${marker}`, nameEn: `Template ${marker}`, regionCode: place.regionCode, zh: `通知正文${marker}：{time}`, en: `Notice ${marker}: {time}`,
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`模板${marker}`, `通知正文${marker}`] };
      },
      bodies: {
        'PUT /api/broadcast-templates/:id': () => ({ version: 1, name: '改名模板', nameEn: 'Renamed', zh: '改后正文', en: 'Changed text' }),
      },
    },
    loudspeaker: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const deviceId = `LS-${marker.replace(/\D/g, '')}`;
        const made = await makers.placeOp.post<{ id: string }>('/api/loudspeakers', { name: `路灯喇叭${marker}`, deviceId, regionCode: place.regionCode, gridId: place.gridId, lng: place.lon, lat: place.lat });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`路灯喇叭${marker}`, deviceId] };
      },
      bodies: {
        'PUT /api/loudspeakers/:id': () => ({ version: 1, name: '改名喇叭', deviceId: 'LS-renamed-1', regionCode: '430702000000', gridId: null, lng: 111.7, lat: 29.0 }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/broadcasts' }, { method: 'GET', url: '/api/broadcast-templates' }, { method: 'GET', url: '/api/loudspeakers' }],
};
