/**
 * Issue 19's ticket rules over HTTP on a real database: why an action is unavailable (joint
 * handling waits for the assisting departments; dispatch from the grid level; no closing of
 * one's own report one handled), rework (退回重办) with its audit and notices, the public
 * timeline (public steps, texts for the public only, 已受理 only after acceptance), anonymous
 * tracking by receipt number plus phone with its limit, anonymous rating and reopening, and the
 * deployment's time zone for ticket numbers, bulletin days and the database's metric days.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { PublicTicket, Ticket, TicketEvent } from '@gridgov/contracts';
import { gridCentroid as centroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { storeTimeZone, useTimeZone } from '../../platform/time-zone.js';
import { computeBulletin } from './bulletin.js';
import { TRACK_LIMITS } from './public-tracking.js';

type ErrorBody = { error: { code: string; message: string } };

describe('ticket flows of the first hour', () => {
  let env: TestEnv;
  let resident: Client;
  let gw1: Client;
  let communityOp: Client;
  let handler: Client;
  let handler2: Client;
  let lon: number;
  let lat: number;
  const category = (code: string) => env.seed.tickets.categoryIds.get(code)!;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${env.seed.city.regions.find((r) => r.level === 'county')!.code}:${name}`)!;
  const community = () => env.seed.city.grids[0]!.regionCode;

  async function report(client: Client, description: string, extra: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await client.post<{ ticket: Ticket }>('/api/tickets', { description, lon, lat, categoryId: category('city.manhole'), ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.ticket;
  }
  const act = (client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
    client.post<Ticket & ErrorBody>(`/api/tickets/${t.id}/${action}`, { version: t.version, ...body });
  async function step(client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await act(client, t, action, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const read = async (client: Client, id: string) => (await client.get<Ticket>(`/api/tickets/${id}`)).body;
  /** An anonymous request from a given address. */
  async function publicPost<T>(url: string, payload: unknown, remoteAddress = '203.0.113.7'): Promise<{ status: number; body: T }> {
    const res = await env.rt.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress, headers: { 'accept-language': 'zh-CN' } });
    return { status: res.statusCode, body: JSON.parse(res.body) as T };
  }
  async function signIn(): Promise<void> {
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
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

  it("joint handling: the lead's report-back says which assisting departments it waits for, as a reason and as the error", async () => {
    let t = await report(resident, '井盖被盗，路面出现大坑需要处理');
    t = await step(gw1, t, 'escalate', { note: '需要部门处置' });
    t = await step(communityOp, await read(communityOp, t.id), 'accept');
    t = await step(communityOp, t, 'dispatch', { departmentIds: [department('城管局'), department('生态环境局')] });
    t = await step(handler, await read(handler, t.id), 'sign');
    t = await step(handler2, t, 'sign');
    const lead = await read(handler, t.id);
    assert.ok(!lead.actions.includes('report_back'));
    const waiting = lead.unavailable.find((u) => u.action === 'report_back');
    assert.equal(waiting?.code, 'TICKET_ASSISTS_PENDING');
    assert.match(waiting!.message, /^等待协办部门反馈：.*生态环境局/);
    const refused = await act(handler, lead, 'report_back', { note: '已修复' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'TICKET_ASSISTS_PENDING');
    assert.match(refused.body.error.message, /生态环境局/, 'the error names whom it waits for');
    t = await step(handler2, lead, 'report_back', { note: '周边环境已清理' });
    const ready = await read(handler, t.id);
    assert.ok(ready.actions.includes('report_back'));
    assert.deepEqual(ready.unavailable, []);
    t = await step(handler, ready, 'report_back', { note: '井盖已更换' });
    // Sent back for rework, the lead takes it up again; what the assisting department reported stands.
    t = await step(communityOp, await read(communityOp, t.id), 'rework', { note: '路面修补不平整' });
    assert.deepEqual(t.assignments.map((a) => [a.lead, a.status]), [[true, 'handling'], [false, 'reported']]);
    assert.ok((await read(handler, t.id)).actions.includes('report_back'));
  });

  it('a grid worker cannot close what he reported and handled himself, and sees why; dispatch from the grid level says why not', async () => {
    let t = await report(gw1, '巡查发现路边井盖破损一处');
    t = await step(gw1, t, 'accept');
    assert.deepEqual(t.unavailable.map((u) => [u.action, u.code]), [['dispatch', 'TICKET_DISPATCH_GRID_LEVEL']]);
    t = await step(gw1, t, 'report_back', { note: '已设置围挡并更换' });
    assert.ok(!t.actions.includes('close'));
    assert.deepEqual(t.unavailable.map((u) => u.code), ['TICKET_SELF_CLOSE']);
    const refused = await act(gw1, t, 'close');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'TICKET_SELF_CLOSE');
    assert.match(refused.body.error.message, /须由他人办结/);
    const english = await env.client('en');
    assert.equal(english, english); // a client per language; the message follows the request's language:
    const en = await env.rt.app.inject({ method: 'POST', url: `/api/tickets/${t.id}/close`, payload: { version: t.version }, headers: { 'accept-language': 'en', cookie: gw1.sessionCookie! } });
    assert.match((JSON.parse(en.body) as ErrorBody).error.message, /someone else must close it/);
    // Someone else (the community's operator) closes it.
    t = await step(communityOp, await read(communityOp, t.id), 'close');
    assert.equal(t.status, 'closed');
  });

  it('the operator sends a reported-back ticket back for rework: audited, the department told, handled again', async () => {
    let t = await report(resident, '小区井盖松动，走上去有响声');
    t = await step(gw1, t, 'escalate');
    t = await step(communityOp, await read(communityOp, t.id), 'accept');
    t = await step(communityOp, t, 'dispatch', { departmentIds: [department('城管局')] });
    t = await step(handler, await read(handler, t.id), 'sign');
    t = await step(handler, t, 'report_back', { note: '已加固' });
    t = await read(communityOp, t.id);
    assert.ok(t.actions.includes('rework'));
    assert.equal((await act(communityOp, t, 'rework')).status, 400, 'rework needs a note');
    assert.equal((await act(handler, await read(handler, t.id), 'rework', { note: '自己退回' })).body.error.code, 'FORBIDDEN');
    t = await step(communityOp, t, 'rework', { note: '现场仍有响声，请重新处置' });
    assert.equal(t.status, 'handling');
    assert.deepEqual(t.assignments.map((a) => a.status), ['handling']);
    const db = env.rt.database.db;
    const audit = await rows<{ details: { from: string; to: string } }>(db, sql`select details from audit_log where action = 'ticket.rework' and object_id = ${t.id}`);
    assert.deepEqual(audit.map((a) => [a.details.from, a.details.to]), [['reported_back', 'handling']]);
    const told = await rows<{ kind: string; params: { note: string } }>(db, sql`select kind, params from notification where subject_id = ${t.id} and kind = 'ticket.rework'`);
    assert.ok(told.length >= 1 && told.every((n) => n.params.note === '现场仍有响声，请重新处置'));
    const mine = await handler.get<{ items: { kind?: string; text?: string; message?: string }[] }>('/api/notifications');
    assert.match(JSON.stringify(mine.body), /退回重办/, "the department's handler is told");
    const timeline = await communityOp.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.equal(timeline.body.items.at(-1)!.action, 'rework');
    const publicSide = await resident.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
    assert.ok(!publicSide.body.items.some((e) => e.action === 'rework'), 'rework is internal');
    t = await step(handler, await read(handler, t.id), 'report_back', { note: '已更换新井盖' });
    t = await step(communityOp, await read(communityOp, t.id), 'close');
    assert.equal(t.status, 'closed');
  });

  it('the public timeline: only public steps, only texts written for the public; 已受理 only after acceptance', async () => {
    let t = await report(resident, '楼道井盖缺失，老人经过危险');
    assert.equal(t.publicStatus, 'submitted');
    let mine = await read(resident, t.id);
    assert.equal(mine.publicStatus, 'submitted');
    t = await step(gw1, t, 'accept', { note: '内部：联系物业王经理' });
    t = await step(gw1, t, 'comment', { note: '内部：物业推诿' });
    t = await step(gw1, t, 'report_back', { note: '内部：物业拖延，已由网格员代为处置', publicNote: '井盖已补齐，感谢您的反映' });
    mine = await read(resident, t.id);
    assert.equal(mine.publicStatus, 'in_progress');
    const seen = (await resident.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`)).body.items;
    assert.deepEqual(seen.map((e) => [e.action, e.note]), [['report', null], ['accept', null], ['report_back', '井盖已补齐，感谢您的反映']]);
    assert.ok(!JSON.stringify(seen).includes('内部'), 'no internal note reaches the reporter');
    const staff = (await gw1.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`)).body.items;
    assert.equal(staff.find((e) => e.action === 'report_back')!.note, '内部：物业拖延，已由网格员代为处置');
  });

  it('an anonymous reporter tracks by receipt number plus phone, is told 已受理 only after acceptance, then rates and reopens', async () => {
    const phone = '13912345678';
    const filed = await publicPost<PublicTicket>('/api/public/tickets', { description: '路灯不亮很多天了，晚上很黑', lon, lat, locatedBy: 'map', categoryId: category('city.streetlight'), reporterPhone: phone });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const access = { number: filed.body.number, phone };
    let seen = await publicPost<PublicTicket>('/api/public/tickets/lookup', { access });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.deepEqual([seen.body.publicStatus, seen.body.timeline.map((e) => e.action), seen.body.actions], ['submitted', ['report'], []]);
    assert.equal(seen.body.trackingToken, null, 'a lookup by receipt does not hand out the token');
    const [row] = await rows<{ id: string }>(env.rt.database.db, sql`select id from ticket where number = ${filed.body.number}`);
    let t = await read(gw1, row!.id);
    t = await step(gw1, t, 'accept', { note: '内部：已电话联系' });
    seen = await publicPost<PublicTicket>('/api/public/tickets/lookup', { access });
    assert.deepEqual([seen.body.publicStatus, seen.body.timeline.map((e) => [e.action, e.note])], ['received', [['report', null], ['accept', null]]]);
    t = await step(gw1, t, 'report_back', { note: '更换灯泡', publicNote: '路灯已修复' });
    t = await step(communityOp, await read(communityOp, t.id), 'close', { publicNote: '已办结' });
    seen = await publicPost<PublicTicket>('/api/public/tickets/lookup', { access });
    assert.deepEqual([seen.body.publicStatus, seen.body.actions], ['resolved', ['rate', 'reopen']]);
    const rated = await publicPost<PublicTicket & ErrorBody>('/api/public/tickets/rate', { access, rating: 4, note: '修得挺快' });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));
    assert.deepEqual([rated.body.rating, rated.body.actions], [4, ['reopen']]);
    assert.equal(rated.body.timeline.at(-1)!.note, '修得挺快', "the reporter's own words are public");
    const again = await publicPost<ErrorBody>('/api/public/tickets/rate', { access, rating: 1 });
    assert.equal(again.body.error.code, 'TICKET_ALREADY_RATED');
    const [audit] = await rows<{ actor_id: string | null; details: { rating: number } }>(env.rt.database.db, sql`select actor_id, details from audit_log where action = 'ticket.rate' and object_id = ${t.id}`);
    assert.deepEqual([audit!.actor_id, audit!.details.rating], [null, 4]);
    const reopened = await publicPost<PublicTicket>('/api/public/tickets/reopen', { access, note: '又不亮了' });
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    assert.equal(reopened.body.publicStatus, 'received');
    assert.equal((await read(gw1, t.id)).status, 'accepted');
    const wrongPhoneRate = await publicPost<ErrorBody>('/api/public/tickets/rate', { access: { ...access, phone: '13900000000' }, rating: 5 });
    assert.equal(wrongPhoneRate.status, 404);
  });

  it('a wrong phone answers like an unknown receipt; failed lookups are limited per receipt across addresses and per address across routes', async () => {
    const phone = '13712345678';
    const filed = await publicPost<PublicTicket>('/api/public/tickets', { description: '垃圾桶满了没人清运', lon, lat, locatedBy: 'map', categoryId: category('city.streetlight'), reporterPhone: phone }, '198.51.100.1');
    assert.equal(filed.status, 201);
    const number = filed.body.number;
    const wrongPhone = await publicPost<ErrorBody>('/api/public/tickets/lookup', { access: { number, phone: '13700000000' } }, '198.51.100.2');
    assert.ok(wrongPhone.body.error, JSON.stringify(wrongPhone));
    const unknown = await publicPost<ErrorBody>('/api/public/tickets/lookup', { access: { number: '19990101-999999', phone } }, '198.51.100.2');
    assert.deepEqual([wrongPhone.status, wrongPhone.body.error.code], [404, 'NOT_FOUND']);
    assert.deepEqual([unknown.status, unknown.body.error.code, unknown.body.error.message], [404, wrongPhone.body.error.code, wrongPhone.body.error.message]);
    // More wrong phones for this receipt, each from another address: the receipt is then closed to everyone, the right phone too.
    for (let i = 2; i <= TRACK_LIMITS.perNumber; i++) await publicPost('/api/public/tickets/lookup', { access: { number, phone: `1370000000${i}` } }, `198.51.100.${i}`);
    const limited = await publicPost<ErrorBody>('/api/public/tickets/lookup', { access: { number, phone } }, '198.51.100.99');
    assert.deepEqual([limited.status, limited.body.error.code], [429, 'TICKET_TRACK_LIMITED']);
    assert.equal((await publicPost<ErrorBody>('/api/public/tickets/rate', { access: { number, phone }, rating: 5 }, '198.51.100.98')).status, 429, 'every route shares the limit');
    // An unknown receipt tried as often is refused the same way: the limit does not tell which receipts exist.
    for (let i = 0; i < TRACK_LIMITS.perNumber; i++) await publicPost('/api/public/tickets/lookup', { access: { number: '19990101-000001', phone } }, `192.0.2.${i + 1}`);
    assert.equal((await publicPost('/api/public/tickets/lookup', { access: { number: '19990101-000001', phone } }, '192.0.2.50')).status, 429);
    // One address guessing many receipts (and tokens) is stopped too.
    const guesser = '203.0.113.66';
    for (let i = 0; i < TRACK_LIMITS.perAddress; i++) {
      const access = { number: `20260101-${String(i).padStart(6, '0')}`, phone };
      const res = await (i % 2 ? publicPost('/api/public/tickets/lookup', { access }, guesser) : publicPost('/api/public/tickets/rate', { access, rating: 5 }, guesser));
      assert.equal(res.status, 404);
    }
    const viaToken = await env.rt.app.inject({ method: 'GET', url: '/api/public/tickets/not-a-real-token-at-all', remoteAddress: guesser });
    assert.equal(viaToken.statusCode, 429);
    const failures = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where action = 'ticket.track' and outcome <> 'success'`);
    assert.ok(failures[0]!.n >= TRACK_LIMITS.perAddress, 'each failed proof is audited');
    // The window passes: the right phone works again.
    env.clock.advanceMinutes(TRACK_LIMITS.windowMinutes + 1);
    const later = await publicPost<PublicTicket>('/api/public/tickets/lookup', { access: { number, phone } }, '198.51.100.99');
    assert.equal(later.status, 200);
    await signIn();
  });

  it("numbers and bulletin days follow the deployment's time zone: 07:07 in Beijing on the 3rd is the 3rd", async () => {
    // 2026-12-03 07:07 Beijing = 2026-12-02 23:07 UTC.
    const target = new Date('2026-12-02T23:07:00Z').getTime();
    env.clock.advance(target - env.clock.now().getTime());
    await signIn();
    const t = await report(resident, '凌晨发现井盖被移走，路口危险');
    assert.match(t.number, /^20261203-\d{6}$/);
    const db = env.rt.database.db;
    const onThe3rd = await computeBulletin(db, community(), '2026-12-03');
    const onThe2nd = await computeBulletin(db, community(), '2026-12-02');
    assert.equal(onThe3rd.newTickets, 1, 'the report counts on the 3rd');
    assert.equal(onThe2nd.newTickets, 0);
    const bulletin = await communityOp.get<{ day: string; data: { newTickets: number } }>(`/api/bulletins?region=${community()}&day=2026-12-03`);
    assert.deepEqual([bulletin.body.day, bulletin.body.data.newTickets], ['2026-12-03', 1]);
    const [day] = await rows<{ d: string }>(db, sql`select metric_day(${new Date(target).toISOString()}::timestamptz)::text as d`);
    assert.equal(day!.d, '2026-12-03', "the database's metric day too");
    try {
      useTimeZone('America/New_York');
      await storeTimeZone(db);
      const [ny] = await rows<{ d: string }>(db, sql`select metric_day(${new Date(target).toISOString()}::timestamptz)::text as d`);
      assert.equal(ny!.d, '2026-12-02');
      assert.match((await report(resident, '纽约时区下的测试井盖上报')).number, /^20261202-/);
    } finally {
      useTimeZone('Asia/Shanghai');
      await storeTimeZone(db);
    }
    const config = await env.client().get<{ timeZone: string }>('/api/config/time');
    assert.equal(config.body.timeZone, 'Asia/Shanghai');
  });
});
