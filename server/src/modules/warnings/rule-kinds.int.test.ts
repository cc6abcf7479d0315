import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { RiskWarning, RiskWarningDetail, WarningRuleView, WarningRunView } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { kpIdNumber, makeKeyPerson } from '../keypersons/scope-kit.js';
import { registerAnswers, testIdNumber, type PartyAnswer } from '../disputes/test-answers.js';
import { SEED } from './rules.js';

type Page<T> = { items: T[]; total: number };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The rule kinds of the key-person, dispute and gate-access data, each through the engine (run
 * now): seeded at their level and severity, firing with their evidence shown to who may read it,
 * not firing just under the threshold, on the manual clock; false positives marked and counted
 * per rule.
 */
describe('risk warnings: every registered rule kind through the engine', () => {
  let env: TestEnv;
  let cityOp: Client;
  let countyOp: Client;
  let townshipOp: Client;
  let communityOp: Client;
  let gw1: Client;
  let rules: WarningRuleView[];
  const rule = (kind: string) => rules.find((r) => r.kind === kind)!;
  const USERS = ['city_op', 'county_op', 'township_op', 'community_op', 'gw1'] as const;
  const login = async () => {
    [cityOp, countyOp, townshipOp, communityOp, gw1] = (await Promise.all(USERS.map((u) => env.login(u)))) as [Client, Client, Client, Client, Client];
  };
  /** Moves the manual clock; sessions idle that long have ended, so everyone signs in again. */
  const advance = async (ms: number) => {
    env.clock.advance(ms);
    await login();
  };
  const run = async () => {
    const res = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (kind: string) => res.body.rules.find((r) => r.kind === kind)!;
  };
  /** The warnings of a rule the client sees, each with its subject (stored, not shown: the API names no subject). */
  const warningsOf = async (c: Client, kind: string) => {
    const items = (await c.get<Page<RiskWarning>>(`/api/warnings?ruleId=${rule(kind).id}&pageSize=100`)).body.items;
    const subjects = await rows<{ id: string; subject_id: string }>(env.rt.database.db, sql`select id::text as id, subject_id from warning where rule_id = ${rule(kind).id}::uuid`);
    return items.map((w) => ({ ...w, subjectId: subjects.find((x) => x.id === w.id)?.subject_id }));
  };

  before(async () => {
    env = await startTestEnv({ registers: true });
    // Past the demo's own records: the windows below hold only what this test stores.
    env.clock.advance(400 * DAY);
    await login();
    rules = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
  });
  after(() => env.close());

  it('seeds one rule per registered kind at its defaults, at the level and severity set for the kind', () => {
    const kinds = [...env.rt.kit.registry.warningRules.values()];
    assert.deepEqual(kinds.map((k) => k.kind).sort(), [
      'access.absent_from_home', 'disputes.repeat_parties', 'disputes.rising_in_village', 'keypersons.left_grid', 'keypersons.visits_missed', 'sensing.watchlist_capture', 'tickets.rising_in_village',
    ]);
    for (const k of kinds) {
      const r = rule(k.kind);
      assert.ok(SEED[k.kind], `${k.kind} has a seeded level`);
      assert.deepEqual([r.available, r.enabled, r.params, r.level, r.severity], [true, true, k.defaults, SEED[k.kind]!.level, SEED[k.kind]!.severity], k.kind);
      assert.ok(k.params.safeParse(k.defaults).success, k.kind);
    }
    assert.deepEqual([rule('keypersons.left_grid').level, rule('keypersons.left_grid').severity], ['township', 'high']);
    assert.deepEqual(rule('keypersons.left_grid').params, { hours: 24, minExits: 1, riskLevels: ['high'] });
  });

  it('keypersons.left_grid: a high-risk person\'s exit through a gate outside their grid within the hours, raised at the township with the gate record; none just outside', async () => {
    const db = env.rt.database.db;
    const g0 = env.seed.city.grids[0]!;
    const g1 = env.seed.city.grids[1]!;
    const home = { gridId: env.gridId(g0.code) };
    const [homeB] = await rows<{ id: string }>(db, sql`select id from building where grid_id = ${home.gridId}::uuid and deleted_at is null limit 1`);
    const [awayB] = await rows<{ id: string }>(db, sql`select id from building where grid_id = ${env.gridId(g1.code)}::uuid and deleted_at is null limit 1`);
    assert.ok(homeB && awayB);

    const left = await makeKeyPerson(communityOp, home, '离格甲', kpIdNumber(1981), { riskLevel: 'high' });
    const medium = await makeKeyPerson(communityOp, home, '离格乙', kpIdNumber(1982), { riskLevel: 'medium' });
    const earlier = await makeKeyPerson(communityOp, home, '离格丙', kpIdNumber(1983), { riskLevel: 'high' });
    const stayed = await makeKeyPerson(communityOp, home, '离格丁', kpIdNumber(1984), { riskLevel: 'high' });
    let n = 0;
    const at = (hoursAgo: number) => new Date(env.clock.now().getTime() - hoursAgo * HOUR).toISOString();
    const rec = (residentId: string, compoundId: string, direction: 'in' | 'out', hoursAgo: number) => ({ sourceRecordId: `lg${++n}`, gateId: `gate-${compoundId.slice(0, 8)}`, compoundType: 'building', compoundId, residentId, direction, at: at(hoursAgo) });
    const stored = await communityOp.post<{ accepted: number }>('/api/access/records', {
      records: [
        rec(left.residentId, homeB.id, 'out', 6), rec(left.residentId, awayB.id, 'in', 5), rec(left.residentId, awayB.id, 'out', 3), rec(left.residentId, homeB.id, 'in', 2),
        // Medium risk: the rule watches high-risk persons only.
        rec(medium.residentId, awayB.id, 'out', 3),
        // Just outside the 24 hours.
        rec(earlier.residentId, awayB.id, 'out', 24 * 1 + 0.1),
        // Only the gates of their own grid.
        rec(stayed.residentId, homeB.id, 'out', 3), rec(stayed.residentId, homeB.id, 'in', 1),
      ],
    });
    assert.equal(stored.body.accepted, 8, JSON.stringify(stored.body));
    const [awayExit] = await rows<{ id: string }>(db, sql`select id::text as id from access_record where source_record_id = 'lg3'`);

    const result = (await run())('keypersons.left_grid');
    assert.deepEqual([result.hits, result.raised, result.error], [1, 1, null]);
    const township = `${g0.regionCode.slice(0, 9)}000`;
    const [w] = await warningsOf(townshipOp, 'keypersons.left_grid');
    assert.ok(w);
    assert.deepEqual([w.subjectType, w.subjectId, w.level, w.regionCode, w.severity, w.facts.exits, w.facts.grids, w.facts.riskLevel], ['key_person', left.id, 'township', township, 'high', 1, 1, 'high']);
    // The evidence names the gate record (the exit at the other grid's compound), shown as the compound and time, not the person.
    const detail = await townshipOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual(detail.body.evidence.map((e) => [e.type, e.id]), [['access_record', awayExit!.id]]);
    assert.equal(detail.body.hiddenEvidence, 0);
    assert.match(detail.body.evidence[0]!.label, /^离开/);
    assert.ok(!JSON.stringify(detail.body).includes('离格甲') && !JSON.stringify(detail.body).includes(left.residentId));
    // A township-level warning: the community and the grid worker below do not see it.
    for (const c of [communityOp, gw1]) assert.equal((await c.get(`/api/warnings/${w.id}`)).status, 404);

    // Just under: two exits needed, one there.
    const detect = env.rt.kit.registry.warningRules.get('keypersons.left_grid')!;
    const hits = async (params: unknown) => (await rows<{ subject_id: string }>(db, detect.detect(params, env.clock.now()))).map((h) => h.subject_id);
    assert.deepEqual(await hits({ hours: 24, minExits: 2, riskLevels: ['high'] }), []);
    assert.deepEqual((await hits({ hours: 24, minExits: 1, riskLevels: ['medium'] })), [medium.id]);
    assert.deepEqual((await hits({ hours: 25, minExits: 1, riskLevels: ['high'] })).sort(), [left.id, earlier.id].sort());

    // A false positive: marked with its reason, counted for the rule, not raised again in its window.
    const fp = await townshipOp.post<RiskWarning>(`/api/warnings/${w.id}/mark_false_positive`, { version: 1, reason: '经核实为陪同家属就医，已报备' });
    assert.equal(fp.body.status, 'false_positive', JSON.stringify(fp.body));
    const again = (await run())('keypersons.left_grid');
    assert.deepEqual([again.hits, again.raised], [1, 0]);
    rules = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
    assert.deepEqual(rule('keypersons.left_grid').stats, { raised: 1, confirmed: 0, falsePositive: 1, falsePositiveRate: 1 });

    // A day later the exit is out of the window; a new exit is a new episode, raised despite the earlier false positive.
    await advance(DAY);
    assert.equal((await run())('keypersons.left_grid').hits, 0);
    await communityOp.post('/api/access/records', { records: [rec(left.residentId, awayB.id, 'out', 1)] });
    const next = (await run())('keypersons.left_grid');
    assert.deepEqual([next.hits, next.raised], [1, 1]);
  });

  it('keypersons.visits_missed: raised at the community on the second missed weekly visit, not the first; the archive shown without name or category', async () => {
    const grid = { gridId: env.gridId(env.seed.city.grids[0]!.code) };
    const kp = await makeKeyPerson(communityOp, grid, '漏访戊', kpIdNumber(1985), { riskLevel: 'high' });
    const mine = async () => (await warningsOf(communityOp, 'keypersons.visits_missed')).filter((w) => w.subjectId === kp.id);
    await advance(13 * DAY);
    await run();
    assert.deepEqual(await mine(), [], 'one missed visit is under the threshold of two');
    await advance(DAY + 1000);
    const result = (await run())('keypersons.visits_missed');
    assert.ok(result.raised >= 1 && result.error === null, JSON.stringify(result));
    const [w] = await mine();
    assert.ok(w);
    assert.deepEqual([w.level, w.regionCode, w.severity, w.facts.missed, w.facts.riskLevel], ['community', env.seed.city.grids[0]!.regionCode, 'medium', 2, 'high']);
    const detail = await communityOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual(detail.body.evidence.map((e) => [e.type, e.id, e.label]), [['key_person', kp.id, '重点人员档案（高风险）']]);
    const shown = JSON.stringify(detail.body);
    assert.ok(!shown.includes('漏访戊') && !shown.includes('released_prisoner') && !shown.includes('刑满释放'), shown);

    // Confirmed: acknowledged, assigned to the grid worker, handled, closed; counted as confirmed, not a false positive.
    const [gw] = await rows<{ id: string }>(env.rt.database.db, sql`select id from app_user where username = 'gw1'`);
    let v = (await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/acknowledge`, { version: 1 })).body.version;
    v = (await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/assign`, { version: v, userId: gw!.id })).body.version;
    const handled = await gw1.post<RiskWarning>(`/api/warnings/${w.id}/handle`, { version: v, note: '已补访，本人情况稳定' });
    assert.equal(handled.body.status, 'handled', JSON.stringify(handled.body));
    assert.equal((await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/close`, { version: handled.body.version })).body.status, 'closed');
    rules = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
    const stats = rule('keypersons.visits_missed').stats;
    assert.ok(stats.confirmed >= 1 && stats.falsePositive === 0, JSON.stringify(stats));
  });

  describe('disputes', () => {
    let serial = 700;
    /** Registers a dispute in a grid (as the county) and dates its registration `daysAgo` days before now. */
    async function dispute(gridId: string, daysAgo: number, parties: PartyAnswer[] = [{ name: '某甲', idNumber: testIdNumber(serial++) }]): Promise<string> {
      const res = await countyOp.post<{ id: string }>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers('规则测试纠纷', parties) });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      await env.rt.database.db.execute(sql`update dispute set created_at = ${new Date(env.clock.now().getTime() - daysAgo * DAY).toISOString()}::timestamptz where id = ${res.body.id}`);
      return res.body.id;
    }

    it('disputes.repeat_parties: the same party in two disputes within 90 days raised at the community with both disputes; a party whose second dispute is older is not', async () => {
      const g0 = env.seed.city.grids[0]!;
      const gridId = env.gridId(g0.code);
      const often = testIdNumber(981);
      const once = testIdNumber(982);
      const a = await dispute(gridId, 5, [{ name: '孙甲', idNumber: often }, { name: '李乙', idNumber: once }]);
      const b = await dispute(gridId, 89, [{ name: '孙甲', idNumber: often }]);
      await dispute(gridId, 91, [{ name: '李乙', idNumber: once }]);
      const result = (await run())('disputes.repeat_parties');
      assert.deepEqual([result.hits, result.raised, result.error], [1, 1, null]);
      const [w] = await warningsOf(communityOp, 'disputes.repeat_parties');
      assert.ok(w);
      assert.deepEqual([w.level, w.regionCode, w.subjectId, w.facts.count, w.facts.days], ['community', g0.regionCode, a, 2, 90]);
      const detail = await communityOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
      assert.deepEqual(detail.body.evidence.map((e) => e.id).sort(), [a, b].sort());
      assert.ok(detail.body.evidence.every((e) => e.type === 'dispute' && /^JF\d{8} /.test(e.label) && !e.label.includes('规则测试纠纷')), JSON.stringify(detail.body.evidence));
      const shown = JSON.stringify(detail.body);
      assert.ok(!shown.includes(often) && !shown.includes('孙甲'), 'no party named');

      const fp = await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/mark_false_positive`, { version: 1, reason: '两起纠纷为同一事项重复登记' });
      assert.equal(fp.body.status, 'false_positive');
      rules = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
      assert.deepEqual(rule('disputes.repeat_parties').stats, { raised: 1, confirmed: 0, falsePositive: 1, falsePositiveRate: 1 });
      assert.equal((await run())('disputes.repeat_parties').raised, 0);
    });

    it('disputes.rising_in_village: three new disputes against none before raised at the township; two are under the minimum', async () => {
      const grids = env.seed.city.grids;
      const g0 = grids[0]!;
      // Two other communities of the same county: one rising, one just under.
      const others = [...new Map(grids.filter((g) => g.regionCode !== g0.regionCode && g.regionCode.slice(0, 6) === g0.regionCode.slice(0, 6)).map((g) => [g.regionCode, g])).values()];
      assert.ok(others.length >= 2, 'two more communities in the county');
      const [rising, few] = others as [typeof g0, typeof g0];
      for (const d of [1, 2, 3]) await dispute(env.gridId(rising.code), d);
      for (const d of [1, 2]) await dispute(env.gridId(few.code), d);
      const result = (await run())('disputes.rising_in_village');
      assert.equal(result.error, null);
      const all = await warningsOf(countyOp, 'disputes.rising_in_village');
      const risingW = all.find((w) => w.subjectId === rising.regionCode);
      assert.ok(risingW, JSON.stringify(all));
      assert.deepEqual([risingW.level, risingW.regionCode, risingW.facts.current, risingW.facts.previous], ['township', `${rising.regionCode.slice(0, 9)}000`, 3, 0]);
      assert.ok(!all.some((w) => w.subjectId === few.regionCode), 'two disputes are under the minimum of three');
      const detail = await countyOp.get<RiskWarningDetail>(`/api/warnings/${risingW.id}`);
      assert.deepEqual([detail.body.evidence.length + detail.body.hiddenEvidence, detail.body.evidence.every((e) => e.type === 'dispute')], [3, true]);
    });
  });
});
