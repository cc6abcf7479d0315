/**
 * Visits from the grid worker's phone and the map layers' counts: the visit route replays by
 * Idempotency-Key (the offline queue's resend) and files one visit; the visit form's answers
 * (risk observations, a signature) are validated and kept; the worker's own list; the category
 * only with `keyperson:category`; the per-grid counts of key persons, open disputes and open
 * warnings scoped like their lists, refused to roles without the permission.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type KpDetail, type KpSummary } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { sessionCache } from '../../platform/auth/sessions.js';
import { localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { registerAnswers, testIdNumber } from '../disputes/test-answers.js';
import { kpIdNumber, makeKeyPerson } from './scope-kit.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
interface ErrorBody { error: { code: string; details?: { errors?: { path: string; code: string }[]; fields?: { field: string }[] } } }
interface GridCount { gridId: string; total?: number; open?: number }

describe('key-person visits from the phone, and the map layers', () => {
  let env: TestEnv;
  let op: Client;
  let gw1: Client;
  let gw2: Client;
  let handler: Client;
  let sysadmin: Client;
  let grid1: { gridId: string };
  let grid2: { gridId: string };

  before(async () => {
    env = await startTestEnv();
    [op, gw1, gw2, handler, sysadmin] = (await Promise.all(['community_op', 'gw1', 'gw2', 'handler', 'sysadmin'].map((u) => env.login(u)))) as [Client, Client, Client, Client, Client];
    const [g1, g2] = env.seed.city.grids;
    grid1 = { gridId: env.gridId(g1!.code) };
    grid2 = { gridId: env.gridId(g2!.code) };
  });
  after(() => env.close());

  const db = () => env.rt.database.db;
  const today = () => localDate(env.clock.now());
  const read = (c: Client, id: string) => c.get<KpDetail & ErrorBody>(`/api/keypersons/${id}?purpose=${encodeURIComponent('走访核对')}`);

  it('a visit replayed with its Idempotency-Key is filed once, with its form answers and signature', async () => {
    const { id } = await makeKeyPerson(op, grid1, '走访甲', kpIdNumber(1981), { riskLevel: 'high' });
    const signature = await gw1.upload<{ id: string }>('/api/attachments', 'signature.png', PNG, { 'Idempotency-Key': 'visit-sig-1.file-0' });
    assert.equal(signature.status, 201, JSON.stringify(signature.body));
    const clientId = randomUUID();
    const body = {
      clientId, visitedOn: today(), way: 'home', findings: '本人在家，近期与邻居有口角', lon: 111.69, lat: 29.03,
      answers: { risk_signs: ['mood_unstable', 'conflict'], risk_note: '与邻居因噪音争吵两次', signature: { id: signature.body.id, name: 'signature.png' } },
    };
    const headers = { 'Idempotency-Key': `${clientId}.submit` };
    const first = await gw1.request<{ id: string }>('POST', `/api/keypersons/${id}/visits`, body, undefined, headers);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The answer was lost on the way to the phone: the queue sends the same again.
    const replay = await gw1.request<{ id: string }>('POST', `/api/keypersons/${id}/visits`, body, undefined, headers);
    assert.equal(replay.status, 201, 'the first answer, replayed');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.body, first.body);
    const stored = await rows<{ n: number }>(db(), sql`select count(*)::int as n from kp_visit where key_person_id = ${id}`);
    assert.equal(stored[0]!.n, 1, 'one visit');
    const audited = await rows<{ details: { riskSigns: string[]; form: string } }>(db(), sql`select details from audit_log where action = 'key_person.visit' and object_id = ${id}`);
    assert.equal(audited.length, 1, 'one audit entry');
    assert.deepEqual(audited[0]!.details.riskSigns, ['mood_unstable', 'conflict']);
    assert.equal(audited[0]!.details.form, 'keypersons.visit@1');
    // The same key with another body is refused, never the stored answer.
    const reused = await gw1.request<ErrorBody>('POST', `/api/keypersons/${id}/visits`, { ...body, findings: '另一条' }, undefined, headers);
    assert.equal(reused.body.error.code, 'IDEMPOTENCY_KEY_REUSED');

    const detail = (await read(op, id)).body;
    assert.equal(detail.visits.length, 1);
    const visit = detail.visits[0]!;
    assert.deepEqual([visit.formKey, visit.formVersion], ['keypersons.visit', 1]);
    assert.deepEqual(visit.answers.risk_signs, ['mood_unstable', 'conflict']);
    assert.equal(visit.answers.risk_note, '与邻居因噪音争吵两次');
    assert.equal((visit.answers.signature as { id: string }).id, signature.body.id);
    // The signature is the visit's now: whoever reads the archive reads it, another grid's worker not.
    assert.equal((await op.get(`/api/attachments/${signature.body.id}`)).status, 200);
    assert.equal((await gw2.get(`/api/attachments/${signature.body.id}`)).status, 404);
  });

  it('the visit form is validated on the server: a risk observed needs its note, with the field at fault', async () => {
    const { id } = await makeKeyPerson(op, grid1, '走访乙', kpIdNumber(1982));
    const bad = await gw1.post<ErrorBody>(`/api/keypersons/${id}/visits`, { clientId: randomUUID(), visitedOn: today(), way: 'phone', findings: '电话联系', answers: { risk_signs: ['threats'] } });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
    assert.ok(bad.body.error.details?.errors?.some((e) => e.path === 'risk_note'), JSON.stringify(bad.body.error.details));
    const unknown = await gw1.post<ErrorBody>(`/api/keypersons/${id}/visits`, { clientId: randomUUID(), visitedOn: today(), way: 'phone', findings: '电话联系', answers: { risk_signs: ['no_such_sign'] } });
    assert.equal(unknown.body.error.code, 'FORM_ANSWERS_INVALID');
    assert.equal((await rows<{ n: number }>(db(), sql`select count(*)::int as n from kp_visit where key_person_id = ${id}`))[0]!.n, 0, 'nothing stored');
  });

  it('the worker\'s own list: theirs and their grid\'s unassigned, never another grid\'s', async () => {
    const gw1Id = env.seed.userIds.get('gw1')!;
    const assigned = await makeKeyPerson(op, grid1, '名单甲', kpIdNumber(1983), { workerId: gw1Id });
    const unassigned = await makeKeyPerson(op, grid1, '名单乙', kpIdNumber(1984));
    const elsewhere = await makeKeyPerson(op, grid2, '名单丙', kpIdNumber(1985));
    const mine = (await gw1.get<{ items: KpSummary[] }>('/api/keypersons?mine=true&pageSize=200')).body.items.map((k) => k.id);
    assert.ok(mine.includes(assigned.id) && mine.includes(unassigned.id));
    assert.ok(!mine.includes(elsewhere.id));
    const theirs = (await gw2.get<{ items: KpSummary[] }>('/api/keypersons?mine=true&pageSize=200')).body.items.map((k) => k.id);
    assert.ok(theirs.includes(elsewhere.id) && !theirs.includes(assigned.id) && !theirs.includes(unassigned.id));
    // An operator is nobody's responsible worker here: their own list is empty, the region's list is not.
    assert.ok(!(await op.get<{ items: KpSummary[] }>('/api/keypersons?mine=true&pageSize=200')).body.items.some((k) => k.id === unassigned.id));
  });

  it('the category shows only with keyperson:category: not in lists, archives, counts or filters without it', async () => {
    const { id } = await makeKeyPerson(op, grid1, '类别甲', kpIdNumber(1986));
    const withIt = (await gw1.get<{ items: KpSummary[] }>('/api/keypersons?mine=true&pageSize=200')).body.items.find((k) => k.id === id)!;
    assert.equal(withIt.categoryCode, 'released_prisoner');
    const granted = ROLE_PERMISSIONS.grid_worker;
    const gw1Id = env.seed.userIds.get('gw1');
    try {
      (ROLE_PERMISSIONS as Record<string, readonly string[]>).grid_worker = granted.filter((p) => p !== 'keyperson:category');
      sessionCache.revoked({ userId: gw1Id });
      const worker = await env.login('gw1');
      const listed = (await worker.get<{ items: KpSummary[] }>('/api/keypersons?pageSize=200')).body.items;
      assert.ok(listed.length > 0 && listed.every((k) => k.categoryCode === null), 'no category in the list');
      const detail = (await read(worker, id)).body;
      assert.deepEqual([detail.categoryCode, detail.formKey, detail.answers], [null, '', {}], 'nor in the archive (its form names it)');
      assert.equal(detail.riskLevel, 'medium', 'what the visit needs stays');
      const stats = (await worker.get<{ byCategory: unknown[]; grids: GridCount[] }>('/api/keypersons/stats')).body;
      assert.deepEqual(stats.byCategory, []);
      assert.ok(stats.grids.some((g) => g.gridId === grid1.gridId), 'the per-grid counts stay');
      const filtered = await worker.get<ErrorBody>('/api/keypersons?category=released_prisoner');
      assert.equal(filtered.status, 403, 'filtering by category would tell it');
    } finally {
      (ROLE_PERMISSIONS as Record<string, readonly string[]>).grid_worker = granted;
      sessionCache.revoked({ userId: gw1Id });
      gw1 = await env.login('gw1');
    }
  });

  it('the map layers\' counts are scoped like the lists and refused without the permission', async () => {
    await makeKeyPerson(op, grid2, '地图甲', kpIdNumber(1987));
    const made = await op.post<{ id: string }>('/api/disputes', { gridId: grid1.gridId, formVersion: 1, answers: registerAnswers('地图纠纷', [{ name: '当事人甲', idNumber: testIdNumber(901), phone: '13912340901' }]) });
    assert.equal(made.status, 201, JSON.stringify(made.body));

    const kpOp = (await op.get<{ grids: GridCount[] }>('/api/keypersons/stats')).body.grids;
    assert.ok(kpOp.some((g) => g.gridId === grid1.gridId) && kpOp.some((g) => g.gridId === grid2.gridId), 'the community operator: both grids');
    const kpGw1 = (await gw1.get<{ grids: GridCount[] }>('/api/keypersons/stats')).body.grids;
    assert.deepEqual(kpGw1.map((g) => g.gridId), [grid1.gridId], 'a grid worker: their grid only');

    const dOp = await op.get<{ items: GridCount[] }>('/api/disputes/map');
    assert.equal(dOp.status, 200, JSON.stringify(dOp.body));
    assert.ok((dOp.body.items.find((g) => g.gridId === grid1.gridId)?.open ?? 0) >= 1);
    assert.deepEqual((await gw2.get<{ items: GridCount[] }>('/api/disputes/map')).body.items.filter((g) => g.gridId === grid1.gridId), [], 'another grid\'s worker sees none of it');
    assert.deepEqual((await handler.get<{ items: GridCount[] }>('/api/disputes/map')).body.items, [], 'a department handler: only what was assigned to it');
    assert.equal((await op.get<{ items: GridCount[] }>('/api/warnings/map')).status, 200);

    for (const [who, client] of [['sysadmin', sysadmin], ['handler', handler]] as const) {
      assert.equal((await client.get('/api/keypersons/stats')).status, 403, `${who}: no key-person counts`);
    }
    assert.equal((await sysadmin.get('/api/disputes/map')).status, 403);
    assert.equal((await sysadmin.get('/api/warnings/map')).status, 403);
  });
});
