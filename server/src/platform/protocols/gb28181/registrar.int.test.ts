import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../clock.js';
import { SipDeviceClient } from './client.js';
import { buildCatalogResponse, type CatalogChannel } from './manscdp.js';
import { MemoryDeviceRegistry } from './memory-registry.js';
import { digestResponse } from './digest.js';
import { Registrar, type RegistrarRefusal } from './registrar.js';
import { getHeader, type SipTransportName } from './sip-message.js';
import type { SipPeer } from './transport.js';

const SERVER_ID = '33010600002000000001';
const NVR = '33010602011180000001';
const PASSWORD = 'Gb#28181-pass';
const INTERVAL = 60_000;

const CHANNELS: CatalogChannel[] = [
  { deviceId: '33010602011310000001', name: '东门摄像机', manufacturer: '海康威视', model: 'DS-2CD', civilCode: '330106', address: '文三路1号', parental: false, parentId: NVR, status: 'ON', longitude: 120.1301, latitude: 30.2799, ptzType: 3 },
  { deviceId: '33010602011320000002', name: '社区南门', civilCode: '330106', parentId: NVR, status: 'OFF', longitude: 120.1302, latitude: 30.28 },
  { deviceId: '33010602011320000003', name: '菜场入口', civilCode: '330106', parentId: NVR, status: 'ON', longitude: 120.1303, latitude: 30.2801 },
  { deviceId: '33010602011320000004', name: '停车场', civilCode: '330106', parentId: NVR, status: 'ON' },
  { deviceId: '33010602012150000001', name: '西湖区业务分组', civilCode: '330106' },
];

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  for (const start = Date.now(); !condition(); ) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Refusal = { source: SipPeer; reason: RegistrarRefusal };

async function startRegistrar(clock = new ManualClock()) {
  const registry = new MemoryDeviceRegistry({ [NVR]: PASSWORD, '33010602011320000099': 'other', '33010602011320000050': 'sipp-pass' });
  const refusals: Refusal[] = [];
  const registrar = new Registrar({
    serverId: SERVER_ID,
    host: '127.0.0.1',
    udpPort: 0,
    tcpPort: 0,
    sink: registry,
    credentials: registry,
    clock,
    keepaliveIntervalMs: INTERVAL,
    sweepEveryMs: 0,
    onRefusal: (source, reason) => refusals.push({ source, reason }),
  });
  await registrar.start();
  return { registrar, registry, refusals, clock };
}

function device(registrar: Registrar, transport: SipTransportName, options: { deviceId?: string; password?: string } = {}) {
  return new SipDeviceClient({
    deviceId: options.deviceId ?? NVR,
    password: options.password ?? PASSWORD,
    server: { host: '127.0.0.1', port: transport === 'udp' ? registrar.transport.udpPort : registrar.transport.tcpPort, id: SERVER_ID },
    transport,
    channels: CHANNELS,
    catalogPageSize: 2,
  });
}

for (const transport of ['udp', 'tcp'] as const) {
  describe(`GB/T 28181 registrar over ${transport.toUpperCase()}`, () => {
    let env: Awaited<ReturnType<typeof startRegistrar>>;
    const clients: SipDeviceClient[] = [];
    const open = async (options?: { deviceId?: string; password?: string }) => {
      const c = device(env.registrar, transport, options);
      await c.start();
      clients.push(c);
      return c;
    };
    before(async () => {
      env = await startRegistrar();
    });
    after(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await env.registrar.close();
    });

    it('registers with Digest and collects the multi-part catalog: 20-digit ids, type codes, civil code, position, status', async () => {
      const client = await open();
      const res = await client.register();
      assert.equal(res.status, 200);
      assert.equal(client.stats.challenges, 1, 'one 401 challenge, then 200');
      assert.equal(getHeader(res, 'Expires'), '3600');
      assert.match(getHeader(res, 'Date') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);

      const registered = await env.registry.waitFor('registered', (e) => e.deviceId === NVR);
      assert.equal(registered.transport, transport);
      assert.equal(registered.contact.address, '127.0.0.1');
      await env.registry.waitFor('online', (e) => e.deviceId === NVR);

      const catalog = await env.registry.waitFor('catalog', (e) => e.deviceId === NVR);
      assert.equal(client.stats.catalogQueries, 1);
      assert.equal(catalog.complete, true);
      assert.equal(catalog.push, false);
      assert.equal(catalog.sumNum, 5);
      assert.deepEqual(catalog.items.map((i) => i.deviceId), CHANNELS.map((c) => c.deviceId));
      for (const item of catalog.items) assert.match(item.deviceId, /^\d{20}$/);
      const camera = catalog.items[0]!;
      assert.equal(camera.name, '东门摄像机');
      assert.equal(camera.manufacturer, '海康威视');
      assert.equal(camera.type?.typeCode, 131);
      assert.equal(camera.civilCode, '330106');
      assert.equal(camera.longitude, 120.1301);
      assert.equal(camera.latitude, 30.2799);
      assert.equal(camera.status, 'ON');
      assert.equal(camera.ptzType, 3);
      assert.equal(catalog.items[1]!.type?.typeCode, 132);
      assert.equal(catalog.items[1]!.status, 'OFF');
      assert.equal(catalog.items[3]!.longitude, undefined);
      assert.equal(catalog.items[4]!.type?.category, 'group');
      const order = env.registry.events.filter((e) => e.deviceId === NVR).map((e) => e.kind);
      assert.deepEqual(order.slice(0, 3), ['registered', 'online', 'catalog']);
    });

    it('takes a Catalog push (NOTIFY) from the registered device and hands it on as a push', async () => {
      const client = clients[0]!;
      const body = buildCatalogResponse({ sn: 900, deviceId: NVR, sumNum: 1, root: 'Notify', event: 'ADD', channels: [{ deviceId: '33010602011320000009', name: '新增摄像机', civilCode: '330106', status: 'ON' }] });
      assert.equal((await client.sendManscdp(body, 'NOTIFY')).status, 200);
      const push = await env.registry.waitFor('catalog', (e) => e.push);
      assert.equal(push.items[0]!.deviceId, '33010602011320000009');
      assert.equal(push.items[0]!.event, 'ADD');
      assert.equal(push.items[0]!.name, '新增摄像机');
    });

    it('answers a wrong password with 403 and no new challenge, and counts it for the source', async () => {
      const before = env.refusals.length;
      const client = await open({ deviceId: '33010602011320000099', password: 'wrong' });
      const res = await client.register();
      assert.equal(res.status, 403);
      assert.equal(getHeader(res, 'WWW-Authenticate'), undefined, 'no second challenge (§L.2)');
      assert.equal(client.stats.registers, 2);
      assert.equal(client.stats.challenges, 1);
      const refused = env.refusals.slice(before);
      assert.deepEqual(refused.map((r) => r.reason), ['bad_digest']);
      assert.equal(refused[0]!.source.address, '127.0.0.1');
      assert.equal(env.registrar.devices().some((d) => d.deviceId === '33010602011320000099'), false);
    });

    it('refuses an unknown device with 403 before any challenge', async () => {
      const client = await open({ deviceId: '33010602011320000777', password: 'x' });
      const res = await client.register();
      assert.equal(res.status, 403);
      assert.equal(client.stats.challenges, 0);
      assert.equal(env.refusals.at(-1)?.reason, 'unknown_device');
    });

    it('keeps a device online while keepalives come, marks it offline after 3 missed intervals, and back online on the next', async () => {
      const client = clients[0]!;
      await env.registry.waitFor('online', (e) => e.deviceId === NVR);
      env.clock.advance(2 * INTERVAL);
      assert.equal((await client.keepalive()).status, 200);
      env.clock.advance(2 * INTERVAL);
      assert.equal((await client.keepalive()).status, 200);
      env.clock.advance(3 * INTERVAL);
      env.registrar.sweep();
      await env.registrar.settled();
      assert.equal(env.registry.isOnline(NVR), true, 'exactly 3 intervals is not yet missed');
      env.clock.advance(1000);
      env.registrar.sweep();
      await env.registrar.settled();
      const offline = await env.registry.waitFor('offline', (e) => e.deviceId === NVR);
      assert.equal(offline.reason, 'keepalive_timeout');
      assert.equal(env.registry.isOnline(NVR), false);
      assert.equal((await client.keepalive()).status, 200);
      await env.registrar.settled();
      assert.equal(env.registry.isOnline(NVR), true);
    });

    it('unregisters on Expires: 0 and refuses its keepalives afterwards', async () => {
      const client = clients[0]!;
      const res = await client.unregister();
      assert.equal(res.status, 200);
      await env.registrar.settled();
      const offline = env.registry.events.filter((e) => e.kind === 'offline' && e.deviceId === NVR).at(-1);
      assert.equal(offline?.kind === 'offline' && offline.reason, 'unregistered');
      assert.equal(env.registrar.devices().some((d) => d.deviceId === NVR), false);
      assert.equal((await client.keepalive()).status, 403);
      assert.equal(env.refusals.at(-1)?.reason, 'not_registered');
    });

    it('re-registers a registered device (a refresh) without asking for its catalog again', async () => {
      const client = clients[0]!;
      const before = client.stats.catalogQueries;
      assert.equal((await client.register()).status, 200);
      await until(() => client.stats.catalogQueries === before + 1);
      const queries = client.stats.catalogQueries;
      assert.equal((await client.register()).status, 200);
      await env.registrar.settled();
      assert.equal(client.stats.catalogQueries, queries);
      assert.equal(env.registrar.devices().find((d) => d.deviceId === NVR)?.online, true);
    });
  });
}

describe('GB/T 28181 registrar under a flood of malformed datagrams', () => {
  let env: Awaited<ReturnType<typeof startRegistrar>>;
  let client: SipDeviceClient;
  let flooder: dgram.Socket;
  before(async () => {
    env = await startRegistrar();
    client = device(env.registrar, 'udp');
    await client.start();
    flooder = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => flooder.bind(0, '127.0.0.1', resolve));
  });
  after(async () => {
    flooder.close();
    await client.close();
    await env.registrar.close();
  });

  it('counts every malformed datagram for its source, answers 400 where it can, and the registered device carries on', async () => {
    assert.equal((await client.register()).status, 200);
    await env.registry.waitFor('catalog', (e) => e.deviceId === NVR);
    const port = env.registrar.transport.udpPort;
    const flooderPort = flooder.address().port;
    const answers: string[] = [];
    flooder.on('message', (m) => answers.push(m.toString('latin1')));
    const answerable = (i: number) =>
      `MESSAGE sip:${SERVER_ID}@3301060000 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${flooderPort};rport;branch=z9hG4bKflood${i}\r\nFrom: <sip:${NVR}@3301060000>;tag=f${i}\r\n` +
      `To: <sip:${SERVER_ID}@3301060000>\r\nCall-ID: flood${i}\r\nCSeq: ${i + 1} MESSAGE\r\nContent-Length: 500\r\n\r\n<Notify>`;
    const garbage = (i: number) => [Buffer.from(`\x00\xff${i} not SIP at all`, 'latin1'), Buffer.from('REGISTER sip:x SIP/2.0\r\n: no name\r\n\r\n'), Buffer.from(answerable(i), 'latin1'), Buffer.alloc(20_000, 0x41)][i % 4]!;
    const total = 200;
    for (let i = 0; i < total; i++) {
      await new Promise<void>((resolve, reject) => flooder.send(garbage(i), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
      // Paced a little: loopback UDP drops what the receive buffer cannot hold, and this test counts.
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 2));
    }
    const fromFlooder = () => env.refusals.filter((r) => r.source.port === flooderPort);
    for (let i = 0; i < 100 && fromFlooder().length < total; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(fromFlooder().length, total, 'every datagram refused and counted');
    assert.ok(fromFlooder().every((r) => r.reason === 'malformed'));
    for (let i = 0; i < 50 && answers.length < total / 4; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(answers.length, total / 4, 'a 400 for each one that named where to answer');
    assert.ok(answers.every((a) => a.startsWith('SIP/2.0 400 ')));
    assert.ok(answers[0]!.includes(`;rport=${flooderPort}`) && answers[0]!.includes('Via: SIP/2.0/UDP 127.0.0.1:'), 'routed by Via rport');

    assert.equal((await client.keepalive()).status, 200);
    assert.equal(env.registrar.devices().find((d) => d.deviceId === NVR)?.online, true);
    assert.equal(env.refusals.filter((r) => r.source.port !== flooderPort).length, 0, 'nothing counted against the device');
  });

  it('takes each nonce once: a replayed Authorization gets a fresh stale challenge, never a 200', async () => {
    const raw = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => raw.bind(0, '127.0.0.1', resolve));
    const rawPort = raw.address().port;
    const next = () => new Promise<string>((resolve) => raw.once('message', (m) => resolve(m.toString('latin1'))));
    const uri = `sip:${SERVER_ID}@3301060000`;
    const register = (cseq: number, authorization?: string) =>
      Buffer.from(
        `REGISTER ${uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${rawPort};rport;branch=z9hG4bKraw${cseq}\r\nFrom: <sip:${NVR}@3301060000>;tag=raw\r\n` +
          `To: <sip:${NVR}@3301060000>\r\nCall-ID: raw-call\r\nCSeq: ${cseq} REGISTER\r\nContact: <sip:${NVR}@127.0.0.1:${rawPort}>\r\nExpires: 600\r\n` +
          `${authorization ? `Authorization: ${authorization}\r\n` : ''}Content-Length: 0\r\n\r\n`,
        'latin1',
      );
    try {
      const port = env.registrar.transport.udpPort;
      let answer = next();
      raw.send(register(1), port, '127.0.0.1');
      const challenge = await answer;
      assert.match(challenge, /^SIP\/2\.0 401 /);
      const nonce = /nonce="([0-9a-f]+)"/.exec(challenge)![1]!;
      const response = digestResponse({ username: NVR, realm: '3301060000', password: PASSWORD, method: 'REGISTER', uri, nonce });
      const authorization = `Digest username="${NVR}", realm="3301060000", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`;
      answer = next();
      raw.send(register(2, authorization), port, '127.0.0.1');
      assert.match(await answer, /^SIP\/2\.0 200 /, 'the legacy (no qop) Digest form is accepted');
      answer = next();
      raw.send(register(3, authorization), port, '127.0.0.1');
      const replay = await answer;
      assert.match(replay, /^SIP\/2\.0 401 /);
      assert.match(replay, /stale=true/);
      assert.ok(!replay.includes(nonce), 'a fresh nonce');
    } finally {
      raw.close();
    }
  });
});

describe('GB/T 28181 registrar over a raw TCP stream', () => {
  let env: Awaited<ReturnType<typeof startRegistrar>>;
  before(async () => {
    env = await startRegistrar();
  });
  after(() => env.registrar.close());

  const options = (i: number, extra = '') =>
    `OPTIONS sip:${SERVER_ID}@3301060000 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bKtcp${i}\r\nFrom: <sip:${NVR}@3301060000>;tag=t${i}\r\n` +
    `To: <sip:${SERVER_ID}@3301060000>\r\nCall-ID: tcp${i}\r\nCSeq: ${i} OPTIONS\r\n${extra}`;
  const connect = async () => {
    const socket = net.connect({ host: '127.0.0.1', port: env.registrar.transport.tcpPort });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { socket, read: () => received, closed };
  };

  it('frames by Content-Length: messages split byte by byte and pipelined back to back each get their answer on the connection', async () => {
    const c = await connect();
    const one = Buffer.from(`${options(1)}Content-Length: 0\r\n\r\n`, 'latin1');
    for (const byte of one) {
      c.socket.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    c.socket.write(Buffer.from(`\r\n\r\n${options(2)}Content-Length: 4\r\n\r\nabcd${options(3)}Content-Length: 0\r\n\r\n`, 'latin1'));
    await until(() => (c.read().match(/^SIP\/2\.0 200 OK/gm) ?? []).length === 3);
    assert.deepEqual([...c.read().matchAll(/^CSeq: (\d+) OPTIONS/gm)].map((m) => m[1]), ['1', '2', '3']);
    c.socket.destroy();
  });

  it('answers a stream message without Content-Length with 400 and closes, since framing is lost', async () => {
    const c = await connect();
    c.socket.write(Buffer.from(`${options(4)}\r\n`, 'latin1'));
    await c.closed;
    assert.match(c.read(), /^SIP\/2\.0 400 /);
    assert.equal(env.refusals.at(-1)?.reason, 'malformed');
  });

  it('closes a connection that announces a message over the size limit and counts it', async () => {
    const c = await connect();
    c.socket.write(Buffer.from(`${options(5)}Content-Length: 900000\r\n\r\n`, 'latin1'));
    await c.closed;
    assert.equal(c.read(), '');
    assert.equal(env.refusals.at(-1)?.reason, 'too_large');
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));
const hasSipp = spawnSync('sh', ['-c', 'command -v sipp'], { encoding: 'utf8' }).status === 0;

describe('GB/T 28181 registrar against sipp as the device', () => {
  it('REGISTER → 401 → REGISTER with Digest → 200 → MESSAGE Keepalive → 200', { skip: hasSipp ? false : 'sipp is not on PATH (Debian package sip-tester)' }, async () => {
    const env = await startRegistrar();
    const deviceId = '33010602011320000050';
    try {
      const args = ['-sf', path.join(here, 'sipp', 'register-keepalive.xml'), '-m', '1', '-nostdin', '-timeout', '20s', '-timeout_error', '-i', '127.0.0.1', '-t', 'u1'];
      args.push('-s', deviceId, '-au', deviceId, '-ap', 'sipp-pass', '-key', 'server_id', SERVER_ID, '-key', 'realm', SERVER_ID.slice(0, 10));
      args.push(`127.0.0.1:${env.registrar.transport.udpPort}`);
      const sipp = spawn('sipp', args, { cwd: process.env.TMPDIR ?? '/tmp', stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      sipp.stdout.on('data', (d: Buffer) => (output += d.toString()));
      sipp.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => sipp.on('exit', resolve));
      assert.equal(code, 0, output.slice(-3000));
      await env.registry.waitFor('registered', (e) => e.deviceId === deviceId);
      await env.registrar.settled();
      assert.equal(env.registry.isOnline(deviceId), true);
      assert.deepEqual(env.refusals, []);
    } finally {
      await env.registrar.close();
    }
  });
});
