/**
 * Overload on a real database: a burst of reports past the admission limit is answered 503
 * OVERLOADED with a Retry-After (zh-CN and en) instead of queueing, while sign-in, the console
 * and the job worker still get through on their reserved slots; every report answered 201 is
 * stored exactly once, and /metrics counts the sheds per class.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { gridCentroid, startTestEnv, type Client, type Response, type TestEnv } from '../../../test/harness.js';

const TOKEN = 'metrics-token-for-the-admission-test-0123456789';

describe('admission control under overload', () => {
  let env: TestEnv;
  let op: Client;
  const light = () => env.seed.tickets.categoryIds.get('city.streetlight')!;

  before(async () => {
    env = await startTestEnv({
      config: {
        metricsToken: TOKEN,
        // Small limits so a burst of 40 reports is far past them: 2 shared slots, a queue of 2.
        admission: { maxInFlight: 6, reserve: { 'sign-in': 1, console: 2, intake: 0, jobs: 1 }, queueLength: 2, queueMs: 2000, intakeQueueMs: 2000, targetMs: 2000, retryAfterSeconds: 3 },
      },
    });
    op = await env.login('city_op');
  });
  after(() => env.close());

  it('sheds the excess of a burst with 503 and Retry-After while sign-in, the console and jobs get through', async () => {
    const grid = env.seed.city.grids[0]!;
    const [lon, lat] = gridCentroid(grid);
    const before = await env.rt.database.db.execute(sql`select count(*)::int as n from ticket`);
    const countBefore = (before as unknown as { rows: { n: number }[] }).rows[0]!.n;

    const burst: Promise<Response<{ ticket?: { id: string }; error?: { code: string; message: string; details?: unknown } }>>[] = [];
    for (let i = 0; i < 40; i++) burst.push(op.post(`/api/tickets`, { description: `压力测试第${i}号：路灯不亮，夜间行人看不清路`, lon, lat, categoryId: light() }));
    // While the burst is in flight: sign-in, a console read, and a job pass.
    const signIn = env.login('community_op');
    const consoleRead = op.get('/api/tickets?pageSize=5');
    const jobs = env.rt.jobs.runDue();
    const results = await Promise.all(burst);

    const accepted = results.filter((r) => r.status === 201);
    const shed = results.filter((r) => r.status === 503);
    assert.equal(accepted.length + shed.length, results.length, JSON.stringify(results.find((r) => r.status !== 201 && r.status !== 503)?.body));
    assert.ok(shed.length >= 30, `shed ${shed.length} of 40`);
    assert.ok(accepted.length >= 2, `accepted ${accepted.length}`);
    for (const r of shed) {
      assert.equal(r.body.error?.code, 'OVERLOADED');
      assert.equal(r.body.error?.message, '系统繁忙，请稍后重试');
      assert.equal(r.headers['retry-after'], '3');
    }
    assert.equal((await (await signIn).get('/api/auth/me')).status, 200, 'sign-in keeps its reserved share');
    assert.equal((await consoleRead).status, 200, 'the console keeps its reserved share');
    assert.equal(typeof (await jobs), 'number', 'the job worker ran its pass');

    // Every acknowledged report is stored, once; nothing shed was half-written.
    const ids = accepted.map((r) => r.body.ticket!.id);
    assert.equal(new Set(ids).size, ids.length);
    const after = await env.rt.database.db.execute(sql`select count(*)::int as n from ticket`);
    assert.equal((after as unknown as { rows: { n: number }[] }).rows[0]!.n, countBefore + accepted.length);
    const stored = await env.rt.database.db.execute(sql`select count(*)::int as n from ticket where id in ${sql.raw(`('${ids.join("','")}')`)}`);
    assert.equal((stored as unknown as { rows: { n: number }[] }).rows[0]!.n, accepted.length);

    // Nothing is left in flight or queued once the answers are out.
    assert.deepEqual(env.rt.kit.admission.state(), { inFlight: { 'sign-in': 0, console: 0, intake: 0, jobs: 0 }, queued: { 'sign-in': 0, console: 0, intake: 0, jobs: 0 } });

    const metrics = await env.rt.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(metrics.statusCode, 200);
    const shedCount = Number(/gridgov_admission_shed_total\{class="intake",reason="queue_full"\} (\d+)/.exec(metrics.body)?.[1]);
    assert.equal(shedCount, shed.length);
    assert.match(metrics.body, /gridgov_admission_in_flight\{class="console"\} 0/);
    assert.match(metrics.body, /gridgov_admission_queued\{class="intake"\} 0/);
    assert.match(metrics.body, /gridgov_admission_reserved\{class="sign-in"\} 1/);
    assert.match(metrics.body, /gridgov_admission_admitted_total\{class="sign-in",queued="no"\} \d+/);
  });

  it('answers in English to an English client, and leaves the health checks alone', async () => {
    // Anonymous requests are intake traffic (2 shared slots, a queue of 2): reports hold the slots and fill the queue first.
    const grid = env.seed.city.grids[1]!;
    const [lon, lat] = gridCentroid(grid);
    const holders = Array.from({ length: 4 }, (_, i) => op.post('/api/tickets', { description: `占用名额的报告${i}：井盖缺失`, lon, lat, categoryId: light() }));
    const burst = Array.from({ length: 12 }, () => env.rt.app.inject({ method: 'GET', url: '/api/config/time', headers: { 'accept-language': 'en' } }));
    const health = env.rt.app.inject({ method: 'GET', url: '/health/live' });
    const answers = await Promise.all(burst);
    await Promise.all(holders);
    assert.equal((await health).statusCode, 200);
    const refused = answers.filter((r) => r.statusCode === 503);
    assert.ok(refused.length > 0, 'some anonymous requests were shed');
    const body = JSON.parse(refused[0]!.body) as { error: { code: string; message: string } };
    assert.deepEqual(body.error.code, 'OVERLOADED');
    assert.equal(body.error.message, 'The server is busy; try again in a moment');
  });
});
