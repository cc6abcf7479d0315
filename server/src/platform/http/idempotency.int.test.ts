/**
 * Replayed submissions (a phone's offline queue sends its client id as the Idempotency-Key): the
 * replay answers the first result and creates nothing, also when the first answer was lost after
 * the commit and when two replays race; keys are per user; a refused request frees its key; the
 * same key with another body is refused; a claim whose request died is never run again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ticket } from '@gridgov/contracts';
import { rows } from '../db/client.js';
import { IDEMPOTENCY_KEEP_MS, pruneIdempotencyKeys } from './idempotency.js';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

type Answer<T> = T & { error?: { code: string; message: string; details?: unknown } };
type Filed = Answer<{ ticket: Ticket }>;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('idempotent submissions (Idempotency-Key)', () => {
  let env: TestEnv;
  let gw1: Client;
  let resident: Client;
  let at: [number, number];
  const key = (name: string) => ({ 'idempotency-key': `${randomUUID()}.${name}` });

  const body = (description: string, extra: Record<string, unknown> = {}) => ({
    description,
    lon: at[0],
    lat: at[1],
    categoryId: env.seed.tickets.categoryIds.get('city.road')!,
    ...extra,
  });
  const file = (client: Client, payload: unknown, headers: Record<string, string>) => client.request<Filed>('POST', '/api/tickets', payload, undefined, headers);
  const ticketsWith = async (description: string) =>
    (await rows<{ id: string }>(env.rt.database.db, sql`select id from ticket where description = ${description}`)).map((r) => r.id);

  before(async () => {
    env = await startTestEnv();
    at = gridCentroid(env.seed.city.grids[0]!);
    [gw1, resident] = await Promise.all([env.login('gw1'), env.login('resident1')]);
  });
  after(() => env.close());

  it('a replay after a lost answer returns the first ticket and files nothing new; the photo upload too', async () => {
    const photoKey = key('photo-0');
    const photo = await gw1.upload<{ id: string }>('/api/attachments', 'well.png', PNG, photoKey);
    assert.equal(photo.status, 201, JSON.stringify(photo.body));
    const photoAgain = await gw1.upload<{ id: string }>('/api/attachments', 'well.png', PNG, photoKey);
    assert.equal(photoAgain.status, 201);
    assert.equal(photoAgain.body.id, photo.body.id, 'the same upload, not a second file');
    assert.equal(photoAgain.headers['idempotent-replayed'], 'true');
    const uploads = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from attachment where id = ${photo.body.id} or (name = 'well.png')`);
    assert.equal(uploads[0]!.n, 1);

    const text = '离线上报：井盖破损，行人有坠落危险';
    const headers = key('report');
    const first = await file(gw1, body(text, { photoIds: [photo.body.id] }), headers);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.headers['idempotent-replayed'], undefined);
    // The phone never heard the answer: it sends the same submission again.
    const replay = await file(gw1, body(text, { photoIds: [photo.body.id] }), headers);
    assert.equal(replay.status, 201, JSON.stringify(replay.body));
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body.ticket.id, first.body.ticket.id);
    assert.equal(replay.body.ticket.number, first.body.ticket.number);
    assert.deepEqual(await ticketsWith(text), [first.body.ticket.id], 'exactly one ticket');
    const events = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where action = 'ticket.report' and object_id = ${first.body.ticket.id}`);
    assert.equal(events[0]!.n, 1, 'one audit entry: the replay changed nothing');
  });

  it('two replays at the same moment file one ticket and both get it', async () => {
    const text = '离线上报：路灯不亮，两次同时重发';
    const headers = key('race');
    const [a, b] = await Promise.all([file(gw1, body(text), headers), file(gw1, body(text), headers)]);
    assert.deepEqual([a.status, b.status], [201, 201], JSON.stringify([a.body, b.body]));
    assert.equal(a.body.ticket.id, b.body.ticket.id);
    assert.equal([a, b].filter((r) => r.headers['idempotent-replayed'] === 'true').length, 1, 'one ran, the other was the replay');
    assert.deepEqual(await ticketsWith(text), [a.body.ticket.id]);
  });

  it('keys are per user: another account with the same key files its own report and never sees the first', async () => {
    const text = '同一个提交编号，不同的账号';
    const headers = key('shared');
    const mine = await file(gw1, body(text), headers);
    const theirs = await file(resident, body(text), headers);
    assert.deepEqual([mine.status, theirs.status], [201, 201], JSON.stringify(theirs.body));
    assert.notEqual(theirs.body.ticket.id, mine.body.ticket.id);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.equal((await ticketsWith(text)).length, 2);
  });

  it('a refused submission frees its key for the corrected one; the same key with other content is refused', async () => {
    const headers = key('fix');
    const refused = await file(gw1, body('短'), headers);
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    const text = '修改后重新发送：小区门口积水严重';
    const fixed = await file(gw1, body(text), headers);
    assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
    assert.equal(fixed.headers['idempotent-replayed'], undefined);

    const other = await file(gw1, body('同一个编号却是另一份内容'), headers);
    assert.equal(other.status, 422);
    assert.equal(other.body.error?.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.deepEqual(await ticketsWith('同一个编号却是另一份内容'), []);
    assert.deepEqual(await ticketsWith(text), [fixed.body.ticket.id]);
  });

  it('a malformed key is refused with a stable code, in both languages, naming the header', async () => {
    const zh = await file(gw1, body('钥匙格式不对的提交'), { 'idempotency-key': 'short' });
    assert.equal(zh.status, 400);
    assert.equal(zh.body.error?.code, 'IDEMPOTENCY_KEY_INVALID');
    assert.match(zh.body.error!.message, /幂等键/);
    assert.match(JSON.stringify(zh.body.error?.details), /headers\.idempotency-key/);
    const en = await gw1.request<Filed>('POST', '/api/tickets', body('钥匙格式不对的提交'), 'en', { 'idempotency-key': 'bad key with spaces' });
    assert.equal(en.body.error?.code, 'IDEMPOTENCY_KEY_INVALID');
    assert.match(en.body.error!.message, /Idempotency-Key/);
    assert.deepEqual(await ticketsWith('钥匙格式不对的提交'), []);
  });

  it('a claim whose request died after its commit is never run again: unresolved, nothing filed twice', async () => {
    const text = '进程在保存应答前退出的提交';
    const headers = key('died');
    const first = await file(gw1, body(text), headers);
    assert.equal(first.status, 201);
    // As if the process had died between the ticket's commit and storing the answer.
    await env.rt.database.db.execute(sql`update idempotency_key set state = 'pending', status = null, response = null where key = ${headers['idempotency-key']}`);
    env.clock.advance(3 * 60_000);
    const replay = await file(gw1, body(text), headers);
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error?.code, 'IDEMPOTENCY_UNRESOLVED');
    assert.deepEqual(await ticketsWith(text), [first.body.ticket.id]);
  });

  it('without the header a route behaves as before (two sends, two tickets)', async () => {
    const text = '没有提交编号的普通上报两次';
    assert.equal((await file(gw1, body(text), {})).status, 201);
    assert.equal((await file(gw1, body(text), {})).status, 201);
    assert.equal((await ticketsWith(text)).length, 2);
  });

  it('keeps answers for two weeks, then the daily purge forgets them', async () => {
    const headers = key('old');
    const text = '两周前的离线上报';
    assert.equal((await file(gw1, body(text), headers)).status, 201);
    const stored = async () => (await rows(env.rt.database.db, sql`select key from idempotency_key where key = ${headers['idempotency-key']}`)).length;
    assert.equal(await pruneIdempotencyKeys(env.rt.database.db, new Date(env.clock.now().getTime() - IDEMPOTENCY_KEEP_MS)), 0);
    assert.equal(await stored(), 1);
    await pruneIdempotencyKeys(env.rt.database.db, new Date(env.clock.now().getTime() + 1));
    assert.equal(await stored(), 0);
  });
});
