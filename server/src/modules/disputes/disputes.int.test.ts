import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import yauzl from 'yauzl';
import { maskIdNumber, tileValue, type DashboardOverview, type Dispute } from '@gridgov/contracts';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { registerAnswers, testIdNumber, type PartyAnswer } from './test-answers.js';

/** The text of a .docx's word/document.xml, read with a zip reader as Word would. */
function documentXml(docx: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error('no word/document.xml')));
      zip.readEntry();
    });
  });
}

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[]; errors?: { path: string; code: string }[] } };
}

describe('disputes: register, mediation, agreement', () => {
  let env: TestEnv;
  let county: Client;
  let worker: Client;
  let otherWorker: Client;
  let justice: Client;
  let handler: Client;
  let sysadmin: Client;
  let gridId: string;
  const idA = testIdNumber(1);
  const idB = testIdNumber(2);

  before(async () => {
    env = await startTestEnv();
    [county, worker, otherWorker, justice, handler, sysadmin] = await Promise.all([env.login('county_op'), env.login('gw1'), env.login('gw2'), env.login('justice1'), env.login('handler'), env.login('sysadmin')]);
    gridId = env.gridId(env.seed.city.grids[0]!.code);
  });
  after(() => env.close());

  const register = (by: Client, name: string, parties: PartyAnswer[] = [{ name: '张三', idNumber: idA, phone: '13812341234' }, { name: '李四', idNumber: idB, sex: '2' }], more: Record<string, unknown> = {}) =>
    by.post<Dispute & ErrorBody>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers(name, parties, more) });

  it('ships the national code lists as rows', async () => {
    const ethnic = await worker.get<{ items: { code: string; zh: string }[] }>('/api/code-lists?list=ethnic_group');
    assert.equal(ethnic.body.items.length, 58);
    assert.deepEqual(ethnic.body.items[55], { code: '56', zh: '基诺族', en: 'Jino' });
    const education = await worker.get<{ items: { code: string }[] }>('/api/code-lists?list=education');
    assert.deepEqual(education.body.items.map((i) => i.code), ['10', '20', '30', '40', '60', '70', '80', '90']);
    assert.equal((await worker.get('/api/code-lists?list=nothing')).status, 400);
  });

  it('goes registered, assigned to the justice office, mediated, agreed, followed up, closed; parties masked, the agreement a real .docx', async () => {
    const made = await register(worker, '排水沟纠纷');
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.status, 'registered');
    assert.deepEqual(made.body.parties.map((p) => [p.name, p.idNumberMasked, p.phoneMasked]), [['张三', maskIdNumber(idA), '138****1234'], ['李四', maskIdNumber(idB), null]]);
    assert.ok(!JSON.stringify(made.body).includes(idA), 'the full ID number never leaves in a read');
    assert.equal(made.body.answers.parties, undefined, 'the parties live in their own rows, not in the answers');
    // Stored encrypted: the database holds no plain ID number.
    const stored = await rows<{ t: string }>(env.rt.database.db, sql`select row_to_json(p)::text as t from dispute_party p where dispute_id = ${made.body.id}`);
    assert.ok(stored.every((r) => !r.t.includes(idA) && !r.t.includes(idB)));

    // A grid worker may not assign; the county's centre assigns it to the county's justice bureau.
    assert.equal((await worker.post<ErrorBody>(`/api/disputes/${made.body.id}/assign`, { version: 1, mediatorLevel: 'grid', mediatorName: '网格员', resolutionWay: 'people_mediation' })).status, 403);
    const countyCode = env.seed.city.regions.find((r) => r.level === 'county')!.code;
    const [bureau] = await rows<{ id: string }>(env.rt.database.db, sql`select id from department where name like '%司法局' and region_code = ${countyCode}`);
    assert.ok(bureau);
    // The justice handler sees nothing before the assignment.
    assert.equal((await justice.get(`/api/disputes/${made.body.id}`)).status, 404);
    const assigned = await county.post<Dispute>(`/api/disputes/${made.body.id}/assign`, { version: 1, mediatorLevel: 'judicial_office', departmentId: bureau.id, mediatorName: '王调解', resolutionWay: 'people_mediation' });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body.status, 'assigned');

    // Now the justice office mediates it: two sessions, then an agreement.
    const mine = await justice.get<{ items: { id: string }[] }>('/api/disputes');
    assert.deepEqual(mine.body.items.map((d) => d.id), [made.body.id]);
    const s1 = await justice.post<Dispute>(`/api/disputes/${made.body.id}/record_session`, { version: 2, heldOn: '2026-11-22', place: '村委会调解室', attendees: '张三、李四、王调解', notes: '双方陈述，未达成一致' });
    assert.equal(s1.body.status, 'mediating', JSON.stringify(s1.body));
    const s2 = await justice.post<Dispute>(`/api/disputes/${made.body.id}/record_session`, { version: 3, heldOn: '2026-11-25', place: '村委会调解室', attendees: '张三、李四、王调解', notes: '现场查看后双方同意共同疏通' });
    assert.deepEqual(s2.body.sessions.map((s) => s.heldOn), ['2026-11-22', '2026-11-25']);
    const agreed = await justice.post<Dispute>(`/api/disputes/${made.body.id}/agree`, { version: 4, terms: '一、张三于十日内疏通排水沟。\n二、李四承担费用三百元。', fulfilmentWay: '当场支付、自行疏通', fulfilmentDeadline: '2026-12-05' });
    assert.equal(agreed.body.status, 'agreed');

    const file = await env.rt.app.inject({ method: 'GET', url: `/api/disputes/${made.body.id}/agreement`, headers: { cookie: justice.sessionCookie ?? '' } });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-disposition']), /\.docx/);
    const xml = await documentXml(file.rawPayload);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['人民调解协议书', '张三', '李四', '张三于十日内疏通排水沟', '李四承担费用三百元', '2026-12-05', '王调解']) assert.ok(text.includes(expected), `the agreement names ${expected}`);
    assert.ok(!text.includes(idA), 'document numbers stay masked in the agreement');

    const followed = await worker.post<Dispute>(`/api/disputes/${made.body.id}/follow_up`, { version: 5, fulfilled: true, note: '回访：已疏通，费用已付' });
    assert.equal(followed.body.status, 'followed_up');
    const closed = await county.post<Dispute>(`/api/disputes/${made.body.id}/close`, { version: 6, success: true, outcome: '调解成功，协议已履行', evaluatedOn: '2026-12-06', opinion: '当事人满意' });
    assert.equal(closed.body.status, 'closed');
    assert.deepEqual([closed.body.resolution?.success, closed.body.resolution?.fulfilled], [true, true]);

    // On the dashboard: registered and resolved, kept by the trigger and agreeing with the recount; not for the admin.
    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const overview = await county.get<DashboardOverview>('/api/dashboard/overview');
    assert.ok((tileValue(overview.body.tiles, 'disputesRegistered') ?? 0) >= 1, JSON.stringify(overview.body.tiles));
    assert.equal(tileValue(overview.body.tiles, 'disputeSuccessRate'), 1);
    const admin = await sysadmin.get<DashboardOverview>('/api/dashboard/overview');
    assert.ok(admin.status !== 200 || !admin.body.tiles.some((tile) => tile.id.startsWith('dispute')));

    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${made.body.id} and outcome = 'success' order by id`);
    assert.deepEqual(audit.map((a) => a.action), ['dispute.create', 'dispute.assign', 'dispute.record_session', 'dispute.record_session', 'dispute.agree', 'dispute.agreement_download', 'dispute.follow_up', 'dispute.close']);
  });

  it('reveals a party only to a holder of the unmask permission, with a reason, audited', async () => {
    const made = await register(worker, '借款纠纷');
    assert.equal((await worker.post(`/api/disputes/${made.body.id}/unmask`, { reason: '核对身份', seq: 1 })).status, 403);
    const shown = await county.post<{ idNumber: string; phone: string }>(`/api/disputes/${made.body.id}/unmask`, { reason: '核对身份', seq: 1 });
    assert.deepEqual(shown.body, { idNumber: idA, phone: '13812341234' });
    const [entry] = await rows<{ details: { reason: string } }>(env.rt.database.db, sql`select details from audit_log where object_id = ${made.body.id} and action = 'dispute.unmask'`);
    assert.equal(entry?.details.reason, '核对身份');
  });

  it('sees nothing as a department handler not assigned, a grid worker of another grid, the system admin', async () => {
    const made = await register(worker, '宅基地纠纷');
    for (const [who, client] of [['handler', handler], ['gw2', otherWorker], ['sysadmin', sysadmin], ['justice1', justice]] as const) {
      const one = await client.get(`/api/disputes/${made.body.id}`);
      assert.ok(one.status === 404 || one.status === 403, `${who}: ${one.status}`);
      const list = await client.get<{ items?: { id: string }[] }>('/api/disputes');
      assert.ok(!(list.body.items ?? []).some((d) => d.id === made.body.id), who);
      const agreement = await client.get(`/api/disputes/${made.body.id}/agreement`);
      assert.ok(agreement.status === 404 || agreement.status === 403, `${who}: ${agreement.status}`);
    }
  });

  it('refuses bad answers with the field at fault, in Chinese and English, never a 500', async () => {
    const bad = await register(worker, '坏数据', [{ name: '王五', idNumber: '340524198001010013' }]);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
    assert.ok(JSON.stringify(bad.body.error.details).includes('parties[0].id_number'), JSON.stringify(bad.body));
    const none = await worker.post<ErrorBody>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers('无当事人', []) });
    assert.equal(none.status, 400);
    const version = await worker.request<ErrorBody>('POST', '/api/disputes', { gridId, formVersion: 99, answers: registerAnswers('版本', [{ name: '王五' }]) }, 'en');
    assert.equal(version.status, 400);
    assert.deepEqual(version.body.error.details?.fields, [{ field: 'formVersion', code: 'DISPUTE_FORM_VERSION_INVALID' }]);
    const elsewhere = await otherWorker.post<ErrorBody>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers('越界', [{ name: '王五' }]) });
    assert.deepEqual([elsewhere.status, elsewhere.body.error.details?.fields?.[0]?.field], [400, 'gridId']);
    const early = await worker.get<ErrorBody>(`/api/disputes/${(await register(worker, '未调解')).body.id}/agreement`);
    assert.deepEqual([early.status, early.body.error.code], [409, 'DISPUTE_NO_AGREEMENT']);
  });
});
