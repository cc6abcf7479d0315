/**
 * Emergency command in the demo county, made by the county's operator through the module's own
 * functions (as on the console): four rescue teams (members: county grid workers and residents,
 * today's duty shifts, a base and a last position), a plan for each common type, two past events
 * with their whole history (a flood scaled up and down, then closed; a fire put out) and one
 * event under way (a chemical leak at level Ⅲ, its teams on the way). The past events' times are
 * moved back to when they happened (their steps, dispatches and activations).
 */
import { eq, sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type EmergencyEventDetail, type EmergencyLevel, type PlanRequest, type Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { importActor } from '../imports/deps.js';
import { residentsInGrids } from '../registers/person-facts.js';
import { createDispatch, transitionDispatch } from './dispatches.js';
import { reportEvent, transitionEvent } from './events.js';
import { createPlan } from './plans.js';
import { emergencyActivation, emergencyDispatch, emergencyEvent, emergencyEventStep, emergencyTask } from './tables.js';
import { addMember, addShift, createTeam, readTeam, reportPosition } from './teams.js';
import { createControl } from './traffic.js';

const square = (lng: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]] as [number, number][]] });

export async function seedDemoEmergency(kit: Kit, countyCode: string, grids: readonly { id: string; regionCode: string }[]): Promise<{ teams: number; plans: number; events: number; underWay?: string }> {
  const account = await accountByUsername(kit.db, 'county_op');
  if (!account) return { teams: 0, plans: 0, events: 0 };
  const role = account.role as Role;
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode!, scopeGridId: null },
  );
  const ctx: ActorContext = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock: kit.clock };
  const now = kit.clock.now();
  const community = grids[0]?.regionCode ?? countyCode;
  const workers = [];
  for (let i = 1; i <= 12; i++) {
    const a = await accountByUsername(kit.db, `gw${i}`);
    if (a?.scopeRegionCode?.startsWith(countyCode.slice(0, 6))) workers.push(a);
  }
  const residents = await residentsInGrids(kit.db, grids.slice(0, 4).map((g) => g.id), 12);

  const specs = [
    { name: '县消防救援大队', kind: '消防救援', regionCode: countyCode, skills: ['灭火', '破拆', '危化品处置'], equipment: [{ name: '水罐消防车', quantity: 4 }, { name: '防化服', quantity: 20 }], lng: 111.705, lat: 29.04 },
    { name: '县综合应急救援队', kind: '综合救援', regionCode: countyCode, skills: ['水域救援', '抢险排涝'], equipment: [{ name: '冲锋舟', quantity: 6 }, { name: '排涝泵', quantity: 10 }], lng: 111.69, lat: 29.03 },
    { name: '县人民医院医疗救护队', kind: '医疗救护', regionCode: countyCode, skills: ['院前急救', '流行病学调查'], equipment: [{ name: '救护车', quantity: 3 }], lng: 111.68, lat: 29.045 },
    { name: `${community === countyCode ? '' : '社区'}民兵应急分队`, kind: '民兵', regionCode: community, skills: ['人员转移', '巡查值守'], equipment: [{ name: '应急照明灯', quantity: 30 }], lng: 111.7, lat: 29.02 },
  ];
  const teams = [];
  for (const [i, s] of specs.entries()) {
    const t = await createTeam(kit, ctx, { name: s.name, kind: s.kind, regionCode: s.regionCode, skills: s.skills, equipment: s.equipment, baseLng: s.lng, baseLat: s.lat });
    const worker = workers[i % Math.max(workers.length, 1)];
    if (worker && (s.regionCode === countyCode || worker.scopeRegionCode === s.regionCode)) await addMember(kit, ctx, t.id, { userId: worker.id, role: 'leader', skills: s.skills.slice(0, 1) });
    for (const r of residents.slice(i * 3, i * 3 + 3)) await addMember(kit, ctx, t.id, { residentId: r.id, skills: s.skills.slice(-1) });
    const [first] = await readMembers(kit, ctx, t.id);
    const detail = first ? await addShift(kit, ctx, t.id, { memberId: first, startsAt: new Date(now.getTime() - 4 * 3_600_000).toISOString(), endsAt: new Date(now.getTime() + 8 * 3_600_000).toISOString(), note: '白班' }) : t;
    await reportPosition(kit, ctx, t.id, { lng: s.lng, lat: s.lat });
    teams.push(detail);
  }
  const [fire, rescue, medical, militia] = teams as [typeof teams[0], typeof teams[0], typeof teams[0], typeof teams[0]];

  const post = (name: string, lng: number, lat: number) => ({ name, address: `${name}（县应急管理局调度）`, lng, lat });
  const ops = (text: string) => [{ to: 'role' as const, role: 'operator' as const, text }];
  const plans: PlanRequest[] = [
    { name: '县防汛Ⅳ级应急预案', type: 'natural', subType: 'flood', level: 'IV', regionCode: countyCode, commandPost: post('防汛前线指挥部', 111.695, 29.028),
      tasks: [{ key: 'patrol', title: '堤防巡查', teamId: militia.id }, { key: 'drain', title: '低洼积水抽排', teamId: rescue.id }], notifications: ops('防汛Ⅳ级响应启动，请各社区值班到岗') },
    { name: '县防汛Ⅱ级应急预案', type: 'natural', subType: 'flood', level: 'II', regionCode: countyCode, commandPost: post('县防汛抗旱指挥部', 111.7, 29.035),
      tasks: [{ key: 'evacuate', title: '转移危险区域群众' }, { key: 'medical', title: '安置点医疗保障', teamId: medical.id }], notifications: ops('防汛Ⅱ级响应启动，全员在岗，24小时值守') },
    { name: '县火灾事故Ⅳ级应急预案', type: 'accident', subType: 'fire', level: 'IV', regionCode: countyCode, commandPost: post('火场指挥部', 111.71, 29.04),
      tasks: [{ key: 'suppress', title: '灭火救援', teamId: fire.id }, { key: 'cordon', title: '现场警戒疏散' }], notifications: ops('火灾事故Ⅳ级响应启动') },
    { name: '县危化品泄漏Ⅲ级应急预案', type: 'accident', subType: 'hazchem', level: 'III', regionCode: countyCode, commandPost: post('危化品处置指挥部', 111.72, 29.05),
      tasks: [{ key: 'contain', title: '泄漏源堵漏与洗消', teamId: fire.id }, { key: 'evacuate', title: '下风向群众疏散', teamId: militia.id }, { key: 'treat', title: '中毒人员救治', teamId: medical.id }, { key: 'monitor', title: '环境监测' }],
      notifications: ops('危化品泄漏Ⅲ级响应启动，请落实疏散与监测') },
    { name: '县传染病疫情Ⅳ级应急预案', type: 'public_health', subType: 'epidemic', level: 'IV', regionCode: countyCode, tasks: [{ key: 'survey', title: '流行病学调查', teamId: medical.id }, { key: 'screen', title: '重点人员排查' }], notifications: ops('疫情Ⅳ级响应启动') },
    { name: '县群体性事件Ⅳ级应急预案', type: 'social_security', subType: 'mass_incident', level: 'IV', regionCode: countyCode, tasks: [{ key: 'talk', title: '现场劝导与诉求登记' }, { key: 'order', title: '秩序维护', teamId: militia.id }], notifications: ops('群体性事件Ⅳ级响应启动') },
  ];
  for (const p of plans) await createPlan(kit, ctx, p);

  const report = (title: string, type: string, subType: string, level: EmergencyLevel, lng: number, lat: number, daysAgo: number, description: string) =>
    reportEvent(kit, ctx, { title, type: type as never, subType, level, regionCode: community, lng, lat, area: square(lng, lat, 0.006), occurredAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(), description });
  const stepEvent = async (e: EmergencyEventDetail, action: 'verify' | 'activate' | 'scale' | 'close', input: { level?: EmergencyLevel; note?: string } = {}) =>
    transitionEvent(kit, ctx, e.id, action, { version: e.version, ...input } as never);
  const finishDispatches = async (e: EmergencyEventDetail) => {
    for (const d of e.dispatches) {
      let cur = d;
      for (const a of ['acknowledge', 'arrive', 'complete'] as const) cur = await transitionDispatch(kit, ctx, d.id, a, { version: cur.version });
    }
  };

  // A flood twelve days ago: Ⅳ, up to Ⅱ as the river rose, back to Ⅳ, then closed.
  let flood = await report('城东片区强降雨内涝', 'natural', 'flood', 'IV', 111.698, 29.027, 12, '连续强降雨，城东低洼片区积水深约 60 厘米');
  flood = await stepEvent(flood, 'verify', { note: '现场核实积水范围' });
  flood = await stepEvent(flood, 'activate', { level: 'IV' });
  flood = await stepEvent(flood, 'scale', { level: 'II', note: '上游来水，沅江水位超警戒' });
  flood = await stepEvent(flood, 'scale', { level: 'IV', note: '水位回落至警戒线以下' });
  await finishDispatches(flood);
  flood = await stepEvent(flood, 'close', { note: '积水退去，险情解除' });
  await backdate(kit, flood.id, 12);

  // A fire five days ago: Ⅳ, put out, closed.
  let blaze = await report('沿街门面火灾', 'accident', 'fire', 'IV', 111.708, 29.041, 5, '沿街门面二楼起火，无人员被困');
  blaze = await stepEvent(blaze, 'verify');
  blaze = await stepEvent(blaze, 'activate', { level: 'IV' });
  await finishDispatches(blaze);
  blaze = await stepEvent(blaze, 'close', { note: '明火扑灭，现场移交' });
  await backdate(kit, blaze.id, 5);

  // Under way: a chemical leak this morning at Ⅲ; the fire brigade has arrived, the others are on the way.
  let leak = await report('化工园区氯气泄漏', 'accident', 'hazchem', 'III', 111.722, 29.051, 0, '储罐阀门泄漏，下风向 500 米内需疏散');
  leak = await stepEvent(leak, 'verify', { note: '环境监测确认氯气浓度超标' });
  leak = await stepEvent(leak, 'activate', { level: 'III' });
  const brigade = leak.dispatches.find((d) => d.teamId === fire.id);
  if (brigade) {
    const acked = await transitionDispatch(kit, ctx, brigade.id, 'acknowledge', { version: brigade.version });
    await transitionDispatch(kit, ctx, brigade.id, 'arrive', { version: acked.version });
    await reportPosition(kit, ctx, fire.id, { lng: 111.7215, lat: 29.0505 });
  }
  await reportPosition(kit, ctx, militia.id, { lng: 111.714, lat: 29.046 });
  const monitor = leak.tasks.find((t) => !leak.dispatches.some((d) => d.taskId === t.id));
  if (monitor) await createDispatch(kit, ctx, leak.id, { taskId: monitor.id, teamId: rescue.id, note: '携带气体检测仪' });
  // Traffic control around the leak (交通管制): the area down-wind closed until lifted, and the road in escorted for the supply trucks.
  const at = kit.clock.now().getTime();
  await createControl(kit, ctx, {
    title: '化工园区周边道路封闭', kind: 'road_closed', regionCode: leak.regionCode, eventId: leak.id, startAt: new Date(at - 3 * 3_600_000).toISOString(), public: true,
    description: '氯气泄漏处置期间，园区下风向 500 米范围内禁止车辆、行人进入，请绕行。',
    geometry: { type: 'Polygon', coordinates: [[[111.716, 29.047], [111.728, 29.047], [111.728, 29.055], [111.716, 29.055], [111.716, 29.047]]] },
  });
  await createControl(kit, ctx, {
    title: '园区大道应急车辆护送通道', kind: 'escort', regionCode: leak.regionCode, eventId: leak.id, startAt: new Date(at - 2 * 3_600_000).toISOString(),
    endAt: new Date(at + 10 * 3_600_000).toISOString(), public: false, description: '物资运输车辆由交警护送进入指挥部',
    geometry: { type: 'LineString', coordinates: [[111.705, 29.045], [111.712, 29.047], [111.72, 29.05]] },
  });
  return { teams: teams.length, plans: plans.length, events: 3, underWay: leak.id };
}

async function readMembers(kit: Kit, ctx: ActorContext, teamId: string): Promise<string[]> {
  return (await readTeam(kit, ctx, teamId)).memberList.map((m) => m.id);
}

/** A past event's own times moved back by `days` (keeping their order). */
async function backdate(kit: Kit, eventId: string, days: number): Promise<void> {
  const shift = sql.raw(`interval '${days} days'`);
  await kit.db.update(emergencyEvent).set({ createdAt: sql`${emergencyEvent.createdAt} - ${shift}`, updatedAt: sql`${emergencyEvent.updatedAt} - ${shift}`, closedAt: sql`${emergencyEvent.closedAt} - ${shift}` }).where(eq(emergencyEvent.id, eventId));
  // Steps spread over the first day of the event, an hour apart.
  await kit.db.execute(sql`update ${emergencyEventStep} s set at = s.at - ${shift} + (n.rn * interval '50 minutes') - interval '20 hours'
    from (select id, row_number() over (order by id) as rn from ${emergencyEventStep} where event_id = ${eventId}) n where s.id = n.id`);
  await kit.db.update(emergencyTask).set({ createdAt: sql`${emergencyTask.createdAt} - ${shift}` }).where(eq(emergencyTask.eventId, eventId));
  await kit.db.update(emergencyActivation).set({ at: sql`${emergencyActivation.at} - ${shift}` }).where(eq(emergencyActivation.eventId, eventId));
  await kit.db
    .update(emergencyDispatch)
    .set({
      dispatchedAt: sql`${emergencyDispatch.dispatchedAt} - ${shift} - interval '19 hours'`, acknowledgedAt: sql`${emergencyDispatch.acknowledgedAt} - ${shift} - interval '18 hours 50 minutes'`,
      arrivedAt: sql`${emergencyDispatch.arrivedAt} - ${shift} - interval '18 hours 20 minutes'`, completedAt: sql`${emergencyDispatch.completedAt} - ${shift} - interval '12 hours'`, updatedAt: sql`${emergencyDispatch.updatedAt} - ${shift}`,
    })
    .where(eq(emergencyDispatch.eventId, eventId));
}
