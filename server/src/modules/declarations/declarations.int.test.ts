import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { divisionPrefix, idCheckChar, type DeclarationDetail, type DeclarationHistory, type DeclarationReceipt, type DeclarationSummary } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { declarationAnswers, testIdNumber } from './scope-kit.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[]; errors?: { path: string; code: string }[] } };
}
type Page = { items: DeclarationSummary[]; total: number };

describe('self-declaration (市民自主填报)', () => {
  let env: TestEnv;
  let op: Client;
  let gw1: Client;
  let neighbour: Client;
  let farOp: Client;
  let anyone: Client;
  let communityCode: string;
  let grid1: string;
  let householdId: string;
  const registered = { name: '申报张三', idNumber: '', phone: '13912345678' };

  before(async () => {
    // A day passes in these tests: sessions outlive it.
    env = await startTestEnv({ config: { declarationsPerIp: 0, sessionIdleMinutes: 3 * 24 * 60, sessionAbsoluteHours: 3 * 24 } });
    const grids = env.seed.city.grids;
    communityCode = grids[0]!.regionCode;
    grid1 = env.gridId(grids[0]!.code);
    const neighbourAccount = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.gridCode === grids[1]!.code)!;
    const far = env.seed.accounts.find((a) => a.role === 'grid_worker' && !a.scopeRegionCode.startsWith(divisionPrefix(communityCode).slice(0, 9)))!;
    op = await env.login('community_op');
    gw1 = await env.login('gw1');
    neighbour = await env.login(neighbourAccount.username);
    farOp = await env.login(far.username);
    anyone = env.client();
    // A registered resident of grid 1 in a household.
    const first = '43070219800101123';
    registered.idNumber = first + idCheckChar(first);
    const resident = await gw1.post<{ id: string }>('/api/residents', { gridId: grid1, name: registered.name, idNumber: registered.idNumber, kind: 'registered' });
    assert.equal(resident.status, 201, JSON.stringify(resident.body));
    const household = await gw1.post<{ id: string }>('/api/households', { gridId: grid1, number: 'SB-001', address: '幸福路 1 号' });
    householdId = household.body.id;
    assert.equal((await gw1.post(`/api/households/${householdId}/members`, { residentId: resident.body.id, relation: 'head' })).status, 200);
  });
  after(() => env.close());

  const declare = (body: unknown, client = anyone) => client.post<DeclarationReceipt & ErrorBody>('/api/public/declarations', body);

  it('serves the shipped form; bad answers, versions, places and documents are refused with stable codes', async () => {
    const form = await anyone.get<{ version: number; definition: { key: string; alerts: { key: string }[] } }>('/api/public/declarations/form');
    assert.deepEqual([form.status, form.body.definition.key, form.body.definition.alerts.map((a) => a.key)], [200, 'declarations.self', ['contact', 'fever', 'symptoms', 'risk_area']]);

    const bad = await declare({ mode: 'daily', answers: { ...declarationAnswers(registered), temperature: 50, id_number: '430702198001011230' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
    assert.deepEqual(bad.body.error.details?.errors?.map((e) => e.path).sort(), ['id_number', 'temperature']);

    const version = await declare({ mode: 'daily', formVersion: 9, answers: declarationAnswers(registered) });
    assert.deepEqual([version.status, version.body.error.code, version.body.error.details?.fields?.[0]?.code], [400, 'VALIDATION_FAILED', 'DECLARATION_FORM_VERSION_INVALID']);

    const stranger = declarationAnswers({ name: '外来人员', idNumber: testIdNumber(1), phone: '13700000001' });
    const noPlace = await declare({ mode: 'once', answers: stranger });
    assert.deepEqual([noPlace.status, noPlace.body.error.code], [400, 'DECLARATION_REGION_REQUIRED']);
    const county = await declare({ mode: 'once', regionCode: communityCode.slice(0, 6) + '000000', answers: stranger });
    assert.deepEqual([county.status, county.body.error.code], [400, 'DECLARATION_REGION_INVALID']);
    const english = await env.client('en').post<ErrorBody>('/api/public/declarations', { mode: 'once', answers: stranger });
    assert.equal(english.body.error.message, 'Choose the community you live in');
    const count = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from declaration`);
    assert.equal(count[0]!.n, 0);
  });

  it('matches a declaration to the register (household and grid) and flags it by the form\'s rules', async () => {
    const made = await declare({ mode: 'daily', answers: { ...declarationAnswers(registered), temperature: 38.2, symptoms: ['cough'] } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.abnormal, made.body.alerts.map((a) => a.key), made.body.replaced, made.body.source], [true, ['fever', 'symptoms'], false, 'portal']);
    assert.equal(made.body.idNumberMasked, '43**************' + registered.idNumber.slice(-2));
    assert.equal(made.body.answers.id_number, undefined);
    assert.equal(made.body.answers.phone, undefined);
    const [row] = await rows<{ household_id: string; grid_id: string; resident_id: string | null }>(env.rt.database.db, sql`select household_id, grid_id, resident_id from declaration where id = ${made.body.id}`);
    assert.deepEqual([row!.household_id, row!.grid_id, row!.resident_id !== null], [householdId, grid1, true]);

    // Shown flagged to the grid's worker and the community's operator, masked.
    for (const c of [gw1, op]) {
      const list = await c.get<Page>('/api/declarations?abnormal=true');
      const item = list.body.items.find((d) => d.id === made.body.id)!;
      assert.deepEqual([item.matched, item.abnormal, item.gridId, item.name, item.phoneMasked], [true, true, grid1, '申***', '139****5678']);
    }
  });

  it('keeps an unmatched declaration in the community given, listed for follow-up', async () => {
    const made = await declare({ mode: 'once', regionCode: communityCode, answers: declarationAnswers({ name: '外来人员', idNumber: testIdNumber(2), phone: '13700000002' }) });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const unmatched = await op.get<Page>('/api/declarations?unmatched=true');
    assert.deepEqual(unmatched.body.items.map((d) => [d.id, d.matched, d.gridId, d.regionCode]), [[made.body.id, false, null, communityCode]]);
    // A grid worker sees the declarations of their grid only: not one placed in no grid.
    assert.equal((await gw1.get<Page>('/api/declarations?unmatched=true')).body.total, 0);
  });

  it('daily: a second declaration the same day replaces the first (kept, audited); a new day does not', async () => {
    env.clock.advance(60_000);
    const again = await declare({ mode: 'daily', answers: { ...declarationAnswers(registered), temperature: 36.6 } });
    assert.deepEqual([again.status, again.body.replaced, again.body.abnormal], [201, true, false]);
    const current = await op.get<Page>('/api/declarations?unmatched=false');
    assert.deepEqual(current.body.items.map((d) => d.id), [again.body.id]);
    const all = await op.get<Page>('/api/declarations?unmatched=false&superseded=true');
    assert.deepEqual(all.body.items.map((d) => [d.temperature, d.superseded]), [[36.6, false], [38.2, true]]);
    const replaced = await rows<{ object_id: string }>(env.rt.database.db, sql`select object_id from audit_log where action = 'declaration.replace'`);
    assert.deepEqual(replaced.map((r) => r.object_id), [all.body.items[1]!.id]);
    // "Once" declarations are never replaced.
    const once = await declare({ mode: 'once', answers: declarationAnswers(registered) });
    assert.equal(once.body.replaced, false);
    // The next day's first daily declaration replaces nothing.
    env.clock.advance(24 * 3_600_000);
    const tomorrow = await declare({ mode: 'daily', answers: declarationAnswers(registered) });
    assert.equal(tomorrow.body.replaced, false);
    const history = await anyone.post<DeclarationHistory>('/api/public/declarations/history', { idNumber: registered.idNumber, phone: registered.phone });
    assert.deepEqual(history.body.items.map((d) => [d.mode, d.superseded]), [['daily', false], ['once', false], ['daily', false], ['daily', true]]);
    const wrongPhone = await anyone.post<ErrorBody>('/api/public/declarations/history', { idNumber: registered.idNumber, phone: '13900000000' });
    assert.deepEqual([wrongPhone.status, wrongPhone.body.error.code], [404, 'DECLARATION_NOT_FOUND']);
  });

  it('staff record a declaration taken by phone in their scope', async () => {
    const recorded = await gw1.post<DeclarationReceipt & ErrorBody>('/api/declarations', { mode: 'daily', regionCode: communityCode, answers: { ...declarationAnswers({ name: '电话申报', idNumber: testIdNumber(3), phone: '13700000003' }), risk_area: true } });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.deepEqual([recorded.body.source, recorded.body.abnormal, recorded.body.alerts.map((a) => a.key)], ['phone', true, ['risk_area']]);
    const detail = await gw1.get<DeclarationDetail>(`/api/declarations/${recorded.body.id}?purpose=${encodeURIComponent('电话回访')}`);
    assert.deepEqual([detail.body.gridId, detail.body.source, detail.body.recordedByName !== null], [grid1, 'phone', true]);
    // Outside one's scope the community is refused.
    const far = await farOp.post<ErrorBody>('/api/declarations', { mode: 'once', regionCode: communityCode, answers: declarationAnswers({ name: '越权代录', idNumber: testIdNumber(4), phone: '13700000004' }) });
    assert.deepEqual([far.status, far.body.error.code], [400, 'DECLARATION_REGION_INVALID']);
    // Residents and anonymous callers may not record for others.
    assert.equal((await anyone.post<ErrorBody>('/api/declarations', { mode: 'once', regionCode: communityCode, answers: {} })).status, 401);
  });

  it('scope: another grid\'s worker and another community\'s worker see nothing in lists, counts or details', async () => {
    const [mine] = (await gw1.get<Page>('/api/declarations')).body.items;
    assert.ok(mine);
    for (const c of [neighbour, farOp]) {
      assert.equal((await c.get<Page>('/api/declarations?superseded=true')).body.total, 0);
      assert.deepEqual((await c.get<{ total: number; abnormal: number }>('/api/declarations/today')).body.total, 0);
      assert.equal((await c.get(`/api/declarations/${mine.id}?purpose=${encodeURIComponent('核查')}`)).status, 404);
    }
    const today = await op.get<{ day: string; total: number; abnormal: number; unmatched: number }>('/api/declarations/today');
    const listed = (await op.get<Page>(`/api/declarations?from=${today.body.day}&to=${today.body.day}`)).body.items;
    assert.ok(listed.length > 0);
    assert.deepEqual([today.body.total, today.body.abnormal, today.body.unmatched], [listed.length, listed.filter((d) => d.abnormal).length, listed.filter((d) => !d.matched).length]);
  });

  it('a detail needs a purpose and each read is audited with it', async () => {
    const first = (await op.get<Page>('/api/declarations')).body.items.find((d) => d.source === 'phone');
    const none = await op.get<ErrorBody>(`/api/declarations/${first!.id}`);
    assert.deepEqual([none.status, none.body.error.code], [400, 'DECLARATION_PURPOSE_REQUIRED']);
    const read = await op.get<DeclarationDetail>(`/api/declarations/${first!.id}?purpose=${encodeURIComponent('发热随访')}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.answers.id_number, undefined);
    const audit = await rows<{ details: { purpose: string } }>(env.rt.database.db, sql`select details from audit_log where action = 'declaration.read' and object_id = ${first!.id} order by id`);
    // The grid worker read it before (it took the call): each read is there with its purpose.
    assert.deepEqual(audit.map((a) => a.details.purpose), ['电话回访', '发热随访']);
    const listed = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where action = 'declaration.list'`);
    assert.ok(listed[0]!.n > 0);
  });

  it('tells other modules which households declared since a time and were not flagged; metrics match their recount', async () => {
    const declared = env.rt.kit.providers.declaredUnflagged;
    const db = env.rt.database.db;
    const skipped = async (since: Date) =>
      (await rows<{ id: string }>(db, sql`select h.id from household h where ${declared(sql`h.id`, since)} order by h.id`)).map((h) => h.id);
    const yesterday = new Date(env.clock.now().getTime() - 36 * 3_600_000);
    // The fever of the first day was corrected the same day: the household declared, not flagged.
    assert.deepEqual(await skipped(yesterday), [householdId]);
    assert.deepEqual(await skipped(new Date(env.clock.now().getTime() + 1000)), [], 'nothing declared after now');
    // A current declaration with a contact with a case flags the household: it is visited again.
    assert.equal((await declare({ mode: 'once', answers: { ...declarationAnswers(registered), contact: 'close' } })).status, 201);
    assert.deepEqual(await skipped(yesterday), []);
    await foldMetrics(db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(db, env.rt.kit.registry.metrics), []);
  });
});

describe('self-declaration: limits per address and per person', () => {
  let env: TestEnv;
  after(() => env.close());

  it('the per-address limit holds across forged X-Forwarded-For, and is kept in the database', async () => {
    env = await startTestEnv({ config: { declarationsPerIp: 3, declarationsPerPerson: 2 } });
    const region = env.seed.city.grids[0]!.regionCode;
    const anyone = env.client();
    const body = (n: number) => ({ mode: 'once', regionCode: region, answers: declarationAnswers({ name: '限流测试', idNumber: testIdNumber(10 + n), phone: `1370000${String(10 + n).padStart(4, '0')}` }) });
    assert.equal((await anyone.post('/api/public/declarations', body(1))).status, 201);
    assert.equal((await anyone.post('/api/public/declarations', body(1))).status, 201);
    // The same person a third time the same day: refused as too many for this document.
    const person = await anyone.request<ErrorBody>('POST', '/api/public/declarations', body(1), 'zh-CN', { 'x-forwarded-for': '203.0.113.7' });
    assert.deepEqual([person.status, person.body.error.code], [429, 'DECLARATION_TOO_MANY']);
    const limited = await anyone.request<ErrorBody>('POST', '/api/public/declarations', body(2), 'zh-CN', { 'x-forwarded-for': '203.0.113.9' });
    assert.deepEqual([limited.status, limited.body.error.code], [429, 'RATE_LIMITED']);
    const counted = await rows<{ key: string; hits: number }>(env.rt.database.db, sql`select key, hits from rate_counter where key like 'declarations.ip:%'`);
    assert.deepEqual(counted.map((c) => c.hits), [4]);
  });
});
