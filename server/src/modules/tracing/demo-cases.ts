/**
 * Cases in the demo city: the evening gathering of the demo check-ins (three days ago, a dozen
 * people at one venue for two hours) becomes a cluster. Its first person fell ill two days ago
 * (confirmed); two of the people found at the gathering became cases in turn (one confirmed, one
 * suspected); one arrival from a checkpoint is a suspected case of its own. Each is recorded and
 * traced by the county's operator, as on the console, so contacts, evidence and the chain of
 * transmission are real. Each is recorded on its own day (the first two days ago, the next
 * yesterday), so the epidemic situation has a history.
 */
import { sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type CaseCreateRequest, type Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { rows } from '../../platform/db/client.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { importActor } from '../imports/deps.js';
import { createCase } from './cases.js';

export async function seedDemoCases(kit: Kit): Promise<{ cases: number; contacts: number }> {
  const account = await accountByUsername(kit.db, 'county_op');
  if (!account) return { cases: 0, contacts: 0 };
  const role = account.role as Role;
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode!, scopeGridId: null },
  );
  const ctx: ActorContext = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock: kit.clock };
  const now = kit.clock.now();
  const evening = new Date(dayStart(localDate(now, 3)).getTime() + 18 * 3_600_000);
  const [first] = await rows<{ person_key: string }>(kit.db, sql`select person_key::text from venue_checkin where checked_in_at = ${evening} and person_kind = 'r' limit 1`);
  if (!first) return { cases: 0, contacts: 0 };
  let cases = 0;
  let contacts = 0;
  /** Recorded at an hour of a day before today (never later than now). */
  const on = (daysAgo: number, hour: number): ActorContext => {
    const at = Math.min(now.getTime(), dayStart(localDate(now, daysAgo)).getTime() + hour * 3_600_000);
    return { ...ctx, clock: { now: () => new Date(at) } };
  };
  const record = async (input: CaseCreateRequest, when = ctx) => {
    const made = await createCase(kit, when, input);
    cases++;
    contacts += made.contactList.length;
    return made;
  };
  const index = await record({ person: { residentId: first.person_key }, status: 'confirmed', onsetDate: localDate(now, 2), note: '发热就诊，核酸阳性；3 天前晚间曾参加社区聚餐' }, on(2, 11));
  const [a, b] = index.contactList.filter((c) => c.degree === 1 && c.kinds.includes('venue') && c.personKind === 'resident');
  if (a) await record({ fromContactId: a.id, status: 'confirmed', samplingDate: localDate(now, 1), note: '集中隔离期间核酸阳性' }, on(1, 15));
  if (b) await record({ fromContactId: b.id, status: 'suspected', onsetDate: localDate(now, 0), note: '居家健康监测期间发热 37.9℃' });
  const [arrived] = await rows<{ resident_id: string }>(kit.db, sql`select resident_id::text from arrival where resident_id is not null and transport_number <> '' order by arrived_at desc limit 1`);
  if (arrived) await record({ person: { residentId: arrived.resident_id }, status: 'suspected', samplingDate: localDate(now, 0), note: '外省返回，落地检核酸初筛阳性' });
  return { cases, contacts };
}
