import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../modules/demo/seed-demo.js';
import { totpCode, totpStep } from './totp.js';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('authentication', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv();
  });
  after(() => env.close());

  it('signs in with a correct password and reads /me', async () => {
    const c = await env.login('city_op');
    const me = await c.get<{ username: string; role: string; scope: { level: string } }>('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'city_op');
    assert.equal(me.body.scope.level, 'city');
  });

  it('sets an HttpOnly, SameSite session cookie that holds no user data', async () => {
    const c = env.client();
    const res = await c.post('/api/auth/login', { username: 'county_op', password: DEMO_PASSWORD });
    const header = String(res.headers['set-cookie']);
    assert.match(header, /gg_sid=[\w-]{40,}/);
    assert.match(header, /HttpOnly/);
    assert.match(header, /SameSite=Strict/);
  });

  it('answers the same generic error for unknown user, wrong password, locked account', async () => {
    const c = env.client();
    const unknown = await c.post<ErrorBody>('/api/auth/login', { username: 'nobody', password: 'Whatever#123' });
    const wrong = await c.post<ErrorBody>('/api/auth/login', { username: 'community_op', password: 'Wrong#12345' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body.error.code, 'AUTH_INVALID_CREDENTIALS');
    assert.deepEqual(wrong.body.error, { ...unknown.body.error, requestId: (wrong.body.error as { requestId?: string }).requestId });
  });

  it('locks an account after 5 failures within 15 minutes, for 15 minutes', async () => {
    const c = env.client();
    for (let i = 0; i < 5; i++) {
      const r = await c.post<ErrorBody>('/api/auth/login', { username: 'gw3', password: `Wrong#1234${i}` });
      assert.equal(r.body.error.code, 'AUTH_INVALID_CREDENTIALS');
      env.clock.advanceMinutes(2);
    }
    const locked = await c.post<ErrorBody>('/api/auth/login', { username: 'gw3', password: DEMO_PASSWORD });
    assert.equal(locked.status, 401, 'correct password refused while locked');
    assert.equal(locked.body.error.code, 'AUTH_INVALID_CREDENTIALS');
    // Locked at the fifth failure (minute 8) until minute 23; now it is minute 10.
    env.clock.advanceMinutes(12);
    assert.equal((await c.post('/api/auth/login', { username: 'gw3', password: DEMO_PASSWORD })).status, 401);
    env.clock.advanceMinutes(2);
    assert.equal((await c.post('/api/auth/login', { username: 'gw3', password: DEMO_PASSWORD })).status, 200);
  });

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    const c = env.client();
    for (let i = 0; i < 6; i++) {
      await c.post('/api/auth/login', { username: 'gw4', password: 'Wrong#12345' });
      env.clock.advanceMinutes(4);
    }
    assert.equal((await c.post('/api/auth/login', { username: 'gw4', password: DEMO_PASSWORD })).status, 200);
  });

  it('ends a session after 30 idle minutes', async () => {
    const c = await env.login('gw5');
    env.clock.advanceMinutes(29);
    assert.equal((await c.get('/api/auth/me')).status, 200);
    env.clock.advanceMinutes(29);
    assert.equal((await c.get('/api/auth/me')).status, 200, 'activity keeps it alive');
    env.clock.advanceMinutes(31);
    const expired = await c.get<ErrorBody>('/api/auth/me');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'AUTH_SESSION_EXPIRED');
  });

  it('ends a session 12 hours after sign-in however active', async () => {
    const c = await env.login('gw6');
    for (let i = 0; i < 24; i++) {
      env.clock.advanceMinutes(29);
      assert.equal((await c.get('/api/auth/me')).status, 200, `still valid after ${(i + 1) * 29} min`);
    }
    env.clock.advanceMinutes(29);
    assert.equal((await c.get('/api/auth/me')).status, 401);
  });

  it('logout ends the session', async () => {
    const c = await env.login('gw7');
    const cookie = c.sessionCookie;
    assert.equal((await c.post('/api/auth/logout')).status, 204);
    const replay = await env.rt.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie! } });
    assert.equal(replay.statusCode, 401);
  });

  it('password change enforces the policy and ends every session of the user', async () => {
    const a = await env.login('gw8');
    const b = await env.login('gw8');
    for (const weak of ['short1!', 'alllowercase1', 'Password1', 'gw8-Strong#1']) {
      const r = await a.post<ErrorBody>('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: weak });
      assert.equal(r.body.error.code, 'AUTH_PASSWORD_WEAK', weak);
    }
    const wrong = await a.post<ErrorBody>('/api/auth/password', { currentPassword: 'Nope#12345', newPassword: 'Tr1cky#Horse' });
    assert.equal(wrong.body.error.code, 'AUTH_PASSWORD_WRONG');
    assert.equal((await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Tr1cky#Horse' })).status, 204);
    assert.equal((await a.get('/api/auth/me')).status, 401);
    assert.equal((await b.get('/api/auth/me')).status, 401);
    await env.login('gw8', 'Tr1cky#Horse');
  });

  it('requires TOTP for the admin roles and refuses a wrong or replayed code', async () => {
    const secret = env.seed.accounts.find((a) => a.username === 'auditor')!.totpSecret!;
    const c = env.client();
    env.clock.advance(60_000);
    const step = totpStep(env.clock.now());
    const bad = await c.post<ErrorBody>('/api/auth/login', { username: 'auditor', password: DEMO_PASSWORD, totp: totpCode(secret, step + 5) });
    assert.equal(bad.body.error.code, 'AUTH_INVALID_CREDENTIALS');
    const good = await c.post('/api/auth/login', { username: 'auditor', password: DEMO_PASSWORD, totp: totpCode(secret, step) });
    assert.equal(good.status, 200);
    const replay = await env.client().post<ErrorBody>('/api/auth/login', { username: 'auditor', password: DEMO_PASSWORD, totp: totpCode(secret, step) });
    assert.equal(replay.body.error.code, 'AUTH_INVALID_CREDENTIALS');
  });

  it('answers a right password without its code exactly like a wrong password', async () => {
    const c = env.client();
    const strip = (b: ErrorBody & { error: { requestId?: string } }) => ({ ...b.error, requestId: undefined });
    const right = await c.post<ErrorBody>('/api/auth/login', { username: 'sysadmin', password: DEMO_PASSWORD });
    const wrong = await c.post<ErrorBody>('/api/auth/login', { username: 'sysadmin', password: 'Wrong#Pass123' });
    const unknown = await c.post<ErrorBody>('/api/auth/login', { username: 'nobody-here', password: DEMO_PASSWORD });
    assert.deepEqual([right.status, wrong.status, unknown.status], [401, 401, 401]);
    assert.deepEqual(strip(right.body), strip(wrong.body));
    assert.deepEqual(strip(right.body), strip(unknown.body));
    assert.equal(right.body.error.code, 'AUTH_INVALID_CREDENTIALS');
  });

  it('answers errors in English when asked', async () => {
    const r = await env.client('en').get<ErrorBody>('/api/auth/me');
    assert.equal(r.body.error.code, 'AUTH_REQUIRED');
    assert.equal(r.body.error.message, 'Please sign in');
    const zh = await env.client().get<ErrorBody>('/api/auth/me');
    assert.equal(zh.body.error.message, '请先登录');
  });
});
