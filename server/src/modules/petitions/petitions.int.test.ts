import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PetitionCriteriaView, PetitionCriterion, VillageComputeResult, VillageDetail, VillageList } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { insertPetitions, type DemoPetition } from '../tickets/demo-petitions.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { assessJob } from './index.js';

type Err = { error: { code: string; details?: { fields?: { field: string; code: string }[] } } };
const DAY = 86_400_000;

/** The county's criteria at thresholds 1 (beyond, collective, overdue), 3 petitions, 75 % resolved: each village is just at, or just over, one. */
const AT_ONE: PetitionCriterion[] = [
  { metric: 'beyond_township_petitions', threshold: 1, enabled: true, label: { zh: '越级访不超过1', en: 'At most 1 past the township' } },
  { metric: 'collective_petitions', threshold: 1, enabled: true, label: { zh: '集体访不超过1', en: 'At most 1 collective' } },
  { metric: 'petitions', threshold: 3, enabled: true, label: { zh: '信访不超过3', en: 'At most 3 petitions' } },
  { metric: 'overdue_disputes', threshold: 1, enabled: true, label: { zh: '超期纠纷不超过1', en: 'At most 1 overdue dispute' } },
  { metric: 'dispute_resolution_rate', threshold: 75, enabled: true, label: { zh: '化解率不低于75%', en: 'Resolved at least 75 %' } },
];

describe('no-petition villages: criteria as data, the monthly assessment, month-on-month, scope', () => {
  let env: TestEnv;
  let cityOp: Client, countyOp: Client, townshipOp: Client, communityOp: Client, gw1: Client, gwOther: Client, handler: Client, sysadmin: Client, resident: Client;
  /** The first county's six communities, in code order. */
  let villages: string[];
  const gridOf = new Map<string, string>();
  const db = () => env.rt.database.db;

  const petition = (v: string, at: string, extra: Partial<DemoPetition> = {}): DemoPetition => ({
    regionCode: v, gridId: gridOf.get(v)!, category: 'petition.land', at: new Date(at), level: 'township', description: '征地补偿标准有争议，村民到乡镇反映', ...extra,
  });
  /** A dispute straight into its table: registered, deadline, and (optionally) concluded at an instant with or without success. */
  async function dispute(v: string, createdAt: string, deadline: string, end?: { at: string; success: boolean }) {
    const status = end ? (end.success ? 'closed' : 'failed') : 'mediating';
    await rows(db(), sql`insert into dispute (id, grid_id, region_code, name, category, scale, occurred_on, deadline, form_key, form_version, answers, status, version, resolution, created_at, updated_at)
      values (${randomUUID()}::uuid, ${gridOf.get(v)!}::uuid, ${v}, '相邻权纠纷', 'neighbour', 'general', ${createdAt.slice(0, 10)}::date, ${deadline}::date, 'disputes.register', 1, '{}'::jsonb, ${status}, 1,
        ${end ? JSON.stringify({ success: end.success }) : null}::jsonb, ${createdAt}::timestamptz, ${end?.at ?? createdAt}::timestamptz)`);
  }
  const assess = (c: Client, month: string) => c.post<VillageComputeResult & Err>('/api/petition-villages/assess', { month });
  const list = async (c: Client, q = '') => (await c.get<VillageList>(`/api/petition-villages${q}`)).body;

  async function signIn() {
    [cityOp, countyOp, townshipOp, communityOp, gw1, handler, sysadmin, resident] = (await Promise.all(
      ['city_op', 'county_op', 'township_op', 'community_op', 'gw1', 'handler', 'sysadmin', 'resident1'].map((u) => env.login(u)),
    )) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client];
    const first = env.seed.accounts.find((a) => a.username === 'gw1')!;
    gwOther = await env.login(env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode !== first.scopeRegionCode)!.username);
  }

  before(async () => {
    env = await startTestEnv();
    // The clock starts in November 2026; November and December are assessed once they end.
    env.clock.advance(41 * DAY);
    await signIn();
    const county = env.seed.city.regions.find((r) => r.level === 'county')!.code.slice(0, 6);
    villages = env.seed.city.regions.filter((r) => r.level === 'community' && r.code.startsWith(county)).map((r) => r.code).sort();
    for (const g of env.seed.city.grids) if (!gridOf.has(g.regionCode)) gridOf.set(g.regionCode, env.gridId(g.code));
  });
  after(() => env.close());

  it('keeps the criteria as data: defaults, a county\'s own versioned set (audited), refusals for a township and for bad thresholds', async () => {
    const read = await gw1.get<PetitionCriteriaView>('/api/petition-criteria');
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const seen = read.body;
    assert.deepEqual([seen.regionCode, seen.version, seen.inherited, seen.editable, seen.collectiveMinPeople], ['', 1, true, false, 5]);
    assert.deepEqual(seen.criteria.filter((c) => c.enabled).map((c) => [c.metric, c.threshold]), [['beyond_township_petitions', 0], ['collective_petitions', 0], ['overdue_disputes', 0], ['dispute_resolution_rate', 90]]);

    const body = { version: 0, collectiveMinPeople: 5, criteria: AT_ONE, note: '本县标准' };
    const township = await townshipOp.request<Err>('PUT', '/api/petition-criteria', body);
    assert.deepEqual([township.status, township.body.error.code], [403, 'PETITION_CRITERIA_LEVEL']);
    const dup = await countyOp.request<Err>('PUT', '/api/petition-criteria', { ...body, criteria: [AT_ONE[0], AT_ONE[0]] });
    assert.deepEqual([dup.status, dup.body.error.details?.fields?.[0]?.field, dup.body.error.details?.fields?.[0]?.code], [400, 'criteria.1.metric', 'PETITION_CRITERIA_INVALID']);
    const rate = await countyOp.request<Err>('PUT', '/api/petition-criteria', { ...body, criteria: [{ ...AT_ONE[4]!, threshold: 100.5 }] });
    assert.deepEqual([rate.status, rate.body.error.details?.fields?.[0]?.field], [400, 'criteria.0.threshold']);
    const stale = await countyOp.request<Err>('PUT', '/api/petition-criteria', { ...body, version: 3 });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'PETITION_CRITERIA_VERSION_CONFLICT']);
    for (const c of [handler, sysadmin, resident]) assert.equal((await c.request('PUT', '/api/petition-criteria', body)).status, 403);

    const saved = await countyOp.request<PetitionCriteriaView>('PUT', '/api/petition-criteria', body);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual([saved.body.version, saved.body.inherited, saved.body.editable, saved.body.ownVersion, saved.body.history.length], [1, false, true, 1, 1]);
    // The county's villages now follow the county's set; the city still reads the default.
    assert.equal((await communityOp.get<PetitionCriteriaView>('/api/petition-criteria')).body.regionCode, saved.body.regionCode);
    assert.equal((await cityOp.get<PetitionCriteriaView>('/api/petition-criteria')).body.regionCode, '');
    const audit = await rows<{ action: string; details: { before: { region: string }; after: { criteria: PetitionCriterion[] } } }>(
      db(), sql`select action, details from audit_log where action like 'petition_criteria.%' or (action = 'request.refused' and details::text like '%petition-criteria%') `,
    );
    const updates = audit.filter((a) => a.action === 'petition_criteria.update');
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!.details.before.region, '');
    assert.equal(updates[0]!.details.after.criteria[4]!.threshold, 75);
  });

  it('assesses a month at and just over each threshold, with the failed criteria and their figures', async () => {
    const [v1, v2, v3, v4, v5, v6] = villages as [string, string, string, string, string, string];
    await insertPetitions(db(), env.seed.tickets.categoryIds, [
      // v1: exactly at every threshold.
      petition(v1, '2026-11-05T10:00:00+08:00', { level: 'county' }),
      petition(v1, '2026-11-06T10:00:00+08:00', { people: 5 }),
      petition(v1, '2026-11-07T10:00:00+08:00'),
      // v2: two past the township.
      petition(v2, '2026-11-05T10:00:00+08:00', { level: 'county' }),
      petition(v2, '2026-11-30T23:30:00+08:00', { level: 'city' }),
      // v3: two collective (5 and 7 people); 4 people is not one.
      petition(v3, '2026-11-03T10:00:00+08:00', { people: 5 }),
      petition(v3, '2026-11-04T10:00:00+08:00', { people: 7 }),
      petition(v3, '2026-11-04T11:00:00+08:00', { people: 4 }),
      // v4: four petitions; the fifth is filed in December (Shanghai time) and not counted here.
      ...[1, 2, 3, 4].map((d) => petition(v4, `2026-11-1${d}T10:00:00+08:00`, { category: 'petition.labour' })),
      petition(v4, '2026-12-01T00:10:00+08:00'),
    ], env.clock.now());
    // v1: one overdue at the month's end, 3 of 4 concluded resolved (75 %).
    await dispute(v1, '2026-10-01T09:00:00+08:00', '2026-11-30');
    await dispute(v1, '2026-10-01T09:00:00+08:00', '2026-12-01');
    for (const ok of [true, true, true, false]) await dispute(v1, '2026-10-20T09:00:00+08:00', '2026-11-30', { at: '2026-11-20T09:00:00+08:00', success: ok });
    // v5: two overdue (one concluded only after the month ended still counts).
    await dispute(v5, '2026-10-01T09:00:00+08:00', '2026-11-15');
    await dispute(v5, '2026-10-01T09:00:00+08:00', '2026-11-15', { at: '2026-12-03T09:00:00+08:00', success: true });
    // v6: 2 of 3 resolved (66.67 %).
    for (const ok of [true, true, false]) await dispute(v6, '2026-10-20T09:00:00+08:00', '2026-12-30', { at: '2026-11-20T09:00:00+08:00', success: ok });

    const notEnded = await assess(cityOp, '2027-01');
    assert.deepEqual([notEnded.status, notEnded.body.error.code], [400, 'PETITION_MONTH_NOT_ENDED']);
    const result = await assess(cityOp, '2026-11');
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal(result.body.villages, env.seed.city.regions.filter((r) => r.level === 'community').length);

    const nov = await list(countyOp, '?month=2026-11');
    const by = new Map(nov.items.map((i) => [i.regionCode, i]));
    assert.deepEqual(villages.map((v) => [by.get(v)!.status, by.get(v)!.failed]), [
      ['met', []], ['not_met', ['beyond_township_petitions']], ['not_met', ['collective_petitions']], ['not_met', ['petitions']], ['not_met', ['overdue_disputes']], ['not_met', ['dispute_resolution_rate']],
    ]);
    assert.deepEqual(by.get(v1)!.figures, { petitions: 3, beyondTownship: 1, collective: 1, overdueDisputes: 1, disputesConcluded: 4, disputesResolved: 3, resolutionRate: 75 });
    assert.deepEqual([by.get(v3)!.figures.collective, by.get(v4)!.figures.petitions, by.get(v5)!.figures.overdueDisputes, by.get(v6)!.figures.resolutionRate], [2, 4, 2, 66.67]);
    const failedCheck = by.get(v2)!.checks.find((c) => !c.passed)!;
    assert.deepEqual([failedCheck.value, failedCheck.threshold, failedCheck.bound, failedCheck.label.zh], [2, 1, 'max', '越级访不超过1']);
    assert.equal(by.get(v1)!.criteriaVersion, 1);
    // The second county's villages are held to the default (no petition past the township at all).
    const other = (await list(cityOp, '?month=2026-11')).items.filter((i) => !villages.includes(i.regionCode));
    assert.ok(other.length > 0 && other.every((i) => i.status === 'met' && i.criteriaRegion === '' && i.change === 'first'));
    assert.deepEqual(nov.summary, { villages: 6, met: 1, notMet: 5, lost: 0, regained: 0, previousMet: null });
  });

  it('compares each month with the one before, and a recompute changes nothing (idempotent, audited)', async () => {
    const [v1, v2] = villages as [string, string];
    // December: v1 gets two past the township (lost); v2 none (regained).
    await insertPetitions(db(), env.seed.tickets.categoryIds, [petition(v1, '2026-12-10T10:00:00+08:00', { level: 'county' }), petition(v1, '2026-12-11T10:00:00+08:00', { level: 'county' })], env.clock.now());
    const dec = await assess(cityOp, '2026-12');
    assert.equal(dec.status, 200);
    const listed = await list(countyOp);
    assert.equal(listed.month, '2026-12');
    assert.deepEqual(listed.months, ['2026-12', '2026-11']);
    const by = new Map(listed.items.map((i) => [i.regionCode, i]));
    assert.deepEqual([by.get(v1)!.change, by.get(v1)!.failed, by.get(v2)!.change], ['lost', ['beyond_township_petitions', 'overdue_disputes'], 'regained']);
    assert.equal(listed.summary.previousMet, 1);
    assert.equal(listed.summary.lost, 1);
    assert.ok(listed.summary.regained >= 1);
    const lost = await list(countyOp, '?change=lost');
    assert.deepEqual(lost.items.map((i) => i.regionCode), [v1]);

    const before = await rows<{ region_code: string; month: string; status: string; change: string; figures: unknown; latest: boolean }>(db(), sql`select region_code, month, status, change, figures, latest from petition_village_status order by 1, 2`);
    const again = await assess(cityOp, '2026-11');
    const againDec = await assess(cityOp, '2026-12');
    assert.deepEqual([again.body.changed, againDec.body.changed], [0, 0]);
    assert.deepEqual(await rows(db(), sql`select region_code, month, status, change, figures, latest from petition_village_status order by 1, 2`), before);
    assert.deepEqual(before.filter((r) => r.latest).map((r) => r.month).filter((m) => m !== '2026-12'), []);
    const audits = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'petition_village.compute'`);
    assert.equal(audits[0]!.n, 4);

    // A late November entry, recomputed, flows into December's change (v6 regains November, so its December keeps).
    const v6 = villages[5]!;
    await rows(db(), sql`update dispute set status = 'closed', resolution = '{"success": true}'::jsonb where region_code = ${v6} and status = 'failed'`);
    const late = await assess(countyOp, '2026-11');
    assert.equal(late.body.changed, 1);
    const v6Dec = (await list(countyOp)).items.find((i) => i.regionCode === v6)!;
    assert.equal(v6Dec.change, 'kept');

    // The dashboard's figures follow each village's newest month, and agree with their recount.
    await foldMetrics(db(), [...env.rt.kit.registry.metrics.values()]);
    assert.deepEqual(await compareWithRecount(db(), [...env.rt.kit.registry.metrics.values()].filter((m) => m.name.startsWith('petitions.'))), []);
    const tiles = await rows<{ metric: string; value: number }>(db(), sql`select metric, value::int from metric_value where scope = ${villages[0]!.slice(0, 6).padEnd(12, '0')} and metric like 'petitions.%' order by metric`);
    assert.deepEqual(tiles.map((t) => [t.metric, t.value]), [['petitions.villages', 6], ['petitions.villages_lost', 1], ['petitions.villages_met', 5]]);
  });

  it('the monthly job assesses the month that ended last', async () => {
    env.clock.advance(31 * DAY); // into February 2027
    await signIn();
    await assessJob(env.rt.kit).handle({}, { db: db(), clock: env.clock, jobId: randomUUID(), takenOver: false, signal: new AbortController().signal });
    const jan = await list(cityOp);
    assert.equal(jan.month, '2027-01');
    // Only the first village still has two disputes past their deadlines.
    assert.deepEqual(jan.items.filter((i) => i.status !== 'met').map((i) => [i.regionCode, i.failed]), [[villages[0], ['overdue_disputes']]]);
    const detail = await countyOp.get<VillageDetail>(`/api/petition-villages/${villages[0]}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.history.map((h) => [h.month, h.entry?.status ?? null]).slice(-3), [['2026-11', 'met'], ['2026-12', 'not_met'], ['2027-01', 'not_met']]);
    assert.equal(detail.body.history.length, 12);
    assert.equal(detail.body.current?.change, 'still_not_met');
    assert.equal(detail.body.history[0]!.entry, null);
    const dec = await countyOp.get<VillageDetail>(`/api/petition-villages/${villages[0]}?month=2026-12`);
    assert.deepEqual([dec.body.current?.month, dec.body.current?.figures.beyondTownship], ['2026-12', 2]);
  });

  it('shows each viewer only the villages of their scope; department handlers, admins and residents nothing', async () => {
    const all = env.seed.city.regions.filter((r) => r.level === 'community').length;
    const township = env.seed.accounts.find((a) => a.username === 'township_op')!.scopeRegionCode.slice(0, 9);
    const community = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    assert.equal((await list(cityOp)).items.length, all);
    assert.equal((await list(countyOp)).items.length, 6);
    assert.ok((await list(townshipOp)).items.every((i) => i.regionCode.startsWith(township)));
    assert.deepEqual((await list(communityOp)).items.map((i) => i.regionCode), [community]);
    // A grid worker: the community of their grid only.
    const mine = (await list(gw1)).items.map((i) => i.regionCode);
    assert.deepEqual(mine, [env.seed.accounts.find((a) => a.username === 'gw1')!.scopeRegionCode]);
    assert.equal((await gwOther.get(`/api/petition-villages/${mine[0]}`)).status, 404);
    assert.equal((await list(gwOther)).items.some((i) => i.regionCode === mine[0]), false);
    // Outside the scope is "not found"; a filter outside it shows nothing.
    const outside = env.seed.city.regions.find((r) => r.level === 'community' && !r.code.startsWith(township))!.code;
    assert.equal((await townshipOp.get(`/api/petition-villages/${outside}`)).status, 404);
    assert.deepEqual((await list(townshipOp, `?region=${outside}`)).items, []);
    assert.equal((await townshipOp.get('/api/petition-villages/123')).status, 400);
    for (const c of [handler, sysadmin, resident]) {
      for (const url of ['/api/petition-villages', `/api/petition-villages/${community}`, '/api/petition-criteria']) assert.equal((await c.get(url)).status, 403, url);
      assert.equal((await c.post('/api/petition-villages/assess', { month: '2026-11' })).status, 403);
    }
    // A grid worker may read, not assess; a community operator assesses only their own community.
    assert.equal((await assess(gw1, '2026-11')).status, 403);
    assert.equal((await assess(communityOp, '2026-11')).body.villages, 1);
  });
});
