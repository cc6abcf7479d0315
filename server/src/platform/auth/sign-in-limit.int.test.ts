/**
 * Password spraying: one password tried on many accounts stays under every account's lockout,
 * so failures are also counted per client address, across accounts, in the database.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../modules/demo/seed-demo.js';
import { openDatabase } from '../db/client.js';
import { startRuntime } from '../../runtime.js';
import { testConfig } from '../../../test/harness.js';

describe('failed sign-ins per address', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ config: { signInFailuresPerIp: 6 } });
  });
  after(() => env.close());

  const attempt = (from: string, username: string, password: string, forwardedFor?: string) =>
    env.rt.app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: from,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      payload: { username, password },
    });

  it('stops one password sprayed over many accounts, whatever the headers say', async () => {
    const accounts = ['gw1', 'gw2', 'gw3', 'gw4', 'gw5', 'gw6'];
    for (const [i, username] of accounts.entries()) {
      const res = await attempt('203.0.113.30', username, 'Spring#2026', `198.51.100.${i}`);
      assert.equal(res.statusCode, 401, username);
    }
    const blocked = await attempt('203.0.113.30', 'community_op', DEMO_PASSWORD, '198.51.100.77');
    assert.equal(blocked.statusCode, 429, 'even a right password, from an address that sprayed');
    assert.equal(JSON.parse(blocked.body).error.code, 'AUTH_SIGN_IN_RATE_LIMITED');
    assert.equal((await attempt('203.0.113.31', 'community_op', DEMO_PASSWORD)).statusCode, 200, 'another address signs in');
    // No account reached its own lockout: each had one failure.
    env.clock.advanceMinutes(16);
    assert.equal((await attempt('203.0.113.30', 'community_op', DEMO_PASSWORD)).statusCode, 200, 'the window passes');
  });

  it('holds across processes: the count is in the database', async () => {
    if (!env.testDb.databaseUrl) return; // one embedded database has one process (db/lock.ts)
    const second = await startRuntime(testConfig({ databaseUrl: env.testDb.databaseUrl, signInFailuresPerIp: 6 }), { clock: env.clock, database: await openDatabase({ databaseUrl: env.testDb.databaseUrl, dataDir: 'memory', poolSize: 2 }) });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await attempt('203.0.113.40', `gw${i + 1}`, 'Summer#2026')).statusCode, 401);
      for (let i = 0; i < 3; i++) {
        const res = await second.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.40', payload: { username: `gw${i + 4}`, password: 'Summer#2026' } });
        assert.equal(res.statusCode, 401);
      }
      const res = await second.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.40', payload: { username: 'community_op', password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 429);
    } finally {
      await second.close();
    }
  });

  it('counts failed enrolment codes too', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await env.rt.app.inject({ method: 'POST', url: '/api/auth/enrolment/inspect', remoteAddress: '203.0.113.50', payload: { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFF' + String.fromCharCode(65 + i) } });
      assert.equal(res.statusCode, 400);
    }
    const res = await env.rt.app.inject({ method: 'POST', url: '/api/auth/enrolment/inspect', remoteAddress: '203.0.113.50', payload: { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFZ' } });
    assert.equal(res.statusCode, 429);
  });
});
