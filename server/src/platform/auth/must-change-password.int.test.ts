import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { GUARDED_PREFIXES, registeredRoutes } from '../http/access.js';

interface ErrorBody {
  error: { code: string };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const METHODS = new Set<string>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

describe('an account that must change its password', () => {
  let env: TestEnv;
  let fresh: Client;
  const password = 'F1rst#Chosen';
  before(async () => {
    env = await startTestEnv({ registers: true });
    const sec = await env.login('secadmin');
    const created = await sec.post<{ id: string }>('/api/users', {
      username: 'newop', displayName: '新操作员', role: 'operator', scopeRegionCode: env.seed.city.regions[0]!.code, password,
    });
    assert.equal(created.status, 201);
    fresh = await env.login('newop', password);
  });
  after(() => env.close());

  it('may read who it is, and is told it must change the password', async () => {
    const me = await fresh.get<{ username: string; mustChangePassword: boolean }>('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.mustChangePassword, true);
  });

  it('reads and unmasks nothing before the change', async () => {
    const list = await fresh.get<ErrorBody>('/api/residents');
    assert.equal(list.status, 403);
    assert.equal(list.body.error.code, 'AUTH_PASSWORD_CHANGE_REQUIRED');
    const op = await env.login('city_op');
    const resident = (await op.get<{ items: { id: string }[] }>('/api/residents?pageSize=1')).body.items[0]!;
    const unmask = await fresh.post<ErrorBody>(`/api/residents/${resident.id}/unmask`, { reason: '核对身份信息', fields: ['idNumber'] });
    assert.equal(unmask.status, 403);
    assert.equal(unmask.body.error.code, 'AUTH_PASSWORD_CHANGE_REQUIRED');
  });

  it('is refused on every route but sign-out, /me and the password change', async () => {
    const open: string[] = [];
    for (const route of registeredRoutes(env.rt.app)) {
      if (!METHODS.has(route.method) || !GUARDED_PREFIXES.some((p) => route.url.startsWith(p)) || route.access === 'public') continue;
      const url = route.url.replace(/:(\w+)/g, () => randomUUID());
      if (route.beforePasswordChange) {
        open.push(`${route.method} ${route.url}`);
        continue;
      }
      const res = await fresh.request<ErrorBody>(route.method as Method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      assert.equal(res.status, 403, `${route.method} ${route.url} answered ${res.status}`);
      assert.equal(res.body.error.code, 'AUTH_PASSWORD_CHANGE_REQUIRED', `${route.method} ${route.url}`);
    }
    assert.deepEqual(open.sort(), ['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);
  });

  it('works normally once the password is its own', async () => {
    assert.equal((await fresh.post('/api/auth/password', { currentPassword: password, newPassword: 'Own#Secret9' })).status, 204);
    const again = await env.login('newop', 'Own#Secret9');
    assert.equal((await again.get('/api/residents')).status, 200);
    assert.equal((await again.get<{ mustChangePassword: boolean }>('/api/auth/me')).body.mustChangePassword, false);
  });
});
