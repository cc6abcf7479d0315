/**
 * Who may do and see what around tickets, decided from permissions plus scope: duplicate hints
 * outside one's scope, who names the source and marks emergencies, where staff may file, whose
 * uploads a report may carry, the live feed (what each viewer receives, and streams that end with
 * their session), and permissions that are the truth (taking one away takes the power away).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_PERMISSIONS, type IntakeCheck, type Ticket } from '@gridgov/contracts';
import { gridCentroid, startTestEnv, type Client, type LiveStream, type TestEnv } from '../../../test/harness.js';
import { sessionCache } from '../../platform/auth/sessions.js';
import { liveStreams } from '../../platform/live/routes.js';

type Answer<T> = T & { error?: { code: string; details?: unknown } };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('ticket access', () => {
  let env: TestEnv;
  let resident: Client;
  let gw1: Client;
  let communityOp: Client;
  let countyOp: Client;
  let handler: Client;
  let own: [number, number];
  let sibling: [number, number];
  const category = (code: string) => env.seed.tickets.categoryIds.get(code)!;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${env.seed.city.regions.find((r) => r.level === 'county')!.code}:${name}`)!;

  const stream = (client: Client) => env.liveStream(client);

  /** Signs everyone in again (after the clock jumps past the session lifetime). */
  async function signIn(): Promise<void> {
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
    communityOp = await env.login('community_op');
    countyOp = await env.login('county_op');
    handler = await env.login('handler');
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  async function report(client: Client, at: [number, number], description: string, extra: Record<string, unknown> = {}) {
    return client.post<Answer<{ ticket: Ticket; duplicates: IntakeCheck['duplicates'] }>>('/api/tickets', {
      description, lon: at[0], lat: at[1], categoryId: category('city.road'), ...extra,
    });
  }

  before(async () => {
    liveStreams.recheckMs = 200;
    env = await startTestEnv();
    const grids = env.seed.city.grids;
    own = gridCentroid(grids[0]!);
    // Another grid of the same community: inside the community operator's scope, outside gw1's.
    sibling = gridCentroid(grids.find((g) => g.regionCode === grids[0]!.regionCode && g.code !== grids[0]!.code)!);
    await signIn();
  });
  after(async () => {
    liveStreams.recheckMs = 15_000;
    await env.close();
  });

  it('duplicate hints outside the caller\'s scope are named by number only, never shown', async () => {
    const secret = '小区东门井盖破损严重，业主王先生';
    const filed = await report(communityOp, sibling, secret);
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const number = filed.body.ticket.number;
    const probe = { description: '小区东门井盖破损严重', lon: sibling[0], lat: sibling[1] };

    for (const [who, client] of [['gw1 (another grid)', gw1], ['resident', resident]] as const) {
      const check = await client.post<IntakeCheck>('/api/tickets/check', probe);
      assert.equal(check.status, 200);
      const hint = check.body.duplicates.find((d) => d.number === number);
      assert.ok(hint, `${who} learns that a similar report exists`);
      assert.deepEqual([hint.id, hint.description, hint.distanceM, hint.visible], [null, '', null, false], `${who} sees nothing of it`);
      assert.ok(!JSON.stringify(check.body).includes('王先生') && !JSON.stringify(check.body).includes(filed.body.ticket.id), `${who}: no text, no id`);
    }
    const staff = await communityOp.post<IntakeCheck>('/api/tickets/check', probe);
    const full = staff.body.duplicates.find((d) => d.number === number);
    assert.deepEqual([full?.id, full?.description, full?.visible], [filed.body.ticket.id, secret, true], 'in scope: shown in full');

    // The intake answer follows the same rule.
    const again = await report(resident, sibling, '小区东门井盖破损严重，请尽快处理');
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const answered = again.body.duplicates.find((d) => d.number === number);
    assert.deepEqual([answered?.id, answered?.description], [null, '']);
    assert.ok(!JSON.stringify(again.body).includes('王先生'));
  });

  it('only a command centre names the source; residents do not mark emergencies; staff file inside their own scope', async () => {
    const hotline = await report(resident, own, '路面有一个大坑需要修补', { source: 'hotline' });
    assert.equal(hotline.status, 400);
    assert.match(JSON.stringify(hotline.body), /"field":"source"/);
    const emergency = await report(resident, own, '路面有一个大坑需要修补', { emergency: true });
    assert.equal(emergency.status, 400);
    assert.match(JSON.stringify(emergency.body), /"field":"emergency"/);
    const asWorker = await report(resident, own, '路面有一个大坑需要修补');
    assert.deepEqual([asWorker.status, asWorker.body.ticket.source, asWorker.body.ticket.level], [201, 'resident', 'grid']);

    assert.equal((await report(gw1, sibling, '隔壁网格路面塌陷')).body.error?.code, 'TICKET_OUTSIDE_AREA', 'a grid worker files in their own grid');
    const inGrid = await report(gw1, own, '本网格路面塌陷需要修补', { emergency: true });
    assert.deepEqual([inGrid.status, inGrid.body.ticket.source, inGrid.body.ticket.emergency], [201, 'grid_worker', true]);

    const recorded = await report(communityOp, sibling, '热线来电：路灯不亮', { source: 'hotline' });
    assert.deepEqual([recorded.status, recorded.body.ticket.source], [201, 'hotline']);
    assert.equal((await report(communityOp, sibling, '路灯不亮已经三天了', { source: 'grid_worker' })).status, 400, 'not a source a command centre records');
  });

  it('a report carries only its reporter\'s own unclaimed uploads; a claimed file follows its ticket', async () => {
    const upload = async (client: Client) => {
      const res = await env.rt.app.inject({
        method: 'POST',
        url: '/api/attachments',
        headers: { cookie: client.sessionCookie ?? '', 'content-type': 'multipart/form-data; boundary=b' },
        payload: Buffer.concat([Buffer.from('--b\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\n\r\n'), PNG, Buffer.from('\r\n--b--\r\n')]),
      });
      assert.equal(res.statusCode, 201, res.body);
      return (JSON.parse(res.body) as { id: string }).id;
    };
    const gwPhoto = await upload(gw1);
    // Someone who learnt the id cannot take the file into their own report (and so read it).
    const stolen = await report(resident, own, '借用别人的照片看看', { photoIds: [gwPhoto] });
    assert.equal(stolen.status, 400);
    assert.match(JSON.stringify(stolen.body), /photoIds/);
    assert.equal((await resident.get(`/api/attachments/${gwPhoto}`)).status, 404);

    const filed = await report(gw1, own, '井盖破损现场照片已上传', { photoIds: [gwPhoto] });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.equal((await communityOp.get(`/api/attachments/${gwPhoto}`)).status, 200, 'whoever reads the ticket reads its photo');
    assert.equal((await handler.get(`/api/attachments/${gwPhoto}`)).status, 404, 'a department the ticket is not assigned to does not');
    // Claimed once: it cannot be attached to another record, not even by its uploader.
    const twice = await report(gw1, own, '再用同一张照片报一次', { photoIds: [gwPhoto] });
    assert.equal(twice.status, 400);
    const t = filed.body.ticket;
    const foreign = await upload(resident);
    const comment = await gw1.post(`/api/tickets/${t.id}/comment`, { version: t.version, note: '补充照片', attachmentIds: [foreign] });
    assert.equal(comment.status, 400, 'a step carries only the actor\'s own uploads');
  });

  it("a handler, who reads no regions or grids, reads a ticket's region and grid by name", async () => {
    const t = (await report(resident, own, '人行道地砖松动翘起，老人容易绊倒')).body.ticket;
    let current = (await gw1.post<Ticket>(`/api/tickets/${t.id}/escalate`, { version: t.version })).body;
    current = (await communityOp.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: current.version })).body;
    assert.equal((await communityOp.post<Ticket>(`/api/tickets/${t.id}/dispatch`, { version: current.version, departmentIds: [department('城管局')] })).status, 200);
    assert.equal((await handler.get('/api/regions')).status, 403, 'the handler reads no regions');
    const grid = env.seed.city.grids.find((g) => env.seed.gridIds.get(g.code) === t.gridId)!;
    const region = env.seed.city.regions.find((r) => r.code === t.regionCode)!;
    const read = (await handler.get<Ticket>(`/api/tickets/${t.id}`)).body;
    assert.equal(read.regionName, region.name);
    assert.equal(read.gridName, grid.name);
    const listed = (await handler.get<{ items: Ticket[] }>('/api/tickets?view=queue&pageSize=200')).body.items.find((i) => i.id === t.id);
    assert.equal(listed?.regionName, region.name);
    assert.equal(t.regionName, region.name, 'the answer to the report names it too');
  });

  it('the live feed gives each viewer only what it may read over REST', async () => {
    const [handlerFeed, gwFeed, countyFeed] = await Promise.all([stream(handler), stream(gw1), stream(countyOp)]);
    try {
      const filed = await report(resident, own, '路灯杆倾斜存在安全隐患');
      const t = filed.body.ticket;
      await settle();
      const about = (s: LiveStream) => s.events.filter((e) => e.data.id === t.id).map((e) => e.type);
      assert.deepEqual(about(handlerFeed), [], 'a department handler does not see a report nobody gave its department');
      assert.deepEqual(about(gwFeed), ['ticket.created'], 'the grid worker sees their grid');
      assert.deepEqual(about(countyFeed), ['ticket.created'], 'the county sees its county');
      assert.ok([...handlerFeed.events, ...countyFeed.events].every((e) => e.data.scope === undefined), 'who may receive an event is not sent to browsers');

      let current = (await gw1.post<Ticket>(`/api/tickets/${t.id}/escalate`, { version: t.version })).body;
      current = (await communityOp.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: current.version })).body;
      const dispatched = await communityOp.post<Ticket>(`/api/tickets/${t.id}/dispatch`, { version: current.version, departmentIds: [department('城管局')] });
      assert.equal(dispatched.status, 200);
      await settle();
      assert.ok(about(handlerFeed).includes('ticket.changed'), 'once dispatched to its department, the handler sees it');
      assert.ok(!handlerFeed.events.some((e) => e.data.id !== t.id && e.type === 'ticket.created'), 'and nothing else created in the county');
    } finally {
      for (const s of [handlerFeed, gwFeed, countyFeed]) s.close();
    }
  });

  it('a stream ends with its session: sign-out, a disabled account, expiry', async () => {
    const signedOut = await env.login('handler2');
    const feed = await stream(signedOut);
    await signedOut.post('/api/auth/logout');
    await Promise.race([feed.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('the stream outlived sign-out')), 2_000))]);

    const disabled = await env.login('gw2');
    const feed2 = await stream(disabled);
    const admin = await env.login('secadmin');
    const gw2Id = env.seed.userIds.get('gw2')!;
    assert.equal((await admin.patch(`/api/users/${gw2Id}`, { disabled: true })).status, 200);
    await Promise.race([feed2.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('the stream outlived the account')), 2_000))]);
    await admin.patch(`/api/users/${gw2Id}`, { disabled: false });

    const expiring = await env.login('county_op');
    const feed3 = await stream(expiring);
    env.clock.advance(31 * 60_000); // past the idle limit
    await Promise.race([feed3.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('the stream outlived its session')), 3_000))]);
    await signIn();
  });

  it('permissions are the truth: taking `ticket:dispatch` from operators takes dispatching away', async () => {
    const filed = await report(resident, own, '垃圾桶满了无人清运');
    let t = (await gw1.post<Ticket>(`/api/tickets/${filed.body.ticket.id}/escalate`, { version: filed.body.ticket.version })).body;
    t = (await communityOp.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: t.version })).body;
    assert.ok(t.actions.includes('dispatch'));
    const granted = ROLE_PERMISSIONS.operator;
    try {
      (ROLE_PERMISSIONS as Record<string, readonly string[]>).operator = granted.filter((p) => p !== 'ticket:dispatch');
      sessionCache.revoked({ userId: env.seed.userIds.get('community_op') });
      const op = await env.login('community_op');
      const seen = (await op.get<Ticket>(`/api/tickets/${t.id}`)).body;
      assert.ok(!seen.actions.includes('dispatch') && !seen.actions.includes('close'), 'the console offers no dispatch');
      const res = await op.post<Answer<Ticket>>(`/api/tickets/${t.id}/dispatch`, { version: t.version, departmentIds: [department('城管局')] });
      assert.equal(res.body.error?.code, 'FORBIDDEN');
      assert.ok(seen.actions.includes('supervise'), 'what other permissions give stays');
    } finally {
      (ROLE_PERMISSIONS as Record<string, readonly string[]>).operator = granted;
      sessionCache.revoked({ userId: env.seed.userIds.get('community_op') });
    }
    // A handler holds `ticket:handle`, not `ticket:read`: the county's tickets are not theirs to list.
    const listed = await handler.get<{ items: Ticket[]; total: number }>('/api/tickets?pageSize=200');
    assert.equal(listed.status, 200);
    assert.ok(listed.body.items.every((i) => i.assignments.some((a) => a.departmentId === department('城管局'))), 'only its department\'s work');
  });
});
