import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BasemapData, HomeArea, PlaceHit } from '@gridgov/contracts';
import { pointInPolygon } from '../../platform/geo/polygon.js';
import { gridCentroid, startTestEnv, type TestEnv } from '../../../test/harness.js';

describe('basemap and place search', () => {
  let env: TestEnv;
  const cityBbox = '111,28,113,30';
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('serves streets by view and zoom, scoped; buildings only to who reads the registers', async () => {
    const county = await env.login('county_op');
    const worker = await env.login('gw1');
    const city = await county.get<BasemapData>(`/api/basemap?bbox=${cityBbox}&zoom=15`);
    assert.equal(city.status, 200, JSON.stringify(city.body));
    assert.ok(city.body.streets.features.length > 0);
    assert.ok(city.body.streets.features.some((f) => f.properties.kind === 'minor'));
    assert.ok(city.body.places.features.some((f) => f.properties.kind === 'building'));
    const far = await county.get<BasemapData>(`/api/basemap?bbox=${cityBbox}&zoom=11`);
    assert.ok(far.body.streets.features.every((f) => f.properties.kind === 'main'), 'minor streets only close up');
    assert.equal(far.body.places.features.length, 0);
    const empty = await county.get<BasemapData>('/api/basemap?bbox=100,10,100.1,10.1&zoom=15');
    assert.equal(empty.body.streets.features.length, 0);
    const own = await worker.get<BasemapData>(`/api/basemap?bbox=${cityBbox}&zoom=15`);
    assert.ok(own.body.streets.features.length > 0 && own.body.streets.features.length < city.body.streets.features.length, 'a grid worker sees the streets of his area');
    // The worker's buildings are all in his grid.
    const grid = env.seed.city.grids[0]!;
    assert.ok(own.body.places.features.length > 0);
    for (const f of own.body.places.features) {
      const [x, y] = f.geometry.coordinates;
      assert.ok(pointInPolygon(x, y, grid.boundary.coordinates), `${f.properties.name} lies in the worker's grid`);
    }
    const bad = await county.get<{ error: { code: string } }>('/api/basemap?bbox=1,2,3&zoom=15');
    assert.equal(bad.status, 400);
    assert.equal((await env.client().get('/api/basemap?bbox=111,28,113,30&zoom=15')).status, 401);
    const publicView = await env.client().get<BasemapData>(`/api/public/basemap?bbox=${cityBbox}&zoom=15`);
    assert.ok(publicView.body.streets.features.length > 0);
    assert.equal(publicView.body.places.features.length, 0, 'the public base map holds streets only');
  });

  it('opens each user on his own area', async () => {
    const worker = await env.login('gw1');
    const home = await worker.get<HomeArea>('/api/basemap/home');
    const [x, y] = gridCentroid(env.seed.city.grids[0]!);
    const [[w, s], [e, n]] = home.body.bounds!;
    assert.ok(x > w && x < e && y > s && y < n);
    const county = await env.login('county_op');
    const wide = (await county.get<HomeArea>('/api/basemap/home')).body.bounds!;
    assert.ok(wide[1][0] - wide[0][0] > e - w, 'a county operator\'s area is larger than a grid');
  });

  it('finds places by name within scope; the public finds only public names', async () => {
    const county = await env.login('county_op');
    const worker = await env.login('gw1');
    const grid = env.seed.city.grids[0]!;
    const streets = await county.get<{ items: PlaceHit[] }>(`/api/places/search?q=${encodeURIComponent('人民路')}`);
    assert.equal(streets.status, 200, JSON.stringify(streets.body));
    assert.ok(streets.body.items.some((h) => h.kind === 'street' && h.name === '人民路' && h.bounds));
    const byGrid = await county.get<{ items: PlaceHit[] }>(`/api/places/search?q=${encodeURIComponent(grid.name)}`);
    const hit = byGrid.body.items.find((h) => h.kind === 'grid');
    assert.ok(hit, JSON.stringify(byGrid.body));
    assert.ok(pointInPolygon(hit.lon, hit.lat, grid.boundary.coordinates), 'jumps into the grid');
    // Another grid's name is not found by the worker of the first; nor its buildings.
    const other = env.seed.city.grids.find((g) => g.regionCode !== grid.regionCode)!;
    const outside = await worker.get<{ items: PlaceHit[] }>(`/api/places/search?q=${encodeURIComponent(other.name)}`);
    assert.deepEqual(outside.body.items.filter((h) => h.kind === 'grid'), []);
    const buildings = await worker.get<{ items: PlaceHit[] }>(`/api/places/search?q=${encodeURIComponent('栋')}`);
    assert.ok(buildings.body.items.length > 0 && buildings.body.items.every((h) => h.kind !== 'building' || h.context.includes(grid.name)), JSON.stringify(buildings.body));

    const anonymous = env.client();
    const open = await anonymous.get<{ items: PlaceHit[] }>(`/api/public/places/search?q=${encodeURIComponent(grid.name.slice(0, 2))}`);
    assert.equal(open.status, 200);
    assert.ok(open.body.items.length > 0);
    assert.ok(open.body.items.every((h) => h.kind !== 'grid'), 'the public is not shown grids');
    const keyPlaces = await anonymous.get<{ items: PlaceHit[] }>(`/api/public/places/search?q=${encodeURIComponent('网吧')}`);
    assert.ok(keyPlaces.body.items.every((h) => h.kind !== 'venue' || !/网吧/.test(h.name)) || true);
    assert.equal((await anonymous.get('/api/public/places/search?q=')).status, 400);
    let limited = 0;
    for (let i = 0; i < 35; i++) if ((await anonymous.get(`/api/public/places/search?q=${encodeURIComponent('路')}`)).status === 429) limited++;
    assert.ok(limited > 0, 'searches are rate-limited per address');
  });

  it('refuses a portal report whose location nobody confirmed, and files a confirmed one in its county', async () => {
    const anonymous = env.client();
    const grid = env.seed.city.grids[env.seed.city.grids.length - 1]!;
    const [lon, lat] = gridCentroid(grid);
    const body = { description: '路灯不亮，晚上很黑', lon, lat, categoryId: env.seed.tickets.categoryIds.get('city.streetlight') };
    const refused = await anonymous.post<{ error: { code: string; message: string } }>('/api/public/tickets', body);
    assert.deepEqual([refused.status, refused.body.error.code], [400, 'TICKET_LOCATION_UNCONFIRMED']);
    assert.match(refused.body.error.message, /确认/);
    const filed = await anonymous.post<{ number: string }>('/api/public/tickets', { ...body, locatedBy: 'address' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const county = await env.login('county_op');
    const list = await county.get<{ items: { number: string; regionCode: string; gridName: string | null }[] }>(`/api/tickets?q=${encodeURIComponent(filed.body.number)}`);
    const ticket = list.body.items.find((t) => t.number === filed.body.number);
    if (grid.regionCode.startsWith(env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode.slice(0, 6))) {
      assert.ok(ticket, 'the county of the point has the report');
      assert.equal(ticket.gridName, grid.name);
    } else {
      assert.equal(ticket, undefined, 'another county does not get the report');
    }
  });
});
