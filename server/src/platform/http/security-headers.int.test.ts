import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { contentSecurityPolicy, tileOrigin } from './security-headers.js';

describe('security headers, the API documentation and the health answer', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ config: { secureCookies: true, mapTileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png' } });
  });
  after(() => env.close());

  it('sends a Content-Security-Policy that lets the maps work and nothing foreign run', async () => {
    const res = await env.client().get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline script, no eval');
    assert.match(csp, /worker-src 'self' blob:/);
    assert.match(csp, /img-src 'self' data: blob: https:\/\/tiles\.example\.cn/);
    assert.match(csp, /connect-src 'self' https:\/\/tiles\.example\.cn/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(tileOrigin('https://{s}.tiles.example.cn/{z}/{x}/{y}.png'), 'https://*.tiles.example.cn');
    assert.doesNotMatch(contentSecurityPolicy({ mapTileUrl: null }), /example/);
  });

  it('sends HSTS when the session cookie is Secure', async () => {
    const res = await env.client().get('/api/health');
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });

  it('keeps API answers out of caches, but for the public map settings', async () => {
    const op = await env.login('city_op');
    for (const url of ['/api/auth/me', '/api/residents', '/api/users?pageSize=5']) assert.equal((await op.get(url)).headers['cache-control'], 'no-store', url);
    const refused = await env.client().get('/api/residents');
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.notEqual((await env.client().get('/api/config/map')).headers['cache-control'], 'no-store');
  });

  it('tells the public nothing about the deployment from /api/health', async () => {
    const res = await env.client().get('/api/health');
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('serves the API documentation to signed-in staff only', async () => {
    for (const url of ['/docs/api', '/docs/api/json', '/docs/api/static/index.html']) {
      assert.equal((await env.client().get(url)).status, 401, `anonymous ${url}`);
    }
    const resident = await env.login('resident1');
    assert.equal((await resident.get('/docs/api/json')).status, 403);
    const op = await env.login('city_op');
    const json = await op.get<{ openapi: string; paths: Record<string, unknown> }>('/docs/api/json');
    assert.equal(json.status, 200);
    assert.ok(json.body.paths['/api/residents']);
    assert.ok([200, 302].includes((await op.get('/docs/api')).status));
  });
});

describe('the API documentation, configured', () => {
  it('is not served at all when off, and to anyone when public; no HSTS without Secure cookies', async () => {
    const off = await startTestEnv({ seed: false, config: { apiDocs: 'off' } });
    try {
      assert.equal((await off.client().get('/docs/api/json')).status, 404);
      assert.equal((await off.client().get('/api/health')).headers['strict-transport-security'], undefined);
    } finally {
      await off.close();
    }
    const open = await startTestEnv({ seed: false, config: { apiDocs: 'public' } });
    try {
      assert.equal((await open.client().get('/docs/api/json')).status, 200);
    } finally {
      await open.close();
    }
  });
});
