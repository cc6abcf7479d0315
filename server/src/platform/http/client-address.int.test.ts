/**
 * The client's address is the TCP peer unless the peer is a configured proxy: a forged
 * X-Forwarded-For moves neither a per-address limit nor the address written to the audit log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gridCentroid, startTestEnv, type TestEnv } from '../../../test/harness.js';
import { loadConfig, parseTrustProxy } from '../config.js';

describe('the client address', () => {
  let env: TestEnv;
  let lon: number;
  let lat: number;
  before(async () => {
    // The proxies of this deployment sit in 10.0.0.0/8; anybody else is a client.
    env = await startTestEnv({ config: { trustProxy: ['10.0.0.0/8'] } });
    [lon, lat] = gridCentroid(env.seed.city.grids[0]!);
  });
  after(() => env.close());

  const report = (from: string, forwardedFor?: string) =>
    env.rt.app.inject({
      method: 'POST',
      url: '/api/public/tickets',
      remoteAddress: from,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      payload: { description: '路灯不亮，晚上很黑', lon, lat, locatedBy: 'map', categoryId: env.seed.tickets.categoryIds.get('city.streetlight') },
    });

  async function auditedAddresses(username: string): Promise<(string | null)[]> {
    const auditor = await env.login('auditor');
    const res = await auditor.get<{ items: { ip: string | null; details: { username?: string } }[] }>('/api/audit?action=auth.login&outcome=failure&pageSize=100');
    return res.body.items.filter((e) => e.details.username === username).map((e) => e.ip);
  }

  it('trusts no proxy unless configured', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(parseTrustProxy(' 10.0.0.1, 192.168.0.0/16 ,loopback,::1'), ['10.0.0.1', '192.168.0.0/16', 'loopback', '::1']);
    assert.throws(() => parseTrustProxy('*'), /GRIDGOV_TRUST_PROXY/);
    assert.throws(() => parseTrustProxy('10.0.0.0/33'), /GRIDGOV_TRUST_PROXY/);
    assert.throws(() => parseTrustProxy('true'), /GRIDGOV_TRUST_PROXY/);
  });

  it('a forged X-Forwarded-For does not get round the public portal limit', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await report('203.0.113.7', `198.51.100.${i}`)).statusCode, 201, `report ${i}`);
    const sixth = await report('203.0.113.7', '198.51.100.99');
    assert.equal(sixth.statusCode, 429, 'five reports per address per 10 minutes, whatever the header says');
    assert.equal((await report('203.0.113.8')).statusCode, 201, 'another address has its own count');
  });

  it('behind a configured proxy, the limit follows the client the proxy saw, not what the client claimed', async () => {
    // The client put 198.51.100.50 in the header itself; the proxy appended the real peer.
    for (let i = 1; i <= 5; i++) assert.equal((await report('10.1.2.3', `198.51.100.${50 + i}, 192.0.2.44`)).statusCode, 201, `report ${i}`);
    assert.equal((await report('10.1.2.3', '198.51.100.60, 192.0.2.44')).statusCode, 429);
    assert.equal((await report('10.1.2.3', '192.0.2.45')).statusCode, 201, 'another client behind the same proxy');
  });

  it('a forged X-Forwarded-For does not reach the audit log', async () => {
    const res = await env.rt.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.20',
      headers: { 'x-forwarded-for': '10.9.9.9' },
      payload: { username: 'gw2', password: 'Wrong#pass1' },
    });
    assert.equal(res.statusCode, 401);
    const proxied = await env.rt.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '10.9.9.9, 192.0.2.77' },
      payload: { username: 'gw2', password: 'Wrong#pass2' },
    });
    assert.equal(proxied.statusCode, 401);
    assert.deepEqual((await auditedAddresses('gw2')).sort(), ['192.0.2.77', '203.0.113.20']);
  });
});
