/**
 * The watch list and the GA/T 1400 view library end to end, through the running app on a real
 * socket: a checkpoint camera registers with Digest (the real client), its keepalive keeps it
 * online, a vehicle with a listed plate is stored as a device event and raises a watch-list alarm,
 * a second hit in the same ten minutes counts on it, a capture sent again counts once, a replayed
 * nonce is refused; a face with a listed ID number raises its own alarm. Scope: a grid worker has
 * no watch list, a community operator sees but cannot manage, another county sees nothing and
 * cannot reach or list into this one. Nothing in the database or the answers holds a value in clear.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { DeviceSecret, WatchEntry } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { Gat1400Client, formatViidTime, makeContentId, makeSourceId } from '../../platform/protocols/gat1400/index.js';
import { sampleFace, sampleMotorVehicle } from '../../platform/protocols/gat1400/samples.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { ALARM_PERIOD_MS } from './captures.js';

interface ErrorBody {
  error: { code: string; message: string };
}
type Page<T> = { items: T[]; total: number };

const PLATE = '湘J8A123';
const OTHER_PLATE = '湘J99999';
const ID_NUMBER = '11010519491231002X';

describe('watch list (布控名单) and GA/T 1400 captures', () => {
  let env: TestEnv;
  let countyOp: Client;
  let communityOp: Client;
  let otherCountyOp: Client;
  let gw: Client;
  let countyCode: string;
  let communityCode: string;
  let otherCountyCode: string;
  let baseUrl: string;
  let camera: { id: string; code: string; secret: string };
  let otherCameraCode: string;
  let plateEntry: WatchEntry;
  let idEntry: WatchEntry;
  const db = () => env.rt.database.db;
  /** Moves the test clock forward to `at`. */
  const setClock = (at: Date) => env.clock.advance(at.getTime() - env.clock.now().getTime());
  const answers: string[] = [];
  const keep = <T>(res: { status: number; body: T }) => (answers.push(JSON.stringify(res.body)), res);
  const viid = () => new Gat1400Client({ baseUrl, deviceId: camera.code, password: camera.secret, registerInfo: { DeviceName: '卡口1' } });
  const alarms = () => rows<{ device_code: string; repeats: number; facts: Record<string, unknown>; status: string; region_code: string; grid_id: string | null; period_start: Date | string; first_at: Date | string; last_at: Date | string }>(
    db(), sql`select device_code, repeats, facts, status, region_code, grid_id, period_start, first_at, last_at from device_alarm where type = 'watchlist' order by period_start`);

  before(async () => {
    // Console sessions outlive the clock's jumps from one alarm period to the next.
    env = await startTestEnv({ config: { sessionIdleMinutes: 24 * 60 } });
    countyOp = await env.login('county_op');
    communityOp = await env.login('community_op');
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    gw = await env.login(worker.username);
    const otherCounty = env.seed.city.regions.find((r) => r.level === 'county' && r.code !== countyCode)!;
    otherCountyCode = otherCounty.code;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'w_other', displayName: '邻县指挥中心', role: 'operator', scopeRegionCode: otherCounty.code, password: 'Neighb0ur#1' })).status, 201);
    otherCountyOp = await env.loginChangingPassword('w_other', 'Neighb0ur#1');

    // A checkpoint camera of the community's grid, with its Digest password.
    const gridId = env.gridId(worker.gridCode!);
    const code = `${communityCode.slice(0, 8)}001320000777`;
    const made = await countyOp.post<{ id: string }>('/api/devices', { code, name: '幸福路车辆卡口', kind: 'vehicle_checkpoint', protocol: 'gat1400', regionCode: communityCode, gridId, lng: 111.7, lat: 29.04 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const secret = await countyOp.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`, {});
    assert.equal(secret.status, 201);
    camera = { id: made.body.id, code, secret: secret.body.secret };
    // Another registered camera, not under the checkpoint: the checkpoint may not push its captures.
    otherCameraCode = `${communityCode.slice(0, 8)}001320000778`;
    assert.equal((await countyOp.post('/api/devices', { code: otherCameraCode, name: '邻路摄像机', kind: 'camera', protocol: 'gat1400', regionCode: communityCode })).status, 201);

    await env.rt.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(env.rt.app.server.address() as AddressInfo).port}`;
  });
  after(() => env.close());

  it('adds entries at county level: the value is answered and kept only as a hint and a keyed hash', async () => {
    const plate = keep(await countyOp.post<WatchEntry>('/api/watchlist', { kind: 'plate', value: ' 湘j·8a123 ', label: '涉案车辆', regionCode: countyCode, severity: 'high' }));
    assert.equal(plate.status, 201, JSON.stringify(plate.body));
    plateEntry = plate.body;
    assert.equal(plateEntry.hint, '**A123');
    assert.equal(plateEntry.active, true);
    assert.equal(plateEntry.matching, true);
    const id = keep(await countyOp.post<WatchEntry>('/api/watchlist', { kind: 'id_number', value: ID_NUMBER.toLowerCase(), label: '在逃人员', regionCode: communityCode, severity: 'medium' }));
    assert.equal(id.status, 201, JSON.stringify(id.body));
    idEntry = id.body;
    assert.equal(idEntry.hint, '**2X', 'no more of an ID number than the platform mask shows');

    // Refusals say what is wrong with the request, never whether the value is listed: a duplicate is accepted.
    const duplicate = keep(await countyOp.post<WatchEntry>('/api/watchlist', { kind: 'plate', value: PLATE, label: '同一车辆', regionCode: countyCode, severity: 'low' }));
    assert.equal(duplicate.status, 201);
    assert.equal((await countyOp.post(`/api/watchlist/${duplicate.body.id}/deactivate`, {})).status, 200);
    const bad = keep(await countyOp.post<ErrorBody>('/api/watchlist', { kind: 'id_number', value: '340524198001010013', label: 'x', regionCode: countyCode, severity: 'low' }));
    assert.equal(bad.body.error.code, 'WATCHLIST_VALUE_INVALID');
    const inLabel = keep(await countyOp.post<ErrorBody>('/api/watchlist', { kind: 'plate', value: OTHER_PLATE, label: `车牌 湘J 99999`, regionCode: countyCode, severity: 'low' }));
    assert.equal(inLabel.body.error.code, 'WATCHLIST_LABEL_HAS_VALUE');
    const past = keep(await countyOp.post<ErrorBody>('/api/watchlist', { kind: 'plate', value: OTHER_PLATE, label: 'x', regionCode: countyCode, severity: 'low', expiresAt: new Date(env.clock.now().getTime() - 1000).toISOString() }));
    assert.equal(past.body.error.code, 'WATCHLIST_EXPIRY');

    const listed = keep(await countyOp.get<Page<WatchEntry>>('/api/watchlist?active=true'));
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items.map((e) => e.id).sort(), [plateEntry.id, idEntry.id].sort());
    const audited = await rows<{ action: string; details: unknown }>(db(), sql`select action, details from audit_log where action like 'watch_entry.%' order by at`);
    assert.deepEqual([...new Set(audited.map((a) => a.action))].sort(), ['watch_entry.create', 'watch_entry.deactivate', 'watch_entry.list']);
  });

  it('registers a camera with Digest, keeps it online, refuses a replayed nonce and a wrong content type', async () => {
    const client = viid();
    await client.register();
    const [d] = await rows<{ status: string }>(db(), sql`select status from device where id = ${camera.id}`);
    assert.equal(d!.status, 'online', 'Register is a sign of life');

    const replay = await client.send('POST', '/VIID/System/Register', { RegisterObject: { DeviceID: camera.code } }, { authorization: client.lastAuthorization! }, false);
    assert.equal(replay.status, 401);
    assert.equal(replay.headers.get('x-gridgov-error'), 'GAT1400_NONCE_REPLAYED');
    assert.match(replay.headers.get('www-authenticate') ?? '', /^Digest /);

    env.clock.advance(60_000);
    await client.keepalive();
    const [seen] = await rows<{ last_seen_at: Date | string }>(db(), sql`select last_seen_at from device where id = ${camera.id}`);
    assert.equal(new Date(seen!.last_seen_at).getTime(), env.clock.now().getTime(), 'Keepalive moves last seen');

    const wrongType = await client.send('POST', '/VIID/MotorVehicles', 'x', { 'content-type': 'text/plain' });
    assert.equal(wrongType.status, 415);
    assert.equal(wrongType.headers.get('x-gridgov-error'), 'GAT1400_CONTENT_TYPE');
    // The app's own input guard still runs; the view library answers it in its own terms.
    const control = await client.send('POST', '/VIID/MotorVehicles', { MotorVehicleListObject: { MotorVehicleObject: [{ ...sampleMotorVehicle(camera.code, env.clock.now()), VehicleBrand: 'a\u0007b' }] } });
    assert.equal(control.status, 400);
    assert.equal(control.headers.get('x-gridgov-error'), 'GAT1400_BODY_INVALID');
    // The platform's API still reads plain JSON beside it.
    assert.equal((await countyOp.get('/api/watchlist')).status, 200);
    const stranger = new Gat1400Client({ baseUrl, deviceId: camera.code, password: 'wrong-password' });
    await assert.rejects(stranger.register(), /GAT1400_AUTH_FAILED/);
  });

  it('stores a listed vehicle as a device event and raises one alarm per ten minutes, counting repeats once each', async () => {
    const client = viid();
    // A minute into a ten-minute period, so the two hits fall in one.
    const start = new Date(Math.ceil(env.clock.now().getTime() / ALARM_PERIOD_MS) * ALARM_PERIOD_MS + 60_000);
    setClock(new Date(start.getTime() + 5_000));
    await client.register();
    const first = sampleMotorVehicle(camera.code, start, 1, '湘J 8A123');
    const unlisted = sampleMotorVehicle(camera.code, start, 2, OTHER_PLATE);
    const statuses = await client.postMotorVehicles([first, unlisted]);
    assert.deepEqual(statuses.map((s) => s.StatusCode), [0, 0]);

    const events = await rows<{ device_code: string; kind: string; part: string; type: string; message_id: string; at: Date | string; body: Record<string, unknown> }>(
      db(), sql`select device_code, kind, part, type, message_id, at, body from device_event where device_code = ${camera.code} order by message_id`);
    assert.equal(events.length, 2);
    const stored = events.find((e) => e.message_id === first.MotorVehicleID)!;
    assert.deepEqual([stored.kind, stored.part, stored.type], ['vehicle_checkpoint', 'event', 'vehicle']);
    assert.equal(new Date(stored.at).getTime(), start.getTime(), 'the capture time (PassTime, China time)');
    assert.equal(stored.body.PlateNoHint, '**A123');
    assert.equal(stored.body.SubImageList, undefined, 'no images');
    assert.equal(stored.body.PlateNo, undefined, 'no plate in clear');
    assert.equal(stored.body.Speed, 42.5);

    let found = await alarms();
    assert.equal(found.length, 1, 'the unlisted plate raised nothing');
    assert.equal(found[0]!.device_code, camera.code);
    assert.equal(found[0]!.repeats, 1);
    assert.equal(found[0]!.status, 'new');
    assert.equal(found[0]!.region_code, communityCode, 'the device\'s place');
    assert.ok(found[0]!.grid_id);
    assert.equal(new Date(found[0]!.period_start).getTime(), Math.floor(start.getTime() / ALARM_PERIOD_MS) * ALARM_PERIOD_MS);
    assert.deepEqual(found[0]!.facts, { watchEntryId: plateEntry.id, kind: 'plate', hint: '**A123', severity: 'high' });

    const later = new Date(start.getTime() + 2 * 60_000);
    setClock(new Date(later.getTime() + 1000));
    await client.keepalive();
    assert.deepEqual((await client.postMotorVehicles([sampleMotorVehicle(camera.code, later, 3, PLATE)])).map((s) => s.StatusCode), [0]);
    // The first capture again (a device retrying): stored once, counted once.
    assert.deepEqual((await client.postMotorVehicles([first])).map((s) => s.StatusCode), [0]);
    found = await alarms();
    assert.equal(found.length, 1);
    assert.equal(found[0]!.repeats, 2);
    assert.equal(new Date(found[0]!.last_at).getTime(), later.getTime());
    assert.equal(Number((await rows<{ n: number }>(db(), sql`select count(*)::int as n from device_event where device_code = ${camera.code}`))[0]!.n), 3);
  });

  it('matches a face by its ID number; refuses captures of devices that are not the sender\'s', async () => {
    const client = viid();
    const at = new Date(env.clock.now().getTime() + 12 * 60_000);
    setClock(at);
    await client.register();
    const face: Record<string, unknown> = { ...sampleFace(camera.code, at), IDNumber: ID_NUMBER, Name: '张三' };
    const unknown = sampleFace('43070200001320000001', at, 2);
    const notUnder = { ...sampleFace(otherCameraCode, at, 3), IDNumber: ID_NUMBER };
    assert.deepEqual((await client.postFaces([face, unknown, notUnder])).map((s) => s.StatusCode), [0, 1, 1]);
    assert.equal(Number((await rows<{ n: number }>(db(), sql`select count(*)::int as n from device_event where device_code = ${otherCameraCode}`))[0]!.n), 0);
    const found = await alarms();
    assert.equal(found.length, 2);
    assert.deepEqual(found[1]!.facts, { watchEntryId: idEntry.id, kind: 'id_number', hint: '**2X', severity: 'medium' });
    const [event] = await rows<{ body: Record<string, unknown> }>(db(), sql`select body from device_event where message_id = ${face.FaceID as string}`);
    assert.equal(event!.body.IDNumberMasked, '11**************2X');
    assert.equal(event!.body.NameMasked, '张*');
  });

  it('stops matching a deactivated entry', async () => {
    const deactivated = keep(await countyOp.post<WatchEntry>(`/api/watchlist/${plateEntry.id}/deactivate`, {}));
    assert.equal(deactivated.status, 200);
    assert.equal(deactivated.body.active, false);
    assert.equal((await countyOp.post<ErrorBody>(`/api/watchlist/${plateEntry.id}/deactivate`, {})).body.error.code, 'WATCHLIST_INACTIVE');
    const client = viid();
    const at = new Date(env.clock.now().getTime() + 12 * 60_000);
    setClock(at);
    await client.register();
    const source = makeSourceId(camera.code, at, 9);
    const statuses = await client.postMotorVehicles([{ MotorVehicleID: makeContentId(source, '02', 1), SourceID: source, DeviceID: camera.code, PassTime: formatViidTime(at), PlateNo: PLATE }]);
    assert.deepEqual(statuses.map((s) => s.StatusCode), [0]);
    assert.equal((await alarms()).length, 2, 'no new alarm');
  });

  it('keeps the list from grid workers, lower levels and other counties', async () => {
    assert.equal((await gw.get('/api/watchlist')).status, 403);
    assert.equal((await gw.post('/api/watchlist', { kind: 'plate', value: OTHER_PLATE, label: 'x', regionCode: communityCode, severity: 'low' })).status, 403);
    assert.equal((await gw.post(`/api/watchlist/${idEntry.id}/deactivate`, {})).status, 403);

    // The community's operator sees the entry whose warnings go to the community, but may not add or deactivate.
    const seen = keep(await communityOp.get<Page<WatchEntry>>('/api/watchlist'));
    assert.deepEqual(seen.body.items.map((e) => e.id), [idEntry.id], 'not the county\'s entries');
    assert.equal((await communityOp.post<ErrorBody>('/api/watchlist', { kind: 'plate', value: OTHER_PLATE, label: 'x', regionCode: communityCode, severity: 'low' })).body.error.code, 'WATCHLIST_LEVEL');
    assert.equal((await communityOp.post<ErrorBody>(`/api/watchlist/${idEntry.id}/deactivate`, {})).body.error.code, 'WATCHLIST_LEVEL');

    const other = keep(await otherCountyOp.get<Page<WatchEntry>>('/api/watchlist'));
    assert.equal(other.body.total, 0);
    assert.equal((await otherCountyOp.post(`/api/watchlist/${idEntry.id}/deactivate`, {})).status, 404);
    const outOfScope = keep(await otherCountyOp.post<ErrorBody>('/api/watchlist', { kind: 'plate', value: PLATE, label: 'x', regionCode: countyCode, severity: 'low' }));
    assert.equal(outOfScope.body.error.code, 'WATCHLIST_REGION');
    // Listing the same plate in its own county says nothing about this county's list.
    const own = keep(await otherCountyOp.post<WatchEntry>('/api/watchlist', { kind: 'plate', value: PLATE, label: '本县布控', regionCode: otherCountyCode, severity: 'low' }));
    assert.equal(own.status, 201, JSON.stringify(own.body));
  });

  it('holds no value in clear in the database or any answer', async () => {
    const needles = [PLATE, '8A123', 'J8A123', ID_NUMBER, '491231'];
    for (const table of ['watch_entry', 'device_event', 'device_alarm', 'audit_log', 'idempotency_key', 'rate_counter']) {
      const dump = (await rows<{ t: string }>(db(), sql.raw(`select t::text as t from ${table} t`))).map((r) => r.t).join('\n');
      for (const n of needles) assert.ok(!dump.includes(n), `${table} holds ${n}`);
    }
    for (const answer of answers) for (const n of needles) assert.ok(!answer.includes(n), `an answer holds ${n}: ${answer.slice(0, 200)}`);
  });
});
