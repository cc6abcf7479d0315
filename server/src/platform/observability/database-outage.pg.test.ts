/**
 * The database going away (PostgreSQL): every connection of the server is cut with
 * pg_terminate_backend under a request load, as a restart would. Requests in flight answer 503
 * DATABASE_UNAVAILABLE with Retry-After (not 500, not a hang); the pool reconnects by itself and
 * the next requests succeed within seconds; the live listener reconnects and receives events
 * again; the job worker's loop survives and runs a job queued after the cut. A database that
 * refuses connections makes /health/ready answer 503 `database` until it takes them again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LiveEvent } from '@gridgov/contracts';
import { startTestEnv, usePostgres, type TestEnv } from '../../../test/harness.js';
import { defineJob } from '../jobs/queue.js';
import { rows } from '../db/client.js';
import { LIVE_CHANNEL } from '../live/live.js';

const PG_ADMIN_URL = process.env.GRIDGOV_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Long enough for a busy shared machine; a hang would exceed it and fail the request. */
const REQUEST_TIMEOUT_MS = 20_000;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code: string; message: string } };
}

async function until<T>(what: string, limitMs: number, probe: () => Promise<T | null | undefined | false>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value) return { value, ms: performance.now() - started };
    if (performance.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the database going away', { skip: !usePostgres && 'PostgreSQL only (npm run test:pg)' }, () => {
  let env: TestEnv;
  let base = '';
  let cookie = '';
  let dbName = '';
  let admin: pg.Client;

  const get = async (path: string, locale = 'zh-CN'): Promise<Answer> => {
    const res = await fetch(`${base}${path}`, { headers: { cookie, 'accept-language': locale }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text.startsWith('{') ? (JSON.parse(text) as Answer['body']) : {} };
  };
  const terminateAll = (exceptPid = 0) =>
    admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and pid <> $2', [dbName, exceptPid]);

  before(async () => {
    env = await startTestEnv({ config: { jobPollMs: 100 } });
    const op = await env.login('city_op');
    cookie = op.sessionCookie!;
    await env.rt.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(env.rt.app.server.address() as AddressInfo).port}`;
    dbName = new URL(env.testDb.databaseUrl!).pathname.slice(1);
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  after(async () => {
    await admin.query(`alter database ${pg.escapeIdentifier(dbName)} with allow_connections true`).catch(() => undefined);
    await admin.end();
    await env.close();
  });

  it('cut under load: in-flight requests get 503 with Retry-After, the next ones succeed within seconds', async () => {
    // Requests held in flight for certain: a lock on the tickets they read, from a connection the cut spares.
    const locker = new pg.Client({ connectionString: env.testDb.databaseUrl! });
    await locker.connect();
    const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    // A background load on other tables all along: every answer must be 200 or 503, never 500, never a hang.
    const loadAnswers: number[] = [];
    let loading = true;
    const load = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (loading) loadAnswers.push((await get('/api/grids')).status);
      }),
    );
    try {
      await locker.query('begin');
      await locker.query('lock table ticket in access exclusive mode');
      // Background work of the server (folds, timers) may wait on the lock too: count it first.
      const lockWaiters = async () => (await admin.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [dbName])).rows[0]?.n ?? 0;
      const before = await lockWaiters();
      const locales = ['zh-CN', 'zh-CN', 'en'];
      const held = locales.map((locale) => get('/api/tickets', locale));
      await until('requests waiting on the lock', 15_000, async () => (await lockWaiters()) >= before + held.length);
      const cut = await terminateAll(lockerPid);
      assert.ok(cut.rows[0]!.n >= held.length + 1, 'the held requests\' and the live listener\'s connections were cut');
      // Released at once: a request that reached the database only after the cut must not wait for the lock.
      await locker.query('rollback');
      const answers = await Promise.all(held);
      const unavailable = answers.filter((a) => a.status === 503);
      assert.deepEqual(answers.map((a) => a.status).filter((s) => s !== 503 && s !== 200), [], 'no 500');
      assert.ok(unavailable.length >= 1, `in-flight requests answered ${answers.map((a) => a.status).join(', ')}`);
      answers.forEach((answer, i) => {
        if (answer.status !== 503) return;
        assert.equal(answer.body.error?.code, 'DATABASE_UNAVAILABLE');
        assert.equal(answer.retryAfter, '5');
        assert.equal(answer.body.error?.message, locales[i] === 'en' ? 'The database is unavailable for a moment; try again shortly' : '数据库暂时不可用，请稍后重试');
      });
      const back = await until('a request succeeding after the cut', 10_000, async () => (await get('/api/tickets')).status === 200);
      assert.ok(back.ms < 10_000);
    } finally {
      loading = false;
      await load;
      await locker.end();
    }
    assert.ok(loadAnswers.length > 0);
    assert.deepEqual([...new Set(loadAnswers)].filter((s) => s !== 200 && s !== 503), [], `load answers: ${[...new Set(loadAnswers)].join(', ')}`);
    assert.ok(loadAnswers.slice(-3).every((s) => s === 200), 'the load is served again');
  });

  it('the live listener reconnects and receives events again after the cut', async () => {
    // The cut above also ended the listener's connection: it is back, and counted.
    await until('the live listener reconnecting', 10_000, async () => env.rt.database.listening() && env.rt.database.listenerReconnects() >= 1);
    let resyncs = 0;
    const onResync = () => void resyncs++;
    env.rt.live.on('resync', onResync);
    await terminateAll();
    const received: string[] = [];
    const onEvent = (event: LiveEvent) => void (event.type === 'observability.probe' && received.push(String((event.data as { n: string }).n)));
    env.rt.live.on('event', onEvent);
    const publisher = new pg.Client({ connectionString: env.testDb.databaseUrl! });
    await publisher.connect();
    try {
      const n = randomUUID();
      const { ms } = await until('a live event after the second cut', 10_000, async () => {
        await publisher.query('select pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify({ type: 'observability.probe', data: { n } })]);
        return received.includes(n);
      });
      assert.ok(ms < 10_000);
      assert.ok(env.rt.database.listenerReconnects() >= 2);
      assert.ok(resyncs >= 1, 'the hub told its caches to start over');
    } finally {
      env.rt.live.off('event', onEvent);
      env.rt.live.off('resync', onResync);
      await publisher.end();
    }
  });

  it('the job worker survives the cut and runs a job queued after it; /health/ready says so', async () => {
    const ran: string[] = [];
    const probe = defineJob({ name: 'observability.outage-probe', payload: z.object({ n: z.string() }), handle: async ({ n }) => void ran.push(n) });
    env.rt.jobs.register(probe);
    await terminateAll();
    const n = randomUUID();
    await until('queueing a job after the cut', 10_000, () => env.rt.jobs.enqueue(env.rt.database.db, probe, { n }).then(() => true, () => false));
    await until('the worker running it and marking it done', 10_000, async () => {
      const [row] = await rows<{ done: boolean }>(env.rt.database.db, sql`select done_at is not null as done from job where name = ${probe.name} and payload->>'n' = ${n}`);
      return row?.done === true;
    });
    assert.deepEqual(ran, [n], 'run once');
    assert.equal((await get('/health/ready')).status, 200);
  });

  it('a database that refuses connections: /health/ready 503 `database`, requests 503; both recover when it accepts again', async () => {
    await admin.query(`alter database ${pg.escapeIdentifier(dbName)} with allow_connections false`);
    try {
      await terminateAll();
      const ready = await get('/health/ready');
      assert.equal(ready.status, 503);
      assert.deepEqual(ready.body, { status: 'unavailable', reason: 'database' });
      assert.equal(ready.retryAfter, '5');
      const refused = await get('/api/tickets');
      assert.equal(refused.status, 503);
      assert.equal(refused.body.error?.code, 'DATABASE_UNAVAILABLE');
      assert.equal(refused.retryAfter, '5');
      const refusedEn = await get('/api/tickets', 'en');
      assert.equal(refusedEn.status, 503);
      assert.equal(refusedEn.body.error?.message, 'The database is unavailable for a moment; try again shortly');
    } finally {
      await admin.query(`alter database ${pg.escapeIdentifier(dbName)} with allow_connections true`);
    }
    await until('ready again', 10_000, async () => (await get('/health/ready')).status === 200);
    assert.equal((await get('/api/tickets')).status, 200);
  });
});
