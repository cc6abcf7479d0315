import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { tileValue, type AccessRecord, type DashboardOverview, type RiskWarning, type RiskWarningDetail, type WarningRuleView, type WarningRunView } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

type Page<T> = { items: T[]; total: number };
type Err = { error: { code: string; details?: { fields?: { field: string; code: string }[] } } };
const HOUR = 3_600_000;

describe('risk warnings: rules as data, the set-based run, the workflow, gate access records', () => {
  let env: TestEnv;
  let cityOp: Client;
  let countyOp: Client;
  let townshipOp: Client;
  let communityOp: Client;
  let gw1: Client;
  let gw2: Client;
  let handler: Client;
  let sysadmin: Client;
  let rules: WarningRuleView[];
  const rule = (kind: string) => rules.find((r) => r.kind === kind)!;

  before(async () => {
    env = await startTestEnv({ registers: true });
    // Past the demo's own tickets: the windows below hold only what this test files.
    env.clock.advance(400 * 24 * HOUR);
    [cityOp, countyOp, townshipOp, communityOp, gw1, gw2, handler, sysadmin] = (await Promise.all(
      ['city_op', 'county_op', 'township_op', 'community_op', 'gw1', 'gw2', 'handler', 'sysadmin'].map((u) => env.login(u)),
    )) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client];
    rules = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
  });
  after(() => env.close());

  it('seeds one rule per registered kind at its defaults, shows a kind nobody registers as unavailable, and validates params by the kind\'s schema', async () => {
    assert.deepEqual(rule('tickets.rising_in_village').params, { categoryPrefixes: ['dispute'], days: 30, factor: 2, minCount: 5 });
    assert.deepEqual(rule('access.absent_from_home').params, { hours: 72, lookbackDays: 14 });
    assert.ok(rule('tickets.rising_in_village').paramFields.some((f) => f.name === 'categoryPrefixes' && f.type === 'string_list'));

    const bad = await cityOp.patch<Err>(`/api/warning-rules/${rule('tickets.rising_in_village').id}`, { version: 1, params: { categoryPrefixes: ['dispute'], days: 0, factor: 2, minCount: 5 } });
    assert.equal(bad.status, 400);
    assert.deepEqual([bad.body.error.details?.fields?.[0]?.field, bad.body.error.details?.fields?.[0]?.code], ['params.days', 'WARNING_RULE_PARAMS_INVALID']);
    const unknown = await cityOp.post<Err>('/api/warning-rules', { kind: 'nobody.knows', name: '未知规则', level: 'county', severity: 'low' });
    assert.deepEqual([unknown.status, unknown.body.error.details?.fields?.[0]?.code], [400, 'WARNING_RULE_KIND_UNKNOWN']);
    // Only a city-level operator configures the city's rules; others may not, and the rest have no access at all.
    assert.equal((await townshipOp.patch(`/api/warning-rules/${rule('tickets.rising_in_village').id}`, { version: 1, enabled: false })).status, 403);
    for (const c of [sysadmin, handler, gw1]) assert.equal((await c.get('/api/warning-rules')).status, 403);

    // A rule of a kind no module registers (one the devices module will bring) is kept and shown unavailable, never run.
    await rows(env.rt.database.db, sql`insert into warning_rule (id, kind, name, params, level, severity, enabled, version, created_at, updated_at)
      values (gen_random_uuid(), 'devices.fever_alarms', '发热告警聚集', '{"count": 3}'::jsonb, 'community', 'high', true, 1, now(), now())`);
    const listed = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
    assert.deepEqual(listed.filter((r) => r.kind === 'devices.fever_alarms').map((r) => [r.available, r.paramFields.length]), [[false, 0]]);
    // The kinds the key-person and dispute modules register are seeded too, at their defaults.
    for (const kind of ['keypersons.visits_missed', 'disputes.repeat_parties', 'disputes.rising_in_village']) assert.ok(rule(kind)?.available, kind);

    const edited = await cityOp.patch<WarningRuleView>(`/api/warning-rules/${rule('tickets.rising_in_village').id}`, { version: 1, params: { categoryPrefixes: ['dispute.labor'], days: 30, factor: 2, minCount: 5 } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual([edited.body.version, edited.body.params.categoryPrefixes], [2, ['dispute.labor']]);
    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${edited.body.id} order by id`);
    // The invalid parameters and the township's attempt were refused on record.
    assert.deepEqual(audit.map((a) => a.action), ['request.refused', 'request.refused', 'warning_rule.update']);
  });

  it('raises a rising-disputes warning at the township holding the village, with evidence, and not for a village just under the threshold', async () => {
    const grids = env.seed.city.grids;
    const villageA = grids[0]!;
    const villageB = grids.find((g) => g.regionCode !== villageA.regionCode)!;
    const labor = env.seed.tickets.categoryIds.get('dispute.labor')!;
    const file = async (g: typeof villageA, i: number) => {
      const [lon, lat] = gridCentroid(g);
      const res = await cityOp.post('/api/tickets', { description: `第${i}起：工地拖欠${i + 3}名工人工资，工人聚集讨薪`, lon, lat, categoryId: labor });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    for (let i = 0; i < 5; i++) await file(villageA, i);
    for (let i = 0; i < 4; i++) await file(villageB, i + 10);

    const run = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const rising = run.body.rules.find((r) => r.kind === 'tickets.rising_in_village')!;
    assert.deepEqual([rising.hits, rising.raised, rising.error], [1, 1, null]);
    assert.equal(run.body.rules.find((r) => r.kind === 'devices.fever_alarms')?.error, 'unavailable');
    // Permission and scope on "run now": a township's operator may not run the city's rules.
    assert.equal((await townshipOp.post('/api/warning-runs', {})).status, 403);

    const township = `${villageA.regionCode.slice(0, 9)}000`;
    const seen = await countyOp.get<Page<RiskWarning>>(`/api/warnings?ruleId=${rising.ruleId}`);
    assert.equal(seen.body.total, 1, JSON.stringify(seen.body));
    const w = seen.body.items[0]!;
    assert.deepEqual([w.regionCode, w.level, w.status, w.facts.recent, w.facts.previous], [township, 'township', 'raised', 5, 0]);
    assert.ok(!seen.body.items.some((x) => x.regionCode.startsWith(villageB.regionCode.slice(0, 9)) && villageB.regionCode.slice(0, 9) !== villageA.regionCode.slice(0, 9)));

    // The township's operators were told; a second run raises nothing new for the same key.
    const told = await townshipOp.get<{ items: { kind: string; subjectId: string }[] }>('/api/notifications');
    assert.ok(told.body.items.some((n) => n.kind === 'warning.raised' && n.subjectId === w.id), JSON.stringify(told.body));
    const again = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.deepEqual(again.body.rules.find((r) => r.kind === 'tickets.rising_in_village')!.raised, 0);

    // Who sees it: the township and above; not the community below, the grid workers, the department, the admins.
    assert.equal((await townshipOp.get(`/api/warnings/${w.id}`)).status, 200);
    for (const c of [communityOp, gw1, handler]) assert.equal((await c.get(`/api/warnings/${w.id}`)).status, 404);
    assert.equal((await sysadmin.get(`/api/warnings/${w.id}`)).status, 403);
    assert.equal((await communityOp.get<Page<RiskWarning>>('/api/warnings')).body.items.filter((x) => x.id === w.id).length, 0);

    // Evidence: the five tickets, through links the reader may open; the read is on record.
    const detail = await townshipOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual([detail.body.evidence.length, detail.body.hiddenEvidence, detail.body.evidence[0]?.type], [5, 0, 'ticket']);
    const reads = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where action = 'warning.read' and object_id = ${w.id}`);
    // Both reads of the detail above (the township's check and this one) are on record.
    assert.equal(reads[0]!.n, 2);

    // The workflow: acknowledge, assign to a department, its handler handles, the township closes.
    const ack = await townshipOp.post<RiskWarning>(`/api/warnings/${w.id}/acknowledge`, { version: 1 });
    assert.equal(ack.body.status, 'acknowledged');
    const noOne = await townshipOp.post<Err>(`/api/warnings/${w.id}/assign`, { version: 2 });
    assert.deepEqual([noOne.status, noOne.body.error.details?.fields?.[0]?.code], [400, 'WARNING_ASSIGNEE_REQUIRED']);
    const [dept] = await rows<{ id: string }>(env.rt.database.db, sql`select d.id from department d join department_member m on m.department_id = d.id join app_user u on u.id = m.user_id where u.username = 'handler'`);
    const assigned = await townshipOp.post<RiskWarning>(`/api/warnings/${w.id}/assign`, { version: 2, departmentId: dept!.id });
    assert.deepEqual([assigned.status, assigned.body.status], [200, 'assigned'], JSON.stringify(assigned.body));
    // Now the department's handler sees it, but not the tickets it points to (not theirs): counted, not shown.
    const theirs = await handler.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.equal(theirs.status, 200);
    assert.deepEqual([theirs.body.evidence.length, theirs.body.hiddenEvidence], [0, 5]);
    assert.deepEqual(theirs.body.actions, ['handle']);
    const stale = await handler.post<Err>(`/api/warnings/${w.id}/handle`, { version: 2, note: '已约谈企业负责人' });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'WARNING_VERSION_CONFLICT']);
    const noNote = await handler.post<Err>(`/api/warnings/${w.id}/handle`, { version: 3 });
    assert.equal(noNote.status, 400);
    const handled = await handler.post<RiskWarning>(`/api/warnings/${w.id}/handle`, { version: 3, note: '已约谈企业负责人，工资已发放' });
    assert.deepEqual([handled.body.status, handled.body.note], ['handled', '已约谈企业负责人，工资已发放']);
    assert.equal((await handler.post<Err>(`/api/warnings/${w.id}/close`, { version: 4 })).status, 403);
    const closed = await townshipOp.post<RiskWarning>(`/api/warnings/${w.id}/close`, { version: 4 });
    assert.equal(closed.body.status, 'closed');
    const timeline = (await townshipOp.get<RiskWarningDetail>(`/api/warnings/${w.id}`)).body.timeline.map((s) => s.action);
    assert.deepEqual(timeline, ['acknowledge', 'assign', 'handle', 'close']);
    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${w.id} and action like 'warning.%' and action <> 'warning.read' order by id`);
    assert.deepEqual(audit.map((a) => a.action), ['warning.acknowledge', 'warning.assign', 'warning.handle', 'warning.close']);

    // Closed, but the disputes still rise: the next run raises it again (a false positive would not come back: below).
    const next = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.equal(next.body.rules.find((r) => r.kind === 'tickets.rising_in_village')!.raised, 1);
  });

  it('takes gate records idempotently within scope, lists them masked and audited, and raises absent-from-home at the grid', async () => {
    const db = env.rt.database.db;
    const grid0 = env.gridId(env.seed.city.grids[0]!.code);
    const [home] = await rows<{ id: string }>(db, sql`select id from building where grid_id = ${grid0}::uuid and deleted_at is null limit 1`);
    const [far] = await rows<{ id: string }>(db, sql`select id from building where region_code not like ${`${env.seed.city.grids[0]!.regionCode}%`} and deleted_at is null limit 1`);
    const people = await rows<{ id: string }>(db, sql`select id from resident where grid_id = ${grid0}::uuid and deleted_at is null order by id limit 3`);
    assert.equal(people.length, 3);
    const [away, back, justUnder] = people.map((p) => p.id) as [string, string, string];
    const at = (hoursAgo: number) => new Date(env.clock.now().getTime() - hoursAgo * HOUR).toISOString();
    const rec = (n: number, residentId: string, direction: 'in' | 'out', hoursAgo: number, compoundId = home!.id) => ({ sourceRecordId: `r${n}`, gateId: 'gate-east-1', compoundType: 'building', compoundId, residentId, direction, at: at(hoursAgo) });
    const batch = [rec(1, away, 'in', 100), rec(2, away, 'out', 80), rec(3, back, 'out', 90), rec(4, back, 'in', 10), rec(5, justUnder, 'out', 70)];
    const first = await communityOp.post<{ accepted: number; duplicates: number; rejected: unknown[] }>('/api/access/records', { records: batch });
    assert.deepEqual(first.body, { accepted: 5, duplicates: 0, rejected: [] });
    const second = await communityOp.post<{ accepted: number; duplicates: number; rejected: { field: string; code: string }[] }>('/api/access/records', { records: [...batch, rec(6, away, 'in', 1, far!.id)] });
    assert.deepEqual([second.body.accepted, second.body.duplicates, second.body.rejected], [0, 5, [{ index: 5, field: 'records.5.compoundId', code: 'ACCESS_COMPOUND_INVALID' }]]);
    const badTime = await communityOp.post<Err>('/api/access/records', { records: [{ ...rec(7, away, 'in', 1), at: 'yesterday' }] });
    assert.equal(badTime.status, 400);

    const mine = await gw1.get<Page<AccessRecord>>(`/api/access/records?residentId=${away}`);
    assert.equal(mine.body.total, 2);
    assert.match(mine.body.items[0]!.residentName ?? '', /^.\*+$/);
    assert.equal((await gw2.get<Page<AccessRecord>>(`/api/access/records?residentId=${away}`)).body.total, 0);
    assert.equal((await handler.get(`/api/access/records?residentId=${away}`)).status, 403);
    const none = await gw1.get<Err>('/api/access/records');
    assert.deepEqual([none.status, none.body.error.details?.fields?.[0]?.code], [400, 'ACCESS_FILTER_REQUIRED']);
    const reads = await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'access_record.read' and subject = ${away}`);
    assert.equal(reads[0]!.n, 2);

    const run = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    const absent = run.body.rules.find((r) => r.kind === 'access.absent_from_home')!;
    assert.deepEqual([absent.hits, absent.raised], [1, 1]);
    const list = await gw1.get<Page<RiskWarning>>(`/api/warnings?ruleId=${absent.ruleId}`);
    assert.equal(list.body.total, 1);
    const w = list.body.items[0]!;
    assert.deepEqual([w.level, w.gridId, w.subjectType], ['grid', grid0, 'resident']);
    assert.equal((await gw2.get(`/api/warnings/${w.id}`)).status, 404);
    const detail = await gw1.get<RiskWarningDetail>(`/api/warnings/${w.id}`);
    assert.deepEqual([detail.body.evidence.length, detail.body.evidence[0]?.type, detail.body.hiddenEvidence], [1, 'access_record', 0]);
    assert.ok(!JSON.stringify(detail.body).includes(away), 'the person is not named in the warning shown');
    assert.deepEqual(detail.body.actions, [], 'a grid worker reads, the operators act');

    const noReason = await communityOp.post<Err>(`/api/warnings/${w.id}/mark_false_positive`, { version: 1 });
    assert.equal(noReason.status, 400);
    const fp = await communityOp.post<RiskWarning>(`/api/warnings/${w.id}/mark_false_positive`, { version: 1, reason: '外出探亲，已电话核实' });
    assert.deepEqual([fp.body.status, fp.body.falsePositiveReason], ['false_positive', '外出探亲，已电话核实']);
    const stats = (await cityOp.get<{ items: WarningRuleView[] }>('/api/warning-rules')).body.items;
    assert.deepEqual(stats.find((r) => r.kind === 'access.absent_from_home')!.stats, { raised: 1, confirmed: 0, falsePositive: 1, falsePositiveRate: 1 });
    assert.deepEqual(stats.find((r) => r.kind === 'tickets.rising_in_village')!.stats, { raised: 2, confirmed: 1, falsePositive: 0, falsePositiveRate: 0 });
    // The same absence, marked a false positive, is not raised again.
    const after = await cityOp.post<WarningRunView>('/api/warning-runs', {});
    assert.deepEqual(after.body.rules.find((r) => r.kind === 'access.absent_from_home')!.hits, 1);
    assert.deepEqual(after.body.rules.find((r) => r.kind === 'access.absent_from_home')!.raised, 0);
  });

  it('counts open warnings on the dashboard metrics (agreeing with the recount) and on the scoped map layer', async () => {
    const db = env.rt.database.db;
    await foldMetrics(db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(db, env.rt.kit.registry.metrics), []);
    // What the runs above left open (every registered kind is seeded and ran; whichever raised):
    // the city's tiles count every open warning, the map every open one with a grid, by grid.
    const [open] = await rows<{ n: number; high: number; gridded: number }>(
      db,
      sql`select count(*)::int as n, (count(*) filter (where severity = 'high'))::int as high, (count(*) filter (where hit_grid_id is not null))::int as gridded
          from warning where status in ('raised', 'acknowledged', 'assigned', 'handled')`,
    );
    assert.ok(open!.n >= 1, 'the re-raised rising-village warning is open');
    const tiles = (await cityOp.get<DashboardOverview>('/api/dashboard/overview')).body.tiles;
    assert.deepEqual([tileValue(tiles, 'openWarnings'), tileValue(tiles, 'highWarnings') ?? 0], [open!.n, open!.high], JSON.stringify(tiles));
    const map = await cityOp.get<{ items: { open: number }[] }>('/api/warnings/map');
    assert.equal(map.status, 200);
    assert.equal(map.body.items.reduce((n, g) => n + g.open, 0), open!.gridded);
    assert.equal((await gw2.get<{ items: unknown[] }>('/api/warnings/map')).body.items.length, 0);
    const runs = await cityOp.get<Page<WarningRunView>>('/api/warning-runs');
    assert.equal(runs.body.total, 5);
  });
});
