/** The scope matrix's devices: an MQTT street light of the place's grid (with a secret issued), and a camera of it. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;

export const scopeKit: ScopeKit = {
  records: {
    device: {
      async make(_env, place, makers, marker) {
        const code = `SL-${marker.replace(/\W/g, '')}-${serial++}`;
        const made = await makers.placeOp.post<{ id: string }>('/api/devices', {
          code, name: `智慧路灯${marker}`, kind: 'street_light', protocol: 'mqtt', regionCode: place.regionCode, gridId: place.gridId, lng: place.lon, lat: place.lat, address: `灯杆路${marker}号`,
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const issued = await makers.placeOp.post<{ secret: string }>(`/api/devices/${made.body.id}/credentials`, {});
        assert.equal(issued.status, 201, JSON.stringify(issued.body));
        return { id: made.body.id, secrets: [`智慧路灯${marker}`, code, `灯杆路${marker}号`, issued.body.secret] };
      },
      bodies: {
        'PUT /api/devices/:id': () => ({ version: 1, code: 'SL-renamed-1', name: '改名路灯', kind: 'street_light', protocol: 'mqtt', regionCode: '430702000000' }),
        'POST /api/devices/:id/disable': () => ({ version: 1 }),
        'POST /api/devices/:id/credentials': () => ({}),
        'POST /api/devices/:id/commands': () => ({ action: 'speak', text: '请注意安全' }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/devices' }, { method: 'GET', url: '/api/devices/layer' }, { method: 'GET', url: '/api/devices/coverage' }, { method: 'GET', url: '/api/devices?q=%E6%99%BA%E6%85%A7' }],
};
