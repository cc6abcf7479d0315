/**
 * Emergency command: the lifecycle refuses illegal steps with stable codes; activation applies the
 * plan for the level once (its tasks, the dispatch of its team, its notifications), scaling up adds
 * the higher level's and never duplicates (down and up again adds nothing); a community operator
 * sees only the events of their community; a team member acknowledges, arrives and completes a
 * dispatch and posts the team's position, shown on the event; every step is audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { SupplyRequestSummary, EmergencyTeam, DispatchSummary, EmergencyEventDetail, EmergencyEventSummary, EmergencyPlan, EmergencyTeamDetail } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { seedDemoEmergency } from './demo.js';
import { seedDemoSupplies } from '../supplies/demo.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string }[] } };
}
type Page<T> = { items: T[]; total: number };

describe('emergency command (应急指挥)', () => {
  let env: TestEnv;
  let op: Client;
  let cityOp: Client;
  let gw: Client;
  let neighbour: Client;
  let communityCode: string;
  let countyCode: string;
  let teamId: string;
  let event: EmergencyEventDetail;
  const db = () => env.rt.database.db;
  const notices = async (subjectId: string, kind: string) =>
    rows<{ user_id: string }>(db(), sql`select user_id::text from notification where subject_id = ${subjectId} and kind = ${kind} order by user_id`);
  const step = (action: string, body: Record<string, unknown>) => op.post<EmergencyEventDetail & ErrorBody>(`/api/emergency/events/${event.id}/${action}`, { version: event.version, ...body });

  before(async () => {
    env = await startTestEnv();
    [op, cityOp] = await Promise.all([env.login('community_op'), env.login('city_op')]);
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    gw = await env.login(worker.username);
    // An operator of another community of the same township.
    const sibling = env.seed.city.regions.find((r) => r.level === 'community' && r.code !== communityCode && r.parentCode === env.seed.city.regions.find((x) => x.code === communityCode)!.parentCode)!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'em_sibling', displayName: '邻社区值班员', role: 'operator', scopeRegionCode: sibling.code, password: 'Neighb0ur#1' })).status, 201);
    neighbour = await env.loginChangingPassword('em_sibling', 'Neighb0ur#1');

    const team = await op.post<EmergencyTeamDetail>('/api/emergency/teams', { name: '社区应急分队', kind: '综合救援', regionCode: communityCode, skills: ['水域救援', '急救'], equipment: [{ name: '冲锋舟', quantity: 1 }] });
    assert.equal(team.status, 201, JSON.stringify(team.body));
    teamId = team.body.id;
    const member = await op.post<EmergencyTeamDetail>(`/api/emergency/teams/${teamId}/members`, { userId: env.seed.userIds.get(worker.username), role: 'leader', skills: ['急救'] });
    assert.equal(member.status, 200, JSON.stringify(member.body));
    const now = env.clock.now();
    const shift = await op.post<EmergencyTeamDetail>(`/api/emergency/teams/${teamId}/roster`, { memberId: member.body.memberList[0]!.id, startsAt: new Date(now.getTime() - 3_600_000).toISOString(), endsAt: new Date(now.getTime() + 8 * 3_600_000).toISOString() });
    assert.equal(shift.status, 200, JSON.stringify(shift.body));
    assert.equal(shift.body.onDuty, 1);
    assert.equal(shift.body.memberList[0]!.onDuty, true);
    // The county's flood plans: level Ⅳ (two tasks, one with the team; operators told) and level Ⅱ (one task; the community operator told).
    const iv = await cityOp.post<EmergencyPlan>('/api/emergency/plans', {
      name: '防汛Ⅳ级预案', type: 'natural', subType: 'flood', level: 'IV', regionCode: countyCode, commandPost: { name: '防汛前线指挥部', address: '江堤路 1 号', lng: 111.7, lat: 29.03 },
      tasks: [{ key: 'evacuate', title: '转移低洼群众', teamId }, { key: 'patrol', title: '堤防巡查' }], notifications: [{ to: 'role', role: 'operator', text: '请立即到岗' }],
    });
    assert.equal(iv.status, 201, JSON.stringify(iv.body));
    assert.equal(iv.body.tasks[0]!.teamName, '社区应急分队');
    const ii = await cityOp.post<EmergencyPlan>('/api/emergency/plans', {
      name: '防汛Ⅱ级预案', type: 'natural', level: 'II', regionCode: countyCode, tasks: [{ key: 'rescue', title: '组织抢险' }], notifications: [{ to: 'users', userIds: [env.seed.userIds.get('county_op')], text: '县指挥部启动' }],
    });
    assert.equal(ii.status, 201, JSON.stringify(ii.body));
    const dup = await cityOp.post<ErrorBody>('/api/emergency/plans', { name: '重复', type: 'natural', level: 'II', regionCode: countyCode, tasks: [], notifications: [] });
    assert.equal(dup.body.error.code, 'EMERGENCY_PLAN_DUPLICATE');
  });
  after(() => env.close());

  it('an event is reported with its type, place and area; a bad sub-type is refused', async () => {
    const bad = await op.post<ErrorBody>('/api/emergency/events', { title: 'x', type: 'accident', subType: 'flood', regionCode: communityCode, lng: 111.7, lat: 29.0, occurredAt: env.clock.now().toISOString() });
    assert.equal(bad.body.error.code, 'EMERGENCY_TYPE_UNKNOWN');
    const area = { type: 'Polygon', coordinates: [[[111.69, 29.02], [111.71, 29.02], [111.71, 29.04], [111.69, 29.02]]] };
    const made = await op.post<EmergencyEventDetail>('/api/emergency/events', { title: '城东片区内涝', type: 'natural', subType: 'flood', level: 'IV', regionCode: communityCode, lng: 111.7, lat: 29.03, area, occurredAt: env.clock.now().toISOString() });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    event = made.body;
    assert.deepEqual([event.status, event.eventNo.startsWith('E'), event.area?.type, event.actions], ['reported', true, 'Polygon', ['verify', 'close']]);
  });

  it('the lifecycle refuses illegal steps with a stable code', async () => {
    const early = await step('activate', { level: 'IV' });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'EMERGENCY_STATE');
    assert.equal((await step('scale', { level: 'III', note: '升级' })).body.error.code, 'EMERGENCY_STATE');
    const verified = await step('verify', {});
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    event = verified.body;
    assert.equal((await op.post<ErrorBody>(`/api/emergency/events/${event.id}/verify`, { version: event.version })).body.error.code, 'EMERGENCY_STATE');
    assert.equal((await op.post<ErrorBody>(`/api/emergency/events/${event.id}/close`, { version: 1, note: '旧版本' })).body.error.code, 'EMERGENCY_VERSION_CONFLICT');
  });

  it('activation creates the plan\'s tasks, dispatches its team and notifies, once', async () => {
    const activated = await step('activate', { level: 'IV' });
    assert.equal(activated.status, 200, JSON.stringify(activated.body));
    event = activated.body;
    assert.deepEqual([event.status, event.responseLevel], ['responding', 'IV']);
    assert.deepEqual(event.tasks.map((t) => t.title).sort(), ['堤防巡查', '转移低洼群众']);
    assert.deepEqual(event.dispatches.map((d) => [d.teamName, d.taskTitle, d.status]), [['社区应急分队', '转移低洼群众', 'dispatched']]);
    assert.deepEqual(event.commandPosts.map((c) => [c.name, c.level]), [['防汛前线指挥部', 'IV']]);
    // The operators whose scope holds the event (community, township, county, city), not the one who acted.
    const told = await notices(event.id, 'emergency.activated');
    const ops = ['city_op', 'county_op', 'township_op'].map((u) => env.seed.userIds.get(u)!).sort();
    assert.deepEqual(told.map((n) => n.user_id), ops);
    assert.deepEqual((await notices(event.dispatches[0]!.id, 'emergency.dispatched')).length + (await notices(event.id, 'emergency.dispatched')).length, 1);
    assert.equal((await step('activate', { level: 'IV' })).body.error.code, 'EMERGENCY_STATE');
    assert.equal((await step('scale', { level: 'IV', note: '不变' })).body.error.code, 'EMERGENCY_LEVEL_UNCHANGED');
  });

  it('scaling up adds the higher level\'s tasks and notices; down and up again never duplicates', async () => {
    const up = await step('scale', { level: 'II', note: '水位持续上涨' });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    event = up.body;
    assert.equal(event.responseLevel, 'II');
    assert.deepEqual(event.tasks.map((t) => t.title).sort(), ['堤防巡查', '组织抢险', '转移低洼群众']);
    const told = await notices(event.id, 'emergency.activated');
    assert.equal(told.length, 4);
    event = (await step('scale', { level: 'III', note: '水位回落' })).body;
    event = (await step('scale', { level: 'II', note: '再次上涨' })).body;
    assert.equal(event.responseLevel, 'II');
    assert.equal(event.tasks.length, 3);
    assert.equal(event.dispatches.length, 1);
    assert.equal((await notices(event.id, 'emergency.activated')).length, 4);
    const [activations] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from emergency_activation where event_id = ${event.id}`);
    assert.equal(activations!.n, 2);
    const scales = event.timeline.filter((s) => s.action === 'scale');
    assert.deepEqual(scales.map((s) => [s.data.from, s.data.to, s.data.direction]), [['IV', 'II', 'up'], ['II', 'III', 'down'], ['III', 'II', 'up']]);
    assert.deepEqual(event.timeline.map((s) => s.action).slice(0, 4), ['report', 'verify', 'dispatch.create', 'activate']);
  });

  it('scope: a community operator sees only the events of their community', async () => {
    const mine = await op.get<Page<EmergencyEventSummary>>('/api/emergency/events');
    assert.ok(mine.body.items.some((e) => e.id === event.id));
    const theirs = await neighbour.get<Page<EmergencyEventSummary>>('/api/emergency/events');
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.items.some((e) => e.id === event.id), false);
    assert.equal((await neighbour.get(`/api/emergency/events/${event.id}`)).status, 404);
    assert.equal((await neighbour.post(`/api/emergency/events/${event.id}/close`, { version: event.version, note: '越权' })).status, 404);
    assert.equal((await neighbour.post(`/api/emergency/dispatches/${event.dispatches[0]!.id}/cancel`, { version: 1, note: '越权' })).status, 404);
    assert.ok((await cityOp.get<Page<EmergencyEventSummary>>('/api/emergency/events')).body.items.some((e) => e.id === event.id));
    // The neighbour sees the county's plans (from below) but not the community's team.
    assert.equal((await neighbour.get<EmergencyPlan[]>('/api/emergency/plans')).body.length >= 2, true);
    assert.equal((await neighbour.get(`/api/emergency/teams/${teamId}`)).status, 404);
  });

  it('the team member acknowledges, arrives and completes the dispatch, and posts the position', async () => {
    const mine = await gw.get<DispatchSummary[]>('/api/emergency/dispatches');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body.map((d) => [d.eventNo, d.actions]), [[event.eventNo, ['acknowledge', 'arrive']]]);
    let d = mine.body[0]!;
    const tooEarly = await gw.post<ErrorBody>(`/api/emergency/dispatches/${d.id}/complete`, { version: d.version });
    assert.equal(tooEarly.body.error.code, 'EMERGENCY_STATE');
    assert.equal((await gw.post<ErrorBody>(`/api/emergency/dispatches/${d.id}/cancel`, { version: d.version, note: '队员不能撤回' })).status, 403);
    for (const [action, status] of [['acknowledge', 'acknowledged'], ['arrive', 'arrived']] as const) {
      const res = await gw.post<DispatchSummary>(`/api/emergency/dispatches/${d.id}/${action}`, { version: d.version });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      d = res.body;
      assert.equal(d.status, status);
    }
    const pos = await gw.post(`/api/emergency/teams/${teamId}/position`, { lng: 111.701, lat: 29.031 });
    assert.equal(pos.status, 200, JSON.stringify(pos.body));
    assert.equal((await neighbour.post(`/api/emergency/teams/${teamId}/position`, { lng: 111.7, lat: 29.0 })).status, 404);
    const done = await gw.post<DispatchSummary>(`/api/emergency/dispatches/${d.id}/complete`, { version: d.version, note: '群众已全部转移' });
    assert.equal(done.body.status, 'completed');
    assert.ok(done.body.acknowledgedAt && done.body.arrivedAt && done.body.completedAt);
    const seen = (await op.get<EmergencyEventDetail>(`/api/emergency/events/${event.id}`)).body;
    assert.equal(seen.tasks.find((t) => t.title === '转移低洼群众')!.status, 'done');
    assert.deepEqual(seen.positions.map((p) => [p.teamName, p.lng, p.lat]), [['社区应急分队', 111.701, 29.031]]);
    assert.deepEqual(seen.timeline.filter((s) => s.action.startsWith('dispatch.')).map((s) => s.action), ['dispatch.create', 'dispatch.acknowledge', 'dispatch.arrive', 'dispatch.complete']);
    assert.deepEqual((await gw.get<DispatchSummary[]>('/api/emergency/dispatches')).body, []);
  });

  it('a team seen from two communities shows neither where it works nor that it is busy to the one it does not work for', async () => {
    const county = await cityOp.post<EmergencyTeamDetail>('/api/emergency/teams', { name: '县消防救援大队', kind: '消防救援', regionCode: countyCode, skills: [], equipment: [] });
    assert.equal(county.status, 201, JSON.stringify(county.body));
    await db().execute(sql`update emergency_team set last_lng = 111.72, last_lat = 29.05, last_position_at = now() where id = ${county.body.id}`);
    const fire = await op.post<EmergencyEventDetail>('/api/emergency/events', { title: '商铺火情', type: 'accident', subType: 'fire', regionCode: communityCode, lng: 111.7, lat: 29.03, occurredAt: env.clock.now().toISOString() });
    const verified = await op.post<EmergencyEventDetail>(`/api/emergency/events/${fire.body.id}/verify`, { version: fire.body.version });
    const withTask = await op.post<EmergencyEventDetail>(`/api/emergency/events/${fire.body.id}/tasks`, { title: '灭火' });
    assert.deepEqual([verified.status, withTask.status], [200, 200], JSON.stringify(withTask.body));
    const sent = await op.post<EmergencyEventDetail>(`/api/emergency/events/${fire.body.id}/dispatches`, { taskId: withTask.body.tasks[0]!.id, teamId: county.body.id });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const seenBy = async (client: Client) => (await client.get<EmergencyTeam[]>('/api/emergency/teams')).body.find((t) => t.id === county.body.id)!;
    const [here, there, above] = await Promise.all([seenBy(op), seenBy(neighbour), seenBy(cityOp)]);
    assert.deepEqual([here.activeDispatches, here.position !== null], [1, true], 'the community it works for');
    assert.deepEqual([there.activeDispatches, there.position], [0, null], 'the other community sees the team, not where it is or that it is busy');
    assert.deepEqual([above.activeDispatches, above.position !== null], [1, true], 'the city');
    assert.deepEqual([here.editable, above.editable], [false, true], 'only the county and above keep a county team');
    const countyDispatch = sent.body.dispatches.find((d) => d.teamId === county.body.id)!;
    assert.equal((await op.post(`/api/emergency/dispatches/${countyDispatch.id}/cancel`, { version: countyDispatch.version, note: '改派' })).status, 200);
  });

  it('a manual task and dispatch; closing ends the lifecycle; every step is audited', async () => {
    const withTask = await op.post<EmergencyEventDetail>(`/api/emergency/events/${event.id}/tasks`, { title: '清淤消杀' });
    assert.equal(withTask.status, 200, JSON.stringify(withTask.body));
    const task = withTask.body.tasks.find((t) => t.title === '清淤消杀')!;
    const sent = await op.post<EmergencyEventDetail>(`/api/emergency/events/${event.id}/dispatches`, { taskId: task.id, teamId });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal((await op.post<ErrorBody>(`/api/emergency/events/${event.id}/dispatches`, { taskId: task.id, teamId })).body.error.code, 'EMERGENCY_ALREADY_DISPATCHED');
    event = sent.body;
    const closed = await step('close', { note: '险情解除' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.deepEqual([closed.body.status, closed.body.actions], ['closed', []]);
    assert.equal((await op.post<ErrorBody>(`/api/emergency/events/${event.id}/tasks`, { title: '晚了' })).body.error.code, 'EMERGENCY_STATE');
    const audited = await rows<{ action: string }>(db(), sql`select action from audit_log where action like 'emergency%' order by id`);
    const actions = new Set(audited.map((a) => a.action));
    for (const a of ['emergency_plan.save', 'emergency_team.save', 'emergency_team.member', 'emergency_team.roster', 'emergency_team.position', 'emergency_event.report', 'emergency_event.verify',
      'emergency_event.activate', 'emergency_event.scale', 'emergency_event.task', 'emergency_event.close', 'emergency_dispatch.create', 'emergency_dispatch.acknowledge', 'emergency_dispatch.arrive',
      'emergency_dispatch.complete', 'emergency_event.list', 'emergency_event.read']) {
      assert.ok(actions.has(a), `audited: ${a}`);
    }
    const [activate] = await rows<{ details: { from: string; to: string; level: string; tasks: number } }>(db(), sql`select details from audit_log where action = 'emergency_event.activate' and object_id = ${event.id}`);
    assert.deepEqual([activate!.details.from, activate!.details.to, activate!.details.level, activate!.details.tasks], ['verified', 'responding', 'IV', 2]);
  });
});

describe('emergency demo', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv();
  });
  after(() => env.close());

  it('seeds teams, a plan per common type, two past events with their history and one under way', async () => {
    const county = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const grids = env.seed.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6))).map((g) => ({ id: env.gridId(g.code), regionCode: g.regionCode }));
    const { underWay, ...made } = await seedDemoEmergency(env.rt.kit, county, grids);
    assert.deepEqual(made, { teams: 4, plans: 6, events: 3 });
    const op = await env.login('county_op');
    const events = (await op.get<Page<EmergencyEventSummary>>('/api/emergency/events')).body.items;
    assert.deepEqual(events.map((e) => e.status).sort(), ['closed', 'closed', 'responding']);
    const leak = (await op.get<EmergencyEventDetail>(`/api/emergency/events/${events.find((e) => e.status === 'responding')!.id}`)).body;
    assert.equal(leak.id, underWay);
    assert.equal(leak.responseLevel, 'III');
    assert.equal(leak.tasks.length, 4);
    assert.ok(leak.positions.length >= 2, JSON.stringify(leak.positions));
    const flood = (await op.get<EmergencyEventDetail>(`/api/emergency/events/${events.find((e) => e.title.includes('内涝'))!.id}`)).body;
    assert.deepEqual(flood.timeline.filter((s) => s.action === 'scale').map((s) => s.data.to), ['II', 'IV']);
    assert.ok(flood.dispatches.every((d) => d.status === 'completed'));
    assert.ok(new Date(flood.timeline[0]!.at) < new Date(env.clock.now().getTime() - 10 * 86_400_000));
  });

  it('the supplies asked for the event under way show in its view; a request names only an open event over its place', async () => {
    const county = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode!;
    const communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const [op, community, gw] = await Promise.all([env.login('county_op'), env.login('community_op'), env.login('gw1')]);
    const leak = (await op.get<Page<EmergencyEventSummary>>('/api/emergency/events?status=responding')).body.items[0]!;
    const seeded = await seedDemoSupplies(env.rt.kit, county, leak.id);
    assert.equal(seeded.requests, 5, 'the evacuation site asks for the leak');
    const options = await community.get<{ id: string; label: string }[]>(`/api/supplies/requests/events?regionCode=${communityCode}`);
    assert.deepEqual(options.body.map((o) => o.id), [leak.id], 'closed events are not offered');
    assert.equal((await community.get(`/api/supplies/requests/events?regionCode=${county.slice(0, 4)}0000000000`)).status, 400, 'a place outside one\'s region');
    const forEvent = await op.get<Page<SupplyRequestSummary>>(`/api/supplies/requests?eventId=${leak.id}`);
    assert.deepEqual(forEvent.body.items.map((r) => [r.siteName, r.eventId, r.totals]), [['中心学校疏散安置点', leak.id, { quantity: 180, allocated: 80, issued: 0 }]]);
    const closed = (await op.get<Page<EmergencyEventSummary>>('/api/emergency/events?status=closed')).body.items[0]!;
    const refused = await gw.post<ErrorBody>('/api/supplies/requests', {
      regionCode: communityCode, siteName: '临时点', address: '社区', lng: 111.7, lat: 29.03, priority: 2, neededBy: env.clock.now().toISOString(), purpose: '保障', eventId: closed.id, lines: [{ itemCode: '1030101', quantity: 1 }],
    });
    assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details?.fields?.[0]?.field], [400, 'SUPPLY_REQUEST_EVENT_UNKNOWN', 'eventId']);
    // On the dashboard: the event under way and the requests waiting, agreeing with the recount.
    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const [open] = await rows<{ value: string }>(env.rt.database.db, sql`select sum(value) as value from metric_value where metric = 'emergency.open' and scope = ${county}`);
    const [waiting] = await rows<{ value: string }>(env.rt.database.db, sql`select sum(value) as value from metric_value where metric = 'supplies.requests_waiting' and scope = ${county}`);
    assert.deepEqual([Number(open!.value), Number(waiting!.value)], [1, 3], 'the leak; the approved, submitted and allocated requests');
  });
});
