/**
 * Supplies in the demo city: the county's government reserve (the Red Cross reserve list applied
 * and stocked around it), an enterprise's contracted store, and two community points; a history of
 * receipts, issues, a transfer to a community, a damaged adjustment, a confirmed count, masks close
 * to expiry; and requests from a community in each state of the workflow.
 */
import { DEFAULT_RESERVE_LIST, ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { localDate } from '../../platform/time-zone.js';
import { importActor } from '../imports/deps.js';
import { confirmCount, createCount, enterCounts } from './counts.js';
import { createRequest, transitionRequest } from './requests.js';
import { adjust, issue, receive, transfer } from './stock.js';
import { applyReserveList, createWarehouse, setLevels } from './warehouses.js';

async function ctxOf(kit: Kit, username: string): Promise<ActorContext | null> {
  const account = await accountByUsername(kit.db, username);
  if (!account?.scopeRegionCode) return null;
  const role = account.role as Role;
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode, scopeGridId: null },
  );
  return { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock: kit.clock };
}

/** `eventId`: the emergency under way, which the community's evacuation site asks supplies for (when the event covers the community). */
export async function seedDemoSupplies(kit: Kit, countyCode: string, eventId?: string): Promise<{ warehouses: number; moves: number; requests: number }> {
  const county = await ctxOf(kit, 'county_op');
  const community = await ctxOf(kit, 'community_op');
  if (!county || !community) return { warehouses: 0, moves: 0, requests: 0 };
  const communityCode = community.actor.regionCode;
  const now = kit.clock.now();
  const inDays = (d: number) => localDate(new Date(now.getTime() + d * 86_400_000));
  const main = await createWarehouse(kit, county, { name: '县救灾物资储备库', kind: 'government', regionCode: countyCode, address: '工业园储备路 1 号', lng: 111.705, lat: 29.045, capacityM3: 6000 });
  const firm = await createWarehouse(kit, county, { name: '惠民商贸代储仓库', kind: 'enterprise', regionCode: countyCode, address: '物流园 8 号', lng: 111.735, lat: 29.02, capacityM3: 2500 });
  const pointA = await createWarehouse(kit, county, { name: '社区应急物资储备点', kind: 'community', regionCode: communityCode, address: '社区服务中心一楼', lng: 111.692, lat: 29.031, capacityM3: 60 });
  const pointB = await createWarehouse(kit, county, { name: '街道应急物资储备点', kind: 'community', regionCode: communityCode, address: '街道办后院', lng: 111.681, lat: 29.026, capacityM3: 80 });
  await applyReserveList(kit, county, main.id);
  let moves = 0;
  // Stocked around the reserve: most items at or above their standing quantity, tents and folding beds short.
  const stocked: Record<string, number> = { '1010101': 1800, '1020101': 80, '1010102': 1600, '1040101': 1100, '1010201': 520, '1020201': 150, '1050101': 4000 };
  for (const l of DEFAULT_RESERVE_LIST) {
    await receive(kit, county, main.id, { itemCode: l.itemCode, quantity: stocked[l.itemCode]!, lotNo: `2025-${l.itemCode.slice(-3)}`, ...(l.itemCode === '1050101' ? { expiresOn: inDays(400) } : {}), note: '年度储备采购' });
    moves++;
  }
  await receive(kit, county, main.id, { itemCode: '1050101', quantity: 2000, lotNo: '2023-MASK', expiresOn: inDays(20), note: '上年结转' });
  await receive(kit, county, firm.id, { itemCode: '1030101', quantity: 800, lotNo: 'WATER-2409', expiresOn: inDays(300) });
  await receive(kit, county, firm.id, { itemCode: '1030201', quantity: 600, lotNo: 'FOOD-2410', expiresOn: inDays(150) });
  await receive(kit, county, firm.id, { itemCode: '3010101', quantity: 20000, lotNo: 'SAND-01' });
  await receive(kit, county, firm.id, { itemCode: '2010102', quantity: 300, lotNo: 'LJ-01' });
  await receive(kit, county, firm.id, { itemCode: '2020101', quantity: 12, lotNo: 'GEN-01' });
  await receive(kit, county, firm.id, { itemCode: '2010101', quantity: 4, lotNo: 'BOAT-01' });
  moves += 7;
  await setLevels(kit, county, firm.id, { levels: [{ itemCode: '1030101', min: 500, max: 2000, reserve: 300 }, { itemCode: '3010101', min: 10000, max: 50000, reserve: 5000 }] });
  await setLevels(kit, county, pointA.id, { levels: [{ itemCode: '1010102', min: 50, max: 200, reserve: 20 }, { itemCode: '1040101', min: 30, max: 100, reserve: 10 }] });
  moves += (await transfer(kit, county, main.id, { toWarehouseId: pointA.id, itemCode: '1010102', quantity: 80, note: '社区前置储备' })).length;
  moves += (await transfer(kit, county, main.id, { toWarehouseId: pointA.id, itemCode: '1040101', quantity: 40, note: '社区前置储备' })).length;
  moves += (await transfer(kit, county, firm.id, { toWarehouseId: pointB.id, itemCode: '3010101', quantity: 2000, note: '汛前预置' })).length;
  moves += (await issue(kit, county, main.id, { itemCode: '1010101', quantity: 120, note: '低温寒潮救助' })).length;
  const damaged = (await receive(kit, county, pointA.id, { itemCode: '1030101', quantity: 30, lotNo: 'WATER-C1', expiresOn: inDays(200) }))[0]!;
  moves += 1 + (await adjust(kit, county, pointA.id, { lotId: damaged.lotId, delta: -3, reason: 'damaged', note: '搬运破损' })).length;
  const sheet = await createCount(kit, county, pointA.id, { note: '月度盘点' });
  const entered = await enterCounts(kit, county, sheet.id, { version: sheet.version, lines: sheet.lines.map((l) => ({ lineId: l.id, counted: l.itemCode === '1010102' ? l.book - 2 : l.book })) });
  await confirmCount(kit, county, sheet.id, entered.version);
  moves++;
  // Requests from the community: one of each state.
  const ask = (siteName: string, priority: number, hours: number, lines: { itemCode: string; quantity: number }[]) =>
    createRequest(kit, community, { regionCode: communityCode, siteName, address: `${siteName}（社区内）`, lng: 111.69 + priority / 1000, lat: 29.03, priority, neededBy: new Date(now.getTime() + hours * 3_600_000).toISOString(), purpose: '汛期转移安置群众生活保障', lines });
  const fulfilled = await ask('第一小学临时安置点', 4, 4, [{ itemCode: '1010102', quantity: 30 }, { itemCode: '1030101', quantity: 20 }]);
  let v = (await transitionRequest(kit, community, fulfilled.id, 'submit', { version: 1 })).version;
  const approved = await transitionRequest(kit, county, fulfilled.id, 'approve', { version: v });
  v = (await transitionRequest(kit, county, fulfilled.id, 'allocate', { version: approved.version, allocations: [
    { lineId: approved.lines.find((l) => l.itemCode === '1010102')!.id, warehouseId: pointA.id, quantity: 30 },
    { lineId: approved.lines.find((l) => l.itemCode === '1030101')!.id, warehouseId: firm.id, quantity: 20 },
  ] })).version;
  await transitionRequest(kit, county, fulfilled.id, 'fulfil', { version: v });
  const second = await ask('文化广场安置点', 3, 12, [{ itemCode: '1020101', quantity: 10 }, { itemCode: '1020201', quantity: 40 }, { itemCode: '1040101', quantity: 40 }]);
  v = (await transitionRequest(kit, community, second.id, 'submit', { version: 1 })).version;
  await transitionRequest(kit, county, second.id, 'approve', { version: v });
  const third = await ask('幸福小区 5 栋', 2, 24, [{ itemCode: '1050101', quantity: 500 }]);
  await transitionRequest(kit, community, third.id, 'submit', { version: 1 });
  await ask('老年活动中心', 1, 72, [{ itemCode: '1010101', quantity: 20 }]);
  // For the chemical leak under way: the evacuation site upwind asks for water, food and kits, approved and allocated.
  const covering = eventId ? await kit.providers.openEventsCovering(kit.db, communityCode) : [];
  if (!covering.some((e) => e.id === eventId)) return { warehouses: 4, moves, requests: 4 };
  const evacuation = await createRequest(kit, community, {
    regionCode: communityCode, siteName: '中心学校疏散安置点', address: '中心学校体育馆', lng: 111.7, lat: 29.036, priority: 4, neededBy: new Date(now.getTime() + 2 * 3_600_000).toISOString(),
    purpose: '氯气泄漏下风向疏散群众生活保障', eventId, lines: [{ itemCode: '1030101', quantity: 60 }, { itemCode: '1030201', quantity: 40 }, { itemCode: '1040101', quantity: 80 }],
  });
  v = (await transitionRequest(kit, community, evacuation.id, 'submit', { version: 1 })).version;
  const go = await transitionRequest(kit, county, evacuation.id, 'approve', { version: v });
  await transitionRequest(kit, county, evacuation.id, 'allocate', { version: go.version, allocations: [
    { lineId: go.lines.find((l) => l.itemCode === '1040101')!.id, warehouseId: main.id, quantity: 80 },
  ] });
  return { warehouses: 4, moves, requests: 5 };
}
