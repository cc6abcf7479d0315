import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { RiskWarning, RiskWarningDetail, WarningRunView } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { seedDemoDisputes } from './demo-disputes.js';
import { registerAnswers, testIdNumber, type PartyAnswer } from './test-answers.js';

interface Hit {
  key: string;
  subject_id: string;
  region_code: string;
  grid_id: string | null;
  evidence: { records: { type: string; id: string }[]; facts: Record<string, unknown> };
}

type Page<T> = { items: T[]; total: number };

const DAY = 86_400_000;

describe('disputes: risk-warning rule kinds', () => {
  let env: TestEnv;
  let county: Client;
  let grids: { id: string; regionCode: string }[];

  before(async () => {
    env = await startTestEnv();
    county = await env.login('county_op');
    const countyCode = env.seed.city.regions.find((r) => r.level === 'county')!.code.slice(0, 6);
    const byCommunity = new Map<string, { id: string; regionCode: string }>();
    for (const g of env.seed.city.grids) if (g.regionCode.startsWith(countyCode) && !byCommunity.has(g.regionCode)) byCommunity.set(g.regionCode, { id: env.gridId(g.code), regionCode: g.regionCode });
    grids = [...byCommunity.values()];
    assert.ok(grids.length >= 4, 'four communities of the county');
  });
  after(() => env.close());

  /** Registers a dispute in a grid and dates its registration `daysAgo` days before now. */
  let serial = 100;
  async function dispute(grid: { id: string }, daysAgo: number, parties: PartyAnswer[] = [{ name: '某甲', idNumber: testIdNumber(serial++) }]): Promise<string> {
    const res = await county.post<{ id: string }>('/api/disputes', { gridId: grid.id, formVersion: 1, answers: registerAnswers('测试纠纷', parties) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await env.rt.database.db.execute(sql`update dispute set created_at = ${new Date(env.clock.now().getTime() - daysAgo * DAY).toISOString()}::timestamptz where id = ${res.body.id}`);
    return res.body.id;
  }

  const detect = (kind: string, params: unknown) => rows<Hit>(env.rt.database.db, env.rt.kit.registry.warningRules.get(kind)!.detect(params, env.clock.now()));

  it('repeat parties: a hit at exactly count disputes within the days, by the keyed hash, never the number; none just under', async () => {
    const often = testIdNumber(31);
    const once = testIdNumber(32);
    const a = await dispute(grids[0]!, 10, [{ name: '赵甲', idNumber: often }, { name: '钱乙', idNumber: once }]);
    const b = await dispute(grids[0]!, 89, [{ name: '赵甲', idNumber: often }]);
    // Outside the window: not counted.
    await dispute(grids[0]!, 91, [{ name: '钱乙', idNumber: once }]);

    const hits = await detect('disputes.repeat_parties', { days: 90, count: 2 });
    assert.equal(hits.length, 1, JSON.stringify(hits));
    const [hit] = hits;
    assert.match(hit!.key, /^party:[0-9a-f]{64}$/);
    assert.equal(hit!.subject_id, a, 'the most recent dispute');
    assert.equal(hit!.region_code, grids[0]!.regionCode);
    assert.deepEqual(hit!.evidence.records.map((r) => [r.type, r.id]), [a, b].sort().map((id) => ['dispute', id]));
    assert.equal(hit!.evidence.facts.count, 2);
    assert.ok(!JSON.stringify(hits).includes(often) && !JSON.stringify(hits).includes(often.slice(-6)), 'no ID number in the hit');

    // Just under: three needed, two there; or a window one day too short.
    assert.deepEqual(await detect('disputes.repeat_parties', { days: 90, count: 3 }), []);
    assert.deepEqual(await detect('disputes.repeat_parties', { days: 88, count: 2 }), []);
  });

  it('a raised warning\'s evidence links to the disputes its reader may open and counts the others (the disputes\' describer)', async () => {
    const [cityOp, communityOp, handler] = await Promise.all([env.login('city_op'), env.login('community_op'), env.login('handler')]);
    const run = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const repeat = run.body.rules.find((r) => r.kind === 'disputes.repeat_parties')!;
    assert.equal(repeat.error, null);
    const listed = await communityOp.get<Page<RiskWarning>>(`/api/warnings?ruleId=${repeat.ruleId}`);
    const w = listed.body.items.find((x) => x.regionCode === grids[0]!.regionCode);
    assert.ok(w, JSON.stringify(listed.body));
    // The community's operator reads disputes there: two links with the number and the category, no party.
    const detail = await communityOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual([detail.body.evidence.length, detail.body.hiddenEvidence], [2, 0], JSON.stringify(detail.body));
    assert.ok(detail.body.evidence.every((e) => e.type === 'dispute' && /^JF\d{8} /.test(e.label) && e.where), JSON.stringify(detail.body.evidence));
    assert.ok(!JSON.stringify(detail.body).includes('赵甲'));
    // A department handler the warning is assigned to may not open the disputes: counted only.
    const [dept] = await rows<{ id: string }>(env.rt.database.db, sql`select d.id from department d join department_member m on m.department_id = d.id join app_user u on u.id = m.user_id where u.username = 'handler'`);
    const assigned = await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/assign`, { version: w.version, departmentId: dept!.id });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    const theirs = await handler.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual([theirs.status, theirs.body.evidence.length, theirs.body.hiddenEvidence], [200, 0, 2]);
  });

  it('rising in a village: a hit at exactly factor times the previous period and at least min; none just under', async () => {
    const [, rising, steady, few] = grids;
    // 4 now against 2 before: exactly twice.
    for (const d of [1, 5, 10, 29]) await dispute(rising!, d);
    for (const d of [31, 50]) await dispute(rising!, d);
    // 4 now against 3 before: under twice.
    for (const d of [2, 3, 4, 6]) await dispute(steady!, d);
    for (const d of [35, 40, 45]) await dispute(steady!, d);
    // 2 now against none: under the minimum of 3.
    for (const d of [2, 3]) await dispute(few!, d);

    const hits = await detect('disputes.rising_in_village', { days: 30, factor: 2, min: 3 });
    const mine = hits.filter((h) => [rising, steady, few].some((g) => g!.regionCode === h.region_code));
    assert.deepEqual(mine.map((h) => [h.key, h.subject_id, h.evidence.facts.current, h.evidence.facts.previous, h.evidence.records.length]), [[`village:${rising!.regionCode}`, rising!.regionCode, 4, 2, 4]]);
    // The minimum: three for the village with two is just out of reach, two reaches it.
    assert.ok(!(await detect('disputes.rising_in_village', { days: 30, factor: 2, min: 5 })).some((h) => h.region_code === rising!.regionCode));
    assert.ok((await detect('disputes.rising_in_village', { days: 30, factor: 2, min: 2 })).some((h) => h.region_code === few!.regionCode));
  });

  it('declares its parameters as data, with the shipped defaults valid', () => {
    for (const kind of ['disputes.repeat_parties', 'disputes.rising_in_village']) {
      const rule = env.rt.kit.registry.warningRules.get(kind)!;
      assert.ok(rule.params.safeParse(rule.defaults).success, kind);
      assert.ok(!rule.params.safeParse({ days: 0, count: 1 }).success, kind);
    }
    assert.deepEqual(env.rt.kit.registry.warningRules.get('disputes.repeat_parties')!.defaults, { days: 90, count: 2 });
  });

  it('seeds demo disputes that the justice bureau handler mediates, and in which the repeat-parties rule finds a party', async () => {
    const countyCode = env.seed.city.regions.find((r) => r.level === 'county')!.code;
    const before = new Set((await detect('disputes.repeat_parties', { days: 90, count: 2 })).map((h) => h.key));
    assert.equal(await seedDemoDisputes(env.rt.database.db, env.rt.vault, env.clock.now(), grids, env.seed.tickets.departmentIds.get(`${countyCode}:司法局`) ?? null), 36);
    const justice = await env.login('justice1');
    const mine = await justice.get<{ items: { status: string }[]; total: number }>('/api/disputes?pageSize=100');
    assert.ok(mine.body.total >= 5, JSON.stringify(mine.body.total));
    assert.ok(mine.body.items.every((d) => d.status !== 'registered'), 'only what was assigned to the bureau');
    const all = await county.get<{ total: number }>('/api/disputes');
    assert.ok(all.body.total >= 36);
    const fresh = (await detect('disputes.repeat_parties', { days: 90, count: 2 })).filter((h) => !before.has(h.key));
    assert.equal(fresh.length, 1, JSON.stringify(fresh));
  });
});
