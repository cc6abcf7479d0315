/**
 * The device registry end to end through the app: register and change devices (national IDs with
 * their type code), scope (another community's operator neither sees nor changes them; the map and
 * its counts are scoped; a grid worker sees only their grid), xlsx import with bad rows and a bad
 * file, the MQTT secret shown once and the time-bound password at its window's edges, offline
 * detection with the test clock (one notice per outage), and a GB/T 28181 catalog.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { DEVICE_KINDS, type Device, type DeviceLayer, type DeviceSecret } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { pointInPolygon } from '../../platform/geo/polygon.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, reportLines, upload, xlsxFile } from '../imports/test-kit.js';
import { seedDemoDevices } from './demo.js';
import { digestCredentials, gb28181Sink, mqttAuthenticator, viidCredentials, markSeen, PASSWORD_WINDOW_MS, signDevicePassword, sweepOffline, upsertCatalog, verifyDevicePassword } from './index.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[] } };
}
type Page<T> = { items: T[]; total: number };

/** A 20-digit national ID: the region's first 8 digits, industry 00, the type, network 0, a serial. */
const nationalId = (regionCode: string, type: string, serial: number) => `${regionCode.slice(0, 8)}00${type}0${String(serial).padStart(6, '0')}`;

describe('devices (设备管理)', () => {
  let env: TestEnv;
  let countyOp: Client;
  let communityOp: Client;
  let otherCommunityOp: Client;
  let gw: Client;
  let countyCode: string;
  let communityCode: string;
  let otherCommunityCode: string;
  let gridId: string;
  let otherGridId: string;
  let departmentId: string;
  let departmentName: string;
  const db = () => env.rt.database.db;
  const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: string }>(db(), query))[0]!.n);
  const kit = () => env.rt.kit;
  const status = async (id: string) => (await rows<{ status: string }>(db(), sql`select status from device where id = ${id}`))[0]?.status;

  before(async () => {
    env = await startTestEnv();
    countyOp = await env.login('county_op');
    communityOp = await env.login('community_op');
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    gw = await env.login(worker.username);
    gridId = env.gridId(worker.gridCode!);
    const other = env.seed.city.grids.find((g) => g.regionCode !== communityCode && g.regionCode.startsWith(countyCode.slice(0, 6)))!;
    otherCommunityCode = other.regionCode;
    otherGridId = env.gridId(other.code);
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'd_other', displayName: '邻社区值班员', role: 'operator', scopeRegionCode: otherCommunityCode, password: 'Neighb0ur#1' })).status, 201);
    otherCommunityOp = await env.loginChangingPassword('d_other', 'Neighb0ur#1');
    const departments = await countyOp.get<{ items: { id: string; name: string; regionCode: string }[] }>('/api/departments');
    const owner = departments.body.items.find((d) => d.name.endsWith('城管局') && d.regionCode === countyCode)!;
    departmentId = owner.id;
    departmentName = owner.name;
  });
  after(() => env.close());

  it('registers a camera by its national ID (type code kept), refuses bad and taken codes, changes with the version, disables', async () => {
    const code = nationalId(communityCode, '132', 1);
    const made = await countyOp.post<Device>('/api/devices', {
      code, name: '幸福小区东门摄像机', kind: 'camera', protocol: 'gb28181', regionCode: communityCode, gridId, lng: 111.69, lat: 29.03, address: '幸福路 1 号', departmentId, vendor: '海康威视', model: 'DS-2CD3T46',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.typeCode, '132');
    assert.equal(made.body.status, 'unknown');
    assert.equal(made.body.silenceSeconds, 300, 'the camera default');
    assert.match(made.body.departmentName ?? '', /城管局$/);

    const wrongType = await countyOp.post<ErrorBody>('/api/devices', { code: nationalId(communityCode, '118', 2), name: '错类型', kind: 'camera', protocol: 'gb28181', regionCode: communityCode });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.error.code, 'DEVICE_CODE_TYPE');
    const short = await countyOp.post<ErrorBody>('/api/devices', { code: '4307020013200001', name: '短码', kind: 'camera', protocol: 'gb28181', regionCode: communityCode });
    assert.equal(short.body.error.code, 'DEVICE_CODE_INVALID');
    assert.deepEqual(short.body.error.details?.fields, [{ field: 'code', code: 'DEVICE_CODE_INVALID' }]);
    const taken = await countyOp.post<ErrorBody>('/api/devices', { code, name: '重复', kind: 'camera', protocol: 'gb28181', regionCode: communityCode });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'DEVICE_CODE_TAKEN');
    const nvr = await countyOp.post<Device>('/api/devices', { code: nationalId(communityCode, '118', 3), name: '社区录像机', kind: 'nvr', protocol: 'gb28181', regionCode: communityCode });
    assert.equal(nvr.status, 201, JSON.stringify(nvr.body));

    const body = { code, name: '幸福小区东门枪机', kind: 'camera', protocol: 'gb28181', regionCode: communityCode, gridId, parentId: nvr.body.id, lng: 111.69, lat: 29.03, silenceSeconds: 120 };
    const changed = await countyOp.put<Device>(`/api/devices/${made.body.id}`, { ...body, version: 1 });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.version, 2);
    assert.equal(changed.body.parentId, nvr.body.id);
    assert.equal(changed.body.silenceSeconds, 120);
    const stale = await countyOp.put<ErrorBody>(`/api/devices/${made.body.id}`, { ...body, version: 1 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'DEVICE_VERSION_CONFLICT');
    const badParent = await countyOp.put<ErrorBody>(`/api/devices/${nvr.body.id}`, { code: nationalId(communityCode, '118', 3), name: '社区录像机', kind: 'nvr', protocol: 'gb28181', regionCode: communityCode, parentId: made.body.id, version: 1 });
    assert.equal(badParent.body.error.code, 'DEVICE_PARENT', 'a camera is no parent');

    const list = await countyOp.get<Page<Device>>(`/api/devices?kind=camera&q=${encodeURIComponent('东门')}`);
    assert.deepEqual(list.body.items.map((d) => d.id), [made.body.id]);
    const disabled = await countyOp.post<Device>(`/api/devices/${made.body.id}/disable`, { version: 2 });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    assert.equal(disabled.body.status, 'disabled');
    assert.equal(await markSeen(kit(), code, env.clock.now()), true);
    assert.equal((await countyOp.get<Device>(`/api/devices/${made.body.id}`)).body.status, 'disabled', 'a disabled device stays disabled on a sign of life');
    assert.equal(await count(sql`select count(*) as n from audit_log where action in ('device.create', 'device.update', 'device.disable') and object_id = ${made.body.id}`), 3);
  });

  it('scope: another community neither sees nor changes a community\'s devices; the map and its counts are scoped; grid workers see their grid', async () => {
    const mine = await communityOp.post<Device>('/api/devices', { code: 'SMOKE-A-0001', name: '社区甲烟感', kind: 'smoke_sensor', protocol: 'mqtt', regionCode: communityCode, gridId, lng: 111.691, lat: 29.031 });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const theirs = await otherCommunityOp.post<Device>('/api/devices', { code: 'SMOKE-B-0001', name: '社区乙烟感', kind: 'smoke_sensor', protocol: 'mqtt', regionCode: otherCommunityCode, gridId: otherGridId, lng: 111.72, lat: 29.05 });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const outside = await communityOp.post<ErrorBody>('/api/devices', { code: 'SMOKE-X-0001', name: '越界', kind: 'smoke_sensor', protocol: 'mqtt', regionCode: otherCommunityCode });
    assert.equal(outside.body.error.code, 'DEVICE_REGION');

    assert.equal((await otherCommunityOp.get(`/api/devices/${mine.body.id}`)).status, 404);
    assert.equal((await otherCommunityOp.put(`/api/devices/${mine.body.id}`, { code: 'SMOKE-A-0001', name: '改', kind: 'smoke_sensor', protocol: 'mqtt', regionCode: otherCommunityCode, version: 1 })).status, 404);
    assert.equal((await otherCommunityOp.post(`/api/devices/${mine.body.id}/disable`, { version: 1 })).status, 404);
    assert.equal((await otherCommunityOp.post(`/api/devices/${mine.body.id}/credentials`, {})).status, 404);
    const theirList = await otherCommunityOp.get<Page<Device>>('/api/devices?pageSize=200');
    assert.ok(!theirList.body.items.some((d) => d.id === mine.body.id));
    assert.ok(theirList.body.items.some((d) => d.id === theirs.body.id));

    await markSeen(kit(), 'SMOKE-A-0001', env.clock.now());
    const myLayer = await communityOp.get<DeviceLayer>('/api/devices/layer');
    assert.equal(myLayer.status, 200);
    assert.ok(myLayer.body.features.some((f) => f.properties.id === mine.body.id && f.properties.status === 'online'));
    assert.ok(!myLayer.body.features.some((f) => f.properties.id === theirs.body.id));
    const theirLayer = await otherCommunityOp.get<DeviceLayer>('/api/devices/layer');
    assert.ok(!theirLayer.body.features.some((f) => f.properties.id === mine.body.id));
    assert.equal(theirLayer.body.counts.online, 0, 'the other community counts none of ours online');
    const mineOnline = await count(sql`select count(*) as n from device where status = 'online' and region_code = ${communityCode}`);
    assert.equal(myLayer.body.counts.online, mineOnline);

    const gwList = await gw.get<Page<Device>>('/api/devices?pageSize=200');
    assert.equal(gwList.status, 200);
    assert.ok(gwList.body.items.length > 0 && gwList.body.items.every((d) => d.gridId === gridId), 'a grid worker sees the devices of their grid only');
    assert.equal((await gw.get(`/api/devices/${theirs.body.id}`)).status, 404);
    assert.equal((await gw.post('/api/devices', { code: 'GW-0001', name: '网格员登记', kind: 'smoke_sensor', protocol: 'mqtt', regionCode: communityCode })).status, 403);
    assert.equal((await gw.post(`/api/devices/${mine.body.id}/credentials`, {})).status, 403);
  });

  it('imports devices from xlsx through the import kit: good rows stored, bad rows reported with their reason; a bad file stores nothing', async () => {
    const before = await count(sql`select count(*) as n from device`);
    const garbage = await upload<ErrorBody>(env, countyOp, '设备.xlsx', Buffer.from('not a workbook at all'), 'device');
    assert.equal(garbage.status, 400, JSON.stringify(garbage.body));
    assert.equal(await count(sql`select count(*) as n from device`), before, 'a bad file stores nothing');

    const file = await xlsxFile([
      ['设备编码', '设备名称', '设备类型', '接入协议', '区划代码', '经度', '纬度', '安装地址', '责任部门'],
      [nationalId(communityCode, '132', 101), '导入摄像机一', '摄像机', 'gb28181', communityCode, '111.7', '29.04', '导入路 1 号', departmentName],
      ['LIGHT-IMP-01', '导入路灯一', '智慧路灯', 'mqtt', communityCode, '111.71', '29.041', null, null],
      [nationalId(communityCode, '118', 102), '类型不符', '摄像机', 'gb28181', communityCode, null, null, null, null],
      ['LIGHT-IMP-02', '越界路灯', '智慧路灯', 'mqtt', '110101001001', null, null, null, null],
      ['LIGHT-IMP-03', '怪类型', '飞碟', 'mqtt', communityCode, null, null, null, null],
    ]);
    const uploaded = await upload<{ id: string; mapping: unknown }>(env, countyOp, '设备.xlsx', file, 'device');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await countyOp.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    const done = await countyOp.get<{ status: string; createdRows: number; failedRows: number }>(`/api/imports/${uploaded.body.id}`);
    assert.equal(done.body.status, 'done', JSON.stringify(done.body));
    const report = await download(env, countyOp, `/api/imports/${uploaded.body.id}/errors`);
    assert.equal(report.status, 200);
    assert.deepEqual(await reportLines(report.body), [
      [nationalId(communityCode, '118', 102), '设备编码:DEVICE_CODE_TYPE'],
      ['LIGHT-IMP-02', '区划代码:DEVICE_REGION'],
      ['LIGHT-IMP-03', '设备类型:IMPORT_CELL_INVALID'],
    ]);
    assert.deepEqual([done.body.createdRows, done.body.failedRows], [2, 3]);
    const imported = await countyOp.get<Page<Device>>(`/api/devices?q=${encodeURIComponent('导入')}`);
    assert.deepEqual(imported.body.items.map((d) => [d.name, d.typeCode, d.departmentName]).sort(), [['导入摄像机一', '132', departmentName], ['导入路灯一', null, null]]);
    assert.equal((await upload(env, gw, '设备.xlsx', file, 'device')).status, 403, 'a grid worker does not import devices');
  });

  it('credentials: the secret is shown once; the time-bound password is accepted within ±5 minutes and refused past it; rotation revokes the old secret', async () => {
    const code = 'LIGHT-MQTT-0001';
    const made = await countyOp.post<Device>('/api/devices', { code, name: '智慧路灯一号', kind: 'street_light', protocol: 'mqtt', regionCode: communityCode, gridId, lng: 111.695, lat: 29.035 });
    assert.equal(made.status, 201);
    assert.equal(made.body.hasSecret, false);
    const issued = await countyOp.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`, {});
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const secret = issued.body.secret;
    assert.ok(secret.length >= 32);
    const read = await countyOp.get<Device>(`/api/devices/${made.body.id}`);
    assert.equal(read.body.hasSecret, true);
    assert.ok(!JSON.stringify(read.body).includes(secret), 'never shown again');
    assert.ok(!JSON.stringify((await countyOp.get('/api/devices?pageSize=200')).body).includes(secret));
    const [stored] = await rows<{ cipher: Buffer }>(db(), sql`select secret_cipher as cipher from device where id = ${made.body.id}`);
    assert.ok(!Buffer.from(stored!.cipher).toString('latin1').includes(secret), 'kept as ciphertext');

    const now = env.clock.now();
    const at = (offsetMs: number) => {
      const ts = now.getTime() + offsetMs;
      return verifyDevicePassword(kit(), code, `${code}&${ts}`, signDevicePassword(secret, code, ts), now);
    };
    assert.equal(await at(0), true);
    assert.equal(await at(-PASSWORD_WINDOW_MS), true, 'exactly five minutes old: accepted');
    assert.equal(await at(PASSWORD_WINDOW_MS), true, 'five minutes ahead: accepted');
    assert.equal(await at(-PASSWORD_WINDOW_MS - 1), false, 'one millisecond past the window: refused');
    assert.equal(await at(PASSWORD_WINDOW_MS + 1), false);
    const ts = now.getTime();
    assert.equal(await verifyDevicePassword(kit(), code, `${code}&${ts}`, signDevicePassword('wrong', code, ts), now), false);
    assert.equal(await verifyDevicePassword(kit(), code, `OTHER&${ts}`, signDevicePassword(secret, code, ts), now), false, 'the username names the device');
    assert.equal(await verifyDevicePassword(kit(), code, code, secret, now), true, 'the plain form');
    assert.equal(await verifyDevicePassword(kit(), code, code, `${secret}x`, now), false);

    const rotated = await countyOp.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`, {});
    assert.notEqual(rotated.body.secret, secret);
    assert.equal(await verifyDevicePassword(kit(), code, code, secret, now), false, 'the old secret stops at once');
    assert.equal(await verifyDevicePassword(kit(), code, code, rotated.body.secret, now), true);
    assert.equal(await count(sql`select count(*) as n from audit_log where action = 'device.credentials' and object_id = ${made.body.id}`), 2);
    assert.deepEqual(await mqttAuthenticator(kit()).authenticate(code, code, rotated.body.secret), { code, kind: 'street_light' }, 'the broker\'s authenticator');
    assert.equal(await mqttAuthenticator(kit()).authenticate('OTHER-0001', code, rotated.body.secret), null, 'the client id is the device');

    // A GB/T 28181 NVR's secret is its Digest password (the registrar's CredentialStore).
    const nvr = (await countyOp.get<Page<Device>>('/api/devices?kind=nvr')).body.items[0]!;
    assert.equal(await digestCredentials(kit()).passwordFor(nvr.code), null, 'no secret yet');
    const sip = await countyOp.post<DeviceSecret>(`/api/devices/${nvr.id}/credentials`, {});
    assert.equal(sip.status, 201);
    assert.equal(await digestCredentials(kit()).passwordFor(nvr.code), sip.body.secret);
    assert.equal(await digestCredentials(kit()).passwordFor('UNKNOWN'), null);
    assert.deepEqual(await viidCredentials(kit()).secretOf(nvr.code), { password: sip.body.secret }, 'GA/T 1400 Register');
    assert.equal(await viidCredentials(kit()).secretOf('UNKNOWN'), null);
  });

  it('health: silent past its allowance a device goes offline and its owner department is told once per outage; a sign of life brings it back', async () => {
    const code = 'WATER-0001';
    const made = await countyOp.post<Device>('/api/devices', { code, name: '下穿通道水浸', kind: 'water_sensor', protocol: 'mqtt', regionCode: communityCode, gridId, departmentId, silenceSeconds: 600, lng: 111.7, lat: 29.03 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const notices = () => count(sql`select count(*) as n from notification where kind = 'device.offline' and subject_id = ${made.body.id}`);
    await sweepOffline(kit());
    assert.equal(await status(made.body.id), 'unknown', 'never seen: not offline');

    await markSeen(kit(), code, env.clock.now());
    assert.equal(await status(made.body.id), 'online');
    env.clock.advance(600_000);
    await sweepOffline(kit());
    assert.equal(await status(made.body.id), 'online', 'at the allowance: still online');
    env.clock.advance(61_000);
    await env.rt.jobs.runDue();
    assert.equal(await status(made.body.id), 'offline', 'the recurring job marked it');
    const handlers = await count(sql`select count(*) as n from department_member where department_id = ${departmentId}`);
    assert.ok(handlers > 0);
    assert.equal(await notices(), handlers, 'each member of the owner department told once');
    env.clock.advance(3_600_000);
    await sweepOffline(kit());
    assert.equal(await notices(), handlers, 'one notice per outage');

    await markSeen(kit(), code, env.clock.now());
    assert.equal(await status(made.body.id), 'online');
    env.clock.advance(700_000);
    await sweepOffline(kit());
    assert.equal(await notices(), handlers * 2, 'a new outage, a new notice');
    assert.equal(await markSeen(kit(), 'NOBODY-0001', env.clock.now()), false);

    // The GB/T 28181 registrar's sink: a registration is a sign of life, an expiry an outage told once.
    const sink = gb28181Sink(kit());
    await sink.registered(code, { uri: `sip:${code}@127.0.0.1:5060`, address: '127.0.0.1', port: 5060, transport: 'udp', expiresAt: new Date(env.clock.now().getTime() + 3_600_000) }, 'udp');
    assert.equal(await status(made.body.id), 'online');
    await sink.offline(code, env.clock.now(), 'keepalive_timeout');
    await sink.offline(code, env.clock.now(), 'registration_expired');
    assert.equal(await status(made.body.id), 'offline');
    assert.equal(await notices(), handlers * 3, 'one more outage, one more notice');
    await sink.online(code, env.clock.now());
    assert.equal(await status(made.body.id), 'online');
  });

  it('a GB/T 28181 catalog: channels become devices under their NVR with their kind from the type code; the dashboard counts match the recount', async () => {
    countyOp = await env.login('county_op');
    const nvrCode = nationalId(communityCode, '118', 500);
    const nvr = await countyOp.post<Device>('/api/devices', { code: nvrCode, name: '小区录像机', kind: 'nvr', protocol: 'gb28181', regionCode: communityCode, gridId, departmentId });
    assert.equal(nvr.status, 201);
    assert.equal(await upsertCatalog(kit(), 'UNKNOWN', []), null);
    const cam1 = nationalId(communityCode, '131', 501);
    const cam2 = nationalId(communityCode, '132', 502);
    const group = nationalId(communityCode, '215', 503);
    const result = await upsertCatalog(kit(), nvrCode, [
      { DeviceID: cam1, Name: '大门', Manufacturer: 'Hikvision', Model: 'DS-2', CivilCode: communityCode.slice(0, 6), Longitude: '111.6931', Latitude: '29.0312', Status: 'ON', ParentID: nvrCode },
      { DeviceID: cam2, Name: '车库', Status: 'OFF', ParentID: nvrCode },
      { DeviceID: group, Name: '业务分组', ParentID: nvrCode },
    ]);
    assert.deepEqual(result, { created: 2, updated: 0, skipped: [group] });
    const under = await countyOp.get<Page<Device>>(`/api/devices?q=${cam1.slice(10)}`);
    const [c1] = under.body.items;
    assert.equal(c1?.kind, 'camera');
    assert.equal(c1?.parentId, nvr.body.id);
    assert.equal(c1?.status, 'online');
    assert.equal(c1?.lng, 111.6931);
    assert.equal(c1?.regionCode, communityCode, 'a CivilCode above the parent keeps the parent\'s region');
    const again = await upsertCatalog(kit(), nvrCode, [{ DeviceID: cam1, Name: '大门（改）', Status: 'OFF' }]);
    assert.deepEqual(again, { created: 0, updated: 1, skipped: [] });
    assert.equal((await countyOp.get<Device>(`/api/devices/${c1!.id}`)).body.status, 'offline');
    assert.equal((await countyOp.get<Device>(`/api/devices/${nvr.body.id}`)).body.status, 'online', 'a catalog is a sign of life of its sender');

    // A lower platform's catalog nests its NVRs: the channels hang under the NVR their ParentID names, listed before or after it.
    const platformCode = nationalId(communityCode, '200', 600);
    const platform = await countyOp.post<Device>('/api/devices', { code: platformCode, name: '街道视频平台', kind: 'video_platform', protocol: 'gb28181', regionCode: communityCode });
    assert.equal(platform.status, 201, JSON.stringify(platform.body));
    const lowerNvr = nationalId(communityCode, '118', 601);
    const channel = nationalId(communityCode, '132', 602);
    assert.deepEqual(await upsertCatalog(kit(), platformCode, [
      { DeviceID: channel, Name: '通道一', Status: 'ON', ParentID: lowerNvr },
      { DeviceID: lowerNvr, Name: '下级录像机', Status: 'ON', ParentID: platformCode },
      { DeviceID: cam2, Name: '抢别人的', Status: 'ON', ParentID: platformCode },
    ]), { created: 2, updated: 0, skipped: [cam2] }, 'a channel of another sender is not moved');
    const parents = await rows<{ code: string; parent: string }>(db(), sql`select d.code, p.code as parent from device d join device p on p.id = d.parent_id where d.code in (${lowerNvr}, ${channel})`);
    assert.deepEqual(Object.fromEntries(parents.map((p) => [p.code, p.parent])), { [lowerNvr]: platformCode, [channel]: lowerNvr });

    const mine = env.rt.kit.registry.metrics.filter((m) => m.name.startsWith('devices.'));
    assert.equal(mine.length, 2);
    await foldMetrics(db(), env.rt.kit.registry.metrics);
    const mismatches = await compareWithRecount(db(), mine);
    assert.deepEqual(mismatches, []);
  });

  it('the demo: every kind in the county, each inside its grid, some offline; the counts match the recount', async () => {
    const countyGrids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(countyCode.slice(0, 6))).map((g) => ({ ...g, id: env.gridId(g.code) }));
    const seeded = await seedDemoDevices(env.rt.kit, countyCode, countyGrids, 6);
    assert.ok(seeded.devices >= 40 && seeded.offline > 0, JSON.stringify(seeded));
    const made = await rows<{ kind: string; grid_id: string | null; lng: number | null; lat: number | null }>(db(), sql`select kind, grid_id, lng, lat from device where id in (${sql.join(seeded.ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    assert.deepEqual([...new Set(made.map((d) => d.kind))].sort(), [...DEVICE_KINDS].sort());
    const placed = made.filter((d): d is { kind: string; grid_id: string; lng: number; lat: number } => d.grid_id !== null && d.lng !== null && d.lat !== null);
    assert.ok(placed.length >= seeded.devices - 1);
    const boundaries = new Map(countyGrids.map((g) => [g.id, g.boundary.coordinates]));
    const outside = placed.filter((p) => !boundaries.has(p.grid_id) || !pointInPolygon(p.lng, p.lat, boundaries.get(p.grid_id)!));
    assert.deepEqual(outside, []);
    await foldMetrics(db(), env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(db(), env.rt.kit.registry.metrics.filter((m) => m.name.startsWith('devices.'))), []);
  });
});
