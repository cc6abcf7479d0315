/**
 * Around the closed loop: photos, notifications, the summons board, the daily bulletin, the
 * anonymous portal (honeypot, rate limit, tracking), and outbox delivery with retry over HTTP.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Bulletin, PublicTicket, Ticket } from '@gridgov/contracts';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { deliverOutbox } from '../../platform/outbox/outbox.js';
import { smsChannel, wechatChannel } from '../../platform/outbox/channels.js';
import { outbox } from '../../platform/outbox/tables.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(name: string, body: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gridgovtest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('around the tickets', () => {
  let env: TestEnv;
  let resident: Client;
  let gw1: Client;
  let op: Client;
  let handler: Client;
  let lon: number;
  let lat: number;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${env.seed.city.regions.find((r) => r.level === 'county')!.code}:${name}`)!;

  async function upload(client: Client | null, url: string, name: string, body: Buffer) {
    const { payload, headers } = multipart(name, body);
    const res = await env.rt.app.inject({ method: 'POST', url, payload, headers: { ...headers, ...(client?.sessionCookie ? { cookie: client.sessionCookie } : {}) } });
    return { status: res.statusCode, body: JSON.parse(res.body) as { id: string; contentType: string; error?: { code: string } } };
  }

  before(async () => {
    env = await startTestEnv();
    [lon, lat] = gridCentroid(env.seed.city.grids[0]!);
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
    op = await env.login('community_op');
    handler = await env.login('handler');
  });
  after(() => env.close());

  it('a photo is taken only as an image, and is readable by the staff of its ticket', async () => {
    const bad = await upload(resident, '/api/attachments', 'virus.png', Buffer.from('MZ this is not an image'));
    assert.equal(bad.status, 400);
    const photo = await upload(resident, '/api/attachments', '现场.png', PNG);
    assert.equal(photo.status, 201);
    assert.equal(photo.body.contentType, 'image/png');
    const t = (await resident.post<{ ticket: Ticket }>('/api/tickets', { description: '井盖缺失很危险', lon, lat, categoryId: env.seed.tickets.categoryIds.get('city.manhole'), photoIds: [photo.body.id] })).body.ticket;
    assert.deepEqual(t.photos.map((p) => p.id), [photo.body.id]);
    const seen = await env.rt.app.inject({ method: 'GET', url: `/api/attachments/${photo.body.id}`, headers: { cookie: gw1.sessionCookie! } });
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.headers['content-type'], 'image/png');
    assert.equal((await handler.get(`/api/attachments/${photo.body.id}`)).status, 404);
  });

  it('dispatch notifies the department; the summons board shows who checked in and who is late', async () => {
    let t = (await resident.post<{ ticket: Ticket }>('/api/tickets', { description: '河道有人偷排污水', lon, lat, categoryId: env.seed.tickets.categoryIds.get('env.water') })).body.ticket;
    t = (await gw1.post<Ticket>(`/api/tickets/${t.id}/escalate`, { version: t.version })).body;
    const fresh = (await op.get<Ticket>(`/api/tickets/${t.id}`)).body;
    t = (await op.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: fresh.version })).body;
    t = (await op.post<Ticket>(`/api/tickets/${t.id}/dispatch`, { version: t.version, departmentIds: [department('城管局')] })).body;
    const notes = await handler.get<{ items: { ticketId: string; subjectType: string; subjectId: string; kind: string; title: string }[]; unread: number }>('/api/notifications?unread=true');
    const dispatched = notes.body.items.find((n) => n.ticketId === t.id && n.kind === 'ticket.dispatched');
    assert.ok(dispatched, 'the department is told');
    assert.deepEqual([dispatched.subjectType, dispatched.subjectId, dispatched.title], ['ticket', t.id, `新交办工单 ${t.number}`]);
    const english = await handler.request<{ items: { ticketId: string; title: string }[] }>('GET', '/api/notifications', undefined, 'en');
    assert.equal(english.body.items.find((n) => n.ticketId === t.id)?.title, `Ticket ${t.number} dispatched to your department`, 'rendered in the reader\'s language');
    await handler.post('/api/notifications/read-all');
    assert.equal((await handler.get<{ unread: number }>('/api/notifications')).body.unread, 0);

    const township = await env.login('township_op');
    t = (await township.get<Ticket>(`/api/tickets/${t.id}`)).body;
    assert.equal(t.status, 'dispatched');
    const summoned = await township.post<Ticket>(`/api/tickets/${t.id}/summon`, { version: t.version, departmentIds: [department('城管局'), department('生态环境局')], checkInMinutes: 20 });
    assert.equal(summoned.status, 200, JSON.stringify(summoned.body));
    const mine = (await handler.get<Ticket>(`/api/tickets/${t.id}`)).body;
    await handler.post(`/api/tickets/${t.id}/check_in`, { version: mine.version, note: '已到场' });
    env.clock.advance(21 * 60_000);
    const board = await township.get<{ items: { ticketId: string; departments: { departmentName: string; checkedInAt: string | null; late: boolean }[] }[] }>('/api/summonses');
    const entry = board.body.items.find((s) => s.ticketId === t.id)!;
    assert.deepEqual(entry.departments.map((d) => [d.departmentName.slice(-3), Boolean(d.checkedInAt), d.late]).sort(), [['城管局', true, false], ['环境局', false, true]]);
  });

  it('the daily bulletin counts the day of a region and exports as .xlsx', async () => {
    const day = new Date(env.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const community = env.seed.city.grids[0]!.regionCode;
    const b = await op.get<Bulletin>(`/api/bulletins?region=${community}&day=${day}`);
    assert.equal(b.status, 200, JSON.stringify(b.body));
    assert.equal(b.body.data.newTickets, 2);
    assert.ok(b.body.data.topCategories.length >= 1);
    const otherCounty = env.seed.city.regions.filter((r) => r.level === 'county')[1]!.code;
    assert.equal((await op.get(`/api/bulletins?region=${otherCounty}&day=${day}`)).status, 404);
    const file = await env.rt.app.inject({ method: 'GET', url: `/api/bulletins/export?region=${community}&day=${day}`, headers: { cookie: op.sessionCookie! } });
    assert.equal(file.statusCode, 200);
    assert.equal(file.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
  });

  it('the public portal: a report without an account is tracked by its token; a honeypot and a flood are refused', async () => {
    const anonymous = env.client();
    const bot = await anonymous.post<{ error: { code: string } }>('/api/public/tickets', { description: '路灯不亮很多天了', lon, lat, website: 'http://spam' });
    assert.equal(bot.status, 400);
    const res = await anonymous.post<PublicTicket>('/api/public/tickets', { description: '路灯不亮很多天了', lon, lat, locatedBy: 'map', categoryId: env.seed.tickets.categoryIds.get('city.streetlight'), reporterPhone: '13912345678' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const tracked = await anonymous.get<PublicTicket>(`/api/public/tickets/${res.body.trackingToken}`);
    assert.deepEqual([tracked.body.number, tracked.body.publicStatus, tracked.body.timeline.map((e) => e.action)], [res.body.number, 'submitted', ['report']]);
    assert.equal((await anonymous.get('/api/public/tickets/not-a-real-token-at-all')).status, 404);
    let limited = 0;
    for (let i = 0; i < 6; i++) if ((await anonymous.post('/api/public/tickets', { description: `第${i}次反映路灯不亮`, lon, lat, locatedBy: 'map', categoryId: env.seed.tickets.categoryIds.get('city.streetlight') })).status === 429) limited++;
    assert.ok(limited >= 1);
  });

  it('the outbox delivers SMS and webhooks over HTTP after commit, retrying a failing endpoint', async () => {
    const received: { channel: string; to: string }[] = [];
    let failFirst = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body) as { channel: string; to: string });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const channels = new Map([smsChannel(env.rt.vault, url), wechatChannel(url)].map((c) => [c.name, c]));
    const db = env.rt.database.db;
    const deliver = () => deliverOutbox(db, env.clock, channels);
    try {
      await deliver();
      const failed = await db.select().from(outbox).where(eq(outbox.status, 'pending'));
      assert.ok(failed.some((m) => m.attempts === 1 && m.lastError === 'HTTP 503'));
      env.clock.advance(2 * 60_000);
      for (let i = 0; i < 5; i++) await deliver();
      const pending = await db.select().from(outbox).where(eq(outbox.status, 'pending'));
      assert.equal(pending.length, 0);
      assert.ok(received.some((m) => m.channel === 'sms' && m.to === '13912345678'), 'the SMS goes to the decrypted phone');
      assert.ok(received.some((m) => m.channel === 'wechat'));
    } finally {
      server.close();
    }
  });
});
