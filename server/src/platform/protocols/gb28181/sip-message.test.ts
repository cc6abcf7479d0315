import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SipParseError,
  buildResponse,
  canAnswer,
  getHeader,
  getHeaderValues,
  parseCSeq,
  parseDigestParams,
  parseNameAddr,
  parseSipMessage,
  parseVia,
  serializeSipMessage,
  type SipRequest,
} from './sip-message.js';
import { digestResponse } from './digest.js';

// A REGISTER as a cheap camera sends it: bare LF line ends, compact and lower-case header names,
// two Via values on one line, and a second Via line.
const SLOPPY_REGISTER = [
  'REGISTER sip:34020000002000000001@3402000000 SIP/2.0',
  'v: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1849347891, SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKproxy',
  'VIA: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKlast',
  'f: <sip:34020000001320000001@3402000000>;tag=1046130556',
  't: <sip:34020000001320000001@3402000000>',
  'i: 1923437289',
  'cseq: 1 REGISTER',
  'm: <sip:34020000001320000001@192.168.1.64:5060>',
  'max-forwards: 70',
  'User-Agent: IP Camera',
  'Expires: 3600',
  'l: 0',
  '',
  '',
].join('\n');

describe('SIP messages', () => {
  it('reads a request with LF-only line ends, compact forms, header case and multi-value Via', () => {
    const msg = parseSipMessage(Buffer.from(SLOPPY_REGISTER, 'latin1'));
    assert.equal(msg.kind, 'request');
    assert.equal((msg as SipRequest).method, 'REGISTER');
    assert.equal((msg as SipRequest).uri, 'sip:34020000002000000001@3402000000');
    assert.equal(getHeader(msg, 'call-id'), '1923437289');
    assert.equal(getHeader(msg, 'i'), '1923437289');
    assert.deepEqual(parseCSeq(getHeader(msg, 'CSeq')), { seq: 1, method: 'REGISTER' });
    const vias = getHeaderValues(msg, 'Via');
    assert.equal(vias.length, 3);
    const top = parseVia(vias[0]!);
    assert.equal(top?.host, '192.168.1.64');
    assert.equal(top?.port, 5060);
    assert.equal(top?.params.get('branch'), 'z9hG4bK1849347891');
    assert.equal(top?.params.has('rport'), true);
    assert.equal(parseVia(vias[2]!)?.port, undefined);
    const from = parseNameAddr(getHeader(msg, 'From')!);
    assert.equal(from?.user, '34020000001320000001');
    assert.equal(from?.params.get('tag'), '1046130556');
    const contact = parseNameAddr(getHeader(msg, 'm')!);
    assert.equal(contact?.host, '192.168.1.64');
    assert.equal(contact?.port, 5060);
    assert.equal(msg.body.length, 0);
  });

  it('reads an NVR REGISTER with headers in any order, host:port in From and a Route header', () => {
    const text = [
      'REGISTER sip:34020000002000000001@192.168.1.125:5060 SIP/2.0',
      'Call-ID: b954e1e87c6d580eaec2c2755aba3e54',
      'Contact: <sip:34020000001180000001@192.168.1.108:5060>',
      'Content-Length: 0',
      'CSeq: 1 REGISTER',
      'Expires: 3600',
      'From: <sip:34020000001180000001@192.168.1.108:5060>;tag=d28d156d2c72dcfb',
      'Max-Forwards: 70',
      'Route: <sip:34020000001180000001@192.168.1.125:5060;lr>',
      'To: <sip:34020000001180000001@192.168.1.108:5060>',
      'User-Agent: SIP UAS V3.0.0',
      'Via: SIP/2.0/UDP 192.168.1.108:5060;rport;branch=z9hG4bK9ffcac0c7c50cdbc',
      '',
      '',
    ].join('\r\n');
    const msg = parseSipMessage(Buffer.from(text, 'latin1'));
    assert.equal(parseNameAddr(getHeader(msg, 'From')!)?.user, '34020000001180000001');
    assert.equal(parseNameAddr(getHeader(msg, 'From')!)?.port, 5060);
    assert.equal(getHeader(msg, 'route'), '<sip:34020000001180000001@192.168.1.125:5060;lr>');
    assert.equal(canAnswer(msg), true);
  });

  it('serializes with CRLF and a Content-Length that matches the body, and reads its own output back', () => {
    const req: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: 'sip:34020000001320000001@192.168.1.64:5060',
      headers: [
        { name: 'Via', value: 'SIP/2.0/TCP 10.1.1.1:5060;rport;branch=z9hG4bKabc' },
        { name: 'From', value: '<sip:34020000002000000001@3402000000>;tag=a' },
        { name: 'To', value: '<sip:34020000001320000001@3402000000>' },
        { name: 'Call-ID', value: 'x@y' },
        { name: 'CSeq', value: '20 MESSAGE' },
        { name: 'Content-Length', value: '999' },
      ],
      body: Buffer.from('<Query/>'),
    };
    const bytes = serializeSipMessage(req);
    const text = bytes.toString('latin1');
    assert.ok(text.startsWith('MESSAGE sip:34020000001320000001@192.168.1.64:5060 SIP/2.0\r\nVia: SIP/2.0/TCP'));
    assert.ok(text.includes('\r\nContent-Length: 8\r\n\r\n<Query/>'));
    assert.equal(text.match(/Content-Length/g)?.length, 1);
    const back = parseSipMessage(bytes, undefined, true) as SipRequest;
    assert.equal(back.method, 'MESSAGE');
    assert.equal(back.body.toString(), '<Query/>');
  });

  it('builds a response that copies Via, From, Call-ID and CSeq and tags To', () => {
    const req = parseSipMessage(Buffer.from(SLOPPY_REGISTER, 'latin1'));
    const res = buildResponse(req, 401, [{ name: 'WWW-Authenticate', value: 'Digest realm="3402000000", nonce="n"' }], undefined, 'totag');
    const text = serializeSipMessage(res).toString('latin1');
    assert.ok(text.startsWith('SIP/2.0 401 Unauthorized\r\n'));
    assert.equal(getHeaderValues(res, 'Via').length, 3);
    assert.equal(getHeader(res, 'To'), '<sip:34020000001320000001@3402000000>;tag=totag');
    assert.equal(getHeader(res, 'CSeq'), '1 REGISTER');
    const back = parseSipMessage(Buffer.from(text, 'latin1'));
    assert.equal(back.kind === 'response' && back.status, 401);
  });

  it('reads a body by Content-Length and ignores trailing bytes of a datagram', () => {
    const msg = parseSipMessage(Buffer.from('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKx\r\nContent-Length: 3\r\n\r\nabcdef'));
    assert.equal(msg.kind, 'response');
    assert.equal(msg.body.toString(), 'abc');
  });

  it('refuses malformed input with SipParseError, keeping what a 400 needs when it can', () => {
    const cases: Array<[string, string]> = [
      ['HELLO', 'bad_start_line'],
      ['REGISTER sip:a SIP/3.0\r\n\r\n', 'bad_start_line'],
      ['SIP/2.0 99 Odd\r\n\r\n', 'bad_start_line'],
      ['REGISTER sip:a SIP/2.0\r\nno colon here\r\n\r\n', 'bad_header'],
      ['REGISTER sip:a SIP/2.0\r\nContent-Length: 12\r\n\r\nshort', 'truncated'],
      ['REGISTER sip:a SIP/2.0\r\nContent-Length: -1\r\n\r\n', 'bad_content_length'],
      ['REGISTER sip:a SIP/2.0\r\nl: 1\r\nContent-Length: 2\r\n\r\nab', 'bad_content_length'],
      ['\r\n\r\n', 'empty'],
    ];
    for (const [input, code] of cases) {
      assert.throws(() => parseSipMessage(Buffer.from(input)), (err: unknown) => err instanceof SipParseError && err.code === code, input);
    }
    assert.throws(() => parseSipMessage(Buffer.alloc(70_000, 0x41)), (err: unknown) => err instanceof SipParseError && err.code === 'too_large');
    const many = `OPTIONS sip:a SIP/2.0\r\n${Array.from({ length: 100 }, (_, i) => `X-H${i}: 1`).join('\r\n')}\r\n\r\n`;
    assert.throws(() => parseSipMessage(Buffer.from(many)), (err: unknown) => err instanceof SipParseError && err.code === 'too_many_headers');
    try {
      parseSipMessage(Buffer.from(SLOPPY_REGISTER.replace('l: 0', 'l: 50'), 'latin1'));
      assert.fail('a truncated body is refused');
    } catch (err) {
      assert.ok(err instanceof SipParseError);
      assert.equal(canAnswer(err.partial), true, 'a 400 can be sent back');
    }
  });

  it('never throws anything but SipParseError on random bytes', () => {
    let seed = 17;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['REGISTER ', 'sip:a@b ', 'SIP/2.0', '\r\n', '\n', ': ', 'Via', 'Content-Length: ', '9', ';', ',', '<', '>', '"', ' ', '\t', 'SIP/2.0 200 OK'];
    for (let i = 0; i < 3000; i++) {
      const parts: string[] = [];
      const n = Math.floor(rand() * 20);
      for (let j = 0; j < n; j++) parts.push(rand() < 0.8 ? pieces[Math.floor(rand() * pieces.length)]! : String.fromCharCode(Math.floor(rand() * 256)));
      const buf = Buffer.from(parts.join(''), 'latin1');
      try {
        parseSipMessage(buf);
      } catch (err) {
        assert.ok(err instanceof SipParseError, `${String(err)} for ${JSON.stringify(buf.toString('latin1'))}`);
      }
    }
  });

  it('reads Digest parameters, quoted and bare, and matches the RFC 2617 example', () => {
    const p = parseDigestParams('Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    assert.equal(p?.get('username'), 'Mufasa');
    assert.equal(p?.get('qop'), 'auth');
    assert.equal(p?.get('nc'), '00000001');
    const response = digestResponse({ username: 'Mufasa', realm: 'testrealm@host.com', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', nonce: p!.get('nonce')!, qop: 'auth', nc: '00000001', cnonce: '0a4f113b' });
    assert.equal(response, p?.get('response'));
    assert.equal(parseDigestParams('Basic abc'), null);
  });
});
