import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { RiskWarning } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { seedDemoHistory } from './seed-history.js';
import { seedDemoWarnings, type WarningCounts } from './seed-warnings.js';

describe('the demo city\'s risk warnings', () => {
  let env: TestEnv;
  let counts: WarningCounts;
  let communityOp: Client;

  before(async () => {
    env = await startTestEnv({ registers: true });
    await seedDemoHistory(env.rt.database, env.seed, env.clock, env.rt.vault);
    counts = await seedDemoWarnings(env.rt.kit, env.seed);
    communityOp = await env.login('community_op');
  });
  after(() => env.close());

  it('raises a handful of warnings from the gate records and the tickets, some handled, one false positive, all audited', async () => {
    assert.ok(counts.accessRecords > 20, JSON.stringify(counts));
    assert.ok(counts.raised >= 3 && counts.raised <= 60, JSON.stringify(counts));
    assert.deepEqual([counts.falsePositives, counts.handled], [1, 1], JSON.stringify(counts));
    const byStatus = await rows<{ status: string; n: number }>(env.rt.database.db, sql`select status, count(*)::int as n from warning group by status`);
    const status = Object.fromEntries(byStatus.map((s) => [s.status, s.n]));
    assert.equal(status.false_positive, 1);
    assert.equal(status.closed, 1);
    assert.equal(status.assigned, 1);
    const audit = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where action in ('warning.mark_false_positive', 'warning.close', 'warning_rule.update', 'warning_run.run')`);
    assert.equal(audit[0]!.n, 4);
    const seen = await communityOp.get<{ items: RiskWarning[] }>('/api/warnings?status=false_positive');
    assert.equal(seen.body.items.length, 1);
  });
});
