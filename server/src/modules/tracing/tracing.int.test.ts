/**
 * Cases and contacts: a case traces its close contacts from real imported check-ins and arrivals
 * and the registers' households (touching stays count, other venues and carriages do not), each
 * with its evidence; secondary contacts through a close contact; names masked and nothing of
 * a contact outside the reader's scope shown (counted only); contacts followed up where they live
 * (grid workers see theirs, not cases); re-exposure restarts the follow-up; interview contacts
 * kept across traces; a contact becomes a case linked to its source; the chain of transmission
 * shows case numbers only; the rule is data, changed only city-wide, and versioned; the steps.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { CaseDetail, EpidemicSituation, ContactSummary, ImportJob, TraceResult, TracingRuleVersion, TransmissionGraph } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDate, localDateTime } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { idNumber, upload } from '../imports/test-kit.js';
import { tracingRetention } from './retention.js';

interface ErrorBody {
  error: { code: string };
}
type Page<T> = { items: T[]; total: number };

describe('cases and contacts (病例与密接)', () => {
  let env: TestEnv;
  let op: Client;
  let sibling: Client;
  let cityOp: Client;
  let gw: Client;
  let gridA: string;
  let venueA: { id: string; venueCode: string };
  let venueB: { id: string; venueCode: string };
  const ids = {
    p: idNumber('430702', '19800101', '111'), x: idNumber('430702', '19800101', '122'), t: idNumber('430702', '19800101', '133'),
    y: idNumber('430702', '19800101', '144'), z: idNumber('430702', '19800101', '155'), h: idNumber('430702', '19800101', '166'),
    d: idNumber('430702', '19800101', '177'), q: idNumber('430702', '19800101', '188'), r: idNumber('430702', '19800101', '199'),
    s: idNumber('430702', '19800101', '212'), m: idNumber('430702', '19800101', '223'),
  };
  const residents: Record<string, string> = {};
  let caseId: string;
  const at = (hoursAgo: number) => localDateTime(new Date(env.clock.now().getTime() - hoursAgo * 3_600_000));

  async function importCsv(client: Client, kind: string, csv: string) {
    const uploaded = await upload<ImportJob>(env, client, `${kind}.csv`, Buffer.from(csv), kind);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await client.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    const [job] = await rows<{ status: string; failed: number }>(env.rt.database.db, sql`select status, failed_rows as failed from import_job where id = ${uploaded.body.id}`);
    assert.deepEqual([job!.status, job!.failed], ['done', 0]);
  }

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    cityOp = await env.login('city_op');
    const opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === opRegion)!;
    gw = await env.login(worker.username);
    gridA = env.gridId(worker.gridCode!);
    const township = env.seed.city.regions.find((x) => x.code === opRegion)!.parentCode!;
    const c2 = env.seed.city.regions.find((x) => x.parentCode === township && x.code !== opRegion)!;
    const gridElsewhere = env.seed.city.grids.find((g) => g.regionCode === c2.code)!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'c2_op', displayName: '相邻社区值班员', role: 'operator', scopeRegionCode: c2.code, password: 'Neighb0ur#1' })).status, 201);
    sibling = await env.loginChangingPassword('c2_op', 'Neighb0ur#1');
    const names: Record<string, string> = { p: '病例甲', x: '同店乙', t: '擦肩丙', y: '别处丁', z: '次密戊', h: '同住己', r: '邻厢庚', s: '远座辛' };
    for (const [k, name] of Object.entries(names)) {
      const made = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name, idNumber: ids[k as keyof typeof ids], kind: 'registered' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      residents[k] = made.body.id;
    }
    const q = await sibling.post<{ id: string }>('/api/residents', { gridId: env.gridId(gridElsewhere.code), name: '外社区壬', idNumber: ids.q, kind: 'registered' });
    assert.equal(q.status, 201, JSON.stringify(q.body));
    residents.q = q.body.id;
    const household = await op.post<{ id: string }>('/api/households', { gridId: gridA, number: 'T-001' });
    assert.equal(household.status, 201, JSON.stringify(household.body));
    for (const [k, relation] of [['p', 'head'], ['h', 'spouse']] as const) {
      assert.equal((await op.post(`/api/households/${household.body.id}/members`, { residentId: residents[k], relation })).status, 200);
    }
    venueA = (await op.post<{ id: string; venueCode: string }>('/api/venues', { gridId: gridA, name: '追踪超市', kind: 'supermarket' })).body;
    venueB = (await op.post<{ id: string; venueCode: string }>('/api/venues', { gridId: gridA, name: '追踪食堂', kind: 'restaurant' })).body;
    // P at A 30..28 h ago; X overlaps there; T arrives as P leaves (touching); Y at B at the same time;
    // D (a document, no resident) overlaps P at B later; Z meets X at B after X's exposure.
    const csv = [
      '场所码,姓名,证件号码,进入时间,离开时间',
      `${venueA.venueCode},病例甲,${ids.p},${at(30)},${at(28)}`,
      `${venueA.venueCode},同店乙,${ids.x},${at(29)},${at(27)}`,
      `${venueA.venueCode},擦肩丙,${ids.t},${at(28)},${at(26)}`,
      `${venueB.venueCode},别处丁,${ids.y},${at(30)},${at(28)}`,
      `${venueB.venueCode},病例甲,${ids.p},${at(20)},${at(19)}`,
      `${venueB.venueCode},证件癸,${ids.d},${at(19.5)},${at(18)}`,
      `${venueB.venueCode},同店乙,${ids.x},${at(10)},${at(9)}`,
      `${venueB.venueCode},次密戊,${ids.z},${at(9.5)},${at(8)}`,
    ].join('\n');
    await importCsv(op, 'checkin', csv);
    const trips = [
      '姓名,证件号码,交通方式,车次/航班号/车牌,车厢,座位号,出发地,到达时间',
      `病例甲,${ids.p},铁路,G1234,05,10A,外省站,${at(40)}`,
      `外社区壬,${ids.q},铁路,G1234,5,11B,外省站,${at(40)}`,
      `邻厢庚,${ids.r},铁路,G1234,06,10A,外省站,${at(40)}`,
      `远座辛,${ids.s},铁路,G1234,05,20A,外省站,${at(40)}`,
    ].join('\n');
    await importCsv(op, 'arrival', trips);
  });
  after(() => env.close());

  const byName = (d: CaseDetail) => new Map<string | null, ContactSummary>(d.contactList.map((c) => [c.name, c]));

  it('a case traces close contacts with their evidence: the same venue (touching counts), the same carriage, the household; not another venue or carriage', async () => {
    const onset = localDate(env.clock.now(), 1);
    const made = await op.post<CaseDetail>('/api/cases', { person: { residentId: residents.p }, status: 'confirmed', onsetDate: onset });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    caseId = made.body.id;
    assert.match(made.body.caseNo, /^C\d+$/);
    assert.equal(made.body.name, '病**');
    const found = byName(made.body);
    const close = made.body.contactList.filter((c) => c.degree === 1);
    assert.deepEqual(close.map((c) => c.name ?? '(证件)').sort(), ['(证件)', '同**', '同**', '擦**', '远**'].sort(), JSON.stringify(made.body.contactList.map((c) => [c.name, c.degree, c.kinds])));
    const x = close.find((c) => c.kinds.includes('venue') && c.evidence.some((e) => e.kind === 'venue' && e.overlapMinutes === 60))!;
    assert.ok(x, 'X shared an hour at the venue');
    const touching = found.get('擦**')!;
    assert.equal(touching.evidence[0]!.kind === 'venue' && touching.evidence[0]!.overlapMinutes, 0);
    // Known to the check-in feed by a document only: no name is kept.
    assert.deepEqual(found.get(null)!.personKind, 'document');
    assert.deepEqual(close.find((c) => c.kinds.includes('household'))!.name, '同**');
    const trip = found.get('远**')!.evidence[0]!;
    assert.ok(trip.kind === 'trip' && trip.transportNumber === 'G1234' && trip.caseSeat === '10A' && trip.theirSeat === '20A');
    assert.ok(!found.has('别**') && !found.has('邻**'), 'another venue, another carriage');
    // The fellow traveller who lives in the neighbouring community is counted, never shown.
    assert.equal(made.body.contactsElsewhere, 1);
    for (const secret of ['病例甲', '同店乙', '外社区壬', ids.p, ids.q, ids.x]) assert.ok(!JSON.stringify(made.body).includes(secret), `no ${secret}`);
    // The neighbouring community is told of its contact (a count and the case number, no name); the tracer is not.
    const told = await sibling.get<{ items: { kind: string; title: string; subjectType: string; about?: { what: string } }[] }>('/api/notifications');
    const notice = told.body.items.find((n) => n.kind === 'contact.found');
    assert.ok(notice, JSON.stringify(told.body));
    assert.equal(notice.title, `病例 ${made.body.caseNo} 的流调发现 1 名密接人员在您的辖区，请尽快跟踪`);
    assert.ok(!JSON.stringify(notice).includes('外社区壬'));
    assert.ok(!(await op.get<{ items: { kind: string }[] }>('/api/notifications')).body.items.some((n) => n.kind === 'contact.found'));
    // Follow-up lasts 14 days from the last exposure.
    const last = new Date(x.lastExposureAt).getTime();
    assert.equal(new Date(x.followUntil).getTime() - last, 14 * 86_400_000);
  });

  it('finds secondary contacts through a close contact after its exposure; a detail is read for a stated purpose', async () => {
    const none = await op.get<ErrorBody>(`/api/cases/${caseId}`);
    assert.deepEqual([none.status, none.body.error.code], [400, 'TRACING_PURPOSE_REQUIRED']);
    const d = (await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body;
    const [read] = await rows<{ details: { purpose: string } }>(env.rt.database.db, sql`select details from audit_log where action = 'case.read' order by id desc limit 1`);
    assert.equal(read!.details.purpose, '流调');
    const contact = await gw.get<ContactSummary>(`/api/contacts/${d.contactList[0]!.id}?purpose=入户核实`);
    assert.equal(contact.status, 200, JSON.stringify(contact.body));
    const secondary = d.contactList.filter((c) => c.degree === 2);
    const z = secondary.find((c) => c.name === '次**');
    assert.ok(z, JSON.stringify(secondary.map((c) => c.name)));
    assert.equal(z.viaName, '同**');
    assert.ok(!d.contactList.some((c) => c.name === '病**'), 'the case is not its own contact');
    // The case's contacts page through the contacts list, closest first, the close contact still named.
    const paged = await op.get<Page<ContactSummary>>(`/api/contacts?caseId=${caseId}&pageSize=3&page=2`);
    assert.equal(paged.body.total, d.contactsInScope);
    const all = (await op.get<Page<ContactSummary>>(`/api/contacts?caseId=${caseId}&pageSize=200`)).body.items;
    assert.deepEqual(all.map((c) => c.id), d.contactList.map((c) => c.id));
    assert.deepEqual(paged.body.items.map((c) => c.id), all.slice(3, 6).map((c) => c.id));
    assert.equal(all.find((c) => c.name === '次**')?.viaName, '同**');
  });

  it('contacts are followed up where they live: the grid worker sees theirs but no case; the neighbouring community sees only its own', async () => {
    const mine = await gw.get<Page<ContactSummary>>('/api/contacts?pageSize=100');
    assert.equal(mine.status, 200);
    assert.ok(mine.body.items.length >= 5 && mine.body.items.every((c) => c.gridName !== null));
    assert.equal((await gw.get(`/api/cases/${caseId}?purpose=流调`)).status, 403);
    assert.equal((await gw.get('/api/cases')).status, 403);
    const theirs = await sibling.get<Page<ContactSummary>>('/api/contacts?pageSize=100');
    assert.deepEqual(theirs.body.items.map((c) => c.name), ['外***']);
    assert.equal((await sibling.get(`/api/cases/${caseId}?purpose=流调`)).status, 404);
    assert.equal((await sibling.get(`/api/cases/${caseId}`)).status, 404, 'out of scope is not found, purpose or not');
    assert.equal((await sibling.get<Page<unknown>>('/api/cases')).body.total, 0);
    assert.deepEqual((await sibling.get<TransmissionGraph>('/api/tracing/graph')).body.nodes, []);
    // A search by grid name or case number (the quarantine order's picker) stays within what the reader may see.
    const gridName = mine.body.items[0]!.gridName!;
    const byGrid = await op.get<Page<ContactSummary>>(`/api/contacts?q=${encodeURIComponent(gridName)}&pageSize=200`);
    assert.ok(byGrid.body.total > 0 && byGrid.body.items.every((c) => c.gridName?.includes(gridName)), JSON.stringify(byGrid.body.items.map((c) => c.gridName)));
    assert.equal((await sibling.get<Page<ContactSummary>>(`/api/contacts?q=${encodeURIComponent(gridName)}`)).body.total, 0, 'another community finds nothing by the grid name');
    const caseNo = mine.body.items[0]!.caseNo;
    const byCase = await op.get<Page<ContactSummary>>(`/api/contacts?q=${caseNo.toLowerCase()}&pageSize=200`);
    assert.ok(byCase.body.total > 0 && byCase.body.items.every((c) => c.caseNo === caseNo));
    assert.equal((await op.get<Page<ContactSummary>>('/api/contacts?q=%25')).body.total, 0, 'a wildcard is a character');
  });

  it('a later exposure restarts the follow-up from it; a re-trace drops nobody', async () => {
    const before = byName((await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body).get('擦**')!;
    env.clock.advanceMinutes(20);
    await importCsv(op, 'checkin', ['场所码,姓名,证件号码,进入时间,离开时间', `${venueA.venueCode},病例甲,${ids.p},${at(0.3)},${at(0.2)}`, `${venueA.venueCode},擦肩丙,${ids.t},${at(0.25)},${at(0.1)}`].join('\n'));
    const traced = await op.post<TraceResult>(`/api/cases/${caseId}/trace`, {});
    assert.equal(traced.status, 200, JSON.stringify(traced.body));
    assert.ok(traced.body.reexposed >= 1 && traced.body.added === 0, JSON.stringify(traced.body));
    const afterIt = byName((await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body).get('擦**')!;
    assert.ok(new Date(afterIt.lastExposureAt) > new Date(before.lastExposureAt));
    assert.equal(new Date(afterIt.followUntil).getTime() - new Date(afterIt.lastExposureAt).getTime(), 14 * 86_400_000);
    assert.equal(afterIt.evidence.filter((e) => e.kind === 'venue').length, 2);
  });

  it('a contact named in an interview is kept across traces', async () => {
    const added = await op.post<CaseDetail>(`/api/cases/${caseId}/contacts`, { person: { name: '访谈子', idNumber: ids.m }, exposedAt: new Date(env.clock.now().getTime() - 5 * 3_600_000).toISOString(), note: '同车出行' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(byName(added.body).get('访**')?.kinds, ['manual']);
    const bad = await op.post<ErrorBody>(`/api/cases/${caseId}/contacts`, { person: { name: '坏号', idNumber: '430702198001011110' }, exposedAt: new Date().toISOString(), note: 'x' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
    await op.post(`/api/cases/${caseId}/trace`, {});
    const again = byName((await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body).get('访**')!;
    assert.deepEqual([again.kinds, again.evidence[0]!.kind], [['manual'], 'manual']);
  });

  it('a contact becomes a case linked to its source; the chain of transmission shows case numbers only', async () => {
    const d = (await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body;
    const x = d.contactList.find((c) => c.degree === 1 && c.kinds.includes('venue') && c.name === '同**')!;
    const second = await op.post<CaseDetail>('/api/cases', { fromContactId: x.id, status: 'suspected', samplingDate: localDate(env.clock.now()) });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.sourceCaseNo, d.caseNo);
    assert.ok(!second.body.contactList.some((c) => c.name === '病**'), 'the source case is not a contact of its own infectee');
    const again = await op.post<ErrorBody>('/api/cases', { fromContactId: x.id, status: 'suspected', samplingDate: localDate(env.clock.now()) });
    assert.deepEqual([again.status, again.body.error.code], [409, 'CONTACT_ALREADY_CASE']);
    assert.equal(byName((await op.get<CaseDetail>(`/api/cases/${caseId}?purpose=流调`)).body).size > 0, true);
    const graph = await op.get<TransmissionGraph>('/api/tracing/graph');
    assert.deepEqual(graph.body.links, [{ source: caseId, target: second.body.id }]);
    assert.deepEqual(graph.body.nodes.map((n) => n.caseNo).sort(), [d.caseNo, second.body.caseNo].sort());
    assert.ok(!/病例|同店|\d{17}/.test(JSON.stringify(graph.body)), 'nothing personal in the graph');
    // The workflow: a suspected case is confirmed or excluded; excluding ends its contacts' follow-up.
    const excluded = await op.post<CaseDetail>(`/api/cases/${second.body.id}/exclude`, { version: second.body.version, reason: '核酸复检阴性' });
    assert.equal(excluded.status, 200, JSON.stringify(excluded.body));
    assert.ok(excluded.body.contactList.every((c) => c.status !== 'following'));
    const late = await op.post<ErrorBody>(`/api/cases/${second.body.id}/confirm`, { version: excluded.body.version });
    assert.deepEqual([late.status, late.body.error.code], [409, 'CASE_STATE']);
  });

  it('the epidemic situation counts only what each reader may list: WHO indicators per region, the trend, grid layers and the daily briefing', async () => {
    type Situation = EpidemicSituation;
    const db = env.rt.database.db;
    const opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const [inRegion] = await rows<{ cases: number; contacts: number }>(db, sql`select (select count(*) from epi_case where region_code = ${opRegion})::int as cases, (select count(*) from epi_contact where region_code = ${opRegion})::int as contacts`);
    const mine = await op.get<Situation>('/api/epidemic/situation');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    // Two cases recorded today: the first, and the one that was its contact (from a contact list); both traced at once.
    assert.deepEqual([mine.body.total.newCases, mine.body.total.fromContactsShare, mine.body.total.tracedWithin24hShare], [inRegion!.cases, 0.5, 1]);
    assert.equal(mine.body.total.newContacts, inRegion!.contacts);
    assert.ok(mine.body.total.becameCases >= 1 && mine.body.total.ended >= 1);
    assert.equal(mine.body.trend.length, 14);
    assert.equal(mine.body.trend.at(-1)!.newCases, inRegion!.cases);
    assert.deepEqual(mine.body.regions.map((r) => r.regionCode), [opRegion], 'a community has no child regions: its own figures');
    // The neighbouring community sees none of these cases, only the contact who lives there.
    const theirs = (await sibling.get<Situation>('/api/epidemic/situation')).body;
    assert.deepEqual([theirs.total.newCases, theirs.total.newContacts], [0, 1]);
    // The city: per county, adding up to its total.
    const city = (await cityOp.get<Situation>('/api/epidemic/situation')).body;
    assert.ok(city.regions.length > 1);
    assert.equal(city.regions.reduce((n, r) => n + r.newCases, 0), city.total.newCases);
    assert.ok(city.total.newCases >= inRegion!.cases && city.total.newContacts >= mine.body.total.newContacts + 1);
    // Refusals: grid workers hold no case:read; a bad period; a region outside the scope is not found.
    assert.equal((await gw.get('/api/epidemic/situation')).status, 403);
    const bad = await op.get<ErrorBody>('/api/epidemic/situation?from=2026-12-10&to=2026-12-01');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
    assert.equal((await op.get(`/api/epidemic/situation?region=${theirs.regionCode}`)).status, 404);
    // Map layers: counts per grid, scoped like the lists.
    const caseGrids = (await op.get<{ items: { gridId: string; open: number; confirmed: number }[] }>('/api/cases/map')).body.items;
    assert.deepEqual(caseGrids.map((g) => g.gridId), [gridA]);
    const contactGrids = (await gw.get<{ items: { gridId: string; following: number }[] }>('/api/contacts/map')).body.items;
    assert.ok(contactGrids.every((g) => g.gridId === gridA));
    assert.equal((await gw.get('/api/cases/map')).status, 403);
    // The daily briefing: the day's figures, per region, the trend; nothing personal; audited.
    const file = await env.rt.app.inject({ method: 'GET', url: '/api/epidemic/briefing', headers: { cookie: op.sessionCookie ?? '' } });
    assert.equal(file.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['概况', '各地区指标', '近期趋势']);
    const summary = new Map<string, unknown>();
    book.getWorksheet('概况')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(summary.get('当日新增病例'), inRegion!.cases);
    assert.equal(summary.get('期间来自密接名单的新病例占比'), 0.5);
    const text = JSON.stringify(book.worksheets.map((w) => w.getSheetValues()));
    assert.ok(!/病例甲|同店乙|\d{17}[\dX]/.test(text), 'nothing personal in the briefing');
    const [audit] = await rows<{ details: { day: string } }>(db, sql`select details from audit_log where action = 'epidemic.briefing' order by id desc limit 1`);
    assert.equal(audit!.details.day, localDate(env.clock.now()));
  });

  it('the rule is data: changed only city-wide, as a new version, audited; a trace records the version it used', async () => {
    const rule = (await op.get<TracingRuleVersion>('/api/tracing/rule')).body;
    assert.deepEqual([rule.version, rule.rule.exposureDaysBefore, rule.rule.followUpDays], [0, 4, 14]);
    const refused = await op.put<ErrorBody>('/api/tracing/rule', { ...rule.rule, minOverlapMinutes: 15 });
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'TRACING_RULE_SCOPE']);
    const changed = await cityOp.put<TracingRuleVersion>('/api/tracing/rule', { ...rule.rule, minOverlapMinutes: 15, seatRows: 2 });
    assert.deepEqual([changed.status, changed.body.version, changed.body.rule.seatRows], [200, 1, 2]);
    const bad = await cityOp.put('/api/tracing/rule', { ...rule.rule, followUpDays: 0 });
    assert.equal(bad.status, 400);
    const traced = await op.post<TraceResult>(`/api/cases/${caseId}/trace`, {});
    assert.equal(traced.body.ruleVersion, 1);
    const [audit] = await rows<{ details: { from: { minOverlapMinutes: number }; to: { minOverlapMinutes: number } } }>(env.rt.database.db, sql`select details from audit_log where action = 'tracing.rule' order by id desc limit 1`);
    assert.deepEqual([audit!.details.from.minOverlapMinutes, audit!.details.to.minOverlapMinutes], [0, 15]);
    const actions = await rows<{ action: string }>(env.rt.database.db, sql`select distinct action from audit_log where action like 'case.%' or action like 'contact.%' order by action`);
    for (const a of ['case.create', 'case.read', 'case.trace', 'case.exclude', 'case.graph', 'contact.add', 'contact.list']) assert.ok(actions.some((x) => x.action === a), a);
  });

  it('purges ended cases with their contacts, and contacts whose follow-up ended, after the retention', async () => {
    const db = env.rt.database.db;
    const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(db, q))[0]!.n;
    const [cases, rule] = [tracingRetention.find((r) => r.kind === 'epi-cases')!, tracingRetention.find((r) => r.kind === 'epi-contacts')!];
    const soon = new Date(env.clock.now().getTime() + 86_400_000);
    // The excluded case goes with its contacts and timeline; the open one stays.
    assert.equal(await cases.purge(env.rt.kit, soon), 1);
    assert.equal(await count(sql`select count(*)::int as n from epi_case where status = 'excluded'`), 0);
    assert.equal(await count(sql`select count(*)::int as n from epi_contact c where not exists (select 1 from epi_case e where e.id = c.case_id)`), 0);
    assert.equal(await count(sql`select count(*)::int as n from epi_case where id = ${caseId}`), 1);
    // Contacts whose follow-up ended before the cut are deleted, one who became a case is kept.
    const later = new Date(env.clock.now().getTime() + 30 * 86_400_000);
    assert.ok((await rule.purge(env.rt.kit, later)) > 0);
    assert.deepEqual(await rows<{ status: string }>(db, sql`select status from epi_contact where case_id = ${caseId}`), [{ status: 'case' }]);
    assert.equal(await rule.purge(env.rt.kit, later), 0, 'a second run finds nothing');
  });
});
