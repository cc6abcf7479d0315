import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Consultation, HealthFacility, PublicConsultation, PublicHealthFacility, PublicRebuttal, Rebuttal } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { wallClockWeek } from './opening-hours.js';
import { facilityBody } from './scope-kit.js';
import { seedDemoPublicInfo } from './demo-publicinfo.js';
import { pointInPolygon } from '../../platform/geo/polygon.js';

interface Refusal {
  error: { code: string };
}

describe('public information: rebuttals, facilities, questions', () => {
  let env: TestEnv;
  let community: Client;
  let county: Client;
  let worker: Client;
  let resident: Client;
  let here: string;
  let elsewhere: string;

  before(async () => {
    env = await startTestEnv();
    [community, county, worker, resident] = await Promise.all([env.login('community_op'), env.login('county_op'), env.login('gw1'), env.login('resident1')]);
    here = env.seed.city.grids[0]!.regionCode;
    elsewhere = env.seed.city.grids.find((g) => g.regionCode.slice(0, 6) !== here.slice(0, 6))!.regionCode;
  });
  after(() => env.close());

  const portal = <T>(url: string) => env.client().get<{ items: T[] }>(url).then((r) => r.body.items);

  it('a rebuttal goes draft, published, withdrawn with stable codes; the portal finds it by words only while published and only at its place', async () => {
    const made = await community.post<Rebuttal>('/api/rebuttals', { regionCode: here, claim: '喝高度白酒可以预防新冠病毒感染', verdict: 'false', evidence: '饮酒不能预防新冠病毒感染，过量饮酒损害健康。', sourceName: '国家卫生健康委员会', sourceUrl: 'https://www.nhc.gov.cn/' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.status, made.body.actions], ['draft', ['edit', 'publish']]);
    // Grid workers and other counties do not reach it; nor does a region outside the writer's subtree take one.
    assert.equal((await worker.get(`/api/rebuttals/${made.body.id}`)).status, 403);
    const outside = await community.post<Refusal>('/api/rebuttals', { regionCode: elsewhere, claim: '某地出现新变异株', verdict: 'unverified', evidence: '正在核实中，请勿传播。', sourceName: '县卫健局' });
    assert.equal(outside.status, 400);
    const badVerdict = await community.post<Refusal>('/api/rebuttals', { regionCode: here, claim: '某地出现新变异株', verdict: 'maybe', evidence: '正在核实中，请勿传播。', sourceName: '县卫健局' });
    assert.deepEqual([badVerdict.status, badVerdict.body.error.code], [400, 'VALIDATION_FAILED']);

    assert.deepEqual(await portal(`/api/public/rebuttals?region=${here}&q=白酒`), [], 'a draft is not public');
    const early = await community.post<Refusal>(`/api/rebuttals/${made.body.id}/withdraw`, { version: 1, note: '过时' });
    assert.deepEqual([early.status, early.body.error.code], [409, 'RUMOUR_REBUTTAL_STATE']);
    const edited = await community.post<Rebuttal>(`/api/rebuttals/${made.body.id}/edit`, { version: 1, evidence: '酒精不能预防新冠病毒感染，过量饮酒损害免疫力。' });
    assert.equal(edited.body.version, 2);
    const stale = await community.post<Refusal>(`/api/rebuttals/${made.body.id}/publish`, { version: 1 });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'RUMOUR_REBUTTAL_VERSION_CONFLICT']);
    assert.equal((await county.post<Rebuttal>(`/api/rebuttals/${made.body.id}/publish`, { version: 2 })).body.status, 'published');

    // Word search: 白酒 and 预防 (in the claim), 免疫力 (in the new evidence); a word it lacks finds nothing.
    for (const q of ['白酒', '预防 新冠', '免疫力']) assert.deepEqual((await portal<PublicRebuttal>(`/api/public/rebuttals?region=${here}&q=${encodeURIComponent(q)}`)).map((r) => r.id), [made.body.id], q);
    assert.deepEqual(await portal(`/api/public/rebuttals?region=${here}&q=${encodeURIComponent('口罩')}`), []);
    assert.deepEqual(await portal(`/api/public/rebuttals?region=${elsewhere}`), [], 'another county does not see it');
    assert.equal((await county.get<{ items: Rebuttal[] }>(`/api/rebuttals?q=${encodeURIComponent('白酒')}`)).body.items.length, 1);

    await county.post(`/api/rebuttals/${made.body.id}/withdraw`, { version: 3, note: '信息已更新' });
    assert.deepEqual(await portal(`/api/public/rebuttals?region=${here}`), []);
    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${made.body.id} order by id`);
    assert.deepEqual(audit.map((a) => a.action).filter((a) => a.startsWith('rumour_rebuttal')), ['rumour_rebuttal.create', 'rumour_rebuttal.edit', 'rumour_rebuttal.publish', 'rumour_rebuttal.withdraw']);
  });

  it('the directory tells which facilities are open now on the city\'s clock, nearest first, and none of another county', async () => {
    const { day, minute } = wallClockWeek(env.clock.now());
    const hh = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const grid = env.seed.city.grids[0]!;
    const [lon, lat] = grid.boundary.coordinates[0]![0]! as [number, number];
    // Open from an hour ago, for two hours: open now; the other opens in three hours.
    const open = await community.post<HealthFacility>('/api/health-facilities', { ...facilityBody(here, '城关社区卫生服务中心发热门诊', lon + 0.01, lat), hours: { [day]: [`${hh(minute + 1440 - 60)}-${hh(minute + 60)}`] } });
    assert.equal(open.status, 201, JSON.stringify(open.body));
    assert.equal(open.body.openNow, true);
    const later = await community.post<HealthFacility>('/api/health-facilities', { ...facilityBody(here, '县人民医院', lon + 0.1, lat), kind: 'hospital', hours: { [day]: [`${hh(minute + 180)}-${hh(minute + 240)}`] } });
    assert.equal(later.body.openNow, false);
    const badHours = await community.post<Refusal>('/api/health-facilities', { ...facilityBody(here, '无效时间诊所', lon, lat), hours: { mon: ['8:00-25:00'] } });
    assert.deepEqual([badHours.status, badHours.body.error.code], [400, 'VALIDATION_FAILED']);
    await county.post('/api/health-facilities', facilityBody(elsewhere.slice(0, 6).padEnd(12, '0'), '外县发热门诊', lon, lat));

    const listed = await portal<PublicHealthFacility>(`/api/public/health-facilities?region=${here}&lon=${lon}&lat=${lat}`);
    assert.deepEqual(listed.map((f) => [f.name, f.openNow]), [['城关社区卫生服务中心发热门诊', true], ['县人民医院', false]]);
    assert.ok(listed[0]!.distanceMeters! > 500 && listed[0]!.distanceMeters! < 1500, String(listed[0]!.distanceMeters));
    assert.deepEqual((await portal<PublicHealthFacility>(`/api/public/health-facilities?region=${here}&openNow=true&kind=fever_clinic`)).map((f) => f.name), ['城关社区卫生服务中心发热门诊']);

    const stale = await community.patch<Refusal>(`/api/health-facilities/${open.body.id}`, { version: 2, phone: '0736-1111111' });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'HEALTH_FACILITY_VERSION_CONFLICT']);
    const retired = await community.patch<HealthFacility>(`/api/health-facilities/${open.body.id}`, { version: 1, active: false });
    assert.equal(retired.body.active, false);
    assert.ok(!(await portal<PublicHealthFacility>(`/api/public/health-facilities?region=${here}`)).some((f) => f.id === open.body.id));
    // Three hours on, the second is open.
    env.clock.advance(3 * 3_600_000);
    assert.deepEqual((await portal<PublicHealthFacility>(`/api/public/health-facilities?region=${here}&openNow=true`)).map((f) => f.name), ['县人民医院']);
  });

  it('a question is public only once answered and published, with personal numbers masked and no asker; the signed-in asker is told', async () => {
    // The clock moved on in the test above: sign in again.
    [community, resident] = await Promise.all([env.login('community_op'), env.login('resident1')]);
    const phone = '13912345678';
    const idNumber = '430721199001011234';
    const asked = await env.client().post<{ id: string; status: string }>('/api/public/consultations', { regionCode: here, question: `我从外地返乡需要隔离吗？电话${phone}，身份证${idNumber}` });
    assert.deepEqual([asked.status, asked.body.status], [201, 'asked']);
    const seen = await community.get<Consultation>(`/api/consultations/${asked.body.id}`);
    assert.ok(!seen.body.question.includes(phone) && !seen.body.question.includes(idNumber), seen.body.question);
    assert.ok(seen.body.question.includes('139****5678'), seen.body.question);
    assert.deepEqual(await portal(`/api/public/consultations?region=${here}`), [], 'an unanswered question is not public');

    const early = await community.post<Refusal>(`/api/consultations/${asked.body.id}/publish`, { version: 1 });
    assert.deepEqual([early.status, early.body.error.code], [409, 'CONSULTATION_STATE']);
    await community.post(`/api/consultations/${asked.body.id}/answer`, { version: 1, answer: '返乡后请向社区报备，按要求进行健康监测。' });
    assert.deepEqual(await portal(`/api/public/consultations?region=${here}`), [], 'answered but not yet published');
    await community.post(`/api/consultations/${asked.body.id}/publish`, { version: 2 });
    const published = await portal<PublicConsultation>(`/api/public/consultations?region=${here}`);
    assert.equal(published.length, 1);
    assert.deepEqual(Object.keys(published[0]!).sort(), ['answer', 'id', 'publishedAt', 'question', 'regionName']);
    assert.ok(!JSON.stringify(published).includes(phone) && !JSON.stringify(published).includes(idNumber));
    assert.deepEqual(await portal(`/api/public/consultations?region=${elsewhere}`), []);

    // A signed-in resident asks at their own region; a rejection is told to them (notification and outbox), never to the public.
    const mine = await resident.post<{ id: string }>('/api/consultations/ask', { question: '小区门口的核酸点几点开门？' });
    assert.equal(mine.status, 201);
    const answered = await community.post<Consultation>(`/api/consultations/${mine.body.id}/answer`, { version: 1, answer: '每天8:00-11:00。' });
    assert.equal(answered.body.signedIn, true);
    await community.post(`/api/consultations/${mine.body.id}/publish`, { version: 2 });
    const told = await resident.get<{ items: { kind: string; subjectId: string }[] }>('/api/notifications');
    assert.ok(told.body.items.some((n) => n.kind === 'consultation.answered' && n.subjectId === mine.body.id), JSON.stringify(told.body));
    const other = await resident.post<{ id: string }>('/api/consultations/ask', { question: '请问能帮我代买药品吗？' });
    const noReason = await community.post<Refusal>(`/api/consultations/${other.body.id}/reject`, { version: 1 });
    assert.deepEqual([noReason.status, noReason.body.error.code], [400, 'VALIDATION_FAILED']);
    await community.post(`/api/consultations/${other.body.id}/reject`, { version: 1, note: '请联系网格员代购' });
    assert.ok(!(await portal<PublicConsultation>(`/api/public/consultations?region=${here}`)).some((c) => c.id === other.body.id));
    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${other.body.id} order by id`);
    assert.deepEqual(audit.map((a) => a.action).filter((a) => a.startsWith('consultation')), ['consultation.ask', 'consultation.reject']);
  });
});

describe('public information: the demo city', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv();
  });
  after(() => env.close());

  it('places its facilities inside the county\'s grids and shows the published entries at a community, with numbers masked', async () => {
    const county = env.seed.city.regions.find((r) => r.level === 'county')!.code;
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6)));
    const seeded = await seedDemoPublicInfo(env.rt.kit, county, grids);
    assert.deepEqual(seeded, { rebuttals: 7, facilities: Math.min(20, grids.length), questions: 10 });
    const facilities = await env.client().get<{ items: PublicHealthFacility[] }>(`/api/public/health-facilities?region=${grids[0]!.regionCode}`);
    assert.equal(facilities.body.items.length, seeded.facilities);
    for (const f of facilities.body.items) assert.ok(grids.some((g) => pointInPolygon(f.lon, f.lat, g.boundary.coordinates)), f.name);
    assert.ok(facilities.body.items.some((f) => f.kind === 'fever_clinic' && f.openNow), 'a fever clinic is open around the clock');
    const rebuttals = await env.client().get<{ items: PublicRebuttal[] }>(`/api/public/rebuttals?region=${grids[0]!.regionCode}`);
    assert.equal(rebuttals.body.items.length, 5, 'the city\'s and the county\'s published ones; not the draft nor the withdrawn');
    const questions = await env.client().get<{ items: PublicConsultation[] }>(`/api/public/consultations?region=${grids[0]!.regionCode}`);
    assert.equal(questions.body.items.length, 7);
    assert.ok(!JSON.stringify(questions.body).includes('13807361234'));
  });
});

describe('public information: the anonymous question limit', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ config: { consultationsPerIp: 2 } });
  });
  after(() => env.close());

  it('holds per address across a forged X-Forwarded-For, and is shared through the database by every process', async () => {
    const region = env.seed.city.grids[0]!.regionCode;
    const anyone = env.client();
    const ask = (n: number, headers: Record<string, string> = {}) => anyone.request<Refusal>('POST', '/api/public/consultations', { regionCode: region, question: `第${n}个问题：小区何时解封？` }, 'zh-CN', headers);
    assert.equal((await ask(1)).status, 201);
    assert.equal((await ask(2, { 'x-forwarded-for': '203.0.113.7' })).status, 201);
    const limited = await ask(3, { 'x-forwarded-for': '198.51.100.23' });
    assert.deepEqual([limited.status, limited.body.error.code], [429, 'RATE_LIMITED']);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const stored = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from consultation`);
    assert.equal(stored[0]!.n, 2);

    // A second process (another limiter over the same database) sees the same count for the address.
    const [window] = await rows<{ key: string }>(env.rt.database.db, sql`select key from rate_counter where key like 'consultation.ask:%'`);
    const secondProcess = new SharedRateLimiter(env.rt.database.db, 'consultation.ask', 2, 60 * 60_000, env.clock);
    await assert.rejects(secondProcess.hit(window!.key.slice('consultation.ask:'.length)), (e: Error & { code?: string }) => e.code === 'RATE_LIMITED');
    // The next hour opens a new window.
    env.clock.advance(61 * 60_000);
    assert.equal((await ask(4)).status, 201);
  });
});
