/**
 * Observability on a real database: the request log (one JSON line per request with request id,
 * user id, route pattern, status, duration) holds no personal data or secret after a
 * representative run (intake with phones and ID numbers, sign-in, register reads and writes,
 * errors); /metrics is refused without its configuration and exposes request, job, outbox,
 * import and live figures with it; the health endpoints reveal nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { gridCentroid, startTestEnv, usePostgres, type TestEnv } from '../../../test/harness.js';
import { defineJob } from '../jobs/queue.js';
import { scanLogText } from './log-scan.js';

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812341234';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  userId?: string | null;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
}

describe('structured logs without personal data', () => {
  let env: TestEnv;
  const logFile = path.join(os.tmpdir(), `gridgov-log-${randomUUID()}.jsonl`);
  let lines: LogLine[] = [];
  let text = '';
  let gw1Id = '';
  let residentId = '';

  before(async () => {
    env = await startTestEnv({ config: { logScanFile: logFile, logLevel: 'info' } });
    // Sign-in, right and wrong.
    const gw1 = await env.login('gw1');
    gw1Id = ((await env.rt.database.db.execute(sql`select id from app_user where username = 'gw1'`)) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    const stranger = env.client();
    assert.equal((await stranger.post('/api/auth/login', { username: 'gw1', password: 'Wrong-password-1' })).status, 401);
    const op = await env.login('community_op');
    const grid = env.gridId(env.seed.city.grids[0]!.code);
    // Register writes and reads with personal data, and their errors.
    const made = await gw1.post<{ id: string }>('/api/residents', { gridId: grid, name: '张三丰', idNumber: ID_NUMBER, phone: PHONE, kind: 'registered' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    residentId = made.body.id;
    assert.equal((await op.post('/api/residents', { gridId: grid, name: '张三', idNumber: ID_NUMBER, kind: 'registered' })).status, 409);
    assert.equal((await gw1.post('/api/residents', { gridId: grid, name: '李四', idNumber: '340524198001010013', phone: '12345', kind: 'registered' })).status, 400);
    assert.equal((await op.get(`/api/residents?idNumber=${ID_NUMBER}`)).status, 200);
    assert.equal((await op.get(`/api/residents?phone=${PHONE}`)).status, 200);
    assert.equal((await op.get(`/api/residents/${residentId}`)).status, 200);
    assert.equal((await op.post(`/api/residents/${residentId}/unmask`, { reason: '办理低保核实身份', fields: ['idNumber', 'phone'] })).status, 200);
    assert.ok([400, 404].includes((await op.get('/api/residents/not-a-uuid')).status));
    // Intake: a staff report and an anonymous one, with a phone and an ID number in the text.
    const [lon, lat] = gridCentroid(env.seed.city.grids[0]!);
    const categoryId = env.seed.tickets.categoryIds.get('city.streetlight');
    // (Sent past the harness's response check: the reporter's own text comes back to the reporter.)
    const staff = await env.rt.app.inject({ method: 'POST', url: '/api/tickets', headers: { cookie: op.sessionCookie! }, payload: { description: `路灯不亮，联系人 ${PHONE}，身份证 ${ID_NUMBER}`, lon, lat, categoryId } });
    assert.equal(staff.statusCode, 201, staff.body);
    const anonymous = await env.rt.app.inject({
      method: 'POST',
      url: '/api/public/tickets',
      remoteAddress: '203.0.113.9',
      payload: { description: `井盖缺失 电话${PHONE}`, lon, lat, locatedBy: 'map', categoryId, reporterPhone: PHONE },
    });
    assert.equal(anonymous.statusCode, 201, anonymous.body);
    // A route nobody has, and a client sending credentials in headers.
    assert.equal((await env.rt.app.inject({ method: 'GET', url: `/api/nothing?phone=${PHONE}`, headers: { authorization: `Bearer ${'A1b2'.repeat(11)}` } })).statusCode, 404);
    // What a careless caller might hand the logger: secret-named fields, a driver error with its parameters, a phone in the message.
    env.rt.app.log.error(
      { err: new Error(`Failed query: insert into resident values ($1, $2)\nparams: ${ID_NUMBER},${PHONE}`), password: 'Secret-1', headers: { cookie: 'gg_sid=abc' }, body: { idNumber: ID_NUMBER } },
      `probe for ${PHONE}`,
    );
    text = fs.readFileSync(logFile, 'utf8');
    lines = text.trim().split('\n').map((l) => JSON.parse(l) as LogLine);
  });
  after(async () => {
    await env.close();
    fs.rmSync(logFile, { force: true });
  });

  it('writes one JSON line per request with request id, user id, route pattern, status and duration', () => {
    const requests = lines.filter((l) => l.msg === 'request');
    assert.ok(requests.length >= 14, `${requests.length} request lines`);
    for (const l of requests) {
      assert.match(l.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(typeof l.status, 'number');
      assert.equal(typeof l.durationMs, 'number');
      assert.ok(l.route && !l.route.includes('?'), `route ${l.route}`);
    }
    const read = requests.find((l) => l.route === '/api/residents/:id' && l.method === 'GET' && l.status === 200);
    assert.ok(read, 'the read of one resident is logged under its route pattern');
    const created = requests.find((l) => l.route === '/api/residents' && l.method === 'POST' && l.status === 201);
    assert.equal(created?.userId, gw1Id, 'the user is named by id');
    assert.ok(requests.some((l) => l.route === '(unmatched)' && l.status === 404));
    assert.ok(requests.some((l) => l.route === '/api/auth/login' && l.status === 401 && l.userId === null));
    assert.ok(!text.includes(`/api/residents/${residentId}`), 'no URL with the record id');
    assert.ok(!text.includes('gw1"') && !text.includes('张三丰'), 'no username or name');
  });

  it('the scan finds no ID number, phone, token, cookie or secret field in any line', () => {
    assert.deepEqual(scanLogText(text), []);
    const probe = lines.find((l) => l.msg.startsWith('probe for')) as (LogLine & { password: string; headers: { cookie: string }; err: { message: string } }) | undefined;
    assert.ok(probe, 'the probe line was written');
    assert.equal(probe.msg, 'probe for [redacted]');
    assert.equal(probe.password, '[redacted]');
    assert.equal(probe.headers.cookie, '[redacted]');
    assert.match(probe.err.message, /params: \[redacted\]$/);
  });
});

describe('/metrics and the health endpoints', () => {
  let env: TestEnv;
  const token = 'metrics-token-for-the-test-0123';
  const scrape = (remoteAddress: string, authorization?: string) =>
    env.rt.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });

  before(async () => {
    env = await startTestEnv({ config: { metricsToken: token, metricsAllow: ['10.0.0.0/8', '127.0.0.1'] } });
  });
  after(() => env.close());

  it('is refused without the token or from an address outside the allow-list', async () => {
    const none = await scrape('10.1.2.3');
    assert.equal(none.statusCode, 401);
    assert.equal(JSON.parse(none.body).error.code, 'AUTH_REQUIRED');
    assert.equal((await scrape('10.1.2.3', 'Bearer wrong-token-wrong-token-0')).statusCode, 401);
    const outside = await scrape('192.0.2.1', `Bearer ${token}`);
    assert.equal(outside.statusCode, 403);
    assert.equal(JSON.parse(outside.body).error.code, 'FORBIDDEN');
    assert.equal((await scrape('10.1.2.3', `Bearer ${token}`)).statusCode, 200);
  });

  it('counts requests per route pattern and status class, with latency histograms', async () => {
    const op = await env.login('community_op');
    const grid = env.seed.city.grids[0]!;
    assert.equal((await op.get(`/api/grids/${env.gridId(grid.code)}`)).status, 200);
    assert.equal((await op.get(`/api/grids/${randomUUID()}`)).status, 404);
    const res = await scrape('10.1.2.3', `Bearer ${token}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^gridgov_http_requests_total\{method="GET",route="\/api\/grids\/:id",status_class="2xx"\} 1$/m);
    assert.match(res.body, /^gridgov_http_requests_total\{method="GET",route="\/api\/grids\/:id",status_class="4xx"\} 1$/m);
    assert.match(res.body, /^gridgov_http_request_duration_seconds_bucket\{method="GET",route="\/api\/grids\/:id",status_class="2xx",le="\+Inf"\} 1$/m);
    assert.match(res.body, /^gridgov_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status_class="2xx"\} 1$/m);
    assert.ok(!res.body.includes(env.gridId(grid.code)), 'no record id in a label');
  });

  it('shows the job queue depth and oldest due age, the outbox backlog, imports and live connections', async () => {
    const { db } = env.rt.database;
    const probe = defineJob({ name: 'observability.probe', payload: z.object({}), handle: async () => undefined });
    env.rt.jobs.register(probe);
    await env.rt.jobs.enqueue(db, probe, {}, { runAt: new Date(env.clock.now().getTime() - 90_000) });
    const now = env.clock.now().toISOString();
    await db.execute(sql`insert into outbox (id, channel, recipient, payload, status, next_attempt_at, created_at)
                         values (${randomUUID()}, 'sms', '138****1234', '{}'::jsonb, 'pending', ${now}, ${new Date(env.clock.now().getTime() - 120_000).toISOString()})`);
    const creator = (await env.rt.database.db.execute(sql`select id from app_user where username = 'community_op'`)) as unknown as { rows: { id: string }[] };
    await db.execute(sql`insert into import_job (id, register, status, file_name, file_path, file_type, file_bytes, columns, total_rows, processed_rows, created_by, scope_region_code, created_at, updated_at)
                         values (${randomUUID()}, 'resident', 'running', 'a.csv', 'x/a.csv', 'csv', 10, '[]'::jsonb, 5000, 1234, ${creator.rows[0]!.id}, ${env.seed.city.grids[0]!.regionCode}, ${now}, ${now})`);
    const viewer = await env.login('city_op');
    const stream = await env.liveStream(viewer);
    try {
      const body = (await scrape('127.0.0.1', `Bearer ${token}`)).body;
      const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(body)?.[1]);
      assert.ok(value('gridgov_jobs_due{state="waiting"}') >= 1);
      assert.ok(value('gridgov_jobs_oldest_due_seconds') >= 90);
      assert.ok(value('gridgov_outbox_backlog{status="pending"}') >= 1);
      assert.ok(value('gridgov_outbox_oldest_seconds') >= 120);
      assert.equal(value('gridgov_imports{status="running"}'), 1);
      assert.equal(value('gridgov_import_rows_done'), 1234);
      assert.equal(value('gridgov_import_rows_total'), 5000);
      assert.equal(value('gridgov_live_connections'), 1);
      assert.equal(value('gridgov_live_listener_up'), 1);
      assert.equal(value('gridgov_database_up'), 1);
      assert.equal(value('gridgov_job_worker_last_beat_seconds'), -1, 'the test runtime has no worker loop');
      if (usePostgres) {
        assert.ok(value('gridgov_db_pool_connections{state="total"}') >= 1);
        assert.ok(value('gridgov_db_pool_connections{state="idle"}') >= 0);
        assert.equal(value('gridgov_db_pool_waiting'), 0);
      } else {
        assert.ok(!body.includes('gridgov_db_pool_connections'), 'PGlite has no pool');
      }
    } finally {
      stream.close();
    }
  });

  it('/health/live and /health/ready answer without revealing anything', async () => {
    const live = await env.rt.app.inject({ method: 'GET', url: '/health/live' });
    assert.equal(live.statusCode, 200);
    assert.deepEqual(JSON.parse(live.body), { status: 'ok' });
    const ready = await env.rt.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(JSON.parse(ready.body), { status: 'ready' });
  });

  it('/health/ready is ready with a worker loop that just started', async () => {
    env.rt.jobs.start(60_000);
    try {
      assert.equal((await env.rt.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200, 'a worker that just started is ready');
    } finally {
      await env.rt.jobs.stop();
    }
  });
});

describe('/metrics off by default', () => {
  it('answers 404 when neither a token nor an allow-list is configured', async () => {
    const env = await startTestEnv({ seed: false });
    try {
      const res = await env.rt.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 404);
      assert.equal(JSON.parse(res.body).error.code, 'NOT_FOUND');
    } finally {
      await env.close();
    }
  });
});
