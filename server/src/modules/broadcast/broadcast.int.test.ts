import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { BroadcastDetail, BroadcastPreview, BroadcastTemplate } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { drainOutboxBulk, enqueueOutboxBulk, type OutboxChannel } from '../../platform/outbox/outbox.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { enqueueBroadcast, settleBroadcasts } from './send.js';

/**
 * A real HTTP gateway on 127.0.0.1 standing for the SMS provider and the device gateway: it
 * records the ids it took, and answers 503 to the first `failFirst` batch requests (those
 * messages must be retried).
 */
class Gateway {
  readonly taken = new Map<string, { channel: string; to: string; text: string }>();
  duplicates = 0;
  requests = 0;
  refused = 0;
  failFirst = 0;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.requests++;
      if (this.refused < this.failFirst) {
        this.refused++;
        res.writeHead(503).end();
        return;
      }
      const parsed = JSON.parse(body) as { channel: string; batch?: boolean; messages?: { id: string; to?: string; device?: string; text: string }[]; id?: string; to?: string; text?: string };
      const messages = parsed.batch ? parsed.messages! : [parsed as { id: string; to?: string; text: string }];
      for (const m of messages) {
        if (this.taken.has(m.id)) this.duplicates++;
        this.taken.set(m.id, { channel: parsed.channel, to: m.to ?? (m as { device?: string }).device ?? '', text: m.text });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  url = '';
  async start() {
    // Longer than the slowest pause between two batches here (the embedded database is slow): an idle socket closed under a reused connection fails the send.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const RESIDENTS = 100_000;

describe('broadcast', () => {
  let env: TestEnv;
  let gateway: Gateway;
  let drafter: Client;
  let approver: Client;
  let county: Client;
  let community: string;
  let otherCommunity: string;
  let gridId: string;
  let otherGridId: string;
  let templates: BroadcastTemplate[];

  before(async () => {
    gateway = new Gateway();
    await gateway.start();
    env = await startTestEnv({ config: { smsWebhookUrl: gateway.url, deviceGatewayUrl: gateway.url } });
    [drafter, approver, county] = await Promise.all([env.login('community_op'), env.login('township_op'), env.login('county_op')]);
    community = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const grid = env.seed.city.grids.find((g) => g.regionCode === community)!;
    gridId = env.gridId(grid.code);
    const other = env.seed.city.grids.find((g) => g.regionCode !== community && g.regionCode.slice(0, 9) === community.slice(0, 9))!;
    otherCommunity = other.regionCode;
    otherGridId = env.gridId(other.code);
    templates = (await drafter.get<BroadcastTemplate[]>('/api/broadcast-templates')).body;
  });
  after(async () => {
    await env.close();
    await gateway.close();
  });

  const template = (key: string) => templates.find((t) => t.key === key && t.regionCode === null)!;
  const waterCut = (more: Record<string, unknown> = {}) => ({
    title: '停水通知', regionCode: community, templateId: template('water_cut').id, params: { reason: '管网抢修', area: '幸福小区', start: '明日9时', end: '17时' },
    audience: { residents: true, enterprises: true, gridIds: [], tag: null }, channels: ['sms', 'loudspeaker'], ...more,
  });

  /** Residents made in bulk with SQL: distinct phones (encrypted as the registers store them), one in fifty foreign. */
  async function makeResidents(n: number, region: string, grid: string, tag: string) {
    const { db } = env.rt.database;
    for (let from = 0; from < n; from += 25_000) {
      const count = Math.min(25_000, n - from);
      const ciphers = Array.from({ length: count }, (_, i) => env.rt.vault.encrypt('phone', `139${String(from + i).padStart(8, '0')}`).toString('base64'));
      await db.execute(sql`
        insert into resident (id, grid_id, region_code, version, created_at, updated_at, name, name_pinyin, name_initials, id_type, id_cipher, id_hash, id_masked,
                              phone_cipher, phone_hash, phone_masked, kind, nationality, tags)
        select gen_random_uuid(), ${grid}::uuid, ${region}, 1, now(), now(), '居民' || n, 'jumin', 'jm', '111', '\\x00'::bytea, decode(md5(${tag} || n), 'hex'), '11**************1X',
               decode(c.value, 'base64'), decode(md5('p' || n), 'hex'), '139****' || lpad((n % 10000)::text, 4, '0'), 'registered',
               case when n % 50 = 0 then '美国' else '中国' end, array[${tag}]
        from jsonb_array_elements_text(${JSON.stringify(ciphers)}::jsonb) with ordinality as c(value, k)
        cross join lateral (select ${from}::int + c.k::int as n) x`);
    }
  }

  it(`a broadcast to ${RESIDENTS.toLocaleString('en-US')} residents drains through the outbox with retries and no duplicates, counted per channel`, async () => {
    await makeResidents(RESIDENTS, community, gridId, 'bulk_test');
    const speaker = await drafter.post<{ id: string }>('/api/loudspeakers', { name: '幸福路路灯1号', deviceId: 'LS-0001', regionCode: community, gridId, lng: 111.69, lat: 29.03 });
    assert.equal(speaker.status, 201, JSON.stringify(speaker.body));

    const preview = await drafter.post<BroadcastPreview>('/api/broadcasts/preview', waterCut());
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body, { sms: RESIDENTS, wechat: 0, loudspeaker: 1, recipients: RESIDENTS, english: RESIDENTS / 50, withoutPhone: 0 });

    const made = await drafter.post<BroadcastDetail>('/api/broadcasts', waterCut());
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.textZh, '因管网抢修，幸福小区将于明日9时至17时停止供水，请提前储水。给您带来不便，敬请谅解。');
    assert.match(made.body.textEn, /^Because of 管网抢修, the water supply to 幸福小区 stops from 明日9时 to 17时/);
    const id = made.body.id;
    const submitted = await drafter.post<BroadcastDetail>(`/api/broadcasts/${id}/submit`, { version: 1 });
    assert.equal(submitted.body.status, 'submitted');
    assert.equal(submitted.body.preview!.sms, RESIDENTS);
    const approved = await approver.post<BroadcastDetail>(`/api/broadcasts/${id}/approve`, { version: 2 });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'approved');

    // The approval queued the enqueue job: it takes the broadcast to sending and writes every message.
    const started = performance.now();
    assert.ok((await env.rt.jobs.runDue(20)) >= 1);
    let b = (await drafter.get<BroadcastDetail>(`/api/broadcasts/${id}`)).body;
    assert.equal(b.status, 'sending');
    assert.equal(b.queuedAll, true);
    assert.deepEqual(b.counts.find((c) => c.channel === 'sms'), { channel: 'sms', queued: RESIDENTS, retrying: 0, sent: 0, failed: 0, disabled: 0, cancelled: 0, total: RESIDENTS });

    // Queuing again (a job taken over from its start) adds nothing: one message per recipient and channel.
    await env.rt.database.db.execute(sql`update broadcast set enqueue_step = 0, enqueue_cursor = null, queued_all = false where id = ${id}`);
    assert.equal(await enqueueBroadcast(env.rt.kit, id), 0);
    const [stored] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from outbox where subject_type = 'broadcast' and subject_id = ${id}`);
    assert.equal(stored!.n, RESIDENTS + 1);

    // The gateway refuses the first three batches (503): those messages are retried later.
    gateway.failFirst = 3;
    const channels = env.rt.kit.registry.channels;
    // As the server's timer does: on PostgreSQL the claims are row locks held while sending, on the embedded database leases.
    const hold = { hold: env.rt.database.kind === 'postgres' };
    assert.equal(await drainOutboxBulk(env.rt.database.db, env.clock, channels, hold), RESIDENTS + 1);
    b = (await drafter.get<BroadcastDetail>(`/api/broadcasts/${id}`)).body;
    const sms = b.counts.find((c) => c.channel === 'sms')!;
    assert.equal(sms.retrying, 3 * 2_000);
    assert.equal(sms.sent + sms.retrying, RESIDENTS);
    // Nothing is due until the backoff passes; then the retries go through.
    assert.equal(await drainOutboxBulk(env.rt.database.db, env.clock, channels, hold), 0);
    env.clock.advance(61_000);
    assert.equal(await drainOutboxBulk(env.rt.database.db, env.clock, channels, hold), 6_000);
    console.log(`broadcast of ${RESIDENTS} queued and drained in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    assert.equal(gateway.duplicates, 0);
    const bySms = [...gateway.taken.values()].filter((m) => m.channel === 'sms');
    assert.equal(bySms.length, RESIDENTS);
    assert.equal(new Set(bySms.map((m) => m.to)).size, RESIDENTS, 'every resident once');
    assert.equal(bySms.filter((m) => m.text.startsWith('[GridGov] Because of')).length, RESIDENTS / 50, 'the foreign residents in English');
    assert.equal(bySms.filter((m) => m.text.startsWith('【网格治理】因管网抢修')).length, RESIDENTS - RESIDENTS / 50);
    const spoken = [...gateway.taken.values()].filter((m) => m.channel === 'loudspeaker');
    assert.deepEqual(spoken.map((m) => m.to), ['LS-0001']);

    b = (await drafter.get<BroadcastDetail>(`/api/broadcasts/${id}`)).body;
    assert.deepEqual(b.counts, [
      { channel: 'sms', queued: 0, retrying: 0, sent: RESIDENTS, failed: 0, disabled: 0, cancelled: 0, total: RESIDENTS },
      { channel: 'loudspeaker', queued: 0, retrying: 0, sent: 1, failed: 0, disabled: 0, cancelled: 0, total: 1 },
    ]);
    // The tallies agree with the rows.
    const [recount] = await rows<{ sent: number }>(env.rt.database.db, sql`select count(*) filter (where status = 'sent')::int as sent from outbox where subject_id = ${id}`);
    assert.equal(recount!.sent, RESIDENTS + 1);
    assert.equal(await settleBroadcasts(env.rt.kit), 1);
    b = (await drafter.get<BroadcastDetail>(`/api/broadcasts/${id}`)).body;
    assert.equal(b.status, 'sent');
    assert.ok(b.finishedAt);
  });

  it('frees the messages of a sender stuck past its lease: they are handed over again, never lost', async () => {
    const db = env.rt.database.db;
    const subject = { type: 'bench', id: crypto.randomUUID() };
    const keys = Array.from({ length: 5 }, (_, i) => `k${i}`);
    await db.transaction((tx) =>
      enqueueOutboxBulk(tx, env.clock.now(), {
        channel: 'stuck', subject,
        rows: sql`select k as key, k as recipient, null::bytea as target_cipher, 'zh-CN' as locale, '{}'::jsonb as params, '{}'::jsonb as payload from unnest(${`{${keys.join(',')}}`}::text[]) k order by 1`,
      }),
    );
    const handed: string[] = [];
    const channel = (pauseMs: number): OutboxChannel => ({
      name: 'stuck',
      deliver: async () => ({ status: 'sent' }),
      async deliverBatch(ms) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
        handed.push(...ms.map((m) => m.recipient));
        return ms.map(() => ({ status: 'sent' }));
      },
    });
    const hold = env.rt.database.kind === 'postgres';
    const stuck = await drainOutboxBulk(db, env.clock, new Map([['stuck', channel(1_500)]]), { hold, leaseMs: 500, lanes: 1 }).catch((e: Error) => e);
    if (hold) {
      // The database ended the idle transaction: nothing was recorded, and the messages are due again.
      assert.ok(stuck instanceof Error, 'the stuck transaction was ended');
      assert.equal(await drainOutboxBulk(db, env.clock, new Map([['stuck', channel(0)]]), { hold, lanes: 1 }), 5);
      assert.deepEqual(handed.sort(), [...keys, ...keys].sort(), 'handed over again with the same ids: at least once');
    } else {
      // The lease ran out but nobody claimed them since: the late result still counts, once.
      assert.equal(stuck, 5);
      env.clock.advance(1_000);
      assert.equal(await drainOutboxBulk(db, env.clock, new Map([['stuck', channel(0)]]), { hold, lanes: 1 }), 0);
      assert.deepEqual(handed.sort(), keys);
    }
    const [tally] = await rows<{ n: number }>(db, sql`select n::int from outbox_tally where subject_id = ${subject.id} and bucket = 'sent'`);
    assert.equal(tally!.n, 5);
  });

  it('keeps the two-person rule: the drafter cannot approve; an approver returns with a note; cancel calls queued messages off', async () => {
    const made = await drafter.post<BroadcastDetail>('/api/broadcasts', waterCut({ title: '二人审批', channels: ['loudspeaker'], audience: { residents: false, enterprises: false, gridIds: [], tag: null } }));
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(made.body.actions, ['edit', 'submit', 'cancel']);
    await drafter.post(`/api/broadcasts/${made.body.id}/submit`, { version: 1 });
    const self = await drafter.post<{ error: { code: string } }>(`/api/broadcasts/${made.body.id}/approve`, { version: 2 });
    assert.deepEqual([self.status, self.body.error.code], [403, 'FORBIDDEN']);
    const returned = await approver.post<BroadcastDetail>(`/api/broadcasts/${made.body.id}/return`, { version: 2, note: '请核对停水时间' });
    assert.deepEqual([returned.body.status, returned.body.note], ['draft', '请核对停水时间']);
    await drafter.post(`/api/broadcasts/${made.body.id}/submit`, { version: 3 });
    const ok = await county.post<BroadcastDetail>(`/api/broadcasts/${made.body.id}/approve`, { version: 4 });
    assert.equal(ok.body.status, 'approved');
    assert.equal(ok.body.approverName !== null, true);
    await env.rt.jobs.runDue(20);
    // Called off while sending: its messages not handed over are cancelled and counted so.
    const sending = (await drafter.get<BroadcastDetail>(`/api/broadcasts/${made.body.id}`)).body;
    assert.equal(sending.status, 'sending');
    const cancelled = await drafter.post<BroadcastDetail>(`/api/broadcasts/${made.body.id}/cancel`, { version: sending.version, note: '情况解除' });
    assert.equal(cancelled.body.status, 'cancelled');
    assert.deepEqual(cancelled.body.counts.map((c) => [c.channel, c.cancelled, c.queued]), [['loudspeaker', 1, 0]]);
  });

  it('scopes the audience: a community cannot target outside its region, grids must be in the region, counts are of the scope', async () => {
    const outside = await drafter.post<{ error: { code: string; details: { fields: { field: string }[] } } }>('/api/broadcasts', waterCut({ regionCode: otherCommunity }));
    assert.deepEqual([outside.status, outside.body.error.code, outside.body.error.details.fields[0]!.field], [400, 'BROADCAST_REGION', 'regionCode']);
    const grid = await drafter.post<{ error: { code: string } }>('/api/broadcasts/preview', waterCut({ audience: { residents: true, enterprises: false, gridIds: [otherGridId], tag: null } }));
    assert.deepEqual([grid.status, grid.body.error.code], [400, 'BROADCAST_GRID']);
    // Residents of the neighbouring community are not counted for this one; the township counts both.
    await makeResidents(300, otherCommunity, otherGridId, 'neighbour');
    const own = await drafter.post<BroadcastPreview>('/api/broadcasts/preview', waterCut({ audience: { residents: true, enterprises: false, gridIds: [], tag: 'neighbour' } }));
    assert.equal(own.body.sms, 0);
    const township = await approver.post<BroadcastPreview>('/api/broadcasts/preview', waterCut({ regionCode: community.slice(0, 9) + '000', audience: { residents: true, enterprises: false, gridIds: [], tag: 'neighbour' } }));
    assert.equal(township.body.sms, 300);
    // A broadcast of the township is not found from the community.
    const above = await approver.post<BroadcastDetail>('/api/broadcasts', waterCut({ regionCode: community.slice(0, 9) + '000', title: '镇级广播' }));
    assert.equal(above.status, 201, JSON.stringify(above.body));
    assert.equal((await drafter.get(`/api/broadcasts/${above.body.id}`)).status, 404);
    assert.equal((await drafter.post(`/api/broadcasts/${above.body.id}/cancel`, { version: 1, note: 'x' })).status, 404);
    assert.ok(!(await drafter.get<{ items: { id: string }[] }>('/api/broadcasts')).body.items.some((i) => i.id === above.body.id));
    // A grid worker holds no broadcast permission.
    assert.equal((await (await env.login('gw1')).get('/api/broadcasts')).status, 403);
  });

  it('ships templates read-only, takes a region\'s own, and checks the parameters', async () => {
    assert.deepEqual(templates.filter((t) => t.regionCode === null).map((t) => t.key).sort(), ['evacuation', 'flood_warning', 'typhoon_warning', 'water_cut']);
    assert.deepEqual(template('typhoon_warning').params, ['name', 'time', 'force']);
    const shipped = await drafter.put<{ error: { code: string } }>(`/api/broadcast-templates/${template('water_cut').id}`, { version: 1, name: '改', nameEn: 'x', zh: '改写正文', en: 'changed' });
    assert.deepEqual([shipped.status, shipped.body.error.code], [400, 'BROADCAST_TEMPLATE_SHIPPED']);
    const own = await drafter.post<BroadcastTemplate>('/api/broadcast-templates', { key: 'gas_check', name: '燃气检查', nameEn: 'Gas check', regionCode: community, zh: '{date}上门检查燃气，请家中留人。', en: 'Gas safety check on {date}: please be at home.' });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual([own.body.params, own.body.editable], [['date'], true]);
    const twice = await drafter.post<{ error: { code: string } }>('/api/broadcast-templates', { key: 'gas_check', name: '燃气', nameEn: 'Gas', regionCode: community, zh: '正文内容', en: 'Text here' });
    assert.deepEqual([twice.status, twice.body.error.code], [409, 'BROADCAST_TEMPLATE_DUPLICATE']);
    // The township sees the community's template (below it) but the neighbouring county does not.
    assert.ok((await approver.get<BroadcastTemplate[]>('/api/broadcast-templates')).body.some((t) => t.id === own.body.id));
    const missing = await drafter.post<{ error: { code: string; message: string } }>('/api/broadcasts', waterCut({ templateId: own.body.id, params: {} }));
    assert.deepEqual([missing.status, missing.body.error.code], [400, 'BROADCAST_PARAM_MISSING']);
    const edited = await drafter.put<BroadcastTemplate>(`/api/broadcast-templates/${own.body.id}`, { version: 1, name: '燃气安全检查', nameEn: 'Gas check', zh: '{date}上门检查燃气。', en: 'Gas check on {date}.' });
    assert.deepEqual([edited.body.version, edited.body.name], [2, '燃气安全检查']);
  });
});
