/**
 * Audit failure fails the action, in every module: with the audit log unable to take an entry,
 * every change a module offers (making each kind of record of its scope kit, and every write
 * route on those records, by whoever may take it) is refused and leaves every table as it was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../test/harness.js';
import type { MadeRecord, Makers, Place, ScopeKit } from '../test/scope-kit.js';
import { platformScopeKit } from '../test/platform-scope-kit.js';
import { rows } from './platform/db/client.js';
import { AUDIT_APPEND_PARAMS } from './platform/audit/write-audit.js';
import { registeredRoutes, GUARDED_PREFIXES } from './platform/http/access.js';
import { MODULES } from './modules/index.js';

/** Records made with no audit entry: uploads (a file is the uploader's own until a record claims it) and notifications (written by the change they follow). */
const UNAUDITED_MAKES = new Set(['attachment', 'notification', 'grid', 'region']);
/** Writes that change no governance data: marking one's own notifications read, a dry run of a form's answers. */
const UNAUDITED_WRITES = new Set(['POST /api/notifications/:id/read', 'POST /api/forms/:key/versions/:version/validate']);
/** Tables whose rows change without a change of data: sessions touched by requests. */
// rate_counter: a limit shared through the database counts every attempt, a refused one too (platform/http/rate-limit.ts).
const VOLATILE = new Set(['session', 'audit_log', 'rate_counter']);

describe('audit failure rolls back every module\'s changes', () => {
  let env: TestEnv;
  let makers: Makers;
  let place: Place;
  const kits = new Map<string, ScopeKit>();
  const made = new Map<string, MadeRecord>();

  /** Every table's rows, hashed: equal before and after means nothing was written. */
  async function fingerprint(): Promise<Map<string, string>> {
    const tables = await rows<{ name: string }>(env.rt.database.db, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
    const out = new Map<string, string>();
    for (const { name } of tables.filter((t) => !VOLATILE.has(t.name) && !t.name.startsWith('__'))) {
      const [h] = await rows<{ h: string | null }>(env.rt.database.db, sql.raw(`select md5(string_agg(md5(t::text), '' order by md5(t::text))) as h from "${name}" t`));
      out.set(name, h?.h ?? '');
    }
    return out;
  }

  function changed(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
  }

  async function breakAudit(broken: boolean): Promise<void> {
    const args = AUDIT_APPEND_PARAMS.join(', ');
    const db = env.rt.database.db;
    if (broken) {
      await db.execute(sql.raw(`alter function audit_append(${AUDIT_APPEND_PARAMS.map((p) => p.split(' ')[1]).join(', ')}) rename to audit_append_working`));
      await db.execute(sql.raw(`create function audit_append(${args}) returns void language plpgsql as $$ begin raise exception 'the audit log is unavailable'; end $$`));
    } else {
      await db.execute(sql.raw(`drop function audit_append(${AUDIT_APPEND_PARAMS.map((p) => p.split(' ')[1]).join(', ')})`));
      await db.execute(sql.raw(`alter function audit_append_working(${AUDIT_APPEND_PARAMS.map((p) => p.split(' ')[1]).join(', ')}) rename to audit_append`));
    }
  }

  before(async () => {
    env = await startTestEnv();
    const grid = env.seed.city.grids[0]!;
    const [lon, lat] = gridCentroid(grid);
    place = { grid, gridId: env.gridId(grid.code), regionCode: grid.regionCode, countyCode: `${grid.regionCode.slice(0, 6)}000000`, lon, lat };
    makers = { cityOp: await env.login('city_op'), sysadmin: await env.login('sysadmin'), secadmin: await env.login('secadmin'), placeOp: await env.login('community_op') };
    kits.set('platform', platformScopeKit);
    for (const m of MODULES) {
      try {
        kits.set(m.name, ((await import(`./modules/${m.name}/scope-kit.js`)) as { scopeKit: ScopeKit }).scopeKit);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      }
    }
    for (const kit of kits.values()) {
      for (const [kind, k] of Object.entries(kit.records)) made.set(kind, await k.make(env, place, makers, `审计${kind}${Math.floor(Math.random() * 1e9)}`));
    }
  });
  after(() => env.close());

  it('every module\'s changes fail and write nothing when the audit log cannot take the entry', async () => {
    const problems: string[] = [];
    const refusedBy = new Map<string, number>();
    const before = await fingerprint();
    await breakAudit(true);
    try {
      for (const [module, kit] of kits) {
        for (const [kind, k] of Object.entries(kit.records)) {
          if (UNAUDITED_MAKES.has(kind)) continue;
          const outcome = await k.make(env, place, makers, `审计失败${kind}${Math.floor(Math.random() * 1e9)}`).then(
            () => 'made',
            (error: unknown) => (/"code":"INTERNAL"|500/.test(String(error)) ? 'refused' : `failed otherwise: ${String(error).slice(0, 120)}`),
          );
          if (outcome === 'refused') refusedBy.set(module, (refusedBy.get(module) ?? 0) + 1);
          else problems.push(`${module}: making a ${kind} ${outcome === 'made' ? 'succeeded with no audit entry' : outcome}`);
        }
      }
      const writes = registeredRoutes(env.rt.app).filter(
        (r) =>
          GUARDED_PREFIXES.some((p) => r.url.startsWith('/api/') && r.url.startsWith(p)) && r.record && made.has(r.record) && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) &&
          !UNAUDITED_WRITES.has(`${r.method} ${r.url}`),
      );
      for (const route of writes) {
        const module = [...kits].find(([, k]) => route.record! in k.records)![0];
        const record = made.get(route.record!)!;
        const k = kits.get(module)!.records[route.record!]!;
        const params = { id: record.id, ...k.params?.(record) };
        const url = route.url.replace(/:(\w+)/g, (_, name: string) => params[name as keyof typeof params] ?? name);
        const body = route.method === 'DELETE' ? undefined : (k.bodies?.[`${route.method} ${route.url}`]?.(record) ?? {});
        for (const [who, client] of Object.entries(makers) as [string, Client][]) {
          const res = await client.request(route.method as 'POST', url, body);
          if (res.status < 300) problems.push(`${who} ${route.method} ${route.url} answered ${res.status} with no audit entry`);
          if (res.status === 500) refusedBy.set(module, (refusedBy.get(module) ?? 0) + 1);
        }
      }
    } finally {
      await breakAudit(false);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(changed(before, await fingerprint()), [], 'nothing was written');
    const withKits = [...kits.keys()].filter((m) => Object.keys(kits.get(m)!.records).some((kind) => !UNAUDITED_MAKES.has(kind)));
    assert.deepEqual(withKits.filter((m) => !refusedBy.get(m)), [], 'every module had a change refused for want of its audit entry');
  });
});
