/**
 * Quarantine in the demo city: two sites in the county, and orders given by the county's operator
 * (as on the console) for the first close and secondary contacts of the demo cases, day 1 the day
 * after the gathering. The days before today were followed up, one of them with a fever of 38.4 ℃;
 * one close contact was never reached for three days and is lost to follow-up by the nightly run.
 */
import { ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { systemContext } from '../../platform/context.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { localDate } from '../../platform/time-zone.js';
import { AppError } from '../../platform/errors.js';
import { importActor } from '../imports/deps.js';
import { listContacts } from '../tracing/contacts.js';
import { recordFollowUp, runDaily } from './followups.js';
import { createOrder } from './orders.js';
import { addDays } from './schedule.js';
import { createSite } from './sites.js';
import { quarantineFollowup } from './tables.js';

export async function seedDemoQuarantine(kit: Kit, countyCode: string): Promise<{ sites: number; orders: number; followUps: number; lost: number }> {
  const account = await accountByUsername(kit.db, 'county_op');
  if (!account) return { sites: 0, orders: 0, followUps: 0, lost: 0 };
  const role = account.role as Role;
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode!, scopeGridId: null },
  );
  const ctx: ActorContext = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock: kit.clock };
  const now = kit.clock.now();
  const today = localDate(now);
  const hotel = await createSite(kit, ctx, { name: '城东集中隔离点（锦江酒店）', regionCode: countyCode, address: '城东大道 88 号', lng: 111.712, lat: 29.041, capacity: 40 });
  await createSite(kit, ctx, { name: '城西集中隔离点（党校宿舍）', regionCode: countyCode, address: '西湖路 12 号', lng: 111.668, lat: 29.022, capacity: 60 });
  const close = await listContacts(kit, ctx, { status: 'following', degree: '1', page: 1, pageSize: 8 });
  const secondary = await listContacts(kit, ctx, { status: 'following', degree: '2', page: 1, pageSize: 4 });
  let orders = 0;
  let followUps = 0;
  const made: { id: string; startDate: string }[] = [];
  for (const [i, c] of [...close.items, ...secondary.items].entries()) {
    // Given at tracing: day 1 two days ago; the first one's three days ago, so three days passed without a follow-up.
    const startDate = localDate(now, i === 0 ? 3 : 2);
    try {
      const o = await createOrder(kit, ctx, {
        contactId: c.id, ...(c.degree === 1 ? { siteId: hotel.id } : {}), address: `${c.gridName ?? c.regionName}住所`, means: c.degree === 1 ? 'written' : 'verbal', orderedAt: now.toISOString(), startDate,
      });
      orders++;
      made.push({ id: o.id, startDate });
    } catch (error) {
      // A person who is a contact of two cases is ordered once.
      if (!(error instanceof AppError && error.code === 'QUARANTINE_ALREADY_ORDERED')) throw error;
    }
  }
  // The days before today: followed up (a fever on the first order's second day), except one order never reached.
  const [never, ...reached] = made;
  for (const [i, o] of reached.entries()) {
    for (let day = o.startDate; day < today; day = addDays(day, 1)) {
      const fever = i === 0 && day === addDays(o.startDate, 1);
      await recordFollowUp(kit, ctx, o.id, { day, temperature: fever ? 38.4 : 36.3 + ((i + day.charCodeAt(9)) % 5) / 10, symptoms: fever ? ['发热', '乏力'] : [], testResult: 'negative' });
      followUps++;
    }
  }
  let lost = 0;
  if (never) {
    // Three days without a follow-up: the nightly run finds them missed and loses the order.
    for (let i = 3; i >= 1; i--) {
      await kit.db.insert(quarantineFollowup).values({ id: crypto.randomUUID(), orderId: never.id, day: localDate(now, i), testDue: false, status: 'missed', createdAt: now }).onConflictDoNothing();
    }
    lost = (await runDaily(kit, systemContext(kit.clock, 'quarantine.daily'))).lost;
  }
  return { sites: 2, orders, followUps, lost };
}
