/**
 * The generated scope matrix. From the registered routes and each module's scope kit
 * (`modules/<name>/scope-kit.ts`), with records made in another county and in a neighbouring
 * grid: every route that names a record answers 403 or 404 to every viewer outside its scope, for
 * every method, with a valid body; every list, count, map and search (every GET without a record,
 * and each kit's probes) and the live feed show none of them. A module whose routes name a kind
 * of record with no kit fails here, in a test it did not write.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import { assertNoPersonalData, gridCentroid, startTestEnv, type Client, type LiveStream, type TestEnv } from '../test/harness.js';
import type { MadeRecord, Makers, Place, Probe, ScopeKit } from '../test/scope-kit.js';
import { platformScopeKit } from '../test/platform-scope-kit.js';
import { registeredRoutes, GUARDED_PREFIXES } from './platform/http/access.js';
import { insertAccounts } from './platform/accounts/accounts.js';
import { hashPassword } from './platform/auth/password.js';
import { demoTotpSecret, DEMO_PASSWORD } from './modules/demo/seed-demo.js';
import { MODULES } from './modules/index.js';
import type { DemoGrid } from './modules/demo/generate-city.js';

/** Kinds of records every signed-in user may read (configuration), with no scope to test and no kit of their own. */
const UNSCOPED = new Set(['ticket_category']);

/** Routes left out, and why. */
const SKIPPED = new Map([
  ['GET /api/live', 'the live feed: read as a stream below'],
  ['POST /api/auth/logout', 'ends the viewer\'s own session'],
  ['POST /api/auth/password', 'the viewer\'s own password'],
  ['POST /api/notifications/read-all', 'the viewer\'s own notifications'],
]);

interface Viewer {
  name: string;
  role: Role;
  client: Client;
  /** Which places lie outside this viewer's scope. */
  outside: ('outside' | 'neighbour')[];
}

async function loadKits(): Promise<ScopeKit[]> {
  const kits = [platformScopeKit];
  for (const m of MODULES) {
    try {
      kits.push(((await import(`./modules/${m.name}/scope-kit.js`)) as { scopeKit: ScopeKit }).scopeKit);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  return kits;
}

function placeOf(env: TestEnv, grid: DemoGrid): Place {
  const [lon, lat] = gridCentroid(grid);
  return { grid, gridId: env.gridId(grid.code), regionCode: grid.regionCode, countyCode: `${grid.regionCode.slice(0, 6)}000000`, lon, lat };
}

describe('scope matrix (generated)', () => {
  let env: TestEnv;
  let kits: ScopeKit[];
  let viewers: Viewer[];
  const made = new Map<'outside' | 'neighbour', Map<string, MadeRecord>>([
    ['outside', new Map()],
    ['neighbour', new Map()],
  ]);
  const places = new Map<'outside' | 'neighbour', Place>();
  const streams: (LiveStream & { viewer: string })[] = [];

  /** What of the records (or, unless the place may be shown, of the place) a text shows. */
  const leaks = (text: string, where: 'outside' | 'neighbour', placeShown = false) => {
    const place = places.get(where)!;
    const placeNames = new Set([place.gridId, place.grid.name, place.regionCode]);
    return [...made.get(where)!.values()]
      .flatMap((r) => [r.id, ...r.secrets])
      .filter((s) => s.length >= 4 && text.includes(s) && !(placeShown && placeNames.has(s)));
  };

  before(async () => {
    env = await startTestEnv();
    kits = await loadKits();
    const { regions, grids } = env.seed.city;
    const [countyA, countyB] = regions.filter((r) => r.level === 'county');
    const home = grids[0]!;
    const outsideGrid = grids.find((g) => g.regionCode.startsWith(countyB!.code.slice(0, 6)))!;
    const neighbourGrid = grids.find((g) => g.regionCode === home.regionCode && g.code !== home.code)!;
    places.set('outside', placeOf(env, outsideGrid));
    places.set('neighbour', placeOf(env, neighbourGrid));
    assert.ok(home.regionCode.startsWith(countyA!.code.slice(0, 6)));

    // Admins scoped to the home township, and an operator of the outside place's community.
    const township = `${home.regionCode.slice(0, 9)}000`;
    const now = env.clock.now();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const extra: { username: string; role: Role; scope: string }[] = [
      { username: 'mx_sys', role: 'system_admin', scope: township },
      { username: 'mx_sec', role: 'security_admin', scope: township },
      { username: 'mx_op_out', role: 'operator', scope: outsideGrid.regionCode },
    ];
    await insertAccounts(
      env.rt.database.db,
      extra.map((a) => ({
        id: randomUUID(), username: a.username, displayName: a.username, passwordHash, role: a.role, scopeRegionCode: a.scope,
        totpSecret: a.role === 'operator' ? null : demoTotpSecret(a.username), passwordChangedAt: now, createdAt: now, updatedAt: now,
      })),
    );
    for (const a of extra) {
      env.seed.accounts.push({ username: a.username, displayName: a.username, role: a.role, scopeRegionCode: a.scope, gridCode: null, totpSecret: a.role === 'operator' ? null : demoTotpSecret(a.username) });
    }

    const both = ['outside', 'neighbour'] as ('outside' | 'neighbour')[];
    viewers = [];
    for (const [name, outside] of [
      ['county_op', ['outside']], ['township_op', ['outside']], ['community_op', ['outside']], ['handler', ['outside']],
      ['mx_sys', ['outside']], ['mx_sec', ['outside']], ['gw1', both], ['resident1', both],
    ] as [string, ('outside' | 'neighbour')[]][]) {
      const role = env.seed.accounts.find((a) => a.username === name)!.role;
      viewers.push({ name, role, client: await env.login(name), outside });
    }

    // The live feed of every viewer that has one, open while the records are made.
    for (const v of viewers) {
      // Viewers without the live feed (residents) are refused it.
      if (ROLE_PERMISSIONS[v.role].includes('live:read')) streams.push({ viewer: v.name, ...(await env.liveStream(v.client)) });
    }

    const makersFor = async (where: 'outside' | 'neighbour'): Promise<Makers> => ({
      cityOp: await env.login('city_op'),
      sysadmin: await env.login('sysadmin'),
      secadmin: await env.login('secadmin'),
      placeOp: await env.login(where === 'outside' ? 'mx_op_out' : 'community_op'),
    });
    for (const where of ['outside', 'neighbour'] as const) {
      const makers = await makersFor(where);
      for (const kit of kits) {
        for (const [kind, recordKit] of Object.entries(kit.records)) {
          if (recordKit.unscoped || !(recordKit.places ?? both).includes(where)) continue;
          const marker = `矩阵${where === 'outside' ? '外' : '邻'}${kind}${Math.floor(Math.random() * 1e9)}`;
          made.get(where)!.set(kind, await recordKit.make(env, places.get(where)!, makers, marker));
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  after(async () => {
    for (const s of streams) s.close();
    await env.close();
  });

  const routes = () => registeredRoutes(env.rt.app).filter((r) => GUARDED_PREFIXES.some((p) => r.url.startsWith(p)) && r.access !== 'public' && r.method !== 'HEAD');
  const recordKit = (kind: string) => kits.map((k) => k.records[kind]).find(Boolean);

  it('every kind of record a route names has a kit', () => {
    const kinds = new Set(routes().flatMap((r) => (r.record ? [r.record] : [])));
    assert.deepEqual([...kinds].filter((k) => !UNSCOPED.has(k) && !recordKit(k)), [], 'add a scope kit (modules/<name>/scope-kit.ts) for these');
  });

  it('no route that names a record reaches one outside the viewer\'s scope', async () => {
    const problems: string[] = [];
    for (const route of routes().filter((r) => r.record && !UNSCOPED.has(r.record) && !recordKit(r.record)?.unscoped && !SKIPPED.has(`${r.method} ${r.url}`))) {
      const kit = recordKit(route.record!)!;
      const key = `${route.method} ${route.url}`;
      for (const v of viewers) {
        for (const where of v.outside) {
          const record = made.get(where)!.get(route.record!);
          if (!record) continue;
          const params = { id: record.id, ...kit.params?.(record) };
          const url = route.url.replace(/:(\w+)/g, (_, name: string) => params[name as keyof typeof params] ?? `missing-${name}`);
          const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (kit.bodies?.[key]?.(record) ?? {});
          const res = await v.client.request(route.method as 'GET', url, body);
          const text = JSON.stringify(res.body);
          if (res.status !== 403 && res.status !== 404) problems.push(`${v.name} ${key} (${where}) -> ${res.status} ${text.slice(0, 160)}`);
          const leaked = leaks(text, where);
          if (leaked.length) problems.push(`${v.name} ${key} (${where}) shows ${leaked.join(', ')}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('no list, count, map or search shows a record outside the viewer\'s scope', async () => {
    const problems: string[] = [];
    const reads = routes().filter((r) => r.method === 'GET' && !r.record && !/:\w/.test(r.url) && !SKIPPED.has(`GET ${r.url}`));
    for (const v of viewers) {
      for (const where of v.outside) {
        const place = places.get(where)!;
        const probes: Probe[] = [...reads.map((r) => ({ method: 'GET' as const, url: r.url })), ...kits.flatMap((k) => k.probes?.(place, made.get(where)!) ?? [])];
        for (const p of probes) {
          const res = await v.client.request(p.method, p.url, p.body);
          const leaked = leaks(typeof res.body === 'string' ? res.body : JSON.stringify(res.body), where, p.placeShownTo?.includes(v.role));
          if (leaked.length) problems.push(`${v.name} ${p.method} ${p.url} (${where}) shows ${leaked.join(', ')}`);
        }
      }
    }
    assert.ok(reads.length >= 20, `read ${reads.length} list routes`);
    assert.deepEqual(problems, []);
  });

  it('the live feed carries nothing about a record outside the viewer\'s scope, and no personal data at all', () => {
    const problems: string[] = [];
    for (const s of streams) {
      assert.doesNotThrow(() => assertNoPersonalData('SSE', `/api/live (${s.viewer})`, s.text()));
      const v = viewers.find((x) => x.name === s.viewer)!;
      for (const where of v.outside) {
        const leaked = leaks(s.text(), where);
        if (leaked.length) problems.push(`${v.name} live (${where}) carries ${leaked.join(', ')}`);
      }
    }
    assert.ok(streams.length >= 5, `${streams.length} streams open`);
    assert.deepEqual(problems, []);
  });
});
