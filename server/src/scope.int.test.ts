/**
 * The scope matrix: for each role and each scoped route, a user in one grid / township / county
 * cannot read, list, count, search or change a record of a sibling (404 or 403, never data).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Role } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../test/harness.js';
import { appUser } from './platform/accounts/tables.js';
import { hashPassword } from './platform/auth/password.js';
import { demoTotpSecret, DEMO_PASSWORD } from './modules/demo/seed-demo.js';
import type { DemoGrid, DemoRegion } from './modules/demo/generate-city.js';

interface Case {
  actor: string;
  role: Role;
  siblingRegion: DemoRegion;
  siblingGrid: DemoGrid;
  ownGrids: DemoGrid[];
}

function centroid(g: DemoGrid): [number, number] {
  const ring = g.boundary.coordinates[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
}

describe('scope matrix', () => {
  let env: TestEnv;
  const cases: Case[] = [];
  const clients = new Map<string, Client>();
  let siblingUserIds: Map<string, string>;

  before(async () => {
    env = await startTestEnv();
    const { regions, grids } = env.seed.city;
    const children = (code: string) => regions.filter((r) => r.parentCode === code);
    const gridsIn = (r: DemoRegion) => grids.filter((g) => g.regionCode.startsWith(r.code.slice(0, { province: 2, city: 4, county: 6, township: 9, community: 12 }[r.level])));
    const [countyA, countyB] = children(regions.find((r) => r.level === 'city')!.code);
    const [t1, t2] = children(countyA!.code);
    const [c1, c2] = children(t1!.code);
    const g1 = gridsIn(c1!)[0]!;
    const g2 = gridsIn(c1!)[1]!;

    // Admin roles scoped to one township, created directly (their own TOTP secrets).
    const db = env.rt.database.db;
    const now = env.clock.now();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [username, role] of [['sys_t1', 'system_admin'], ['sec_t1', 'security_admin']] as const) {
      await db.insert(appUser).values({
        id: randomUUID(), username, displayName: username, passwordHash, role, scopeRegionCode: t1!.code,
        totpSecret: demoTotpSecret(username), passwordChangedAt: now, createdAt: now, updatedAt: now,
      });
      env.seed.accounts.push({ username, displayName: username, role, scopeRegionCode: t1!.code, gridCode: null, totpSecret: demoTotpSecret(username) });
    }

    cases.push(
      { actor: 'township_op', role: 'operator', siblingRegion: t2!, siblingGrid: gridsIn(t2!)[0]!, ownGrids: gridsIn(t1!) },
      { actor: 'community_op', role: 'operator', siblingRegion: c2!, siblingGrid: gridsIn(c2!)[0]!, ownGrids: gridsIn(c1!) },
      { actor: 'handler', role: 'department_handler', siblingRegion: countyB!, siblingGrid: gridsIn(countyB!)[0]!, ownGrids: gridsIn(countyA!) },
      { actor: 'gw1', role: 'grid_worker', siblingRegion: c2!, siblingGrid: g2, ownGrids: [g1] },
      { actor: 'sys_t1', role: 'system_admin', siblingRegion: t2!, siblingGrid: gridsIn(t2!)[0]!, ownGrids: gridsIn(t1!) },
      { actor: 'sec_t1', role: 'security_admin', siblingRegion: t2!, siblingGrid: gridsIn(t2!)[0]!, ownGrids: gridsIn(t1!) },
    );
    assert.equal(env.seed.accounts.find((a) => a.username === 'gw1')!.gridCode, g1.code, 'gw1 works in the first grid');
    for (const c of cases) clients.set(c.actor, await env.login(c.actor));

    // A user account inside each sibling scope, to try to read and change.
    const admin = await env.login('secadmin');
    siblingUserIds = new Map();
    for (const c of cases) {
      const res = await admin.post<{ id: string }>('/api/users', {
        username: `sib_${c.actor}`, displayName: '邻居', role: 'grid_worker', scopeGridId: env.gridId(c.siblingGrid.code), password: 'Neighb0ur#1',
      });
      assert.equal(res.status, 201);
      siblingUserIds.set(c.actor, res.body.id);
    }
  });
  after(() => env.close());

  const denied = (status: number) => status === 403 || status === 404;

  it('never reads a sibling grid, region or user', async () => {
    for (const c of cases) {
      const client = clients.get(c.actor)!;
      const gridId = env.gridId(c.siblingGrid.code);
      for (const url of [
        `/api/grids/${gridId}`,
        `/api/regions/${c.siblingRegion.code}`,
        `/api/regions?parent=${c.siblingRegion.code}`,
        `/api/users/${siblingUserIds.get(c.actor)}`,
      ]) {
        const res = await client.get(url);
        assert.ok(denied(res.status), `${c.actor} GET ${url} -> ${res.status}`);
        assert.ok(!JSON.stringify(res.body).includes(c.siblingGrid.name) && !JSON.stringify(res.body).includes(gridId), `${c.actor} ${url} leaks`);
      }
    }
  });

  it('never lists, counts, searches or maps sibling records', async () => {
    for (const c of cases) {
      const client = clients.get(c.actor)!;
      const gridId = env.gridId(c.siblingGrid.code);
      const ownIds = new Set(c.ownGrids.map((g) => env.gridId(g.code)));
      const all = await client.get<{ items: { id: string }[]; total: number }>('/api/grids?pageSize=200');
      if (all.status === 200) {
        assert.equal(all.body.total, c.ownGrids.length, `${c.actor} grid count`);
        assert.ok(all.body.items.every((g) => ownIds.has(g.id)), `${c.actor} grid list`);
      } else assert.equal(all.status, 403, `${c.actor} grid list`);
      const filtered = await client.get<{ total: number }>(`/api/grids?region=${c.siblingRegion.code}`);
      assert.ok(filtered.status === 403 || filtered.body.total === 0, `${c.actor} filter by sibling region`);
      const search = await client.get<{ total: number }>(`/api/grids?q=${encodeURIComponent(c.siblingGrid.name)}`);
      assert.ok(search.status === 403 || search.body.total === 0 || c.ownGrids.some((g) => g.name === c.siblingGrid.name), `${c.actor} search`);
      const map = await client.get<{ features: { id: string }[] }>('/api/grids/geojson');
      assert.ok(map.status === 403 || map.body.features.every((f) => ownIds.has(f.id)), `${c.actor} map`);
      const [lon, lat] = centroid(c.siblingGrid);
      const lookup = await client.get<{ grid: unknown }>(`/api/grids/lookup?lon=${lon}&lat=${lat}`);
      assert.ok(lookup.status === 403 || lookup.body.grid === null, `${c.actor} lookup`);
      const users = await client.get<{ items: { id: string }[]; total: number }>('/api/users?pageSize=200');
      assert.ok(users.status === 403 || !users.body.items.some((u) => u.id === siblingUserIds.get(c.actor)), `${c.actor} user list`);
      const usersThere = await client.get<{ total: number }>(`/api/users?region=${c.siblingRegion.code}`);
      assert.ok(usersThere.status === 403 || usersThere.body.total === 0, `${c.actor} user count`);
      assert.ok(!JSON.stringify(all.body).includes(gridId));
    }
  });

  it('counts on shared ancestors include only what is in scope', async () => {
    for (const c of cases) {
      const client = clients.get(c.actor)!;
      const city = env.seed.city.regions.find((r) => r.level === 'city')!;
      const res = await client.get<{ gridCount: number }>(`/api/regions/${city.code}`);
      // Department handlers do not read the region tree (their tickets name their places).
      if (c.role === 'department_handler') {
        assert.equal(res.status, 403, `${c.actor} reads no regions`);
        continue;
      }
      assert.equal(res.status, 200, `${c.actor} sees the city above (breadcrumb)`);
      assert.equal(res.body.gridCount, c.ownGrids.length, `${c.actor} city grid count`);
    }
  });

  it('never changes a sibling grid, region or user', async () => {
    for (const c of cases) {
      const client = clients.get(c.actor)!;
      const gridId = env.gridId(c.siblingGrid.code);
      const attempts = [
        await client.patch(`/api/grids/${gridId}`, { name: '越权修改' }),
        await client.delete(`/api/grids/${gridId}`),
        await client.patch(`/api/regions/${c.siblingRegion.code}`, { name: '越权修改' }),
        await client.post('/api/regions', { code: `${c.siblingRegion.code.slice(0, 9)}199`, name: '越权新建' }),
        await client.patch(`/api/users/${siblingUserIds.get(c.actor)}`, { displayName: '越权修改' }),
        await client.post(`/api/users/${siblingUserIds.get(c.actor)}/reset-password`, { password: 'Hijack#2026' }),
        await client.post('/api/users', { username: `evil_${c.actor}`, displayName: 'x', role: 'operator', scopeRegionCode: c.siblingRegion.code, password: 'Evil#20261' }),
      ];
      for (const [i, res] of attempts.entries()) assert.ok(denied(res.status) || res.status === 400, `${c.actor} change #${i} -> ${res.status}`);
    }
    const admin = await env.login('sysadmin');
    const grid = await admin.get<{ name: string }>(`/api/grids/${env.gridId(cases[0]!.siblingGrid.code)}`);
    assert.equal(grid.body.name, cases[0]!.siblingGrid.name, 'nothing changed');
  });
});
