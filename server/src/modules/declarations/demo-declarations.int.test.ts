import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { seedDemoDeclarations } from './demo-declarations.js';

describe('demo declarations', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('five days of declarations in a county: matched to residents, some abnormal, some replaced, some unmatched', async () => {
    const county = env.seed.city.regions.find((r) => r.level === 'county')!.code;
    const made = await seedDemoDeclarations(env.rt.kit, env.seed.city, county.slice(0, 6));
    assert.equal(made.unmatched, 15);
    assert.ok(made.abnormal > 0 && made.abnormal < made.declarations, JSON.stringify(made));
    const [r] = await rows<{ days: number; matched: number; households: number; replaced: number; phone: number }>(
      env.rt.database.db,
      sql`select count(distinct day)::int as days, count(*) filter (where resident_id is not null)::int as matched, count(distinct household_id)::int as households,
            count(*) filter (where superseded_by is not null)::int as replaced, count(*) filter (where source = 'phone')::int as phone from declaration`,
    );
    assert.ok(r!.days >= 5, JSON.stringify(r));
    assert.equal(r!.matched, made.declarations - made.unmatched);
    assert.ok(r!.households > 5 && r!.phone > 0, JSON.stringify(r));
    const op = await env.login('county_op');
    const list = await op.get<{ total: number }>('/api/declarations?unmatched=true');
    assert.equal(list.body.total, 15);
  });
});
