import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { MyEnterprise, StoppedEnterprise } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoEnterprises } from './demo-enterprises.js';

describe('the enterprises of the demo city', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('holds applications in every state with their history, a week of registrations and one enterprise that stopped reporting', async () => {
    const county = env.seed.city.regions.find((r) => r.level === 'county')!.code;
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6))).map((g) => ({ id: env.gridId(g.code), regionCode: g.regionCode }));
    const seeded = await seedDemoEnterprises(env.rt.database.db, env.clock.now(), grids);
    assert.ok(seeded.applications >= 8 && seeded.reports >= 20, JSON.stringify(seeded));
    const states = await rows<{ status: string; steps: number }>(env.rt.database.db, sql`select a.status, (select count(*)::int from enterprise_application_step s where s.application_id = a.id) as steps from enterprise_application a`);
    assert.deepEqual([...new Set(states.map((s) => s.status))].sort(), ['approved', 'draft', 'rejected', 'returned', 'revoked', 'submitted']);
    assert.ok(states.some((s) => s.status === 'approved' && s.steps === 4), 'one was returned and resubmitted before approval');
    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const county_op = await env.login('county_op');
    const stopped = await county_op.get<{ items: StoppedEnterprise[] }>('/api/enterprise-health/stopped');
    assert.equal(stopped.status, 200);
    assert.deepEqual(stopped.body.items.map((s) => s.daysSilent), [3]);
    // The demo's enterprise filer reaches an enterprise approved to resume and one with a draft to submit.
    const filer = await env.login('ent_filer');
    const mine = await filer.get<{ items: MyEnterprise[] }>('/api/my-enterprises');
    assert.deepEqual(mine.body.items.map((e) => e.application?.status).sort(), ['approved', 'draft']);
    assert.deepEqual(mine.body.items.find((e) => e.application?.status === 'draft')?.application?.actions, ['edit', 'submit']);
  });
});
