/**
 * Camera fields and video coverage through the app: a camera's field of view and a gate's
 * compound on the device (checked: both or neither, within the device's region); coverage on a
 * hand-made layout (a 40 m street, a camera at its start looking along it 20 m: half covered, per
 * street and in its grid); scope (another grid's worker sees nothing of it, only offline-free
 * cameras with `onlineOnly`); and the county's answer timed with a few thousand cameras (logged,
 * not asserted).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Coverage, Device } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { interiorPoint, pointInPolygon } from '../../platform/geo/polygon.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, reportLines, upload, xlsxFile } from '../imports/test-kit.js';
import { seedDemoDevices } from './demo.js';
import { device } from './tables.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}

const nationalId = (regionCode: string, type: string, serial: number) => `${regionCode.slice(0, 8)}00${type}0${String(serial).padStart(6, '0')}`;
const dLng = (m: number, lat: number) => m / (111_320 * Math.cos((lat * Math.PI) / 180));
const close = (actual: number, expected: number, tolerance: number, what: string) => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≉ ${expected}`);

describe('devices: camera fields and video coverage (视频覆盖)', () => {
  let env: TestEnv;
  let countyOp: Client;
  let gw1: Client;
  let gw2: Client;
  let countyCode: string;
  let grid: { id: string; code: string; regionCode: string; boundary: { coordinates: number[][][] } };
  let otherGridId: string;
  const db = () => env.rt.database.db;

  before(async () => {
    env = await startTestEnv({ registers: true });
    countyOp = await env.login('county_op');
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const w1 = env.seed.accounts.find((a) => a.username === 'gw1')!;
    const w2 = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode !== w1.gridCode && a.scopeRegionCode!.startsWith(countyCode.slice(0, 6)))!;
    gw1 = await env.login('gw1');
    gw2 = await env.login(w2.username);
    const g = env.seed.city.grids.find((c) => c.code === w1.gridCode)!;
    grid = { id: env.gridId(g.code), code: g.code, regionCode: g.regionCode, boundary: g.boundary };
    otherGridId = env.gridId(w2.gridCode!);
  });
  after(() => env.close());

  it('keeps a camera\'s field of view and a gate\'s compound, checked', async () => {
    const [x, y] = interiorPoint(grid.boundary.coordinates);
    const base = { name: '视角摄像机', kind: 'camera', protocol: 'gb28181', regionCode: grid.regionCode, gridId: grid.id, lng: x, lat: y };
    const made = await countyOp.post<Device>('/api/devices', { ...base, code: nationalId(grid.regionCode, '132', 901), heading: 135, fovDeg: 70, rangeM: 60 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.heading, made.body.fovDeg, made.body.rangeM, made.body.compoundType], [135, 70, 60, null]);
    const tooFar = await countyOp.post<ErrorBody>('/api/devices', { ...base, code: nationalId(grid.regionCode, '132', 902), rangeM: 800 });
    assert.equal(tooFar.status, 400);
    const halfCompound = await countyOp.post<ErrorBody>('/api/devices', { ...base, code: nationalId(grid.regionCode, '132', 903), compoundType: 'building' });
    assert.equal(halfCompound.status, 400);
    assert.deepEqual(halfCompound.body.error.details?.fields, [{ field: 'compoundId', code: 'DEVICE_COMPOUND' }]);

    const [home] = await rows<{ id: string; name: string }>(db(), sql`select id, name from building where region_code = ${grid.regionCode} and deleted_at is null order by name limit 1`);
    const [away] = await rows<{ id: string }>(db(), sql`select id from building where region_code <> ${grid.regionCode} and deleted_at is null order by name limit 1`);
    assert.ok(home && away, 'the demo registers hold buildings');
    const gate = { name: '小区人脸门禁', kind: 'access_gate', protocol: 'gat1400', regionCode: grid.regionCode, gridId: grid.id };
    const elsewhere = await countyOp.post<ErrorBody>('/api/devices', { ...gate, code: 'GATE-COV-1', compoundType: 'building', compoundId: away.id });
    assert.equal(elsewhere.status, 400, 'a compound outside the device\'s region');
    assert.equal(elsewhere.body.error.details?.fields?.[0]?.code, 'DEVICE_COMPOUND');
    const unknown = await countyOp.post<ErrorBody>('/api/devices', { ...gate, code: 'GATE-COV-1', compoundType: 'venue', compoundId: home.id });
    assert.equal(unknown.status, 400, 'a building id given as a venue is no compound');
    const kept = await countyOp.post<Device>('/api/devices', { ...gate, code: 'GATE-COV-1', compoundType: 'building', compoundId: home.id });
    assert.equal(kept.status, 201, JSON.stringify(kept.body));
    assert.deepEqual([kept.body.compoundType, kept.body.compoundId, kept.body.compoundName], ['building', home.id, home.name]);
    const changed = await countyOp.put<Device>(`/api/devices/${made.body.id}`, { ...base, code: made.body.code, heading: 10, fovDeg: 360, rangeM: 30, version: made.body.version });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.heading, changed.body.fovDeg, changed.body.rangeM], [10, 360, 30]);
    // Out of the way for the coverage below.
    assert.equal((await countyOp.post(`/api/devices/${made.body.id}/disable`, { version: changed.body.version })).status, 200);
  });

  it('imports the field of view from 朝向/视角/视距 columns, refusing a range out of bounds', async () => {
    const file = await xlsxFile([
      ['设备编码', '设备名称', '设备类型', '接入协议', '区划代码', '经度', '纬度', '朝向', '视角', '视距'],
      [nationalId(grid.regionCode, '132', 921), '导入视角摄像机', '摄像机', 'gb28181', grid.regionCode, '111.7', '29.04', '270°', '75', '80米'],
      [nationalId(grid.regionCode, '132', 922), '视距过远', '摄像机', 'gb28181', grid.regionCode, '111.7', '29.04', '90', '60', '800'],
    ]);
    const uploaded = await upload<{ id: string; mapping: unknown }>(env, countyOp, '设备.xlsx', file, 'device');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal((await countyOp.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
    const done = await countyOp.get<{ status: string; createdRows: number; failedRows: number }>(`/api/imports/${uploaded.body.id}`);
    assert.deepEqual([done.body.status, done.body.createdRows, done.body.failedRows], ['done', 1, 1]);
    const report = await download(env, countyOp, `/api/imports/${uploaded.body.id}/errors`);
    assert.deepEqual((await reportLines(report.body)).map((line) => line[1]), ['视距:IMPORT_CELL_INVALID']);
    const [made] = await rows<{ heading: number; fov_deg: number; range_m: number }>(db(), sql`select heading, fov_deg, range_m from device where code = ${nationalId(grid.regionCode, '132', 921)}`);
    assert.deepEqual([made?.heading, made?.fov_deg, made?.range_m], [270, 75, 80]);
  });

  it('finds a street half covered by a camera looking along it, in its street and its grid; another grid\'s worker sees none of it', async () => {
    const [x, y] = interiorPoint(grid.boundary.coordinates);
    const end: [number, number] = [x + dLng(40, y), y];
    assert.ok(pointInPolygon(end[0], end[1], grid.boundary.coordinates), 'the street lies in the grid');
    const baseline = await gw1.get<Coverage>('/api/devices/coverage');
    assert.equal(baseline.status, 200, JSON.stringify(baseline.body));
    assert.deepEqual(baseline.body.grids.map((g) => g.gridId), [grid.id], 'a grid worker: his grid only');
    const roadBefore = baseline.body.grids[0]!.roadM;
    const streetId = randomUUID();
    await rows(db(), sql`insert into street (id, name, kind, region_code, line, min_lon, min_lat, max_lon, max_lat, created_at)
      values (${streetId}, '测试巷', 'minor', ${grid.regionCode}, ${JSON.stringify({ type: 'LineString', coordinates: [[x, y], end] })}::jsonb, ${x}, ${y}, ${end[0]}, ${y}, now())`);

    const before = await gw1.get<Coverage>('/api/devices/coverage');
    close(before.body.grids[0]!.roadM, roadBefore + 40, 1, 'the new street counts for the grid');
    assert.equal(before.body.segments.features.find((f) => f.properties.id === streetId)?.properties.covered, 0);

    const cam = await countyOp.post<Device>('/api/devices', {
      code: nationalId(grid.regionCode, '132', 911), name: '测试巷摄像机', kind: 'camera', protocol: 'gb28181', regionCode: grid.regionCode, gridId: grid.id,
      lng: x, lat: y, heading: 90, fovDeg: 10, rangeM: 20,
    });
    assert.equal(cam.status, 201, JSON.stringify(cam.body));
    // A street light without a heading is no camera; with none of the three a camera counts as "without view".
    assert.equal((await countyOp.post('/api/devices', { code: 'SL-COV-1', name: '测试巷路灯', kind: 'street_light', protocol: 'mqtt', regionCode: grid.regionCode, gridId: grid.id, lng: x, lat: y })).status, 201);
    assert.equal((await countyOp.post('/api/devices', { code: nationalId(grid.regionCode, '132', 912), name: '无视角摄像机', kind: 'camera', protocol: 'gb28181', regionCode: grid.regionCode, gridId: grid.id, lng: x, lat: y })).status, 201);

    const county = await countyOp.get<Coverage>('/api/devices/coverage');
    assert.equal(county.status, 200, JSON.stringify(county.body));
    const sector = county.body.sectors.features.find((f) => f.properties.id === cam.body.id);
    assert.ok(sector, 'the camera as a sector');
    close(sector.geometry.coordinates[0]![0]![0], x, 1e-6, 'its apex at the camera');
    const segment = county.body.segments.features.find((f) => f.properties.id === streetId)!;
    close(segment.properties.lengthM, 40, 0.5, 'street length');
    close(segment.properties.covered, 0.5, 0.01, 'street share');
    assert.equal(county.body.coveredParts.features.find((f) => f.properties.id === streetId)?.geometry.coordinates.length, 1);
    const row = county.body.grids.find((g) => g.gridId === grid.id)!;
    close(row.roadM, roadBefore + 40, 1, 'grid roads');
    close(row.coveredM, 20, 0.5, 'grid covered');
    assert.equal(row.cameras, 1);
    assert.equal(row.camerasWithoutView, 1);
    const shares = county.body.grids.map((g) => g.share ?? 2);
    assert.deepEqual(shares, [...shares].sort((a, b) => a - b), 'worst first');
    assert.ok(county.body.grids.length > 1 && county.body.totals.streets > 1);

    const own = await gw1.get<Coverage>('/api/devices/coverage');
    assert.ok(own.body.sectors.features.some((f) => f.properties.id === cam.body.id), 'the grid\'s own worker sees its camera');
    close(own.body.grids[0]!.coveredM, 20, 0.5, 'the worker\'s grid covered');

    const other = await gw2.get<Coverage>('/api/devices/coverage');
    assert.equal(other.status, 200);
    assert.ok(!other.body.sectors.features.some((f) => f.properties.id === cam.body.id), 'another grid\'s worker: not the camera');
    assert.deepEqual(other.body.grids.map((g) => g.gridId), [otherGridId], 'another grid\'s worker: his grid only');
    assert.ok(!JSON.stringify(other.body).includes('测试巷摄像机'));
    assert.equal(other.body.segments.features.find((f) => f.properties.id === streetId)?.properties.covered ?? 0, 0, 'nor its coverage');
    assert.equal((await gw1.get('/api/devices/coverage?gridId=' + otherGridId)).status, 404, 'another grid asked for by id: not found');

    const online = await countyOp.get<Coverage>('/api/devices/coverage?onlineOnly=true');
    assert.ok(!online.body.sectors.features.some((f) => f.properties.id === cam.body.id), 'a camera never seen is left out of the live view');
    const one = await countyOp.get<Coverage>(`/api/devices/coverage?gridId=${grid.id}`);
    assert.deepEqual(one.body.grids.map((g) => g.gridId), [grid.id]);
    close(one.body.grids[0]!.coveredM, 20, 0.5, 'one grid');

    const [audited] = await rows<{ n: string }>(db(), sql`select count(*) as n from audit_log where action = 'device.coverage'`);
    assert.ok(Number(audited!.n) >= 5, 'every answer audited');
    assert.equal((await env.client().get('/api/devices/coverage')).status, 401);
  });

  it('the demo cameras cover stretches of their streets and leave blind spots', async () => {
    const countyGrids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(countyCode.slice(0, 6))).map((g) => ({ ...g, id: env.gridId(g.code) }));
    await seedDemoDevices(env.rt.kit, countyCode, countyGrids, 6);
    const answer = await countyOp.get<Coverage>('/api/devices/coverage');
    const demo = new Set(countyGrids.slice(0, 6).map((g) => g.id));
    const rows = answer.body.grids.filter((g) => demo.has(g.gridId) && g.gridId !== grid.id);
    assert.ok(rows.length >= 4 && rows.every((g) => g.cameras >= 2), JSON.stringify(rows));
    assert.ok(rows.every((g) => g.share !== null && g.share > 0 && g.share < 0.6), `partly covered: ${rows.map((g) => g.share).join(', ')}`);
    assert.ok(answer.body.grids.some((g) => g.share === 0), 'grids without cameras are blind');
    assert.equal(answer.body.grids[0]!.share, 0, 'the blind ones first');
  });

  it('answers for the county with a few thousand cameras (timed, not asserted)', async () => {
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(countyCode.slice(0, 6)));
    const now = new Date();
    let serial = 0;
    let seed = 11;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
    const values: (typeof device.$inferInsert)[] = [];
    for (let i = 0; i < 3000; i++) {
      const g = grids[i % grids.length]!;
      const [x, y] = interiorPoint(g.boundary.coordinates);
      values.push({
        id: randomUUID(), code: `BULK-CAM-${serial++}`, typeCode: null, name: `批量摄像机${i}`, kind: 'camera', protocol: 'gb28181', regionCode: g.regionCode, gridId: env.gridId(g.code),
        lng: x + (random() - 0.5) * 0.004, lat: y + (random() - 0.5) * 0.004, heading: random() * 360, fovDeg: 40 + random() * 80, rangeM: 30 + random() * 120,
        status: 'online', lastSeenAt: now, silenceSeconds: 300, version: 1, createdAt: now, updatedAt: now,
      });
    }
    for (let i = 0; i < values.length; i += 500) await db().insert(device).values(values.slice(i, i + 500));
    await countyOp.get<Coverage>('/api/devices/coverage');
    const started = performance.now();
    const answer = await countyOp.get<Coverage>('/api/devices/coverage');
    const took = performance.now() - started;
    assert.equal(answer.status, 200);
    const t = answer.body.totals;
    console.log(`coverage (county, through HTTP): ${t.cameras} cameras, ${t.streets} streets (${(t.roadM / 1000).toFixed(1)} km), ${answer.body.grids.length} grids in ${took.toFixed(0)} ms; ${((t.share ?? 0) * 100).toFixed(1)} % covered`);
    assert.ok(t.cameras >= 3000);
  });
});
