import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { SurveyCampaign } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoCampaigns } from './demo-campaigns.js';

describe('demo survey campaigns', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('one closed campaign with history and one open, about half done, with progress that matches the answers', async () => {
    const community = env.seed.city.grids[0]!.regionCode;
    const seeded = await seedDemoCampaigns(env.rt.kit, community);
    assert.equal(seeded.campaigns, 2);
    const op = await env.login('community_op');
    const list = await op.get<{ items: SurveyCampaign[] }>('/api/survey-campaigns');
    const byName = new Map(list.body.items.map((c) => [c.name, c]));
    const past = byName.get('上月入户走访摸排')!;
    const open = byName.get('本周入户走访摸排')!;
    assert.deepEqual([past.status, open.status], ['closed', 'open']);
    assert.ok(past.totals.total > 0 && past.totals.done / past.totals.total > 0.8, JSON.stringify(past.totals));
    const share = open.totals.done / open.totals.total;
    assert.ok(share > 0.3 && share < 0.7, JSON.stringify(open.totals));
    const [check] = await rows<{ answers: number; done: number }>(env.rt.database.db, sql`select (select count(*)::int from survey_answer) as answers, (select count(*)::int from survey_task where kind = 'visit' and status = 'done') as done`);
    assert.equal(check!.answers, past.totals.done + open.totals.done);
    assert.equal(check!.done, check!.answers);
    assert.equal(seeded.answers, check!.answers);
  });
});
