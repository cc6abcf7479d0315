import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KpDetail, KpSummary } from '@gridgov/contracts';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';

describe('the demo city\'s key persons', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('a few dozen across the categories, with visits, some overdue; the operator and the grid worker see theirs', async () => {
    const op = await env.login('community_op');
    const all = await op.get<{ items: KpSummary[]; total: number }>('/api/keypersons?pageSize=200&purpose=demo');
    assert.ok(all.body.total >= 24, `${all.body.total} key persons`);
    assert.ok(new Set(all.body.items.map((k) => k.categoryCode)).size >= 7);
    assert.ok(all.body.items.some((k) => k.overdue) && all.body.items.some((k) => !k.overdue));
    const adult = all.body.items.find((k) => !k.minor && k.lastVisitAt)!;
    const detail = await op.get<KpDetail>(`/api/keypersons/${adult.id}?purpose=demo`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.ok(detail.body.visits.length >= 1);
    const gw1 = await env.login('gw1');
    const mine = await gw1.get<{ items: KpSummary[] }>('/api/keypersons?pageSize=200');
    assert.ok(mine.body.items.length >= 1);
    assert.equal(new Set(mine.body.items.map((k) => k.gridId)).size, 1);
  });
});
