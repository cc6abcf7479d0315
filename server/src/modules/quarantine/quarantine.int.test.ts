/**
 * Quarantine: the two schedules of the 9th edition (close: 7 days centralised + 3 at home, tests on
 * days 1, 2, 3, 5, 7; secondary: 7 days at home, tests on days 1, 4, 7) and a rule version that
 * changes them; the nightly job makes exactly one follow-up per order per day however often it
 * runs; a temperature of 38.0 alerts the supervisors and 37.9 does not; missed days make the
 * overdue list and three in a row the lost list; release waits for the rule's completion
 * condition; a full site refuses; another county sees nothing; reads are audited with their
 * purpose; the exports for the indicators and the health code.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { EpidemicSituation, CaseDetail, QuarantineDetail, QuarantineRuleVersion, QuarantineSite, QuarantineSummary, TodayFollowUp } from '@gridgov/contracts';
import { DEFAULT_QUARANTINE_RULE } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { systemContext } from '../../platform/context.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { idNumber } from '../imports/test-kit.js';
import { activeQuarantineEvidence, activeSites, followUpSummary } from './exports.js';
import { runDaily } from './followups.js';
import { addDays } from './schedule.js';

interface ErrorBody {
  error: { code: string; message: string };
}
type Page<T> = { items: T[]; total: number };
const q = (url: string, params: Record<string, string>) => `${url}?${new URLSearchParams(params).toString()}`;

describe('quarantine (隔离)', () => {
  let env: TestEnv;
  let op: Client;
  let cityOp: Client;
  let gw: Client;
  let otherCounty: Client;
  let gridA: string;
  let communityCode: string;
  const residents: Record<string, string> = {};
  const contacts: Record<string, string> = {};
  const orders: Record<string, QuarantineDetail> = {};
  let siteId: string;
  let site2: string;
  let day1: string;
  const db = () => env.rt.database.db;
  const daily = () => runDaily(env.rt.kit, systemContext(env.clock, 'test'));
  let workerName = '';
  /** The next day: sessions do not last that long, so everyone signs in again. */
  async function nextDay() {
    env.clock.advance(24 * 3_600_000);
    [op, cityOp, gw, otherCounty] = await Promise.all([env.login('community_op'), env.login('city_op'), env.login(workerName), env.login('q_other', 'Neighb0ur#1-Own9')]);
  }
  const purpose = { purpose: '隔离随访核查' };
  const order = (client: Client, body: Record<string, unknown>) =>
    client.post<QuarantineDetail & ErrorBody>('/api/quarantine/orders', { means: 'written', orderedAt: env.clock.now().toISOString(), startDate: day1, address: '幸福小区 3 栋 201', ...body });
  const record = (client: Client, key: string, body: Record<string, unknown>) =>
    client.post<{ fever: boolean } & ErrorBody>(`/api/quarantine/orders/${orders[key]!.id}/followups`, { day: localDate(env.clock.now()), ...body });

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    cityOp = await env.login('city_op');
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    workerName = worker.username;
    gw = await env.login(worker.username);
    gridA = env.gridId(worker.gridCode!);
    const ourCounty = communityCode.slice(0, 6);
    const county2 = env.seed.city.regions.find((r) => r.level === 'county' && !r.code.startsWith(ourCounty))!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'q_other', displayName: '邻县值班员', role: 'operator', scopeRegionCode: county2.code, password: 'Neighb0ur#1' })).status, 201);
    otherCounty = await env.loginChangingPassword('q_other', 'Neighb0ur#1');
    day1 = localDate(env.clock.now());
    const names: Record<string, string> = { p: '病例甲', h: '同住乙', k: '同住丙', l: '同住丁', s: '次密戊' };
    let n = 300;
    for (const [k, name] of Object.entries(names)) {
      const made = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name, idNumber: idNumber('430702', '19750101', String(n++)), kind: 'registered' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      residents[k] = made.body.id;
    }
    const household = await op.post<{ id: string }>('/api/households', { gridId: gridA, number: 'Q-001' });
    for (const [k, relation] of [['p', 'head'], ['h', 'spouse'], ['k', 'child'], ['l', 'parent']] as const) {
      assert.equal((await op.post(`/api/households/${household.body.id}/members`, { residentId: residents[k], relation })).status, 200);
    }
    const made = await op.post<CaseDetail>('/api/cases', { person: { residentId: residents.p }, status: 'confirmed', onsetDate: localDate(env.clock.now(), 1) });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    for (const c of made.body.contactList) {
      const k = Object.entries(names).find(([, name]) => c.name === `${name[0]}**` && c.kinds.includes('household'))?.[0];
      if (k) contacts[k] = c.id;
    }
    // 同住乙/丙/丁 share their first character: tell them apart by resident id.
    const found = await rows<{ id: string; resident_id: string }>(db(), sql`select id::text, resident_id::text from epi_contact where case_id = ${made.body.id}`);
    for (const k of ['h', 'k', 'l']) contacts[k] = found.find((f) => f.resident_id === residents[k])!.id;
    // A secondary contact (as a close contact's venue contact would be found).
    contacts.s = crypto.randomUUID();
    const now = env.clock.now();
    await db().execute(sql`insert into epi_contact (id, case_id, person_key, person_kind, resident_id, degree, via_contact_id, kinds, evidence, first_exposure_at, last_exposure_at, follow_until, status, region_code, grid_id, created_at, updated_at)
      values (${contacts.s}, ${made.body.id}, ${residents.s}, 'r', ${residents.s}, 2, ${contacts.h}, '{manual}', '[]'::jsonb, ${now}, ${now}, ${new Date(now.getTime() + 14 * 86_400_000)}, 'following', ${communityCode}, ${gridA}, ${now}, ${now})`);
    const s1 = await op.post<QuarantineSite>('/api/quarantine/sites', { name: '城东隔离酒店', regionCode: communityCode, address: '城东路 1 号', lng: 111.69, lat: 29.03, capacity: 2 });
    assert.equal(s1.status, 201, JSON.stringify(s1.body));
    siteId = s1.body.id;
    site2 = (await op.post<QuarantineSite>('/api/quarantine/sites', { name: '城西隔离酒店', regionCode: communityCode, address: '城西路 9 号', lng: 111.6, lat: 29.0, capacity: 100 })).body.id;
  });
  after(() => env.close());

  it('close contacts: 7 days centralised then 3 at home, tests on days 1, 2, 3, 5, 7; a bed taken at the site', async () => {
    const made = await order(op, { contactId: contacts.h, siteId });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    orders.h = made.body;
    assert.equal(made.body.name, '同**');
    assert.equal(made.body.degree, 1);
    assert.deepEqual(made.body.phases, [{ kind: 'centralised', from: day1, to: addDays(day1, 6) }, { kind: 'home', from: addDays(day1, 7), to: addDays(day1, 9) }]);
    assert.equal(made.body.endDate, addDays(day1, 9));
    assert.deepEqual(made.body.testDates, [0, 1, 2, 4, 6].map((d) => addDays(day1, d)));
    assert.deepEqual([made.body.kind, made.body.dayNo, made.body.totalDays, made.body.status, made.body.ruleVersion], ['centralised', 1, 10, 'ordered', 0]);
    assert.equal(made.body.siteName, '城东隔离酒店');
    assert.ok(made.body.workerName, 'the grid worker of the grid is responsible');
    const sites = await op.get<QuarantineSite[]>('/api/quarantine/sites');
    assert.equal(sites.body.find((s) => s.id === siteId)!.occupancy, 1);
    // The default start: the day after the contact's last exposure.
    assert.equal((await order(op, { contactId: contacts.h, siteId })).body.error.code, 'QUARANTINE_ALREADY_ORDERED');
  });

  it('secondary contacts: 7 days at home, tests on days 1, 4, 7; a home address needed, no site', async () => {
    assert.equal((await order(op, { contactId: contacts.s, address: undefined })).body.error.code, 'QUARANTINE_ADDRESS_REQUIRED');
    const made = await order(op, { contactId: contacts.s });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    orders.s = made.body;
    assert.deepEqual(made.body.phases, [{ kind: 'home', from: day1, to: addDays(day1, 6) }]);
    assert.deepEqual(made.body.testDates, [0, 3, 6].map((d) => addDays(day1, d)));
    assert.deepEqual([made.body.kind, made.body.siteId, made.body.totalDays], ['home', null, 7]);
  });

  it('the rule is data: a city-wide operator changes it (a new version, audited); later orders follow it, earlier ones keep theirs', async () => {
    const refused = await op.put<ErrorBody>('/api/quarantine/rule', DEFAULT_QUARANTINE_RULE);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'QUARANTINE_RULE_SCOPE']);
    const bad = await cityOp.put<ErrorBody>('/api/quarantine/rule', { ...DEFAULT_QUARANTINE_RULE, secondary: { phases: [{ kind: 'home', days: 5 }], testDays: [1, 7] } });
    assert.equal(bad.status, 400);
    const changed = await cityOp.put<QuarantineRuleVersion>('/api/quarantine/rule', { ...DEFAULT_QUARANTINE_RULE, close: { phases: [{ kind: 'centralised', days: 5 }, { kind: 'home', days: 2 }], testDays: [1, 3, 5] } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.version, 1);
    const made = await order(op, { contactId: contacts.k, siteId });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    orders.k = made.body;
    assert.deepEqual(made.body.phases, [{ kind: 'centralised', from: day1, to: addDays(day1, 4) }, { kind: 'home', from: addDays(day1, 5), to: addDays(day1, 6) }]);
    assert.deepEqual([made.body.testDates, made.body.ruleVersion], [[0, 2, 4].map((d) => addDays(day1, d)), 1]);
    const [audit] = await rows<{ details: { from: { close: { testDays: number[] } }; to: { close: { testDays: number[] } } } }>(db(), sql`select details from audit_log where action = 'quarantine.rule' order by id desc limit 1`);
    assert.deepEqual([audit!.details.from.close.testDays, audit!.details.to.close.testDays], [[1, 2, 3, 5, 7], [1, 3, 5]]);
    const h = await op.get<QuarantineDetail>(q(`/api/quarantine/orders/${orders.h!.id}`, purpose));
    assert.deepEqual([h.body.endDate, h.body.ruleVersion], [addDays(day1, 9), 0]);
  });

  it('a full site refuses the order with a clear code; its capacity never goes below its occupancy', async () => {
    const full = await order(op, { contactId: contacts.l, siteId });
    assert.deepEqual([full.status, full.body.error.code], [409, 'QUARANTINE_SITE_FULL']);
    assert.match(full.body.error.message, /隔离点已满（容量 2，在隔 2）/);
    const sites = await op.get<QuarantineSite[]>('/api/quarantine/sites');
    const s = sites.body.find((x) => x.id === siteId)!;
    const shrink = await op.put<ErrorBody>(`/api/quarantine/sites/${siteId}`, { name: s.name, regionCode: s.regionCode, address: s.address, lng: s.lng, lat: s.lat, capacity: 1, version: s.version });
    assert.deepEqual([shrink.status, shrink.body.error.code], [409, 'QUARANTINE_SITE_CAPACITY']);
    const made = await order(op, { contactId: contacts.l, siteId: site2 });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    orders.l = made.body;
  });

  it('the nightly job makes exactly one follow-up per order and day, however often it runs', async () => {
    await daily();
    await daily();
    const count = async () => rows<{ day: string; n: number }>(db(), sql`select day::text, count(*)::int as n from quarantine_followup group by order_id, day order by day`);
    const first = await count();
    assert.equal(first.length, 4, 'one per order today');
    assert.ok(first.every((r) => r.n === 1 && r.day === day1));
    const today = await gw.get<TodayFollowUp[]>(q('/api/quarantine/today', purpose));
    assert.equal(today.status, 200, JSON.stringify(today.body));
    assert.deepEqual(today.body.map((t) => t.orderNo).sort(), Object.values(orders).map((o) => o.orderNo).sort());
    assert.ok(today.body.every((t) => t.dayNo === 1 && t.status === 'pending' && t.testDue && /\*\*$/.test(t.name ?? '')));
    assert.equal((await gw.get<ErrorBody>('/api/quarantine/today')).body.error.code, 'QUARANTINE_PURPOSE_REQUIRED');
    await nextDay();
    await daily();
    await daily();
    const second = await count();
    assert.equal(second.length, 8);
    assert.ok(second.every((r) => r.n === 1));
  });

  it('a temperature of 38.0 alerts the supervisors; 37.9 does not', async () => {
    const fevers = async (client: Client) => (await client.get<{ items: { kind: string; subjectId: string }[] }>('/api/notifications')).body.items.filter((n) => n.kind === 'quarantine.fever');
    const before = (await fevers(op)).length;
    const normal = await record(gw, 'k', { temperature: 37.9, symptoms: [], testResult: 'negative' });
    assert.equal(normal.status, 200, JSON.stringify(normal.body));
    assert.equal(normal.body.fever, false);
    assert.equal((await fevers(op)).length, before);
    const hot = await record(gw, 'h', { temperature: 38.0, symptoms: ['乏力'], testResult: 'negative' });
    assert.equal(hot.body.fever, true);
    const told = await fevers(op);
    assert.equal(told.length, before + 1);
    assert.equal(told[0]!.subjectId, orders.h!.id);
    assert.equal((await fevers(gw)).length, 0, 'the worker who recorded it is not told');
    const alerts = await op.get<Page<QuarantineSummary>>(q('/api/quarantine/orders', { view: 'alert' }));
    assert.deepEqual(alerts.body.items.map((o) => o.id), [orders.h!.id]);
    // A replay from the phone's offline queue changes nothing.
    const key = crypto.randomUUID();
    const replay = () => gw.request('POST', `/api/quarantine/orders/${orders.s!.id}/followups`, { day: localDate(env.clock.now()), temperature: 36.6, testResult: 'negative' }, undefined, { 'idempotency-key': key });
    const a = await replay();
    const b = await replay();
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.equal((await record(gw, 's', { day: addDays(day1, 5) })).body.error.code, 'QUARANTINE_DAY_INVALID');
  });

  it('missed days make the overdue list; three in a row make the order lost to follow-up', async () => {
    // Day 1 was recorded for none: every order missed it; 乙, 丙 and 戊 were followed up on day 2, which ends their run of misses.
    const overdue = await op.get<Page<QuarantineSummary>>(q('/api/quarantine/orders', { view: 'overdue' }));
    assert.deepEqual(overdue.body.items.map((o) => [o.id, o.missedStreak]), [[orders.l!.id, 1]]);
    for (let day = 0; day < 2; day++) {
      await nextDay();
      await daily();
      const overdueNow = await op.get<Page<QuarantineSummary>>(q('/api/quarantine/orders', { view: 'overdue' }));
      assert.deepEqual(overdueNow.body.items.map((o) => [o.id, o.missedStreak]), day === 0 ? [[orders.l!.id, 2]] : [], JSON.stringify(overdueNow.body.items.map((o) => [o.orderNo, o.missedStreak])));
      for (const k of ['h', 'k', 's']) assert.equal((await record(gw, k, { temperature: 36.5, testResult: 'negative' })).status, 200);
    }
    const lost = await op.get<Page<QuarantineSummary>>(q('/api/quarantine/orders', { view: 'lost' }));
    assert.deepEqual(lost.body.items.map((o) => [o.id, o.status]), [[orders.l!.id, 'lost']]);
    const [audit] = await rows<{ actor_id: string | null; details: { from: string; to: string } }>(db(), sql`select actor_id::text, details from audit_log where action = 'quarantine.lose' and object_id = ${orders.l!.id}`);
    assert.deepEqual([audit!.actor_id, audit!.details.from, audit!.details.to], [null, 'ordered', 'lost']);
  });

  it('release waits for the end and the completion rule; the release list', async () => {
    const s = await op.get<QuarantineDetail>(q(`/api/quarantine/orders/${orders.s!.id}`, purpose));
    assert.ok(!s.body.actions.includes('release'));
    assert.deepEqual(s.body.completion.missing, ['period', 'tests']);
    const early = await op.post<ErrorBody>(`/api/quarantine/orders/${orders.s!.id}/release`, { version: s.body.version });
    assert.deepEqual([early.status, early.body.error.code], [409, 'QUARANTINE_NOT_COMPLETE']);
    // Days 5 .. 7 of the secondary contact (day 1 was missed: its test too).
    for (let d = 5; d <= 7; d++) {
      await nextDay();
      await daily();
      for (const k of ['h', 'k', 's']) assert.equal((await record(gw, k, { temperature: 36.4, testResult: 'negative' })).status, 200);
    }
    assert.equal((await record(gw, 's', { day: day1, temperature: 36.4, testResult: 'negative' })).status, 200, 'a missed day may be recorded late');
    const due = await op.get<Page<QuarantineSummary>>(q('/api/quarantine/orders', { view: 'release_due' }));
    assert.ok(due.body.items.some((o) => o.id === orders.s!.id));
    const ready = await op.get<QuarantineDetail>(q(`/api/quarantine/orders/${orders.s!.id}`, purpose));
    assert.deepEqual(ready.body.completion, { met: true, missing: [] });
    const released = await op.post<QuarantineDetail>(`/api/quarantine/orders/${orders.s!.id}/release`, { version: ready.body.version });
    assert.equal(released.status, 200, JSON.stringify(released.body));
    assert.equal(released.body.status, 'released');
  });

  it('another county sees nothing (404); the grid worker sees their grid; detail reads are audited with their purpose', async () => {
    const id = orders.h!.id;
    assert.equal((await otherCounty.get(q(`/api/quarantine/orders/${id}`, purpose))).status, 404);
    assert.equal((await otherCounty.post(`/api/quarantine/orders/${id}/followups`, { day: localDate(env.clock.now()), temperature: 36.5 })).status, 404);
    assert.equal((await otherCounty.post(`/api/quarantine/orders/${id}/cancel`, { version: 1, reason: '误判' })).status, 404);
    assert.equal((await otherCounty.get<Page<QuarantineSummary>>('/api/quarantine/orders')).body.total, 0);
    assert.ok(!(await otherCounty.get<QuarantineSite[]>('/api/quarantine/sites')).body.some((x) => x.id === siteId));
    const noPurpose = await op.get<ErrorBody>(`/api/quarantine/orders/${id}`);
    assert.deepEqual([noPurpose.status, noPurpose.body.error.code], [400, 'QUARANTINE_PURPOSE_REQUIRED']);
    const read = await gw.get<QuarantineDetail>(q(`/api/quarantine/orders/${id}`, purpose));
    assert.equal(read.status, 200);
    assert.ok(read.body.followUps.some((f) => f.temperature === 38 && f.fever));
    assert.deepEqual(read.body.actions, [], 'a grid worker follows up, never steps an order');
    const [audit] = await rows<{ details: { purpose: string }; subject: string }>(db(), sql`select details, subject::text from audit_log where action = 'quarantine.read' order by id desc limit 1`);
    assert.deepEqual([audit!.details.purpose, audit!.subject], ['隔离随访核查', residents.h]);
  });

  it('exports: follow-up figures per region, the sites, and active orders as health-code evidence', async () => {
    const from = new Date(env.clock.now().getTime() - 30 * 86_400_000);
    const [figures] = await followUpSummary(db(), { regionCodes: [communityCode], from, to: new Date(env.clock.now().getTime() + 86_400_000) });
    // 戊 was followed every day (day 1 late) and released; the others missed day 1; 丁 was lost.
    assert.deepEqual(figures, { regionCode: communityCode, active: 4, followedDaily: 1, completed: 1, lost: 1, ended: 2 });
    const sites = await activeSites(db(), { id: 'x', regionCode: communityCode, regionPrefix: communityCode.slice(0, 9), gridId: null, permissions: ['quarantine:read'] } as never, env.clock.now());
    // Day 7: 乙 is in the centralised phase to its last day, 丙 (5 days by the new rule) is at home.
    assert.deepEqual(sites.map((s) => [s.name, s.capacity, s.occupancy]).sort(), [['城东隔离酒店', 2, 1], ['城西隔离酒店', 100, 0]].sort());
    const evidence = await rows<{ person_key: string; kind: string; ref: string; since: Date; until: Date; detail: { kind: string } }>(db(), activeQuarantineEvidence(env.clock.now()));
    assert.deepEqual(evidence.map((e) => [e.ref, e.kind, e.detail.kind]).sort(), [[orders.h!.id, 'quarantine', 'centralised'], [orders.k!.id, 'quarantine', 'home']].sort());
    const h = evidence.find((e) => e.ref === orders.h!.id)!;
    assert.deepEqual([h.person_key, new Date(h.since).toISOString(), new Date(h.until).toISOString()], [residents.h, dayStart(day1).toISOString(), dayStart(addDays(day1, 10)).toISOString()]);
    // The epidemic situation's WHO follow-up indicators read the same figures.
    const situation = await op.get<EpidemicSituation>(`/api/epidemic/situation?from=${localDate(from)}&to=${localDate(env.clock.now())}`);
    assert.equal(situation.status, 200, JSON.stringify(situation.body));
    const t = situation.body.total;
    assert.deepEqual([t.quarantined, t.followedDailyShare, t.completedShare, t.lost], [4, 0.25, 0.5, 1]);
  });
});
