import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { idCheckChar, type Reservation, type ReservationReceipt, type SupplyDrive } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { DEFAULT_ADMISSION } from '../../platform/http/admission-limits.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { driveBody } from './scope-kit.js';

/** The n-th test person: a valid ID number (GB 11643, with `withCheck`), a phone. */
const person = (n: number) => ({ name: `居民${n}`, idNumber: `43070219${String(70 + (n % 30))}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`, phone: `139${String(n).padStart(8, '0')}` });
const withCheck = (p: ReturnType<typeof person>) => ({ ...p, idNumber: p.idNumber + idCheckChar(p.idNumber) });

describe('supplies reservation (口罩预约)', () => {
  let env: TestEnv;
  let township: Client;
  let community: Client;
  let worker: Client;
  let otherWorker: Client;
  let anyone: Client;
  let communityCode: string;

  before(async () => {
    // Days pass in these tests: sessions outlive them. A thousand requests at once: admission
    // control (tested on its own) is off, so every one of them reaches the reservation writer.
    env = await startTestEnv({ config: { reservationsPerIp: 0, sessionIdleMinutes: 14 * 24 * 60, sessionAbsoluteHours: 14 * 24, admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } } });
    [township, community, worker] = await Promise.all([env.login('township_op'), env.login('community_op'), env.login('gw1')]);
    communityCode = env.seed.city.grids[0]!.regionCode;
    const other = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode && !env.seed.city.grids.find((g) => g.code === a.gridCode)?.regionCode.startsWith(communityCode.slice(0, 9)));
    otherWorker = await env.login(other!.username);
    anyone = env.client();
  });
  after(() => env.close());

  let drive: SupplyDrive;
  const reserve = (p: { name: string; idNumber: string; phone: string }, pointId = drive.points[0]!.id) =>
    anyone.post<ReservationReceipt & { error?: { code: string; details?: { fields?: { field: string }[] } } }>('/api/public/reservations', { driveId: drive.id, pointId, ...p });

  it('a drive is drafted with its points, opened, and shown on the portal with what is left', async () => {
    const made = await township.post<SupplyDrive>('/api/supply-drives', { ...driveBody(communityCode, env.clock.now(), '人民路药店', 3), points: [...driveBody(communityCode, env.clock.now(), '人民路药店', 3).points, { name: '社区服务中心', address: '建设路8号', regionCode: communityCode, hours: '9:00-16:00', stock: 2 }] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.status, made.body.totals.stock, made.body.actions], ['draft', 5, ['open', 'cancel']]);
    // Not on the portal before it opens; a point outside the drive's region is refused.
    assert.deepEqual((await anyone.get<{ items: unknown[] }>(`/api/public/supply-drives?region=${communityCode}`)).body.items, []);
    const far = driveBody(communityCode, env.clock.now());
    far.points[0]!.regionCode = '110101001001';
    assert.equal((await township.post<{ error: { code: string } }>('/api/supply-drives', far)).body.error.code, 'VALIDATION_FAILED');

    const opened = await township.post<SupplyDrive>(`/api/supply-drives/${made.body.id}/open`, { version: 1 });
    assert.equal(opened.body.status, 'open');
    drive = opened.body;
    const shown = await anyone.get<{ items: { id: string; points: { name: string; left: number }[] }[] }>(`/api/public/supply-drives?region=${communityCode}`);
    assert.deepEqual(shown.body.items.map((d) => [d.id, d.points.map((p) => `${p.name}:${p.left}`).join(',')]), [[drive.id, '人民路药店:3,社区服务中心:2']]);
  });

  it('reserves once per ID number per drive, within the window, never past the stock', async () => {
    // Opens an hour after it was drafted.
    const early = await reserve(withCheck(person(1)));
    assert.equal(early.body.error?.code, 'RESERVATION_NOT_OPEN', JSON.stringify(early.body));
    env.clock.advance(61 * 60_000);
    const first = await reserve(withCheck(person(1)));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.match(first.body.pickupCode, /^\d{8}$/);
    assert.equal(first.body.quantity, 5);
    assert.ok(first.body.idNumberMasked.includes('*'));
    // The pickup code goes to the phone by SMS, through the outbox.
    const sms = await rows<{ kind: string; params: { code: string } }>(env.rt.database.db, sql`select kind, params from outbox where kind = 'reservation.reserved'`);
    assert.deepEqual(sms.map((m) => m.params.code), [first.body.pickupCode]);
    // The same person at the other point, or with another phone: refused.
    assert.equal((await reserve({ ...withCheck(person(1)), phone: '13900000999' }, drive.points[1]!.id)).body.error?.code, 'RESERVATION_DUPLICATE');
    const bad = await reserve({ ...withCheck(person(2)), idNumber: '430702199001011235' });
    assert.deepEqual([bad.status, bad.body.error?.code, bad.body.error?.details?.fields?.map((f) => f.field)], [400, 'VALIDATION_FAILED', ['idNumber']]);
    assert.equal((await reserve(withCheck(person(2)))).status, 201);
    assert.equal((await reserve(withCheck(person(3)))).status, 201);
    assert.equal((await reserve(withCheck(person(4)))).body.error?.code, 'RESERVATION_SOLD_OUT');
    const [point] = await rows<{ reserved: number; n: number }>(env.rt.database.db, sql`select p.reserved, (select count(*)::int from supply_reservation r where r.point_id = p.id) as n from supply_point p where p.id = ${drive.points[0]!.id}`);
    assert.deepEqual(point, { reserved: 3, n: 3 });
    // Each reservation is audited, with the ID number masked.
    const audits = await rows<{ details: { idNumber: string } }>(env.rt.database.db, sql`select details from audit_log where action = 'reservation.create'`);
    assert.equal(audits.length, 3);
    assert.ok(audits.every((a) => a.details.idNumber.includes('*')));
  });

  it('finds a lost code by ID number and phone, both matching', async () => {
    const found = await anyone.post<ReservationReceipt>('/api/public/reservations/lookup', { driveId: drive.id, idNumber: withCheck(person(1)).idNumber, phone: person(1).phone });
    assert.equal(found.status, 200);
    const again = await anyone.post<{ error: { code: string } }>('/api/public/reservations/lookup', { driveId: drive.id, idNumber: withCheck(person(1)).idNumber, phone: '13900000999' });
    assert.deepEqual([again.status, again.body.error.code], [404, 'RESERVATION_NOT_FOUND']);
  });

  it('staff confirm pickups by code at their points only, once, within the pickup window', async () => {
    const code = (await anyone.post<ReservationReceipt>('/api/public/reservations/lookup', { driveId: drive.id, idNumber: withCheck(person(1)).idNumber, phone: person(1).phone })).body.pickupCode;
    // The pickup window opens an hour after reserving opened.
    assert.equal((await worker.post<{ error: { code: string } }>(`/api/supply-drives/${drive.id}/pickups`, { code })).body.error.code, 'RESERVATION_PICKUP_WINDOW');
    env.clock.advance(60 * 60_000);
    // A grid worker of another community does not see the drive at all.
    assert.equal((await otherWorker.post(`/api/supply-drives/${drive.id}/pickups`, { code })).status, 404);
    assert.equal((await worker.post<{ error: { code: string } }>(`/api/supply-drives/${drive.id}/pickups`, { code: '00000000' })).body.error.code, 'RESERVATION_CODE_UNKNOWN');
    const done = await worker.post<Reservation>(`/api/supply-drives/${drive.id}/pickups`, { code });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.status, done.body.name], ['picked_up', '居**']);
    assert.equal((await community.post<{ error: { code: string } }>(`/api/supply-drives/${drive.id}/pickups`, { code })).body.error.code, 'RESERVATION_PICKED_UP');
    // Staff lists never carry the pickup codes.
    const list = await worker.get<{ items: Reservation[]; total: number }>(`/api/supply-drives/${drive.id}/reservations`);
    assert.equal(list.body.total, 3);
    assert.ok(!JSON.stringify(list.body).includes(code));
    // Grid workers may not run drives.
    assert.equal((await worker.post(`/api/supply-drives/${drive.id}/close`, { version: 2 })).status, 403);
  });

  it('releases what was not collected when the pickup window ends, once, audited', async () => {
    env.clock.advance(48 * 3_600_000);
    // Every due timer (the platform's daily ones too) until none is left.
    while ((await env.rt.jobs.runDue(50)) > 0);
    const ended = await township.get<SupplyDrive>(`/api/supply-drives/${drive.id}`);
    assert.equal(ended.body.status, 'ended');
    assert.deepEqual(ended.body.totals, { stock: 5, reserved: 1, pickedUp: 1, released: 2 });
    const statuses = await rows<{ status: string; n: number }>(env.rt.database.db, sql`select status, count(*)::int as n from supply_reservation where drive_id = ${drive.id} group by status order by status`);
    assert.deepEqual(statuses, [{ status: 'picked_up', n: 1 }, { status: 'released', n: 2 }]);
    const [audit] = await rows<{ details: { released: number } }>(env.rt.database.db, sql`select details from audit_log where action = 'supply_drive.end'`);
    assert.equal(audit?.details.released, 2);
    while ((await env.rt.jobs.runDue(50)) > 0);
    assert.equal((await rows(env.rt.database.db, sql`select 1 from audit_log where action = 'supply_drive.end'`)).length, 1, 'ended once');
    // Counted on the dashboard, agreeing with the recount.
    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
  });

  it('1,000 people reserving 100 items at once: exactly 100 succeed, nothing oversold', async () => {
    const made = await township.post<SupplyDrive>('/api/supply-drives', driveBody(communityCode, env.clock.now(), '城东药房', 100));
    await township.post(`/api/supply-drives/${made.body.id}/open`, { version: 1 });
    env.clock.advance(61 * 60_000);
    drive = made.body;
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => reserve(withCheck(person(100 + i)))));
    const tally = new Map<string, number>();
    for (const r of results) tally.set(r.body.error?.code ?? String(r.status), (tally.get(r.body.error?.code ?? String(r.status)) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(tally), { 201: 100, RESERVATION_SOLD_OUT: 900 });
    const [point] = await rows<{ reserved: number; n: number; codes: number }>(env.rt.database.db, sql`select p.reserved, count(r.id)::int as n, count(distinct r.pickup_code)::int as codes from supply_point p join supply_reservation r on r.point_id = p.id where p.drive_id = ${drive.id} group by p.reserved`);
    assert.deepEqual(point, { reserved: 100, n: 100, codes: 100 });
  });
});

describe('supplies reservation: the per-address limit', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ config: { reservationsPerIp: 3 } });
  });
  after(() => env.close());

  it('holds for reservations and look-ups together, and a forged X-Forwarded-For does not reset it', async () => {
    const op = await env.login('township_op');
    const region = env.seed.city.grids[0]!.regionCode;
    const made = await op.post<SupplyDrive>('/api/supply-drives', driveBody(region, env.clock.now()));
    await op.post(`/api/supply-drives/${made.body.id}/open`, { version: 1 });
    env.clock.advance(61 * 60_000);
    const anyone = env.client();
    const body = (n: number) => ({ driveId: made.body.id, pointId: made.body.points[0]!.id, ...withCheck(person(n)) });
    assert.equal((await anyone.post('/api/public/reservations', body(1))).status, 201);
    assert.equal((await anyone.post('/api/public/reservations/lookup', { driveId: made.body.id, idNumber: body(1).idNumber, phone: body(1).phone })).status, 200);
    assert.equal((await anyone.post('/api/public/reservations', body(2))).status, 201);
    const limited = await anyone.request<{ error: { code: string } }>('POST', '/api/public/reservations', body(3), 'zh-CN', { 'x-forwarded-for': '203.0.113.9' });
    assert.deepEqual([limited.status, limited.body.error.code], [429, 'RATE_LIMITED']);
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });
});
