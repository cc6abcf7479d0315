/**
 * Two API processes on one PostgreSQL work together: a session made on one is valid on the
 * other, a change on one reaches the other's live feed and grid index, and timers run once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../test/harness.js';
import { seedDemo, DEMO_PASSWORD, demoTotpSecret } from './modules/demo/seed-demo.js';
import { systemClock } from './platform/clock.js';
import { totpCode, totpStep } from './platform/auth/totp.js';

interface Proc {
  child: ChildProcess;
  url: string;
}

function startProcess(databaseUrl: string, port: number): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, GRIDGOV_PORT: String(port), GRIDGOV_JOB_POLL_MS: '200', GRIDGOV_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`process on ${port} did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`process on ${port} exited ${code}: ${out}`)));
  });
}

async function login(base: string, username: string): Promise<string> {
  const totp = username === 'sysadmin' ? totpCode(demoTotpSecret(username), totpStep(new Date())) : undefined;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, ...(totp ? { totp } : {}) }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

describe('two API processes on one PostgreSQL', () => {
  let testDb: TestDatabase;
  let a: Proc;
  let b: Proc;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  before(async () => {
    testDb = await createTestDatabase();
    const database = await testDb.open();
    seeded = await seedDemo(database.db, systemClock);
    await database.close();
    const port = 41000 + Math.floor(Math.random() * 2000);
    [a, b] = await Promise.all([startProcess(testDb.databaseUrl!, port), startProcess(testDb.databaseUrl!, port + 1)]);
  });
  after(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await testDb.drop();
  });

  it('shares sessions: signed in on A, known on B; signed out on B, gone on A', async () => {
    const cookie = await login(a.url, 'city_op');
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { username: string }).username, 'city_op');
    assert.equal((await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status, 204);
    assert.equal((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status, 401);
  });

  it('a grid drawn on A reaches B\'s live feed and B\'s grid index', async () => {
    const viewer = await login(b.url, 'city_op');
    const controller = new AbortController();
    const feed = await fetch(`${b.url}/api/live`, { headers: { cookie: viewer }, signal: controller.signal });
    assert.equal(feed.status, 200);
    const reader = feed.body!.getReader();
    const received = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += Buffer.from(value).toString();
        if (text.includes('event: grid.changed')) return text;
      }
    })();
    const admin = await login(a.url, 'sysadmin');
    const community = seeded.city.grids[0]!.regionCode;
    const created = await fetch(`${a.url}/api/grids`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ regionCode: community, name: '跨进程网格', boundary: { type: 'Polygon', coordinates: [[[115, 32], [115.01, 32], [115.01, 32.01], [115, 32.01], [115, 32]]] } }),
    });
    assert.equal(created.status, 201);
    const id = ((await created.json()) as { grid: { id: string } }).grid.id;
    const text = await Promise.race([received, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('no live event within 5 s')), 5000))]);
    assert.match(text, new RegExp(id));
    controller.abort();
    const lookup = await fetch(`${b.url}/api/grids/lookup?lon=115.005&lat=32.005`, { headers: { cookie: viewer } });
    assert.equal(((await lookup.json()) as { grid: { id: string } | null }).grid?.id, id);
  });

  it('runs each due timer exactly once across both processes', async () => {
    const client = new pg.Client({ connectionString: testDb.databaseUrl! });
    await client.connect();
    try {
      const ids = Array.from({ length: 20 }, () => randomUUID());
      for (const id of ids) {
        await client.query(`insert into job (id, name, payload, run_at, created_at) values ($1, 'sessions.purge', '{}', now(), now())`, [id]);
      }
      let done: { attempts: number; done_by: string }[] = [];
      for (let i = 0; i < 50 && done.length < ids.length; i++) {
        await new Promise((r) => setTimeout(r, 200));
        done = (await client.query('select attempts, done_by from job where id = any($1) and done_at is not null', [ids])).rows;
      }
      assert.equal(done.length, ids.length, 'every timer ran');
      assert.ok(done.every((j) => j.attempts === 1), 'none ran twice');
      const pending = await client.query(`select count(*)::int as n from job where name = 'sessions.purge' and singleton_key is not null and done_at is null`);
      assert.equal(pending.rows[0].n, 1, 'one recurring purge timer, not one per process');
    } finally {
      await client.end();
    }
  });
});
