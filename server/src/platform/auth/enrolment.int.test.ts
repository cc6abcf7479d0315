/**
 * Separation of duties survives account administration: a security admin who creates or resets
 * an account of one of the three admin roles never holds a working credential for it. The code
 * goes to the operator console; its holder chooses password and authenticator; the auditor sees
 * the creation flagged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../modules/demo/seed-demo.js';
import { totpCode, totpStep } from './totp.js';

interface ErrorBody {
  error: { code: string };
}
interface Info {
  username: string;
  role: string;
  totpSecret: string;
}

describe('enrolment of admin accounts', () => {
  let env: TestEnv;
  let sec: Client;
  let cityCode: string;
  before(async () => {
    env = await startTestEnv();
    sec = await env.login('secadmin');
    cityCode = env.seed.city.regions.find((r) => r.level === 'city')!.code;
  });
  after(() => env.close());

  const code = (username: string) => env.enrolmentCode(username);
  /** The authenticator secrets the holders bound, to sign in with later. */
  const secretOf = new Map<string, string>();
  async function enrol(username: string, password: string): Promise<{ client: Client; secret: string }> {
    const client = env.client();
    const info = await client.post<Info>('/api/auth/enrolment/inspect', { code: code(username) });
    assert.equal(info.status, 200, JSON.stringify(info.body));
    env.clock.advance(30_000);
    const done = await client.post<{ status: string; user: { username: string; mustChangePassword: boolean } }>('/api/auth/enrolment/complete', {
      code: code(username), newPassword: password, totp: totpCode(info.body.totpSecret, totpStep(env.clock.now())),
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.user.username, username);
    assert.equal(done.body.user.mustChangePassword, false);
    secretOf.set(username, info.body.totpSecret);
    return { client, secret: info.body.totpSecret };
  }

  it('refuses a password chosen by the creator of an admin account', async () => {
    const res = await sec.post<ErrorBody>('/api/users', { username: 'audit2', displayName: '审计员二', role: 'auditor', scopeRegionCode: cityCode, password: 'Chosen#By1Sec' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'USER_ADMIN_PASSWORD_NOT_ALLOWED');
    const ordinary = await sec.post<ErrorBody>('/api/users', { username: 'op9', displayName: '操作员九', role: 'operator', scopeRegionCode: cityCode });
    assert.equal(ordinary.body.error.code, 'VALIDATION_FAILED', 'an ordinary account still needs its initial password');
  });

  it('creates an auditor whose code reaches the operator console, not its creator', async () => {
    const before = env.operatorConsole.length;
    const res = await env.rt.app.inject({
      method: 'POST', url: '/api/users', headers: { cookie: sec.sessionCookie! },
      payload: { username: 'audit2', displayName: '审计员二', role: 'auditor', scopeRegionCode: cityCode },
    });
    assert.equal(res.statusCode, 201);
    const created = JSON.parse(res.body) as { totpEnrolled: boolean; enrolmentPendingUntil: string | null };
    assert.equal(created.totpEnrolled, false);
    assert.ok(created.enrolmentPendingUntil, 'the creator sees that an enrolment is pending, and until when');
    assert.equal(env.operatorConsole.length, before + 1);
    const printed = code('audit2');
    const bare = printed.replace(/-/g, '');
    assert.ok(!res.body.includes(bare) && !res.body.includes(printed), 'the code is not in the HTTP answer');
    assert.ok(!JSON.stringify(res.headers).includes(bare), 'nor in its headers');
    assert.match(env.operatorConsole.at(-1)!, /auditor account "audit2", by secadmin/);
  });

  it('gives the creator no way in: no password works, and the account needs its authenticator', async () => {
    for (const password of [DEMO_PASSWORD, 'Chosen#By1Sec', '']) {
      const res = await env.client().post<ErrorBody>('/api/auth/login', { username: 'audit2', password: password || 'x' });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'AUTH_INVALID_CREDENTIALS');
    }
  });

  it('lets the holder of the code choose password and authenticator, once', async () => {
    const weak = await env.client().post<ErrorBody>('/api/auth/enrolment/complete', { code: code('audit2'), newPassword: 'short', totp: '123456' });
    assert.equal(weak.body.error.code, 'AUTH_PASSWORD_WEAK');
    const wrongTotp = await env.client().post<ErrorBody>('/api/auth/enrolment/complete', { code: code('audit2'), newPassword: 'Own#Audit1Pass', totp: '000000' });
    assert.equal(wrongTotp.body.error.code, 'AUTH_INVALID_CREDENTIALS');
    // Case and separators of the code do not matter.
    const lower = await env.client().post<Info>('/api/auth/enrolment/inspect', { code: code('audit2').toLowerCase().replace(/-/g, ' ') });
    assert.equal(lower.body.username, 'audit2');
    const { client } = await enrol('audit2', 'Own#Audit1Pass');
    assert.equal((await client.get('/api/audit')).status, 200, 'signed in as the auditor');
    const again = await env.client().post<ErrorBody>('/api/auth/enrolment/inspect', { code: code('audit2') });
    assert.equal(again.body.error.code, 'AUTH_ENROLMENT_INVALID', 'a code is spent by its use');
  });

  it('reports the creation and the enrolment to the auditor, flagged', async () => {
    const auditor = await env.login('auditor');
    const res = await auditor.get<{ items: { action: string; actorName: string | null; alert: boolean; details: { username?: string } }[] }>('/api/audit?alert=true&pageSize=50');
    const actions = res.body.items.map((e) => `${e.action}:${e.actorName}`);
    assert.ok(actions.includes('user.admin_create:secadmin'), actions.join(', '));
    assert.ok(actions.includes('auth.enrolment:audit2'), actions.join(', '));
    assert.ok(res.body.items.every((e) => e.alert));
    const all = await auditor.get<{ items: { action: string; alert: boolean }[] }>('/api/audit?pageSize=100');
    assert.ok(all.body.items.some((e) => e.action === 'auth.login' && !e.alert));
  });

  it('resets an admin account with a new code, never a password, and ends its sessions', async () => {
    const withPassword = await sec.post<ErrorBody>(`/api/users/${await idOf('audit2')}/reset-password`, { password: 'Chosen#By1Sec' });
    assert.equal(withPassword.body.error.code, 'USER_ADMIN_PASSWORD_NOT_ALLOWED');
    const old = await enrolledClient('audit2', 'Own#Audit1Pass');
    const reset = await sec.post<{ enrolmentPendingUntil: string | null }>(`/api/users/${await idOf('audit2')}/reset-password`, {});
    assert.equal(reset.status, 200);
    assert.ok(reset.body.enrolmentPendingUntil);
    assert.equal((await old.get('/api/audit')).status, 401, 'its sessions ended');
    const login = await env.client().post<ErrorBody>('/api/auth/login', { username: 'audit2', password: 'Own#Audit1Pass' });
    assert.equal(login.body.error.code, 'AUTH_INVALID_CREDENTIALS', 'the old password is void');
    await enrol('audit2', 'Another#Aud1t');
    const auditor = await env.login('auditor');
    const flagged = await auditor.get<{ items: { action: string }[] }>('/api/audit?alert=true&action=user.admin_reset');
    assert.equal(flagged.body.items.length, 1);
  });

  it('does not make an ordinary account an admin, whose password its administrator may know', async () => {
    const op = await sec.post<{ id: string }>('/api/users', { username: 'op10', displayName: '操作员十', role: 'operator', scopeRegionCode: cityCode, password: 'Init#Pass1234' });
    const promoted = await sec.patch<ErrorBody>(`/api/users/${op.body.id}`, { role: 'auditor' });
    assert.equal(promoted.status, 400);
    assert.equal(promoted.body.error.code, 'USER_ADMIN_ROLE_PROMOTION');
  });

  it('lets a code run out', async () => {
    await sec.post('/api/users', { username: 'sys2', displayName: '系统管理员二', role: 'system_admin', scopeRegionCode: cityCode });
    env.clock.advanceMinutes(72 * 60 + 1);
    const late = await env.client().post<ErrorBody>('/api/auth/enrolment/inspect', { code: code('sys2') });
    assert.equal(late.body.error.code, 'AUTH_ENROLMENT_INVALID');
    sec = await env.login('secadmin');
  });

  async function idOf(username: string): Promise<string> {
    const res = await sec.get<{ items: { id: string; username: string }[] }>(`/api/users?q=${username}`);
    return res.body.items.find((u) => u.username === username)!.id;
  }

  async function enrolledClient(username: string, password: string): Promise<Client> {
    const client = env.client();
    env.clock.advance(30_000);
    const res = await client.post('/api/auth/login', { username, password, totp: totpCode(secretOf.get(username)!, totpStep(env.clock.now())) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return client;
  }
});
