/**
 * The GA/T 1400 server on a real port, driven over HTTP by the real client: the Digest handshake,
 * replay and expiry of nonces, sessions behind User-Identify, per-object answers of a batch, and
 * the content type.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { ManualClock } from '../../clock.js';
import { Gat1400Client, Gat1400ClientError } from './client.js';
import { digestAuthorization, digestHa1, digestResponse, MemoryNonceStore, parseDigestHeader } from './digest.js';
import { sampleFace, sampleMotorVehicle } from './samples.js';
import { DEFAULT_REALM, gat1400Routes, type Gat1400Refusal } from './server.js';
import { MemorySessionStore } from './sessions.js';
import { MemoryCaptureSink } from './sink.js';
import { codeOfStatusString } from './status.js';

const SERVER_ID = '43070200005030000001';
const CAMERA = '43070200001320000001';
const GATE = '43070200001320000002';
const STRANGER = '43070200001320000099';
const PASSWORDS = new Map([
  [CAMERA, 'camera#Secret1'],
  [GATE, 'gate#Secret2'],
]);
const REFUSED_PLATE = '湘J00000';

describe('the GA/T 1400 server over HTTP', () => {
  const clock = new ManualClock('2026-12-05T10:30:00+08:00');
  const sessions = new MemorySessionStore();
  const sink = new MemoryCaptureSink((kind, object) => (kind === 'motorVehicles' && object.PlateNo === REFUSED_PLATE ? 'plate on the refusal list' : null));
  const refusals: Gat1400Refusal[] = [];
  let app: FastifyInstance;
  let baseUrl: string;
  let port: number;

  const client = (deviceId: string, password = PASSWORDS.get(deviceId) ?? 'x') => new Gat1400Client({ baseUrl, deviceId, password, registerInfo: { DeviceName: 'test camera' } });
  const refusalsOf = (deviceId: string | null, code: string) => refusals.filter((r) => r.deviceId === deviceId && r.code === code).length;
  const errorOf = (res: { headers: Headers }) => res.headers.get('x-gridgov-error');

  before(async () => {
    app = Fastify({ logger: false });
    await app.register(
      gat1400Routes({
        serverId: SERVER_ID,
        clock,
        sessions,
        sink,
        nonces: new MemoryNonceStore(),
        credentials: { secretOf: async (id) => (PASSWORDS.has(id) ? { password: PASSWORDS.get(id)! } : null) },
        keepaliveTimeoutMs: 180_000,
        countRefusal: (r) => refusals.push(r),
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;
  });
  after(() => app.close());

  it('registers with Digest, keeps alive, tells the time, takes faces and vehicles, and unregisters', async () => {
    const camera = client(CAMERA);
    const first = await camera.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: CAMERA } }, {}, false);
    assert.equal(first.status, 401, 'the first leg is a challenge');
    const challenge = parseDigestHeader(first.headers.get('www-authenticate') ?? '')!;
    assert.equal(challenge.qop, 'auth');
    assert.match(challenge.nonce!, /^[0-9a-f]{32}$/);
    assert.equal(refusalsOf(CAMERA, 'GAT1400_AUTH_REQUIRED') + refusalsOf(null, 'GAT1400_AUTH_REQUIRED'), 0, 'a challenge is not a refusal');

    const registered = await camera.register();
    assert.deepEqual([registered.StatusCode, registered.Id, registered.RequestURL, registered.LocalTime], [0, CAMERA, '/VIID/System/Register', '20261205103000']);
    assert.equal((await sessions.get(CAMERA))?.info.DeviceName, 'test camera');

    clock.advance(60_000);
    assert.equal((await camera.keepalive()).StatusCode, 0);
    assert.deepEqual(await camera.systemTime(), { VIIDServerID: SERVER_ID, LocalTime: '20261205103100', TimeZone: 'Asia/Shanghai' });

    const faces = [sampleFace(CAMERA, clock.now(), 1), sampleFace(CAMERA, clock.now(), 2)];
    const statuses = await camera.postFaces(faces);
    assert.deepEqual(statuses.map((s) => [s.StatusCode, s.Id, s.RequestURL]), faces.map((f) => [0, f.FaceID, '/VIID/Faces']));
    assert.deepEqual(sink.received.faces.map((f) => [f.deviceId, f.object.FaceID, f.object.LeftTopX]), faces.map((f) => [CAMERA, f.FaceID, 120]));
    assert.equal(sink.received.faces[0]!.object.SubImageList?.SubImageInfoObject[0]?.FileFormat, 'Jpeg');

    const vehicles = await camera.postMotorVehicles([sampleMotorVehicle(CAMERA, clock.now(), 3), sampleMotorVehicle(CAMERA, clock.now(), 4, REFUSED_PLATE)]);
    assert.deepEqual(vehicles.map((s) => s.StatusCode), [0, 1]);
    assert.equal(codeOfStatusString(vehicles[1]!.StatusString!), 'GAT1400_OBJECT_REFUSED');
    assert.match(vehicles[1]!.StatusString!, /plate on the refusal list/);
    assert.equal(sink.received.motorVehicles.length, 1);
    assert.equal(sink.received.motorVehicles[0]!.object.PlateNo, '湘J12345');
    assert.equal(refusalsOf(CAMERA, 'GAT1400_OBJECT_REFUSED'), 1);

    assert.equal((await camera.unregister()).StatusCode, 0);
    assert.equal(await sessions.get(CAMERA), null);
    await assert.rejects(camera.postFaces([sampleFace(CAMERA, clock.now(), 5)]), (e: unknown) => e instanceof Gat1400ClientError && e.status === 401 && e.errorCode === 'GAT1400_NOT_REGISTERED');
  });

  it('refuses a wrong password with a new challenge, and counts it', async () => {
    const before = refusalsOf(GATE, 'GAT1400_AUTH_FAILED');
    const wrong = client(GATE, 'not-the-password');
    const res = await wrong.sendWithDigest('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, false);
    assert.equal(res.status, 401);
    assert.equal(errorOf(res), 'GAT1400_AUTH_FAILED');
    assert.doesNotMatch(res.headers.get('www-authenticate') ?? '', /stale=true/);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Digest /);
    assert.equal((res.body as { ResponseStatusObject: { StatusCode: number } }).ResponseStatusObject.StatusCode, 4);
    assert.equal(refusalsOf(GATE, 'GAT1400_AUTH_FAILED'), before + 1);
    assert.equal(await sessions.get(GATE), null);
    await assert.rejects(client(STRANGER).register(), (e: unknown) => e instanceof Gat1400ClientError && e.errorCode === 'GAT1400_AUTH_FAILED');
    assert.equal(refusalsOf(STRANGER, 'GAT1400_AUTH_FAILED'), 1);
  });

  it('refuses a replayed Authorization header', async () => {
    const gate = client(GATE);
    await gate.register();
    const replay = await gate.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, { authorization: gate.lastAuthorization! }, false);
    assert.equal(replay.status, 401);
    assert.equal(errorOf(replay), 'GAT1400_NONCE_REPLAYED');
    assert.doesNotMatch(replay.headers.get('www-authenticate') ?? '', /stale=true/, 'a replay is not stale');
    assert.equal(refusalsOf(GATE, 'GAT1400_NONCE_REPLAYED'), 1);
    // Another nonce count on the same nonce is the same replay.
    const challenge = `Digest realm="GridGov-VIID", qop="auth", nonce="${parseDigestHeader(gate.lastAuthorization!)!.nonce}"`;
    const nc2 = digestAuthorization(challenge, { username: GATE, password: PASSWORDS.get(GATE)!, method: 'POST', uri: '/VIID/System/Register', nc: 2 });
    assert.equal(errorOf(await gate.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, { authorization: nc2 }, false)), 'GAT1400_NONCE_REPLAYED');
  });

  it('answers a right answer to an expired nonce with stale=true, and accepts the next one', async () => {
    const gate = client(GATE);
    const first = await gate.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, {}, false);
    clock.advance(31_000);
    const late = digestAuthorization(first.headers.get('www-authenticate')!, { username: GATE, password: PASSWORDS.get(GATE)!, method: 'POST', uri: '/VIID/System/Register' });
    const res = await gate.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, { authorization: late }, false);
    assert.equal(res.status, 401);
    assert.equal(errorOf(res), 'GAT1400_NONCE_EXPIRED');
    assert.match(res.headers.get('www-authenticate') ?? '', /stale=true/);
    const fresh = digestAuthorization(res.headers.get('www-authenticate')!, { username: GATE, password: PASSWORDS.get(GATE)!, method: 'POST', uri: '/VIID/System/Register' });
    assert.equal((await gate.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: GATE } }, { authorization: fresh }, false)).status, 200);
  });

  it('accepts a device that answers without qop, and one that quotes qop and nc and leaves opaque open', async () => {
    const gate = client(GATE);
    const uri = '/VIID/System/Register';
    const body = { RegisterObject: { DeviceID: GATE } };
    const ha1 = digestHa1(GATE, DEFAULT_REALM, PASSWORDS.get(GATE)!);
    const challenge = async () => parseDigestHeader((await gate.send('POST', uri, body, {}, false)).headers.get('www-authenticate')!)!;

    const c1 = await challenge();
    const rfc2069 = `Digest username="${GATE}", realm="${DEFAULT_REALM}", nonce="${c1.nonce}", uri="${uri}", response="${digestResponse({ ha1, method: 'POST', uri, nonce: c1.nonce! })}"`;
    assert.equal((await gate.send('POST', uri, body, { authorization: rfc2069 }, false)).status, 200);

    const c2 = await challenge();
    const response = digestResponse({ ha1, method: 'POST', uri, nonce: c2.nonce!, qop: 'auth', nc: '00000001', cnonce: '1a2b3c4d' });
    const vendor = `digest username="${GATE}",realm="${DEFAULT_REALM}",nonce="${c2.nonce}",uri="${uri}",qop="auth",nc="00000001",cnonce="1a2b3c4d",response="${response}",opaque="${c2.opaque}`;
    assert.equal((await gate.send('POST', uri, body, { authorization: vendor }, false)).status, 200);
  });

  it('refuses a register whose body names another device', async () => {
    const gate = client(GATE);
    const res = await gate.sendWithDigest('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: CAMERA } }, false);
    assert.equal(res.status, 403);
    assert.equal(errorOf(res), 'GAT1400_DEVICE_MISMATCH');
  });

  it('refuses calls without the User-Identify of a live session', async () => {
    const face = { FaceListObject: { FaceObject: [sampleFace(GATE, clock.now())] } };
    const gate = client(GATE);
    await gate.register();
    const missing = await gate.send('POST', '/VIID/Faces', face, {}, false);
    assert.deepEqual([missing.status, errorOf(missing)], [401, 'GAT1400_NOT_REGISTERED']);
    assert.match((missing.body as { ResponseStatusObject: { StatusString: string } }).ResponseStatusObject.StatusString, /no User-Identify header/);
    const stranger = await client(STRANGER).send('POST', '/VIID/Faces', face);
    assert.deepEqual([stranger.status, errorOf(stranger)], [401, 'GAT1400_NOT_REGISTERED']);
    assert.equal(refusalsOf(STRANGER, 'GAT1400_NOT_REGISTERED'), 1);
    const garbage = await gate.send('GET', '/VIID/System/Time', undefined, { 'user-identify': 'admin' }, false);
    assert.deepEqual([garbage.status, errorOf(garbage)], [401, 'GAT1400_NOT_REGISTERED']);

    // The session follows the registering address: the same header from another address is refused.
    const other = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, localAddress: '127.0.0.2', method: 'GET', path: '/VIID/System/Time', headers: { 'user-identify': GATE } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(other, 401);

    // No keepalive for longer than the timeout: the session lapses.
    clock.advance(180_001);
    await assert.rejects(gate.keepalive(), (e: unknown) => e instanceof Gat1400ClientError && e.errorCode === 'GAT1400_NOT_REGISTERED' && /lapsed/.test(e.responseStatus?.StatusString ?? ''));
    assert.equal(await sessions.get(GATE), null);
  });

  it('answers a batch object by object: a malformed face is refused, the good ones reach the sink', async () => {
    const camera = client(CAMERA);
    await camera.register();
    const before = sink.received.faces.length;
    const good1 = sampleFace(CAMERA, clock.now(), 11);
    const bad: Record<string, unknown> = { ...sampleFace(CAMERA, clock.now(), 12), ShotTime: '2026-12-05 10:30', LeftTopX: 'left' };
    const noId = { ...sampleFace(CAMERA, clock.now(), 13), FaceID: undefined };
    const good2 = sampleFace(CAMERA, clock.now(), 14);
    const statuses = await camera.postFaces([good1, bad, noId, good2]);
    assert.deepEqual(statuses.map((s) => s.StatusCode), [0, 8, 8, 0]);
    assert.deepEqual(statuses.map((s) => s.Id), [good1.FaceID, bad.FaceID, undefined, good2.FaceID], 'a face without FaceID gets an empty Id');
    assert.equal(codeOfStatusString(statuses[1]!.StatusString!), 'GAT1400_OBJECT_INVALID');
    assert.match(statuses[1]!.StatusString!, /ShotTime: expected exactly 14 digits/);
    assert.match(statuses[1]!.StatusString!, /LeftTopX: expected an integer/);
    assert.deepEqual(sink.received.faces.slice(before).map((f) => f.object.FaceID), [good1.FaceID, good2.FaceID]);
    assert.equal(refusalsOf(CAMERA, 'GAT1400_OBJECT_INVALID'), 2);

    const wrongEnvelope = await camera.send('POST', '/VIID/Faces', { MotorVehicleListObject: { MotorVehicleObject: [] } });
    assert.deepEqual([wrongEnvelope.status, errorOf(wrongEnvelope)], [400, 'GAT1400_BODY_INVALID']);
    assert.match(JSON.stringify(wrongEnvelope.body), /FaceListObject/);
  });

  it('takes capture devices, subscriptions and notifications', async () => {
    const camera = client(CAMERA);
    await camera.register();
    const ape = { ApeID: GATE, Name: '东门人脸卡口', Model: 'DS-K5671', IPAddr: '10.0.0.8', Port: '80', Longitude: '111.69', Latitude: '29.03', PlaceCode: '430702', IsOnline: '1' };
    const put = await camera.send('PUT', '/VIID/APEs', { APEListObject: { APEObject: [ape, { ...ape, ApeID: 'x' }] } });
    assert.deepEqual((put.body as { ResponseStatusListObject: { ResponseStatusObject: { StatusCode: number }[] } }).ResponseStatusListObject.ResponseStatusObject.map((s) => s.StatusCode), [0, 8]);
    const list = await camera.send('GET', '/VIID/APEs');
    assert.deepEqual((list.body as { APEListObject: { APEObject: { ApeID: string; Port: number }[] } }).APEListObject.APEObject.map((a) => [a.ApeID, a.Port]), [[GATE, 80]]);

    const subscribe = { SubscribeID: '430702000050300000010320261205103000000001', Title: '人脸', SubscribeDetail: '12', ResourceURI: '430702', BeginTime: '20261205000000', EndTime: '20261206000000', ReceiveAddr: 'http://10.0.0.1/VIID/SubscribeNotifications' };
    const posted = await camera.send('POST', '/VIID/Subscribes', { SubscribeListObject: { SubscribeObject: [subscribe] } });
    assert.equal(posted.status, 200);
    const subs = await camera.send('GET', '/VIID/Subscribes');
    assert.equal((subs.body as { SubscribeListObject: { SubscribeObject: { SubscribeID: string }[] } }).SubscribeListObject.SubscribeObject[0]!.SubscribeID, subscribe.SubscribeID);

    const face = sampleFace(CAMERA, clock.now(), 21);
    const note = { NotificationID: 'N1', SubscribeID: subscribe.SubscribeID, Title: '人脸', TriggerTime: '20261205103000', InfoIDs: face.FaceID, FaceObjectList: { FaceObject: [face] } };
    const notified = await camera.send('POST', '/VIID/SubscribeNotifications', { SubscribeNotificationListObject: { SubscribeNotificationObject: [note] } });
    assert.equal((notified.body as { ResponseStatusListObject: { ResponseStatusObject: { StatusCode: number }[] } }).ResponseStatusListObject.ResponseStatusObject[0]!.StatusCode, 0);
    assert.equal(sink.received.subscribeNotifications[0]!.object.FaceObjectList?.FaceObject[0]!.FaceID, face.FaceID);
  });

  it('refuses a wrong content type, bad JSON and another charset with a clear error', async () => {
    const camera = client(CAMERA);
    await camera.register();
    const body = JSON.stringify({ FaceListObject: { FaceObject: [sampleFace(CAMERA, clock.now(), 31)] } });
    const plain = await camera.send('POST', '/VIID/Faces', body, { 'content-type': 'text/plain' });
    assert.deepEqual([plain.status, errorOf(plain)], [415, 'GAT1400_CONTENT_TYPE']);
    const status = (plain.body as { ResponseStatusObject: { StatusCode: number; StatusString: string; RequestURL: string } }).ResponseStatusObject;
    assert.equal(status.StatusCode, 4);
    assert.equal(status.RequestURL, '/VIID/Faces');
    assert.match(status.StatusString, /application\/VIID\+JSON/);
    assert.match(plain.headers.get('content-type') ?? '', /^application\/VIID\+JSON/i);

    const gbk = await camera.send('POST', '/VIID/Faces', body, { 'content-type': 'application/VIID+JSON;charset=GBK' });
    assert.deepEqual([gbk.status, errorOf(gbk)], [415, 'GAT1400_CONTENT_TYPE']);
    const broken = await camera.send('POST', '/VIID/Faces', '{"FaceListObject":', { 'content-type': 'application/viid+json' });
    assert.deepEqual([broken.status, errorOf(broken)], [400, 'GAT1400_JSON_INVALID']);
    assert.equal((broken.body as { ResponseStatusObject: { StatusCode: number } }).ResponseStatusObject.StatusCode, 7);
    // Upper or lower case, with or without charset, and plain JSON are all read.
    for (const type of ['application/VIID+JSON', 'application/viid+json; charset=utf-8', 'application/json']) {
      assert.equal((await camera.send('POST', '/VIID/Faces', body, { 'content-type': type })).status, 200, type);
    }
  });

  it('answers an unknown interface the GA/T 1400 way', async () => {
    const res = await client(CAMERA).send('GET', '/VIID/Tollgates');
    assert.deepEqual([res.status, errorOf(res)], [404, 'GAT1400_NOT_FOUND']);
    assert.equal((res.body as { ResponseStatusObject: { StatusCode: number } }).ResponseStatusObject.StatusCode, 4);
  });
});
