/**
 * Logistics: a request shipped from its allocation (stock issued at departure, first expiring
 * first, once), tracked by the driver's phone, received with discrepancies (recorded, the request
 * fulfilled by the receipt, nothing issued twice), a transfer received into the destination's lots
 * (stock right at both ends), a return restocked; never negative, never received twice; drivers'
 * phones masked; another county sees nothing (404).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Driver, MoveResult, ShipmentDetail, StockRow, SupplyRequestDetail, Vehicle, Warehouse } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { seedDemoSupplies } from './demo.js';
import { seedDemoLogistics } from './demo-logistics.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[] } };
}
type Page<T> = { items: T[]; total: number };

describe('logistics (物资运输)', () => {
  let env: TestEnv;
  let op: Client;
  let community: Client;
  let otherCounty: Client;
  let driverClient: Client;
  let countyCode: string;
  let communityCode: string;
  let whA: Warehouse;
  let whB: Warehouse;
  let truck: Vehicle;
  let van: Vehicle;
  let drv: Driver;
  const db = () => env.rt.database.db;
  const stockOf = async (w: string, item: string) => {
    const page = await op.get<Page<StockRow>>(`/api/supplies/stock?warehouseId=${w}&itemCode=${item}`);
    return page.body.items.find((r) => r.itemCode === item)?.quantity ?? 0;
  };
  const step = (client: Client, s: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
    client.post<ShipmentDetail & ErrorBody>(`/api/logistics/shipments/${s.id}/${action}`, { version: s.version, ...body });

  before(async () => {
    env = await startTestEnv();
    op = await env.login('county_op');
    community = await env.login('community_op');
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const county2 = env.seed.city.regions.find((r) => r.level === 'county' && r.code !== countyCode)!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'l_other', displayName: '邻县调度', role: 'operator', scopeRegionCode: county2.code, password: 'Neighb0ur#1' })).status, 201);
    otherCounty = await env.loginChangingPassword('l_other', 'Neighb0ur#1');
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    driverClient = await env.login(worker.username);
    const driverUser = await rows<{ id: string }>(db(), sql`select id from app_user where username = ${worker.username}`);
    whA = (await op.post<Warehouse>('/api/supplies/warehouses', { name: '县物资总库', kind: 'government', regionCode: countyCode, address: '仓储路 1 号', lng: 111.7, lat: 29.04, capacityM3: 5000 })).body;
    whB = (await op.post<Warehouse>('/api/supplies/warehouses', { name: '社区储备点', kind: 'community', regionCode: communityCode, address: '社区路 2 号', lng: 111.69, lat: 29.03, capacityM3: 50 })).body;
    for (const [lotNo, expiresOn, quantity] of [['Q-OLD', '2027-03-01', 30], ['Q-NEW', '2028-03-01', 100]] as const) {
      assert.equal((await op.post<MoveResult>(`/api/supplies/warehouses/${whA.id}/receipts`, { itemCode: '1010101', quantity, lotNo, expiresOn })).status, 201);
    }
    assert.equal((await op.post(`/api/supplies/warehouses/${whA.id}/receipts`, { itemCode: '1030101', quantity: 200, lotNo: 'W1' })).status, 201);
    const t = await op.post<Vehicle & ErrorBody>('/api/logistics/vehicles', { plateNo: '湘J 12345', kind: 'truck', capacityKg: 8000, regionCode: countyCode, warehouseId: whA.id });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    truck = t.body;
    assert.equal(truck.plateNo, '湘J12345');
    van = (await op.post<Vehicle>('/api/logistics/vehicles', { plateNo: '湘JD12345', kind: 'van', capacityKg: 1500, regionCode: countyCode })).body;
    const d = await op.post<Driver & ErrorBody>('/api/logistics/drivers', { name: '李师傅', phone: '13907361234', licenceClass: 'B2', regionCode: countyCode, userId: driverUser[0]!.id });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    drv = d.body;
  });
  after(() => env.close());

  it('vehicles and drivers: plate checked and unique, phone stored encrypted and shown masked, scoped', async () => {
    assert.equal(drv.phoneMasked, '139****1234');
    const [raw] = await rows<{ phone_masked: string; plain: boolean }>(db(), sql`select phone_masked, position(convert_to('13907361234', 'UTF8') in phone_cipher) > 0 as plain from driver where id = ${drv.id}`);
    assert.equal(raw!.plain, false, 'the cipher does not hold the number');
    const dup = await op.post<ErrorBody>('/api/logistics/vehicles', { plateNo: '湘J12345', kind: 'van', capacityKg: 1, regionCode: countyCode });
    assert.equal(dup.body.error.code, 'LOGISTICS_PLATE_TAKEN');
    const bad = await op.post<ErrorBody>('/api/logistics/vehicles', { plateNo: 'ABC12345', kind: 'van', capacityKg: 1, regionCode: countyCode });
    assert.equal(bad.body.error.details?.fields?.[0]?.code, 'LOGISTICS_PLATE_INVALID');
    const badPhone = await op.post<ErrorBody>('/api/logistics/drivers', { name: '王', phone: '12345678901', licenceClass: 'C1', regionCode: countyCode });
    assert.equal(badPhone.body.error.code, 'LOGISTICS_PHONE_INVALID');
    assert.equal((await otherCounty.get(`/api/logistics/vehicles/${truck.id}`)).status, 404);
    assert.equal((await otherCounty.get(`/api/logistics/drivers/${drv.id}`)).status, 404);
    assert.equal((await otherCounty.get<Vehicle[]>('/api/logistics/vehicles')).body.length, 0);
  });

  let request: SupplyRequestDetail;
  let shipped: ShipmentDetail;

  it('a request shipment: planned from the allocation, departs issuing stock FEFO once, tracked by the driver, received with discrepancies, fulfilling the request', async () => {
    const made = await community.post<SupplyRequestDetail>('/api/supplies/requests', {
      regionCode: communityCode, siteName: '体育馆安置点', address: '体育路 1 号', lng: 111.69, lat: 29.02, priority: 4, neededBy: new Date(env.clock.now().getTime() + 3_600_000).toISOString(),
      purpose: '安置群众', lines: [{ itemCode: '1010101', quantity: 40 }, { itemCode: '1030101', quantity: 50 }],
    });
    request = made.body;
    for (const [client, action, body] of [[community, 'submit', {}], [op, 'approve', {}], [op, 'allocate', { allocations: request.lines.map((l) => ({ lineId: l.id, warehouseId: whA.id, quantity: l.quantity })) }]] as const) {
      const r = await client.post<SupplyRequestDetail>(`/api/supplies/requests/${request.id}/${action}`, { version: request.version, ...body });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      request = r.body;
    }
    const other = await otherCounty.post<ErrorBody>('/api/logistics/shipments', { kind: 'request', requestId: request.id, fromWarehouseId: whA.id });
    assert.equal(other.status, 404, 'another county: the warehouse is not found');
    const s = await op.post<ShipmentDetail & ErrorBody>('/api/logistics/shipments', { kind: 'request', requestId: request.id, fromWarehouseId: whA.id, vehicleId: truck.id });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    shipped = s.body;
    assert.deepEqual(shipped.lines.map((l) => [l.itemCode, l.quantity]), [['1010101', 40], ['1030101', 50]]);
    const again = await op.post<ErrorBody>('/api/logistics/shipments', { kind: 'request', requestId: request.id, fromWarehouseId: whA.id });
    assert.equal(again.body.error.code, 'SHIPMENT_NOTHING_TO_SHIP', 'what is planned is not planned twice');
    const fulfil = await op.post<ErrorBody>(`/api/supplies/requests/${request.id}/fulfil`, { version: request.version });
    assert.equal(fulfil.body.error.code, 'SUPPLY_REQUEST_SHIPMENT_OPEN', 'the shipment fulfils it, not a second issue');
    assert.equal((await otherCounty.get(`/api/logistics/shipments/${shipped.id}`)).status, 404);
    assert.equal((await step(otherCounty, shipped, 'load')).status, 404);
    const noCrew = await step(op, shipped, 'depart');
    assert.equal(noCrew.body.error.code, 'SHIPMENT_CREW_MISSING');
    shipped = (await step(op, shipped, 'load', { driverId: drv.id })).body;
    assert.equal(shipped.status, 'loading');
    const beforeA = await stockOf(whA.id, '1010101');
    const left = await step(op, shipped, 'depart');
    assert.equal(left.status, 200, JSON.stringify(left.body));
    shipped = left.body;
    assert.equal(shipped.status, 'departed');
    assert.equal(await stockOf(whA.id, '1010101'), beforeA - 40);
    assert.deepEqual(shipped.lines.find((l) => l.itemCode === '1010101')!.lots, [{ lotNo: 'Q-OLD', expiresOn: '2027-03-01', quantity: 30 }, { lotNo: 'Q-NEW', expiresOn: '2028-03-01', quantity: 10 }], 'first expiring first');
    const moves = await rows<{ n: string }>(db(), sql`select count(*) as n from stock_move where shipment_id = ${shipped.id} and kind = 'issue' and request_id = ${request.id}`);
    assert.equal(Number(moves[0]!.n), 3);
    assert.equal((await rows<{ status: string }>(db(), sql`select status from vehicle where id = ${truck.id}`))[0]!.status, 'in_use');
    const departedNotice = await rows<{ n: string }>(db(), sql`select count(*) as n from notification where kind = 'shipment.departed' and subject_id = ${shipped.id}`);
    assert.equal(Number(departedNotice[0]!.n), 1, 'the requester is told');
    // The driver's phone: sees it, posts tracking points (replayable), arrives.
    const mine = await driverClient.get<Page<{ id: string }>>('/api/logistics/shipments?mine=true');
    assert.deepEqual(mine.body.items.map((x) => x.id), [shipped.id]);
    const key = { 'Idempotency-Key': 'track-point-0001' };
    const t1 = await driverClient.request<ShipmentDetail>('POST', `/api/logistics/shipments/${shipped.id}/track`, { lng: 111.695, lat: 29.03, note: '途经桥' }, undefined, key);
    assert.equal(t1.status, 200, JSON.stringify(t1.body));
    await driverClient.request('POST', `/api/logistics/shipments/${shipped.id}/track`, { lng: 111.695, lat: 29.03, note: '途经桥' }, undefined, key);
    const t2 = await driverClient.post<ShipmentDetail>(`/api/logistics/shipments/${shipped.id}/track`, { lng: 111.692, lat: 29.025 });
    assert.equal(t2.body.status, 'in_transit');
    assert.equal(t2.body.track.length, 2, 'the replay added nothing');
    assert.deepEqual([t2.body.position?.lng, t2.body.position?.lat], [111.692, 29.025]);
    shipped = t2.body;
    const earlyReceive = await step(otherCounty, shipped, 'receive', { lines: [{ lineId: shipped.lines[0]!.id, received: 1 }] });
    assert.equal(earlyReceive.status, 404);
    const arrived = await driverClient.post<ShipmentDetail & ErrorBody>(`/api/logistics/shipments/${shipped.id}/arrive`, { version: shipped.version });
    assert.equal(arrived.status, 200, JSON.stringify(arrived.body));
    shipped = arrived.body;
    assert.equal(shipped.status, 'arrived');
    assert.equal((await rows<{ status: string }>(db(), sql`select status from vehicle where id = ${truck.id}`))[0]!.status, 'available');
    // Receipt with discrepancies: 40 quilts shipped, 36 good (3 short, 1 damaged); water 50 + 2 excess.
    const quilts = shipped.lines.find((l) => l.itemCode === '1010101')!;
    const water = shipped.lines.find((l) => l.itemCode === '1030101')!;
    const unbalanced = await step(community, shipped, 'receive', { lines: [{ lineId: quilts.id, received: 36, discrepancies: [{ kind: 'short', quantity: 3 }] }, { lineId: water.id, received: 50 }] });
    assert.equal(unbalanced.body.error.code, 'SHIPMENT_RECEIPT_UNBALANCED');
    assert.equal(unbalanced.body.error.details?.fields?.[0]?.field, 'lines.0.received');
    const missing = await step(community, shipped, 'receive', { lines: [{ lineId: quilts.id, received: 40 }] });
    assert.equal(missing.body.error.code, 'SHIPMENT_RECEIPT_LINES');
    const got = await step(community, shipped, 'receive', {
      lines: [
        { lineId: quilts.id, received: 36, discrepancies: [{ kind: 'short', quantity: 3, note: '少三床' }, { kind: 'damaged', quantity: 1, note: '受潮' }] },
        { lineId: water.id, received: 52, discrepancies: [{ kind: 'excess', quantity: 2 }] },
      ],
    });
    assert.equal(got.status, 200, JSON.stringify(got.body));
    shipped = got.body;
    assert.equal(shipped.status, 'received');
    assert.equal(shipped.discrepancies, 3);
    assert.deepEqual(shipped.lines.find((l) => l.id === quilts.id)!.discrepancies.map((d) => [d.kind, d.quantity]), [['short', 3], ['damaged', 1]]);
    const twice = await step(community, shipped, 'receive', { lines: [{ lineId: quilts.id, received: 40 }, { lineId: water.id, received: 50 }] });
    assert.equal(twice.body.error.code, 'SHIPMENT_STATE', 'never received twice');
    const r = await op.get<SupplyRequestDetail>(`/api/supplies/requests/${request.id}`);
    assert.equal(r.body.status, 'fulfilled', 'the last shipment received fulfils the request');
    assert.ok(r.body.lines.every((l) => l.issued === l.quantity));
    assert.equal(await stockOf(whA.id, '1010101'), beforeA - 40, 'nothing issued twice');
  });

  it('a return of what the site did not use is restocked at the warehouse on receipt', async () => {
    const quilts = shipped.lines.find((l) => l.itemCode === '1010101')!;
    const tooMany = await community.post<ErrorBody>(`/api/logistics/shipments/${shipped.id}/return`, { lines: [{ lineId: quilts.id, quantity: 37, reason: 'unused' }] });
    assert.equal(tooMany.body.error.code, 'SHIPMENT_RETURN_EXCEEDED');
    const back = await community.post<ShipmentDetail & ErrorBody>(`/api/logistics/shipments/${shipped.id}/return`, { lines: [{ lineId: quilts.id, quantity: 6, reason: 'unused' }] });
    assert.equal(back.status, 201, JSON.stringify(back.body));
    let ret = back.body;
    assert.equal(ret.kind, 'return');
    assert.equal(ret.to.warehouseId, whA.id);
    assert.deepEqual(ret.lines[0]!.lots, [{ lotNo: 'Q-NEW', expiresOn: '2028-03-01', quantity: 6 }], 'the latest-expiring lot goes back');
    const before = await stockOf(whA.id, '1010101');
    ret = (await step(op, ret, 'depart', { vehicleId: van.id, driverId: drv.id })).body;
    assert.equal(ret.status, 'departed');
    assert.equal(await stockOf(whA.id, '1010101'), before, 'a return from a site issues nothing');
    const notManager = await step(community, ret, 'receive', { lines: [{ lineId: ret.lines[0]!.id, received: 6 }] });
    assert.equal(notManager.status, 403, 'the community does not manage the county warehouse');
    ret = (await step(op, ret, 'receive', { lines: [{ lineId: ret.lines[0]!.id, received: 6 }] })).body;
    assert.equal(ret.status, 'received');
    assert.equal(await stockOf(whA.id, '1010101'), before + 6);
    const lot = await rows<{ quantity: string }>(db(), sql`select quantity from stock_lot where warehouse_id = ${whA.id} and lot_no = 'Q-NEW' and item_code = '1010101'`);
    assert.equal(Number(lot[0]!.quantity), 96);
    const orig = await op.get<ShipmentDetail>(`/api/logistics/shipments/${shipped.id}`);
    assert.equal(orig.body.lines.find((l) => l.itemCode === '1010101')!.returned, 6);
    assert.equal(orig.body.returns.length, 1);
  });

  it('a transfer: out of the source at departure, into the destination lots at receipt (short recorded), never negative', async () => {
    const short = await op.post<ShipmentDetail>('/api/logistics/shipments', { kind: 'transfer', fromWarehouseId: whA.id, toWarehouseId: whB.id, lines: [{ itemCode: '1030101', quantity: 100000 }], vehicleId: van.id, driverId: drv.id });
    assert.equal(short.status, 201);
    const refused = await step(op, short.body, 'depart');
    assert.equal((refused.body as unknown as ErrorBody).error.code, 'SUPPLIES_STOCK_SHORT', 'never negative');
    assert.equal((await rows<{ status: string }>(db(), sql`select status from vehicle where id = ${van.id}`))[0]!.status, 'available', 'the refused departure changed nothing');
    const cancelled = await step(op, short.body, 'cancel', { reason: '数量有误' });
    assert.equal(cancelled.body.status, 'cancelled');
    let t = (await op.post<ShipmentDetail>('/api/logistics/shipments', { kind: 'transfer', fromWarehouseId: whA.id, toWarehouseId: whB.id, lines: [{ itemCode: '1030101', quantity: 20 }], vehicleId: van.id, driverId: drv.id })).body;
    const [a0, b0] = [await stockOf(whA.id, '1030101'), await stockOf(whB.id, '1030101')];
    t = (await step(op, t, 'depart')).body;
    assert.equal(await stockOf(whA.id, '1030101'), a0 - 20);
    assert.equal(await stockOf(whB.id, '1030101'), b0);
    assert.equal((await step(op, t, 'cancel', { reason: '晚了' })).body.error.code, 'SHIPMENT_STATE', 'no cancel after departure');
    t = (await step(op, t, 'receive', { lines: [{ lineId: t.lines[0]!.id, received: 18, discrepancies: [{ kind: 'short', quantity: 2 }] }] })).body;
    assert.equal(t.status, 'received');
    assert.equal(await stockOf(whB.id, '1030101'), b0 + 18);
    const lots = await rows<{ lot_no: string; quantity: string }>(db(), sql`select lot_no, quantity from stock_lot where warehouse_id = ${whB.id} and item_code = '1030101'`);
    assert.deepEqual(lots.map((l) => [l.lot_no, Number(l.quantity)]), [['W1', 18]], 'the lot keeps its number');
    const closed = await step(op, t, 'close');
    assert.equal(closed.body.status, 'closed');
    const neg = await rows<{ n: string }>(db(), sql`select count(*) as n from stock_lot where quantity < 0`);
    assert.equal(Number(neg[0]!.n), 0);
    const audit = await rows<{ action: string }>(db(), sql`select distinct action from audit_log where object_type = 'shipment' and action like 'shipment.%' order by action`);
    assert.deepEqual(audit.map((a) => a.action), ['shipment.cancel', 'shipment.close', 'shipment.create', 'shipment.depart', 'shipment.load', 'shipment.receive', 'shipment.track', 'shipment.arrive'].sort());
  });

  it('lists are scoped: another county sees no shipment; the community sees the ones to its place', async () => {
    assert.equal((await otherCounty.get<Page<unknown>>('/api/logistics/shipments')).body.total, 0);
    const seen = await community.get<Page<{ id: string }>>('/api/logistics/shipments');
    assert.ok(seen.body.items.some((s) => s.id === shipped.id));
  });

  it('the demo: vehicles, drivers and shipments in several states; the driver gw1 sees the one on the road', async () => {
    await seedDemoSupplies(env.rt.kit, countyCode);
    const seeded = await seedDemoLogistics(env.rt.kit, countyCode);
    assert.deepEqual(seeded, { vehicles: 3, drivers: 2, shipments: 3 });
    const states = await rows<{ status: string }>(db(), sql`select s.status from shipment s join vehicle v on v.id = s.vehicle_id where v.plate_no in ('湘J3761A', '湘JD52870') order by s.shipment_no`);
    assert.deepEqual(states.map((s) => s.status), ['closed', 'in_transit']);
    const gw1 = await env.login('gw1');
    const mine = await gw1.get<Page<{ status: string; position: unknown }>>('/api/logistics/shipments?mine=true');
    assert.ok(mine.body.items.some((s) => s.status === 'in_transit' && s.position), 'the delivery on the road, with its last position');
  });
});
