/**
 * The closed loop over HTTP on a real database: every transition, the forbidden ones with their
 * error codes, joint handling, return, transfer, extension, supervision, summons, reopen, merge,
 * escalation on timeout with a controllable clock, and who sees what.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Ticket, TicketEvent } from '@gridgov/contracts';
import { gridCentroid as centroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { generateLabelledTickets, seededRandom } from './classifier/training-texts.js';
import { categorySuggester } from './category-suggester.js';

type ErrorBody = { error: { code: string } };

describe('tickets', () => {
  let env: TestEnv;
  let resident: Client;
  let gw1: Client;
  let gw2: Client;
  let communityOp: Client;
  let handler: Client;
  let handler2: Client;
  let lon: number;
  let lat: number;
  const category = (code: string) => env.seed.tickets.categoryIds.get(code)!;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${env.seed.city.regions.find((r) => r.level === 'county')!.code}:${name}`)!;

  async function report(client: Client, description: string, extra: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await client.post<{ ticket: Ticket }>('/api/tickets', { description, lon, lat, categoryId: category('city.manhole'), ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.ticket;
  }

  async function act(client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
    return client.post<Ticket & ErrorBody>(`/api/tickets/${t.id}/${action}`, { version: t.version, ...body });
  }

  async function step(client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await act(client, t, action, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Signs everyone in again (after the clock jumps past the session lifetime). */
  async function signIn(): Promise<void> {
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
    gw2 = await env.login('gw2');
    communityOp = await env.login('community_op');
    handler = await env.login('handler');
    handler2 = await env.login('handler2');
  }

  before(async () => {
    env = await startTestEnv();
    [lon, lat] = centroid(env.seed.city.grids[0]!);
    await signIn();
  });
  after(() => env.close());

  it('a resident reports; the grid is found from the point; the grid worker handles it in the grid; the resident rates it', async () => {
    let t = await report(resident, '小区门口井盖缺失，晚上很危险', { reporterPhone: '13812341234' });
    assert.equal(t.gridId, env.gridId(env.seed.city.grids[0]!.code));
    assert.equal(t.level, 'grid');
    assert.deepEqual([t.status, t.publicStatus], ['reported', 'submitted'], '已受理 only once someone accepts it');
    assert.equal(t.reporterPhoneMasked, '138****1234');
    assert.match(t.number, /^\d{8}-\d{6}$/);
    assert.deepEqual(t.actions, []);
    t = (await gw1.get<Ticket>(`/api/tickets/${t.id}`)).body;
    assert.deepEqual(t.actions.sort(), ['accept', 'comment', 'escalate', 'merge', 'reject']);
    t = await step(gw1, t, 'accept');
    t = await step(gw1, t, 'report_back', { note: '已放置警示标志并更换井盖' });
    assert.equal(t.status, 'reported_back');
    t = await step(gw1, t, 'close');
    assert.deepEqual([t.status, t.publicStatus], ['closed', 'resolved']);
    t = (await resident.get<Ticket>(`/api/tickets/${t.id}`)).body;
    assert.deepEqual(t.actions.sort(), ['rate', 'reopen']);
    t = await step(resident, t, 'rate', { rating: 5, note: '处理很快' });
    assert.equal(t.rating, 5);
    assert.equal((await act(resident, t, 'rate', { rating: 4 })).body.error.code, 'TICKET_ALREADY_RATED');
    const timeline = await resident.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.deepEqual(timeline.body.items.map((e) => e.action), ['report', 'accept', 'report_back', 'close', 'rate']);
    assert.ok(timeline.body.items.every((e) => e.actorName === null), 'the public timeline names no staff');
    const staff = await gw1.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.equal(staff.body.items[2]!.note, '已放置警示标志并更换井盖');
  });

  it('forbidden transitions answer their error codes', async () => {
    const t = await report(resident, '路边井盖松动，车辆经过响声很大');
    assert.equal((await act(resident, t, 'accept')).body.error.code, 'FORBIDDEN');
    assert.equal((await act(gw1, t, 'close')).body.error.code, 'TICKET_TRANSITION_INVALID');
    assert.equal((await act(gw1, t, 'dispatch', { departmentIds: [department('城管局')] })).body.error.code, 'TICKET_TRANSITION_INVALID');
    assert.equal((await act(gw1, { ...t, version: t.version + 5 }, 'accept')).body.error.code, 'TICKET_VERSION_CONFLICT');
    // Each action has its own input schema: a reject without its note is refused by the schema, naming the field.
    const noNote = await act(gw1, t, 'reject');
    assert.equal(noNote.body.error.code, 'VALIDATION_FAILED');
    assert.match(JSON.stringify(noNote.body), /body\.note/);
    assert.equal((await act(handler, t, 'accept')).status, 404, 'not dispatched to the handler: not found');
    assert.equal((await gw2.get(`/api/tickets/${t.id}`)).status, 404, 'another grid: not found');
    const rejected = await step(gw1, t, 'reject', { note: '重复反映' });
    assert.deepEqual([rejected.status, rejected.publicStatus], ['rejected', 'not_accepted']);
  });

  it('escalated to the community, dispatched jointly, the lead reports back after the assist, then closed', async () => {
    let t = await report(resident, '井盖被盗，路面出现大坑');
    t = await step(gw1, t, 'escalate', { note: '需要部门处置' });
    assert.equal(t.level, 'community');
    t = (await communityOp.get<Ticket>(`/api/tickets/${t.id}`)).body;
    t = await step(communityOp, t, 'accept');
    t = await step(communityOp, t, 'dispatch', { departmentIds: [department('城管局'), department('生态环境局')] });
    assert.equal(t.status, 'dispatched');
    assert.deepEqual(t.assignments.map((a) => [a.lead, a.status]), [[true, 'pending'], [false, 'pending']]);
    assert.ok(t.handleDueAt);
    const queue = await handler.get<{ items: Ticket[] }>('/api/tickets?view=queue');
    assert.ok(queue.body.items.some((q) => q.id === t.id));
    t = await step(handler, (await handler.get<Ticket>(`/api/tickets/${t.id}`)).body, 'sign');
    t = await step(handler2, t, 'sign');
    assert.equal(t.status, 'handling');
    assert.equal((await act(handler, t, 'report_back', { note: '已修复' })).body.error.code, 'TICKET_ASSISTS_PENDING');
    t = await step(handler2, t, 'report_back', { note: '周边环境已清理' });
    assert.equal(t.status, 'handling');
    t = await step(handler, t, 'report_back', { note: '井盖已更换' });
    assert.equal(t.status, 'reported_back');
    t = await step(communityOp, t, 'close');
    assert.equal(t.status, 'closed');
  });

  it('a department returns a ticket; the dispatcher transfers it; an extension is asked and approved', async () => {
    let t = await report(resident, '小区内路灯不亮已经一周');
    t = await step(gw1, t, 'escalate');
    t = await step(communityOp, (await communityOp.get<Ticket>(`/api/tickets/${t.id}`)).body, 'accept');
    t = await step(communityOp, t, 'dispatch', { departmentIds: [department('生态环境局')] });
    t = await step(handler2, t, 'return', { note: '不属于本部门职责' });
    assert.equal(t.status, 'accepted');
    t = (await communityOp.get<Ticket>(`/api/tickets/${t.id}`)).body;
    t = await step(communityOp, t, 'dispatch', { departmentIds: [department('生态环境局')] });
    t = await step(communityOp, t, 'transfer', { departmentIds: [department('城管局')], note: '转城管局' });
    assert.deepEqual(t.assignments.map((a) => a.departmentName.endsWith('城管局')), [true]);
    assert.equal((await handler2.get(`/api/tickets/${t.id}`)).status, 200, 'a department keeps seeing what it was once given');
    t = await step(handler, (await handler.get<Ticket>(`/api/tickets/${t.id}`)).body, 'sign');
    const until = new Date(new Date(t.handleDueAt!).getTime() + 3 * 24 * 3600_000).toISOString();
    t = await step(handler, t, 'request_extension', { until, note: '需采购配件' });
    assert.equal((await act(handler, t, 'request_extension', { until })).body.error.code, 'TICKET_EXTENSION_PENDING');
    t = await step(communityOp, (await communityOp.get<Ticket>(`/api/tickets/${t.id}`)).body, 'approve_extension');
    assert.equal(t.handleDueAt, until);
  });

  it('supervision and summons: named departments check in and the summons shows who has', async () => {
    const townshipOp = await env.login('township_op');
    let t = await report(resident, '违章搭建占用消防通道');
    t = await step(gw1, t, 'escalate', { level: 'township' });
    t = await step(townshipOp, (await townshipOp.get<Ticket>(`/api/tickets/${t.id}`)).body, 'accept');
    t = await step(townshipOp, t, 'summon', { departmentIds: [department('城管局'), department('生态环境局')], checkInMinutes: 60, note: '明早现场会商' });
    const seen = await handler.get<Ticket>(`/api/tickets/${t.id}`);
    assert.ok(seen.body.actions.includes('check_in'));
    await step(handler, seen.body, 'check_in', { note: '已派执法队员到场' });
    t = (await townshipOp.get<Ticket>(`/api/tickets/${t.id}`)).body;
    t = await step(townshipOp, t, 'supervise', { note: '群众反映强烈' });
    assert.equal(t.supervised, true);
    const timeline = await townshipOp.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.deepEqual(timeline.body.items.map((e) => e.action).slice(-3), ['summon', 'check_in', 'supervise']);
  });

  it('the reporter reopens within the window, not after', async () => {
    let t = await report(resident, '楼道垃圾堆放无人清理');
    t = await step(gw1, t, 'accept');
    t = await step(gw1, t, 'report_back', { note: '已清运' });
    t = await step(gw1, t, 'close');
    t = await step(resident, t, 'reopen', { note: '又堆满了' });
    assert.equal(t.status, 'accepted');
    t = await step(gw1, t, 'report_back', { note: '再次清运' });
    t = await step(gw1, t, 'close');
    env.clock.advance(8 * 24 * 3600_000);
    await signIn();
    assert.equal((await act(resident, t, 'reopen', { note: '还是有' })).body.error.code, 'TICKET_REOPEN_EXPIRED');
  });

  it('a similar report nearby is shown as a possible duplicate and can be merged', async () => {
    const first = await report(resident, '幸福路口的井盖缺失了很危险');
    const check = await gw1.post<{ duplicates: { id: string }[]; grid: { id: string } }>('/api/tickets/check', { description: '幸福路口井盖缺失，很危险', lon, lat });
    assert.ok(check.body.duplicates.some((d) => d.id === first.id));
    const res = await gw1.post<{ ticket: Ticket; duplicates: { id: string }[] }>('/api/tickets', { description: '幸福路口井盖缺失，很危险', lon, lat, categoryId: category('city.manhole') });
    assert.ok(res.body.duplicates.some((d) => d.id === first.id));
    assert.ok(!res.body.duplicates.some((d) => d.id === res.body.ticket.id), 'a report is never its own duplicate');
    const timeline = await gw1.get<{ items: TicketEvent[] }>(`/api/tickets/${res.body.ticket.id}/timeline`);
    assert.ok((timeline.body.items[0]!.data.possibleDuplicates as string[]).includes(first.number), 'the report event notes them');
    const merged = await step(gw1, res.body.ticket, 'merge', { targetId: first.id });
    assert.deepEqual([merged.status, merged.duplicateOf], ['merged', first.id]);
  });

  it('possible duplicates: not a different matter at the same spot, not the same words 500 m away; a ticket stored without a text signature is still compared', async () => {
    const first = await report(resident, '和平街菜市场门口污水横流，气味很大');
    const check = (body: Record<string, unknown>) => gw1.post<{ duplicates: { id: string; similarity: number }[] }>('/api/tickets/check', { lon, lat, ...body });
    const same = await check({ description: '和平街菜市场门口污水横流，味道很大' });
    assert.ok(same.body.duplicates.some((d) => d.id === first.id && d.similarity >= 0.3));
    assert.ok(!(await check({ description: '小区广场舞噪音扰民晚上十点还在跳' })).body.duplicates.some((d) => d.id === first.id));
    const away = Math.cos((lat * Math.PI) / 180) * 111_195;
    assert.ok(!(await check({ description: '和平街菜市场门口污水横流，味道很大', lon: lon + 500 / away })).body.duplicates.some((d) => d.id === first.id));
    // Each ticket stores its 16-value signature; tickets filed before there were signatures have none, and are always candidates.
    const db = env.rt.database.db;
    assert.deepEqual(await rows(db, sql`select cardinality(text_sig) as n from ticket where id = ${first.id}`), [{ n: 16 }]);
    await db.execute(sql`update ticket set text_sig = null where id = ${first.id}`);
    assert.ok((await check({ description: '和平街菜市场门口污水横流，味道很大' })).body.duplicates.some((d) => d.id === first.id));
  });

  it('escalates by itself when the dispatch limit passes (a durable timer), and marks handling overdue', async () => {
    const t = await report(resident, '井盖破损无人处理');
    assert.equal(t.level, 'grid');
    env.clock.advance(61 * 60_000); // the manhole category is an emergency: dispatch within 1 hour
    while ((await env.rt.jobs.runDue()) > 0);
    await signIn();
    const after = (await communityOp.get<Ticket>(`/api/tickets/${t.id}`)).body;
    assert.equal(after.level, 'community');
    assert.equal(after.overdue, true);
    const timeline = await communityOp.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.deepEqual(timeline.body.items.at(-1)!.data, { from: 'grid', to: 'community', automatic: true });
    const queue = await communityOp.get<{ items: Ticket[] }>('/api/tickets?view=queue');
    assert.ok(queue.body.items.some((q) => q.id === t.id));
  });

  it('a department handler sees only tickets given to its department; a grid worker only their grid', async () => {
    const all = await communityOp.get<{ total: number }>('/api/tickets?pageSize=200');
    const mine = await handler.get<{ items: Ticket[]; total: number }>('/api/tickets?pageSize=200');
    assert.ok(mine.body.total > 0 && mine.body.total < all.body.total, `${mine.body.total} of ${all.body.total}`);
    const own = await gw2.get<{ total: number }>('/api/tickets');
    assert.equal(own.body.total, 0);
    const residentOwn = await resident.get<{ items: Ticket[] }>('/api/tickets?view=mine&pageSize=200');
    assert.ok(residentOwn.body.items.length > 0);
  });

  it('suggests a category from the text, and learns from every closed ticket', async () => {
    categorySuggester(env.rt.kit).train(generateLabelledTickets(seededRandom(7), 2000, 'train'));
    const check = await resident.post<{ suggestions: { code: string }[] }>('/api/tickets/check', { description: '小区门口的井盖不见了，晚上走路很危险', lon, lat });
    assert.equal(check.body.suggestions[0]!.code, 'city.manhole');
    const before = categorySuggester(env.rt.kit).trainedTickets;
    let t = (await resident.post<{ ticket: Ticket }>('/api/tickets', { description: '楼下烧烤店油烟太大，熏得没法开窗', lon, lat })).body.ticket;
    assert.equal(t.categoryId, category('env.smoke'), 'no category given: the suggestion is taken');
    t = await step(gw1, t, 'accept');
    t = await step(gw1, t, 'report_back', { note: '已劝导安装油烟净化器' });
    await step(gw1, t, 'close');
    assert.equal(categorySuggester(env.rt.kit).trainedTickets, before + 1);
  });
});
