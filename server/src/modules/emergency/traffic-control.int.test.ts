/**
 * Traffic controls (交通管制): the status follows the clock (scheduled, active, ended; lifted
 * early), the end must follow the start, an event of another county cannot be named, the county's
 * closures are seen from its communities but not from another county, and the portal lists the
 * public ones not yet ended.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PublicTrafficControl, TrafficControl } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}
type Page<T> = { items: T[]; total: number };

describe('traffic controls (交通管制)', () => {
  let env: TestEnv;
  let op: Client;
  let community: Client;
  let otherCounty: Client;
  let countyCode: string;
  let county2Code: string;
  const line = { type: 'LineString', coordinates: [[111.69, 29.03], [111.7, 29.04]] };
  const area = { type: 'Polygon', coordinates: [[[111.68, 29.02], [111.7, 29.02], [111.7, 29.04], [111.68, 29.02]]] };
  const hours = (h: number) => new Date(env.clock.now().getTime() + h * 3_600_000).toISOString();

  before(async () => {
    env = await startTestEnv();
    op = await env.login('county_op');
    community = await env.login('community_op');
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const county2 = env.seed.city.regions.find((r) => r.level === 'county' && r.code !== countyCode)!;
    county2Code = county2.code;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 't_other', displayName: '邻县指挥', role: 'operator', scopeRegionCode: county2.code, password: 'Neighb0ur#1' })).status, 201);
    otherCounty = await env.loginChangingPassword('t_other', 'Neighb0ur#1');
  });
  after(() => env.close());

  it('time windows: scheduled, active, ended; lifted early; a query at another time', async () => {
    const closed = await op.post<TrafficControl & ErrorBody>('/api/emergency/traffic-controls', { title: '滨湖路封闭', kind: 'road_closed', regionCode: countyCode, geometry: line, startAt: hours(-1), endAt: hours(5), description: '积水封路' });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    assert.equal(closed.body.status, 'active');
    const later = await op.post<TrafficControl>('/api/emergency/traffic-controls', { title: '城区限行', kind: 'vehicles_restricted', regionCode: countyCode, geometry: area, startAt: hours(2), public: false });
    assert.equal(later.body.status, 'scheduled');
    assert.equal(later.body.endAt, null, 'open-ended until lifted');
    const bad = await op.post<ErrorBody>('/api/emergency/traffic-controls', { title: '错', kind: 'one_way', regionCode: countyCode, geometry: line, startAt: hours(2), endAt: hours(1) });
    assert.equal(bad.body.error.details?.fields?.[0]?.code, 'TRAFFIC_CONTROL_TIME');
    const unclosed = await op.post<ErrorBody>('/api/emergency/traffic-controls', { title: '错', kind: 'one_way', regionCode: countyCode, startAt: hours(0), geometry: { type: 'Polygon', coordinates: [[[111.6, 29], [111.7, 29], [111.7, 29.1], [111.6, 29.1]]] } });
    assert.equal(unclosed.status, 400, 'a ring ends where it starts');
    const active = await op.get<Page<TrafficControl>>('/api/emergency/traffic-controls?status=active');
    assert.deepEqual(active.body.items.map((t) => t.title), ['滨湖路封闭']);
    const at = encodeURIComponent(hours(3));
    const then = await op.get<Page<TrafficControl>>(`/api/emergency/traffic-controls?status=active&at=${at}`);
    assert.deepEqual(then.body.items.map((t) => t.title).sort(), ['城区限行', '滨湖路封闭'].sort());
    const ended = await op.get<Page<TrafficControl>>(`/api/emergency/traffic-controls?status=ended&at=${encodeURIComponent(hours(6))}`);
    assert.deepEqual(ended.body.items.map((t) => t.title), ['滨湖路封闭']);
    const lifted = await op.post<TrafficControl>(`/api/emergency/traffic-controls/${closed.body.id}/lift`, { version: 1 });
    assert.equal(lifted.body.status, 'ended');
    const again = await op.post<ErrorBody>(`/api/emergency/traffic-controls/${closed.body.id}/lift`, { version: 2 });
    assert.equal(again.body.error.code, 'TRAFFIC_CONTROL_STATE');
    const portal = await env.client().get<{ items: PublicTrafficControl[] }>('/api/public/traffic-controls');
    assert.deepEqual(portal.body.items.map((t) => t.title), [], 'the lifted one is gone and the other is not public');
  });

  it('scope: communities see the county\'s controls and cannot change them; another county sees none (404); events of another county refused', async () => {
    const made = await op.post<TrafficControl>('/api/emergency/traffic-controls', { title: '桥梁单向通行', kind: 'one_way', regionCode: countyCode, geometry: line, startAt: hours(-1), endAt: hours(1) });
    assert.ok((await community.get<Page<TrafficControl>>('/api/emergency/traffic-controls')).body.items.some((t) => t.id === made.body.id));
    const edit = await community.put<ErrorBody>(`/api/emergency/traffic-controls/${made.body.id}`, { title: '改', kind: 'one_way', regionCode: countyCode, geometry: line, startAt: hours(0), version: 1 });
    assert.equal(edit.status, 403, 'seen from below, kept by the county');
    assert.equal((await otherCounty.get(`/api/emergency/traffic-controls/${made.body.id}`)).status, 404);
    assert.equal((await otherCounty.post(`/api/emergency/traffic-controls/${made.body.id}/lift`, { version: 1 })).status, 404);
    assert.equal((await otherCounty.get<Page<TrafficControl>>('/api/emergency/traffic-controls')).body.total, 0);
    const ev = await otherCounty.post<{ id: string }>('/api/emergency/events', { title: '邻县火灾', type: 'accident', subType: 'fire', level: 'IV', regionCode: county2Code, lng: 111.6, lat: 29.1, occurredAt: hours(-1) });
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    const linked = await op.post<ErrorBody>('/api/emergency/traffic-controls', { title: '错', kind: 'escort', regionCode: countyCode, eventId: ev.body.id, geometry: line, startAt: hours(0) });
    assert.equal(linked.body.error.details?.fields?.[0]?.code, 'TRAFFIC_CONTROL_EVENT');
    const portal = await env.client().get<{ items: PublicTrafficControl[] }>(`/api/public/traffic-controls?region=${countyCode}`);
    assert.deepEqual(portal.body.items.map((t) => t.title), ['桥梁单向通行']);
    assert.equal(JSON.stringify(portal.body).includes(made.body.id), false, 'no ids on the portal');
  });
});
