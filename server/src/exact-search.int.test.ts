/**
 * Generated over the registered routes: every read that takes an exact ID-number or phone filter
 * is an unmask in all but name (whatever it answers, it confirms or refutes a guess). A viewer
 * who may call the route but not unmask is refused, matches or not; one who may unmask spends a
 * unit of the unmask budget per query and leaves an audit entry; past the budget the search is
 * refused. A module that adds such a filter is checked here without writing a test.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import { startTestEnv, type TestEnv } from '../test/harness.js';
import { registeredRoutes } from './platform/http/access.js';
import { auditLog } from './platform/audit/tables.js';

const EXACT_FILTERS = { idNumber: '11010519491231002X', phone: '13812341234' } as const;

function exactFiltersOf(schema: unknown): (keyof typeof EXACT_FILTERS)[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return (Object.keys(EXACT_FILTERS) as (keyof typeof EXACT_FILTERS)[]).filter((k) => k in schema.shape);
}

describe('exact ID-number and phone searches', () => {
  let env: TestEnv;
  const searchRoutes = () =>
    registeredRoutes(env.rt.app)
      .filter((r) => r.method === 'GET' && !/:\w/.test(r.url))
      .flatMap((r) => exactFiltersOf(r.schema.querystring).map((filter) => ({ url: r.url, filter })));

  before(async () => {
    env = await startTestEnv({ config: { unmaskPerHour: 40 } });
  });
  after(() => env.close());

  it('are refused to a viewer without the unmask right, on every route that takes them', async () => {
    const routes = searchRoutes();
    assert.ok(routes.length >= 14, `${routes.length} routes take an exact filter`);
    const gw = await env.login('gw1');
    const problems: string[] = [];
    for (const { url, filter } of routes) {
      const res = await gw.get<{ error?: { code: string } }>(`${url}?${filter}=${EXACT_FILTERS[filter]}`);
      if (res.status !== 403 || res.body.error?.code !== 'REGISTER_EXACT_SEARCH_FORBIDDEN') problems.push(`${url}?${filter} -> ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    assert.deepEqual(problems, []);
  });

  it('spend one unit of the unmask budget and leave one audit entry each, for a viewer who may unmask', async () => {
    const op = await env.login('community_op');
    const searches = () => env.rt.database.db.$count(auditLog, and(eq(auditLog.actorName, 'community_op'), like(auditLog.action, '%.search')));
    const problems: string[] = [];
    for (const { url, filter } of searchRoutes()) {
      const before = await searches();
      const res = await op.get(`${url}?${filter}=${EXACT_FILTERS[filter]}`);
      if (res.status !== 200 || (await searches()) !== before + 1) problems.push(`${url}?${filter} -> ${res.status}, ${(await searches()) - before} audit entries`);
    }
    assert.deepEqual(problems, []);
  });

  it('are refused once the budget is spent', async () => {
    const budget = env.rt.config.unmaskPerHour;
    const op = await env.login('township_op');
    const [first] = searchRoutes();
    for (let i = 0; i < budget; i++) assert.equal((await op.get(`${first!.url}?${first!.filter}=${EXACT_FILTERS[first!.filter]}`)).status, 200);
    const refused = await op.get<{ error: { code: string } }>(`${first!.url}?${first!.filter}=${EXACT_FILTERS[first!.filter]}`);
    assert.deepEqual([refused.status, refused.body.error.code], [429, 'UNMASK_RATE_LIMITED']);
  });
});
