import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../clock.js';
import { digestAuthorization, digestHa1, digestResponse, DigestServer, MemoryNonceStore, parseDigestHeader, type CredentialStore } from './digest.js';

const RFC = { username: 'Mufasa', realm: 'testrealm@host.com', password: 'Circle Of Life', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', uri: '/dir/index.html' };

describe('HTTP Digest (RFC 2617)', () => {
  it('computes the RFC 2617 §3.5 test vector', () => {
    const ha1 = digestHa1(RFC.username, RFC.realm, RFC.password);
    assert.equal(digestResponse({ ha1, method: 'GET', uri: RFC.uri, nonce: RFC.nonce, qop: 'auth', nc: '00000001', cnonce: '0a4f113b' }), '6629fae49393a05397450978507c4ef1');
  });

  it('answers a challenge with the same vector from the client side', () => {
    const challenge = `Digest realm="${RFC.realm}", qop="auth,auth-int", nonce="${RFC.nonce}", opaque="5ccc069c403ebaf9f0171e9517f40e41"`;
    const header = digestAuthorization(challenge, { username: RFC.username, password: RFC.password, method: 'GET', uri: RFC.uri, cnonce: '0a4f113b' });
    const p = parseDigestHeader(header)!;
    assert.equal(p.response, '6629fae49393a05397450978507c4ef1');
    assert.equal(p.nc, '00000001');
    assert.equal(p.qop, 'auth');
    assert.equal(p.opaque, '5ccc069c403ebaf9f0171e9517f40e41');
  });

  it('answers a challenge without qop the RFC 2069 way', () => {
    const header = digestAuthorization(`Digest realm="${RFC.realm}", nonce="${RFC.nonce}"`, { username: RFC.username, password: RFC.password, method: 'GET', uri: RFC.uri });
    const p = parseDigestHeader(header)!;
    assert.equal(p.qop, undefined);
    const ha1 = digestHa1(RFC.username, RFC.realm, RFC.password);
    assert.equal(p.response, digestResponse({ ha1, method: 'GET', uri: RFC.uri, nonce: RFC.nonce }));
  });

  it('reads the sloppy headers devices send', () => {
    // Quoted qop and nc, an unterminated opaque (haoxianrui/gat1400 DigestUtils), no spaces.
    const vendor = parseDigestHeader('Digest username="34020000001320000001",realm="r",nonce="abc",uri="/VIID/System/Register",qop="auth",nc="00000001",cnonce="xyz",response="0123",opaque="op')!;
    assert.equal(vendor.qop, 'auth');
    assert.equal(vendor.nc, '00000001');
    assert.equal(vendor.opaque, 'op');
    assert.equal(vendor.username, '34020000001320000001');
    // Lower-case scheme, spaces around = and commas, bare values, upper-case keys.
    const spaced = parseDigestHeader('digest   Username = "u" ,  Realm="r",NONCE=n1 , qop = auth ,nc=00000002, uri="/a?b=c,d"')!;
    assert.deepEqual(spaced, { username: 'u', realm: 'r', nonce: 'n1', qop: 'auth', nc: '00000002', uri: '/a?b=c,d' });
    assert.equal(parseDigestHeader('Basic dXNlcjpwYXNz'), null);
    assert.equal(parseDigestHeader(undefined), null);
  });
});

describe('the Digest server', () => {
  const clock = new ManualClock('2026-12-05T10:00:00+08:00');
  const credentials: CredentialStore = {
    async secretOf(user) {
      if (user === '34020000001320000001') return { password: 'cam-secret' };
      if (user === '34020000001320000002') return { ha1: digestHa1('34020000001320000002', 'viid', 'ha1-secret') };
      return null;
    },
  };
  const server = new DigestServer({ realm: 'viid', nonces: new MemoryNonceStore(), credentials, now: () => clock.now() });
  const uri = '/VIID/System/Register';
  const answer = (challenge: string, username: string, password: string) => digestAuthorization(challenge, { username, password, method: 'POST', uri });

  it('accepts a right answer once, and refuses the same header again as a replay', async () => {
    const auth = answer(await server.challenge(), '34020000001320000001', 'cam-secret');
    assert.deepEqual(await server.verify('POST', uri, auth), { ok: true, username: '34020000001320000001' });
    assert.deepEqual(await server.verify('POST', uri, auth), { ok: false, reason: 'replayed', username: '34020000001320000001' });
  });

  it('refuses a reused nonce even with a new nc', async () => {
    const challenge = await server.challenge();
    assert.equal((await server.verify('POST', uri, answer(challenge, '34020000001320000001', 'cam-secret'))).ok, true);
    const second = digestAuthorization(challenge, { username: '34020000001320000001', password: 'cam-secret', method: 'POST', uri, nc: 2 });
    assert.equal((await server.verify('POST', uri, second)).ok, false);
  });

  it('accepts a secret kept as HA1', async () => {
    assert.equal((await server.verify('POST', uri, answer(await server.challenge(), '34020000001320000002', 'ha1-secret'))).ok, true);
  });

  it('tells a wrong password, an unknown user, a nonce it never issued and another URI apart', async () => {
    assert.deepEqual(await server.verify('POST', uri, answer(await server.challenge(), '34020000001320000001', 'wrong')), { ok: false, reason: 'wrong-response', username: '34020000001320000001' });
    assert.deepEqual(await server.verify('POST', uri, answer(await server.challenge(), '34020000001320000009', 'x')), { ok: false, reason: 'unknown-user', username: '34020000001320000009' });
    assert.deepEqual(await server.verify('POST', uri, answer('Digest realm="viid", nonce="forged", qop="auth"', '34020000001320000001', 'cam-secret')), { ok: false, reason: 'replayed', username: '34020000001320000001' });
    assert.deepEqual(await server.verify('POST', '/VIID/System/UnRegister', answer(await server.challenge(), '34020000001320000001', 'cam-secret')), { ok: false, reason: 'wrong-uri', username: '34020000001320000001' });
    assert.deepEqual(await server.verify('POST', uri, undefined), { ok: false, reason: 'missing', username: null });
    assert.deepEqual(await server.verify('POST', uri, 'Digest username="x"'), { ok: false, reason: 'malformed', username: 'x' });
  });

  it('calls a right answer to an expired nonce stale, and a wrong one just wrong', async () => {
    const challenge = await server.challenge();
    const again = await server.challenge();
    clock.advance(30_001);
    assert.deepEqual(await server.verify('POST', uri, answer(challenge, '34020000001320000001', 'cam-secret')), { ok: false, reason: 'expired', username: '34020000001320000001' });
    assert.deepEqual(await server.verify('POST', uri, answer(again, '34020000001320000001', 'wrong')), { ok: false, reason: 'wrong-response', username: '34020000001320000001' });
    assert.match(await server.challenge(true), /stale=true/);
    assert.doesNotMatch(await server.challenge(), /stale/);
  });

  it('accepts the answer of a vendor client that quotes qop and nc and leaves opaque open', async () => {
    const c = parseDigestHeader(await server.challenge())!;
    const ha1 = digestHa1('34020000001320000001', 'viid', 'cam-secret');
    const response = digestResponse({ ha1, method: 'POST', uri, nonce: c.nonce!, qop: 'auth', nc: '00000001', cnonce: 'abcdef' });
    const header = `Digest username="34020000001320000001",realm="viid",nonce="${c.nonce}",uri="${uri}",qop="auth",nc="00000001",cnonce="abcdef",response="${response}",opaque="${c.opaque}`;
    assert.equal((await server.verify('POST', uri, header)).ok, true);
  });

  it('accepts MD5-sess', async () => {
    const challenge = (await server.challenge()).replace('algorithm=MD5', 'algorithm=MD5-sess');
    assert.equal((await server.verify('POST', uri, answer(challenge, '34020000001320000001', 'cam-secret'))).ok, true);
  });
});
