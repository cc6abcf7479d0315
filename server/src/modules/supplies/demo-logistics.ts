/**
 * Logistics in the demo city: three vehicles of the county reserve, two drivers (one linked to the
 * grid worker gw1, who then sees the delivery on the phone page), and shipments in several states —
 * a transfer received with a short line and closed, a delivery to a request's site on the road
 * with tracking points, and one planned.
 */
import { ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import { eq } from 'drizzle-orm';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { importActor } from '../imports/deps.js';
import { createDriver, createVehicle } from './fleet.js';
import { createRequest, transitionRequest } from './requests.js';
import { createShipment, trackShipment, transitionShipment } from './shipments.js';
import { warehouse } from './tables.js';

async function ctxOf(kit: Kit, username: string): Promise<ActorContext | null> {
  const account = await accountByUsername(kit.db, username);
  if (!account?.scopeRegionCode) return null;
  const role = account.role as Role;
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode, scopeGridId: account.scopeGridId ?? null },
  );
  return { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock: kit.clock };
}

export async function seedDemoLogistics(kit: Kit, countyCode: string): Promise<{ vehicles: number; drivers: number; shipments: number }> {
  const county = await ctxOf(kit, 'county_op');
  const community = await ctxOf(kit, 'community_op');
  const gw1 = await accountByUsername(kit.db, 'gw1');
  if (!county || !community) return { vehicles: 0, drivers: 0, shipments: 0 };
  const byName = async (name: string) => (await kit.db.select().from(warehouse).where(eq(warehouse.name, name)))[0];
  const main = await byName('县救灾物资储备库');
  const firm = await byName('惠民商贸代储仓库');
  const pointB = await byName('街道应急物资储备点');
  if (!main || !firm || !pointB) return { vehicles: 0, drivers: 0, shipments: 0 };
  const truck = await createVehicle(kit, county, { plateNo: '湘J3761A', kind: 'truck', capacityKg: 8000, capacityM3: 40, regionCode: countyCode, warehouseId: main.id });
  const van = await createVehicle(kit, county, { plateNo: '湘JD52870', kind: 'van', capacityKg: 1500, regionCode: countyCode });
  await createVehicle(kit, county, { plateNo: '湘J80261', kind: 'refrigerated', capacityKg: 5000, regionCode: countyCode, warehouseId: firm.id, status: 'maintenance', note: '制冷机组检修' });
  const liu = await createDriver(kit, county, { name: '刘建国', phone: '13974261837', licenceClass: 'B2', regionCode: countyCode, ...(gw1 ? { userId: gw1.id } : {}) });
  const chen = await createDriver(kit, county, { name: '陈志强', phone: '15073625190', licenceClass: 'C1', regionCode: countyCode });
  // A transfer to the street point, received two short and closed.
  let transfer = await createShipment(kit, county, { kind: 'transfer', fromWarehouseId: main.id, toWarehouseId: pointB.id, lines: [{ itemCode: '1010101', quantity: 50 }, { itemCode: '1040101', quantity: 20 }], vehicleId: van.id, driverId: chen.id, note: '街道前置储备' });
  transfer = await transitionShipment(kit, county, transfer.id, 'depart', { version: transfer.version });
  transfer = await transitionShipment(kit, county, transfer.id, 'arrive', { version: transfer.version });
  transfer = await transitionShipment(kit, county, transfer.id, 'receive', {
    version: transfer.version,
    lines: transfer.lines.map((l) => (l.itemCode === '1010101' ? { lineId: l.id, received: 48, discrepancies: [{ kind: 'short' as const, quantity: 2, note: '装车清点少两床' }] } : { lineId: l.id, received: l.quantity, discrepancies: [] })),
  });
  await transitionShipment(kit, county, transfer.id, 'close', { version: transfer.version });
  // A request for the river-bank works: allocated from the county reserve and the contracted store.
  let r = await createRequest(kit, community, { regionCode: community.actor.regionCode, siteName: '沅江大堤加固点', address: '沿江大道堤段', lng: 111.698, lat: 29.036, priority: 4, neededBy: new Date(kit.clock.now().getTime() + 6 * 3_600_000).toISOString(), purpose: '汛期巡堤抢险人员保障', lines: [{ itemCode: '1010201', quantity: 60 }, { itemCode: '1030101', quantity: 100 }] });
  r = await transitionRequest(kit, community, r.id, 'submit', { version: r.version });
  r = await transitionRequest(kit, county, r.id, 'approve', { version: r.version });
  r = await transitionRequest(kit, county, r.id, 'allocate', { version: r.version, allocations: [
    { lineId: r.lines.find((l) => l.itemCode === '1010201')!.id, warehouseId: main.id, quantity: 60 },
    { lineId: r.lines.find((l) => l.itemCode === '1030101')!.id, warehouseId: firm.id, quantity: 100 },
  ] });
  // From the reserve: on the road, two tracking points from the driver's phone.
  let onRoad = await createShipment(kit, county, { kind: 'request', requestId: r.id, fromWarehouseId: main.id, vehicleId: truck.id, driverId: liu.id, note: '优先通行，走园区大道护送通道' });
  onRoad = await transitionShipment(kit, county, onRoad.id, 'load', { version: onRoad.version });
  onRoad = await transitionShipment(kit, county, onRoad.id, 'depart', { version: onRoad.version });
  await trackShipment(kit, county, onRoad.id, { lng: 111.703, lat: 29.042, note: '已出库区' });
  await trackShipment(kit, county, onRoad.id, { lng: 111.7, lat: 29.039 });
  // From the contracted store: planned, waiting for a vehicle.
  await createShipment(kit, county, { kind: 'request', requestId: r.id, fromWarehouseId: firm.id, note: '待调派车辆' });
  return { vehicles: 3, drivers: 2, shipments: 3 };
}
