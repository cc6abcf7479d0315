import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import type { DemoGrid } from '../demo/generate-city.js';

interface ErrorBody {
  error: { code: string; details?: unknown };
}

function square(lon: number, lat: number, size: number): { type: 'Polygon'; coordinates: number[][][] } {
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] };
}

describe('grids', () => {
  let env: TestEnv;
  let admin: Client;
  let community: string;
  let existing: DemoGrid;
  before(async () => {
    env = await startTestEnv();
    admin = await env.login('sysadmin');
    existing = env.seed.city.grids[0]!;
    community = existing.regionCode;
  });
  after(() => env.close());

  it('finds the grid that contains a point, and none outside every grid', async () => {
    const ring = existing.boundary.coordinates[0]!;
    const lon = (ring[0]![0]! + ring[2]![0]!) / 2;
    const lat = (ring[0]![1]! + ring[2]![1]!) / 2;
    const hit = await admin.get<{ grid: { code: string } | null }>(`/api/grids/lookup?lon=${lon}&lat=${lat}`);
    assert.equal(hit.body.grid?.code, existing.code);
    const miss = await admin.get<{ grid: unknown }>('/api/grids/lookup?lon=100&lat=20');
    assert.equal(miss.body.grid, null);
  });

  it('creates a grid away from its neighbours, warns outside 400-500 households, and indexes it at once', async () => {
    const boundary = square(112.5, 30.5, 0.01);
    const res = await admin.post<{ grid: { id: string; code: string }; warnings: { code: string }[] }>('/api/grids', {
      regionCode: community, name: '新建网格', boundary, targetHouseholds: 620,
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.grid.code.slice(0, 12), community);
    assert.deepEqual(res.body.warnings.map((w) => w.code), ['GRID_HOUSEHOLDS_OUT_OF_RANGE']);
    const hit = await admin.get<{ grid: { id: string } | null }>('/api/grids/lookup?lon=112.505&lat=30.505');
    assert.equal(hit.body.grid?.id, res.body.grid.id);
    const ok = await admin.post<{ warnings: unknown[] }>('/api/grids', { regionCode: community, name: '邻接网格', boundary: square(112.51, 30.5, 0.01), targetHouseholds: 450 });
    assert.equal(ok.status, 201, 'sharing an edge is not overlapping');
    assert.deepEqual(ok.body.warnings, []);
  });

  it('rejects a grid that overlaps another grid of the community', async () => {
    const res = await admin.post<ErrorBody>('/api/grids', { regionCode: community, name: '重叠网格', boundary: square(112.505, 30.505, 0.01) });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'GRID_OVERLAP');
    const moved = await admin.post<ErrorBody>('/api/grids', { regionCode: community, name: '重叠网格', boundary: existing.boundary });
    assert.equal(moved.body.error.code, 'GRID_OVERLAP');
  });

  it('rejects a bad polygon, a grid above community level, and unknown fields', async () => {
    const open = { type: 'Polygon', coordinates: [[[112, 30], [112.1, 30], [112.1, 30.1], [112, 30.2]]] };
    assert.equal((await admin.post<ErrorBody>('/api/grids', { regionCode: community, name: 'x', boundary: open })).body.error.code, 'GRID_GEOMETRY_INVALID');
    const bowtie = { type: 'Polygon', coordinates: [[[113, 30], [113.1, 30.1], [113.1, 30], [113, 30.1], [113, 30]]] };
    assert.equal((await admin.post<ErrorBody>('/api/grids', { regionCode: community, name: 'x', boundary: bowtie })).body.error.code, 'GRID_GEOMETRY_INVALID');
    const township = env.seed.city.regions.find((r) => r.level === 'township')!.code;
    assert.equal((await admin.post<ErrorBody>('/api/grids', { regionCode: township, name: 'x', boundary: square(113, 31, 0.01) })).body.error.code, 'GRID_REGION_NOT_COMMUNITY');
    const extra = await admin.post<ErrorBody>('/api/grids', { regionCode: community, name: 'x', boundary: square(113, 31, 0.01), color: 'red' });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.code, 'UNKNOWN_FIELD');
  });

  it('redraws a grid (overlap checked again), and a deleted grid leaves the index', async () => {
    const created = await admin.post<{ grid: { id: string } }>('/api/grids', { regionCode: community, name: '待删网格', boundary: square(114, 31, 0.01) });
    const id = created.body.grid.id;
    const clash = await admin.patch<ErrorBody>(`/api/grids/${id}`, { boundary: square(112.5, 30.5, 0.01) });
    assert.equal(clash.body.error.code, 'GRID_OVERLAP');
    assert.equal((await admin.patch(`/api/grids/${id}`, { boundary: square(114.5, 31, 0.01), name: '改名' })).status, 200);
    assert.equal((await admin.get<{ grid: { id: string } | null }>('/api/grids/lookup?lon=114.505&lat=31.005')).body.grid?.id, id);
    assert.equal((await admin.delete(`/api/grids/${id}`)).status, 204);
    assert.equal((await admin.get<{ grid: unknown }>('/api/grids/lookup?lon=114.505&lat=31.005')).body.grid, null);
    assert.equal((await admin.get(`/api/grids/${id}`)).status, 404);
  });

  it('lists a grid with its workers (grid-worker accounts scoped to it)', async () => {
    const res = await admin.get<{ workers: { displayName: string }[] }>(`/api/grids/${env.gridId(existing.code)}`);
    assert.ok(res.body.workers.some((w) => w.displayName.startsWith('网格员1')));
  });

  it('grid workers and operators cannot change grids', async () => {
    for (const username of ['gw1', 'city_op']) {
      const c = await env.login(username);
      assert.equal((await c.patch(`/api/grids/${env.gridId(existing.code)}`, { name: 'x' })).status, 403, username);
    }
  });
});

describe('regions', () => {
  let env: TestEnv;
  let admin: Client;
  before(async () => {
    env = await startTestEnv();
    admin = await env.login('sysadmin');
  });
  after(() => env.close());

  it('walks the tree from the caller\'s scope, with a breadcrumb path', async () => {
    const roots = await admin.get<{ code: string; level: string }[]>('/api/regions');
    assert.equal(roots.body.length, 1);
    assert.equal(roots.body[0]!.level, 'province');
    const community = env.seed.city.regions.find((r) => r.level === 'community')!;
    const detail = await admin.get<{ path: { level: string }[] }>(`/api/regions/${community.code}`);
    assert.deepEqual(detail.body.path.map((p) => p.level), ['province', 'city', 'county', 'township']);
  });

  it('counts children and grids of each region exactly', async () => {
    const { regions, grids } = env.seed.city;
    for (const level of ['province', 'city', 'county', 'township', 'community'] as const) {
      const r = regions.find((x) => x.level === level)!;
      const prefix = r.code.slice(0, { province: 2, city: 4, county: 6, township: 9, community: 12 }[level]);
      const res = await admin.get<{ childCount: number; gridCount: number }>(`/api/regions/${r.code}`);
      assert.equal(res.body.childCount, regions.filter((x) => x.parentCode === r.code).length, `${level} children`);
      assert.equal(res.body.gridCount, grids.filter((g) => g.regionCode.startsWith(prefix)).length, `${level} grids`);
    }
  });

  it('validates codes: format, segments, parent prefix', async () => {
    const township = env.seed.city.regions.find((r) => r.level === 'township')!;
    const cases: [string, string][] = [
      ['12345', 'VALIDATION_FAILED'],
      ['990000000000', 'REGION_CODE_INVALID'],
      [`${township.code.slice(0, 9)}700`, 'REGION_CODE_INVALID'],
      [`${township.code.slice(0, 6)}098001`, 'REGION_PARENT_NOT_FOUND'],
    ];
    for (const [code, expected] of cases) {
      const res = await admin.post<ErrorBody>('/api/regions', { code, name: '测试' });
      assert.equal(res.body.error.code, expected, code);
    }
  });

  it('creates, renames and revokes a community; the revoked code stays in history', async () => {
    const township = env.seed.city.regions.find((r) => r.level === 'township')!;
    const code = `${township.code.slice(0, 9)}198`;
    assert.equal((await admin.post('/api/regions', { code, name: '新社区' })).status, 201);
    assert.equal((await admin.post<ErrorBody>('/api/regions', { code, name: '新社区' })).body.error.code, 'CONFLICT');
    assert.equal((await admin.patch(`/api/regions/${code}`, { name: '新社区二' })).status, 200);
    assert.equal((await admin.patch(`/api/regions/${code}`, { validTo: '2026-12-31' })).status, 200);
    const current = await admin.get<{ code: string }[]>(`/api/regions?parent=${township.code}`);
    assert.ok(!current.body.some((r) => r.code === code));
    const history = await admin.get<{ code: string; validTo: string | null; name: string }[]>(`/api/regions?parent=${township.code}&includeRevoked=true`);
    const revoked = history.body.find((r) => r.code === code);
    assert.equal(revoked?.validTo, '2026-12-31');
    assert.equal(revoked?.name, '新社区二');
  });

  it('refuses to revoke a region that still has grids', async () => {
    const community = env.seed.city.grids[0]!.regionCode;
    assert.equal((await admin.patch<ErrorBody>(`/api/regions/${community}`, { validTo: '2026-12-31' })).body.error.code, 'REGION_HAS_CHILDREN');
  });
});
