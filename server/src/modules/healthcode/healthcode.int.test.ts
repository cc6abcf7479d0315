/**
 * Health codes: each evidence kind gives its colour by the default rule (a case, a close and a
 * secondary contact, an arrival and a declared trip from risk areas, fever and symptoms), with
 * the line and evidence that made it; rule versions change codes at their effective time (a
 * future one by the recurring job); a correction accepted overrides the colour until its expiry;
 * the gate verification answers colour and validity only, the same shape for unknown tokens;
 * reasons are read in scope only, with a purpose, audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { CodeDetail, CodeSummary, CodeVerification, CorrectionSummary, ImportJob, OwnCode, RuleLine, RuleVersions } from '@gridgov/contracts';
import { DEFAULT_HEALTH_CODE_RULE } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDateTime } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { idNumber, upload } from '../imports/test-kit.js';
import { declarationAnswers } from '../declarations/scope-kit.js';
import { recomputeDue } from './jobs.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}
type Page<T> = { items: T[]; total: number };

describe('health codes (健康码)', () => {
  let env: TestEnv;
  let op: Client;
  let cityOp: Client;
  let sibling: Client;
  let gw: Client;
  let resident: Client;
  let gridA: string;
  const ids = {
    c: idNumber('430702', '19810101', '111'), h: idNumber('430702', '19810101', '122'), a: idNumber('430702', '19810101', '133'),
    m: idNumber('430702', '19810101', '144'), f: idNumber('430702', '19810101', '155'), s: idNumber('430702', '19810101', '166'),
  };
  const residents: Record<string, string> = {};
  const at = (hoursAgo: number) => localDateTime(new Date(env.clock.now().getTime() - hoursAgo * 3_600_000));
  const iso = (hoursAgo: number) => new Date(env.clock.now().getTime() - hoursAgo * 3_600_000).toISOString();
  const code = async (key: string, client = op) => client.get<CodeDetail & ErrorBody>(`/api/health-codes/${key}?purpose=${encodeURIComponent('核查健康码')}`);

  before(async () => {
    // Days pass in these tests: sessions outlive them.
    env = await startTestEnv({ config: { declarationsPerIp: 0, sessionIdleMinutes: 7 * 24 * 60, sessionAbsoluteHours: 7 * 24 } });
    op = await env.login('community_op');
    cityOp = await env.login('city_op');
    resident = await env.login('resident1');
    const opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === opRegion)!;
    gw = await env.login(worker.username);
    gridA = env.gridId(worker.gridCode!);
    const township = env.seed.city.regions.find((x) => x.code === opRegion)!.parentCode!;
    const c2 = env.seed.city.regions.find((x) => x.parentCode === township && x.code !== opRegion)!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'hc_c2_op', displayName: '相邻社区值班员', role: 'operator', scopeRegionCode: c2.code, password: 'Neighb0ur#1' })).status, 201);
    sibling = await env.loginChangingPassword('hc_c2_op', 'Neighb0ur#1');
    const names: Record<string, string> = { c: '红码甲', h: '同住乙', a: '来返丙', m: '中风丁', f: '发热戊', s: '症状己' };
    for (const [k, name] of Object.entries(names)) {
      const made = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name, idNumber: ids[k as keyof typeof ids], kind: 'registered' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      residents[k] = made.body.id;
    }
    const household = await op.post<{ id: string }>('/api/households', { gridId: gridA, number: 'HC-001' });
    for (const [k, relation] of [['c', 'head'], ['h', 'spouse']] as const) assert.equal((await op.post(`/api/households/${household.body.id}/members`, { residentId: residents[k], relation })).status, 200);
    // Risk areas (the city's), then the checkpoints' list.
    const areas = await cityOp.put('/api/health-code-risk-areas', {
      areas: [
        { name: '高风险市', level: 'high', from: iso(24 * 20), until: null },
        { name: '中风险县', level: 'medium', from: iso(24 * 20) },
      ],
    });
    assert.equal(areas.status, 200, JSON.stringify(areas.body));
    const csv = ['姓名,证件号码,交通方式,车次/航班号/车牌,车厢,座位号,出发地,到达时间', `来返丙,${ids.a},铁路,G1,01,1A,高风险市东站,${at(30)}`, `中风丁,${ids.m},铁路,G2,01,1A,中风险县,${at(30)}`].join('\n');
    const uploaded = await upload<ImportJob>(env, op, 'arrival.csv', Buffer.from(csv), 'arrival');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal((await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
  });
  after(() => env.close());

  it('gives each evidence kind its colour by the default rule, with the line and evidence that made it', async () => {
    const made = await op.post<{ id: string; caseNo: string }>('/api/cases', { person: { residentId: residents.c }, status: 'confirmed', onsetDate: at(24).slice(0, 10) });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const anyone = env.client();
    assert.equal((await anyone.post('/api/public/declarations', { mode: 'daily', answers: { ...declarationAnswers({ name: '发热戊', idNumber: ids.f, phone: '13900000001' }), temperature: 38.4 } })).status, 201);
    assert.equal((await anyone.post('/api/public/declarations', { mode: 'daily', answers: { ...declarationAnswers({ name: '症状己', idNumber: ids.s, phone: '13900000002' }), temperature: 37.0, symptoms: ['cough'] } })).status, 201);
    const expect: Record<string, [string, string, number]> = { c: ['red', 'case', 0], h: ['red', 'contact', 1], a: ['red', 'arrival', 3], m: ['yellow', 'arrival', 8], f: ['yellow', 'fever', 5], s: ['yellow', 'symptoms', 6] };
    for (const [k, [colour, kind, line]] of Object.entries(expect)) {
      const got = await code(residents[k]!);
      assert.equal(got.status, 200, `${k}: ${JSON.stringify(got.body)}`);
      assert.deepEqual([got.body.colour, got.body.line, got.body.evidence.map((e) => e.kind)], [colour, line, [kind]], k);
    }
    assert.equal((await code(residents.c!)).body.evidence[0]!.ref, made.body.caseNo);
    const list = await op.get<Page<CodeSummary>>('/api/health-codes?colour=red');
    assert.ok(list.body.items.some((c) => c.id === residents.h), 'the contact is in the red list');
    assert.ok(!JSON.stringify(list.body).includes('同住乙') && !JSON.stringify(list.body).includes(ids.h), 'no names or numbers');
  });

  it('a resident requests, sees and re-issues their own code; a trip from a risk area turns it red', async () => {
    assert.equal((await resident.get<ErrorBody>('/api/health-codes/mine')).body.error.code, 'HEALTHCODE_NOT_ISSUED');
    const issued = await resident.post<OwnCode>('/api/health-codes/mine', {});
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.deepEqual([issued.body.colour, issued.body.evidence], ['green', []]);
    assert.match(issued.body.token, /^[A-Za-z0-9_-]{22}$/);
    const rotated = await resident.post<OwnCode>('/api/health-codes/mine', { rotate: true });
    assert.notEqual(rotated.body.token, issued.body.token);
    const verify = (token: string) => env.client().get<CodeVerification>(`/api/public/health-codes/verify/${token}`);
    assert.equal((await verify(issued.body.token)).body.colour, 'unknown', 'the old token no longer verifies');
    assert.equal((await verify(rotated.body.token)).body.colour, 'green');
    const trip = await resident.post<OwnCode>('/api/health-codes/mine/trips', { origin: '高风险市', arrivedAt: new Date(env.clock.now().getTime() - 3_600_000).toISOString() });
    assert.equal(trip.status, 200, JSON.stringify(trip.body));
    assert.deepEqual([trip.body.colour, trip.body.line, trip.body.evidence.map((e) => e.kind)], ['red', 4, ['trip']]);
    assert.notEqual(trip.body.token, rotated.body.token, 'a changed colour gets a new token');
    assert.equal((await verify(trip.body.token)).body.colour, 'red');
  });

  it('verification answers colour and validity only, the same shape for unknown and malformed tokens', async () => {
    const own = await resident.get<OwnCode>('/api/health-codes/mine');
    const anyone = env.client();
    const known = await anyone.get<CodeVerification>(`/api/public/health-codes/verify/${own.body.token}`);
    const unknown = await anyone.get<CodeVerification>(`/api/public/health-codes/verify/${'A'.repeat(22)}`);
    const malformed = await anyone.get<CodeVerification>('/api/public/health-codes/verify/xyz');
    for (const r of [known, unknown, malformed]) {
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body).sort(), ['checkedAt', 'colour', 'validUntil']);
    }
    assert.deepEqual([known.body.colour, unknown.body.colour, malformed.body.colour, unknown.body.validUntil], ['red', 'unknown', 'unknown', null]);
    const text = JSON.stringify(known.body) + JSON.stringify(known.headers);
    for (const secret of ['周建华', 'resident1', '高风险市', 'trip']) assert.ok(!text.includes(secret), secret);
    // A code computed from evidence but never requested is not shown at a gate.
    const [unissued] = await rows<{ token: string }>(env.rt.database.db, sql`select token from health_code where person_key = ${residents.c} and issued_at is null`);
    assert.equal((await anyone.get<CodeVerification>(`/api/public/health-codes/verify/${unissued!.token}`)).body.colour, 'unknown');
  });

  it('rule versions change codes at their effective time; a future version is applied by the recurring job', async () => {
    const secondaryRed: RuleLine[] = [{ evidenceKind: 'symptoms', colour: 'red' }, ...DEFAULT_HEALTH_CODE_RULE.lines];
    assert.equal((await op.put<ErrorBody>('/api/health-code-rule', { lines: secondaryRed })).body.error.code, 'HEALTHCODE_RULE_SCOPE');
    const now = await cityOp.put<RuleVersions>('/api/health-code-rule', { lines: secondaryRed });
    assert.equal(now.status, 200, JSON.stringify(now.body));
    assert.equal(now.body.inForce, 1);
    assert.deepEqual([(await code(residents.s!)).body.colour, (await code(residents.s!)).body.line, (await code(residents.s!)).body.ruleVersion], ['red', 0, 1]);
    // Tomorrow: symptoms are green (no line), fever stays yellow.
    const tomorrow = new Date(env.clock.now().getTime() + 24 * 3_600_000).toISOString();
    const noSymptoms = DEFAULT_HEALTH_CODE_RULE.lines.filter((l) => l.evidenceKind !== 'symptoms');
    const future = await cityOp.put<RuleVersions>('/api/health-code-rule', { effectiveFrom: tomorrow, lines: noSymptoms });
    assert.deepEqual([future.body.inForce, future.body.versions.map((v) => v.version)], [1, [2, 1, 0]]);
    assert.equal((await code(residents.s!)).body.colour, 'red', 'not before its time');
    const past = await cityOp.put<ErrorBody>('/api/health-code-rule', { effectiveFrom: '2020-01-01T00:00:00Z', lines: noSymptoms });
    assert.equal(past.body.error.code, 'HEALTHCODE_EFFECTIVE_PAST');
    env.clock.advance(24 * 3_600_000 + 60_000);
    const run = await recomputeDue(env.rt.kit, env.rt.database.db, env.clock.now());
    assert.equal(run.all, true);
    const s = await code(residents.s!);
    assert.deepEqual([s.body.colour, s.body.ruleVersion, s.body.evidence], ['green', 2, []]);
    assert.equal((await code(residents.f!)).body.colour, 'yellow', 'fever within 3 days still');
    const audit = await rows<{ details: { from: { version: number }; to: { effectiveFrom: string } } }>(env.rt.database.db, sql`select details from audit_log where action = 'healthcode.rule' order by id`);
    assert.deepEqual(audit.map((a) => a.details.from.version), [0, 1]);
    // Two days later fever's three-day window has closed: the job's recompute of expired codes turns it green.
    env.clock.advance(2 * 24 * 3_600_000);
    await recomputeDue(env.rt.kit, env.rt.database.db, env.clock.now());
    assert.equal((await code(residents.f!)).body.colour, 'green');
  });

  it('a correction request is reviewed in scope: accepted, the colour given holds until its expiry', async () => {
    const filed = await resident.post<CorrectionSummary & ErrorBody>('/api/health-codes/mine/corrections', { reason: '行程申报填错了出发地' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.equal((await resident.post<ErrorBody>('/api/health-codes/mine/corrections', { reason: '再次申请' })).body.error.code, 'HEALTHCODE_CORRECTION_OPEN');
    assert.equal((await sibling.post(`/api/health-code-corrections/${filed.body.id}/review`, { version: 1, decision: 'accept', note: '核实' })).status, 404, 'outside scope');
    assert.ok(!(await sibling.get<Page<CorrectionSummary>>('/api/health-code-corrections')).body.items.some((c) => c.id === filed.body.id));
    const list = await op.get<Page<CorrectionSummary>>('/api/health-code-corrections?status=pending');
    assert.ok(list.body.items.some((c) => c.id === filed.body.id));
    const reviewed = await op.post<CorrectionSummary>(`/api/health-code-corrections/${filed.body.id}/review`, { version: 1, decision: 'accept', colour: 'green', hours: 12, note: '经核实为误填' });
    assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));
    assert.equal((await op.post<ErrorBody>(`/api/health-code-corrections/${filed.body.id}/review`, { version: 2, decision: 'reject', note: '再审' })).body.error.code, 'HEALTHCODE_CORRECTION_STATE');
    const mine = await resident.get<OwnCode>('/api/health-codes/mine');
    assert.deepEqual([mine.body.colour, mine.body.override, mine.body.correction?.status], ['green', true, 'accepted']);
    env.clock.advance(13 * 3_600_000);
    await recomputeDue(env.rt.kit, env.rt.database.db, env.clock.now());
    const later = await resident.get<OwnCode>('/api/health-codes/mine');
    assert.deepEqual([later.body.colour, later.body.override], ['red', false], 'the rule again after the expiry');
  });

  it('reasons are read in scope only, with a purpose, and audited with it', async () => {
    const key = residents.h!;
    assert.equal((await sibling.get(`/api/health-codes/${key}?purpose=x`)).status, 404);
    assert.equal((await op.get<ErrorBody>(`/api/health-codes/${key}`)).body.error.code, 'HEALTHCODE_PURPOSE_REQUIRED');
    assert.equal((await code(key, gw)).status, 200, 'the grid worker of the grid');
    assert.ok(!(await sibling.get<Page<CodeSummary>>('/api/health-codes')).body.items.some((c) => c.id === key));
    const audit = await rows<{ details: { purpose: string } }>(env.rt.database.db, sql`select details from audit_log where action = 'healthcode.read' and object_id = ${key}`);
    assert.ok(audit.length >= 2 && audit.every((a) => a.details.purpose === '核查健康码'));
  });

  it('a code is found by the document number in scope only, with a purpose, audited; out of scope answers like no code', async () => {
    const found = await op.post<CodeDetail>('/api/health-codes/lookup', { idNumber: ids.h, purpose: '居民来电询问' });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual([found.body.id, found.body.colour, found.body.evidence.map((e) => e.kind)], [residents.h, 'red', ['contact']]);
    const outOfScope = await sibling.post<ErrorBody>('/api/health-codes/lookup', { idNumber: ids.h, purpose: '居民来电询问' });
    const noCode = await op.post<ErrorBody>('/api/health-codes/lookup', { idNumber: idNumber('430702', '19900101', '177'), purpose: '居民来电询问' });
    assert.deepEqual([outOfScope.status, outOfScope.body.error.code], [noCode.status, noCode.body.error.code]);
    assert.deepEqual([noCode.status, noCode.body.error.code], [404, 'HEALTHCODE_LOOKUP_NONE']);
    const malformed = await op.post<ErrorBody>('/api/health-codes/lookup', { idNumber: ids.h.slice(0, 17) + (ids.h[17] === '0' ? '1' : '0'), purpose: '居民来电询问' });
    assert.deepEqual([malformed.status, malformed.body.error.details?.fields?.[0]?.field], [400, 'idNumber']);
    assert.equal((await op.post('/api/health-codes/lookup', { idNumber: ids.h })).status, 400, 'a purpose is required');
    const audit = await rows<{ details: { purpose: string } }>(env.rt.database.db, sql`select details from audit_log where action = 'healthcode.read' and object_id = ${residents.h!} and details->>'purpose' = '居民来电询问'`);
    assert.equal(audit.length, 1);
  });

  it('an account that gives its real name has the code of the person it is; a quarantine order is evidence', async () => {
    const secadmin = await env.login('secadmin');
    const opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    assert.equal((await secadmin.post('/api/users', { username: 'hc_res2', displayName: '居民二', role: 'resident', scopeRegionCode: opRegion, scopeGridId: gridA, password: 'Resident#2026' })).status, 201);
    const account = await env.loginChangingPassword('hc_res2', 'Resident#2026');
    const before = await account.post<OwnCode>('/api/health-codes/mine', {});
    assert.equal(before.body.colour, 'green', 'the account alone has no evidence');
    // It is 同住乙, the household contact of a confirmed case.
    const identified = await account.put('/api/me/identity', { name: '同住乙', idNumber: ids.h });
    assert.equal(identified.status, 200, JSON.stringify(identified.body));
    const mine = await account.get<OwnCode>('/api/health-codes/mine');
    assert.deepEqual([mine.status, mine.body.colour, mine.body.evidence.map((e) => e.kind)], [200, 'red', ['contact']]);
    const verified = await env.client().get<CodeVerification>(`/api/public/health-codes/verify/${mine.body.token}`);
    assert.equal(verified.body.colour, 'red');
    assert.equal((await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from health_code where person_key = (select id from app_user where username = 'hc_res2')`))[0]!.n, 0, 'nothing left under the account');
    // A quarantine order for the contact is evidence of its own.
    const site = await op.post<{ id: string }>('/api/quarantine/sites', { name: '健康码测试隔离点', regionCode: opRegion, address: '城东路 1 号', lng: 111.69, lat: 29.04, capacity: 10 });
    assert.equal(site.status, 201, JSON.stringify(site.body));
    const contacts = await op.get<Page<{ id: string; degree: number; name: string }>>(`/api/contacts?degree=1`);
    const contact = contacts.body.items.find((c) => c.name === '同**')!;
    const order = await op.post('/api/quarantine/orders', { contactId: contact.id, siteId: site.body.id, address: '幸福小区 1 栋', means: 'written', orderedAt: env.clock.now().toISOString() });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    const quarantine = env.rt.kit.registry.evidence.get('quarantine.quarantine')!;
    const found = await rows<{ kind: string; region_code: string }>(env.rt.database.db, quarantine.select(sql`select ${residents.h}::uuid`, env.clock.now()));
    assert.deepEqual(found.map((e) => e.kind), ['quarantine']);
  });
});
