/** The scope matrix's emergency records: an event at the place, a plan and a team of its community, a dispatch of that team to a task of the event. */
import assert from 'node:assert/strict';
import type { ScopeKit } from '../../../test/scope-kit.js';
import type { Client } from '../../../test/harness.js';
import type { Place } from '../../../test/scope-kit.js';

async function event(op: Client, place: Place, marker: string) {
  const made = await op.post<{ id: string }>('/api/emergency/events', {
    title: `内涝${marker}`, type: 'natural', subType: 'flood', level: 'IV', regionCode: place.regionCode, lng: place.lon, lat: place.lat, address: `积水路${marker}号`,
    occurredAt: new Date().toISOString(), description: `事件描述${marker}`,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.id;
}

async function team(op: Client, place: Place, marker: string) {
  const made = await op.post<{ id: string }>('/api/emergency/teams', { name: `救援队${marker}`, kind: '综合救援', regionCode: place.regionCode, skills: ['水域救援'], equipment: [{ name: `冲锋舟${marker}`, quantity: 2 }] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.id;
}

const plan = (regionCode: string, name = '改名预案', subType = 'fire', level = 'III') => ({ name, type: 'accident', subType, level, regionCode, tasks: [{ key: 'evacuate', title: '疏散群众' }], notifications: [] });
/** A plan is unique by region, type, sub-type and level: each one the suites make takes the next pair. */
let plans = 0;
const nextPlanKind = (): [string, string] => {
  const n = plans++;
  return [['fire', 'hazchem', 'traffic', 'collapse'][Math.floor(n / 4) % 4]!, ['I', 'II', 'III', 'IV'][n % 4]!];
};

export const scopeKit: ScopeKit = {
  records: {
    emergency_event: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        return { id: await event(makers.placeOp, place, marker), secrets: [`内涝${marker}`, `事件描述${marker}`, `积水路${marker}号`] };
      },
      bodies: {
        'POST /api/emergency/events/:id/verify': () => ({ version: 1 }),
        'POST /api/emergency/events/:id/activate': () => ({ version: 1, level: 'IV' }),
        'POST /api/emergency/events/:id/scale': () => ({ version: 1, level: 'III', note: '升级' }),
        'POST /api/emergency/events/:id/close': () => ({ version: 1, note: '结束' }),
        'POST /api/emergency/events/:id/tasks': () => ({ title: '巡查' }),
        'POST /api/emergency/events/:id/dispatches': () => ({ taskId: crypto.randomUUID(), teamId: crypto.randomUUID() }),
      },
    },
    emergency_dispatch: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const eventId = await event(makers.placeOp, place, marker);
        assert.equal((await makers.placeOp.post(`/api/emergency/events/${eventId}/verify`, { version: 1 })).status, 200);
        const withTask = await makers.placeOp.post<{ tasks: { id: string }[] }>(`/api/emergency/events/${eventId}/tasks`, { title: `排水任务${marker}` });
        assert.equal(withTask.status, 200, JSON.stringify(withTask.body));
        const teamId = await team(makers.placeOp, place, marker);
        const sent = await makers.placeOp.post<{ dispatches: { id: string }[] }>(`/api/emergency/events/${eventId}/dispatches`, { taskId: withTask.body.tasks[0]!.id, teamId });
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
        return { id: sent.body.dispatches[0]!.id, secrets: [`排水任务${marker}`, `内涝${marker}`] };
      },
      bodies: {
        'POST /api/emergency/dispatches/:id/acknowledge': () => ({ version: 1 }),
        'POST /api/emergency/dispatches/:id/arrive': () => ({ version: 1 }),
        'POST /api/emergency/dispatches/:id/complete': () => ({ version: 1 }),
        'POST /api/emergency/dispatches/:id/cancel': () => ({ version: 1, note: '撤回' }),
      },
    },
    emergency_team: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        return { id: await team(makers.placeOp, place, marker), secrets: [`救援队${marker}`, `冲锋舟${marker}`] };
      },
      params: () => ({ memberId: crypto.randomUUID() }),
      bodies: {
        'PUT /api/emergency/teams/:id': () => ({ name: '改名救援队', kind: '综合救援', regionCode: '430702000000', version: 1 }),
        'POST /api/emergency/teams/:id/members': () => ({ userId: crypto.randomUUID() }),
        'POST /api/emergency/teams/:id/roster': () => ({ memberId: crypto.randomUUID(), startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }),
        'POST /api/emergency/teams/:id/position': () => ({ lng: 111.7, lat: 29.0 }),
      },
    },
    emergency_plan: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/emergency/plans', plan(place.regionCode, `火灾预案${marker}`, ...nextPlanKind()));
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`火灾预案${marker}`] };
      },
      bodies: {
        'PUT /api/emergency/plans/:id': () => ({ version: 1, plan: plan('430702000000') }),
      },
    },
    traffic_control: {
      places: ['outside'],
      async make(_env, place, makers, marker) {
        const made = await makers.placeOp.post<{ id: string }>('/api/emergency/traffic-controls', {
          title: `封路${marker}`, kind: 'road_closed', regionCode: place.regionCode, description: `管制说明${marker}`, public: false,
          geometry: { type: 'LineString', coordinates: [[place.lon, place.lat], [place.lon + 0.01, place.lat + 0.01]] }, startAt: new Date(Date.now() - 3_600_000).toISOString(),
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return { id: made.body.id, secrets: [`封路${marker}`, `管制说明${marker}`] };
      },
      bodies: {
        'PUT /api/emergency/traffic-controls/:id': () => ({ title: '改名管制', kind: 'one_way', regionCode: '430702000000', geometry: { type: 'LineString', coordinates: [[111.7, 29.0], [111.71, 29.01]] }, startAt: new Date().toISOString(), version: 1 }),
        'POST /api/emergency/traffic-controls/:id/lift': () => ({ version: 1 }),
      },
    },
  },
  probes: () => [{ method: 'GET', url: '/api/emergency/events' }, { method: 'GET', url: '/api/emergency/teams' }, { method: 'GET', url: '/api/emergency/plans' }, { method: 'GET', url: '/api/emergency/dispatches' }, { method: 'GET', url: '/api/emergency/traffic-controls' }, { method: 'GET', url: '/api/public/traffic-controls' }],
};
