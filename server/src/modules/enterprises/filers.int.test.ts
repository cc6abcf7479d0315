import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Application, FilerLink, HealthReport, MyEnterprise } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { applicationBody, makeEnterprise, type MadeEnterprise } from './test-fixtures.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[] } };
}

describe('enterprises: the enterprise\'s own filer (企业填报人) on the portal', () => {
  let env: TestEnv;
  let township: Client;
  let community: Client;
  let filer: Client;
  let filerId: string;
  let mine: MadeEnterprise;
  let other: MadeEnterprise;
  let far: MadeEnterprise;
  let today: string;

  before(async () => {
    env = await startTestEnv();
    const cityOp = await env.login('city_op');
    [township, community, filer] = await Promise.all([env.login('township_op'), env.login('community_op'), env.login('resident1')]);
    const grid = env.seed.city.grids[0]!;
    const gridId = env.gridId(grid.code);
    const farGrid = env.seed.city.grids.find((g) => !g.regionCode.startsWith(grid.regionCode.slice(0, 6)))!;
    mine = await makeEnterprise(community, gridId, '临澧新材料科技有限公司', 3);
    other = await makeEnterprise(community, gridId, '澧县棉纺织厂', 2);
    far = await makeEnterprise(cityOp, env.gridId(farGrid.code), '石门柑橘合作社加工厂', 1);
    today = localDate(env.clock.now());
    const [me] = await rows<{ id: string }>(env.rt.database.db, sql`select id from app_user where username = 'resident1'`);
    filerId = me!.id;
  });
  after(() => env.close());

  const link = (by: Client, id: string, username: string) => by.post<{ items: FilerLink[] } & ErrorBody>(`/api/enterprises/${id}/filers`, { username });
  const healthEntries = (m: MadeEnterprise) => [
    { residentId: m.employees[0]!.id, present: true, temperature: 36.5 },
    { residentId: m.employees[1]!.id, present: true, temperature: 38.1, symptoms: ['fever'] },
    { residentId: m.employees[2]!.id, present: false, note: '事假' },
  ];

  it('links a resident account by its exact username, refusing unknown, staff and twice-linked accounts, and enterprises outside the operator\'s scope', async () => {
    const unknown = await link(community, mine.id, 'no_such_user');
    assert.deepEqual([unknown.status, unknown.body.error.code, unknown.body.error.details?.fields?.[0]?.field], [400, 'ENTERPRISE_FILER_UNKNOWN_ACCOUNT', 'username']);
    const staff = await link(community, mine.id, 'gw1');
    assert.deepEqual([staff.status, staff.body.error.code], [400, 'ENTERPRISE_FILER_NOT_RESIDENT']);
    // An enterprise of another county: "not found", whatever the username, and nothing of it in the answer.
    for (const username of ['resident1', 'no_such_user']) {
      const out = await link(community, far.id, username);
      assert.deepEqual([out.status, out.body.error.code], [404, 'NOT_FOUND']);
      assert.ok(!JSON.stringify(out.body).includes('石门'));
    }
    assert.equal((await community.get(`/api/enterprises/${far.id}/filers`)).status, 404);
    // The filer cannot link itself (no enterprise:write).
    assert.equal((await link(filer, mine.id, 'resident1')).status, 403);

    const linked = await link(community, mine.id, 'resident1');
    assert.equal(linked.status, 201, JSON.stringify(linked.body));
    assert.deepEqual(linked.body.items.map((l) => [l.username, l.revokedAt]), [['resident1', null]]);
    assert.ok(linked.body.items[0]!.grantedBy);
    const twice = await link(community, mine.id, 'resident1');
    assert.deepEqual([twice.status, twice.body.error.code], [400, 'ENTERPRISE_FILER_ALREADY_LINKED']);
    assert.deepEqual((await township.get<{ items: FilerLink[] }>(`/api/enterprises/${mine.id}/filers`)).body.items.map((l) => l.userId), [filerId]);
    const audit = await rows<{ action: string; actor_name: string; object_id: string }>(env.rt.database.db, sql`select action, actor_name, object_id from audit_log where action like 'enterprise_filer.%' order by id`);
    assert.deepEqual(audit.map((a) => [a.action, a.object_id]), [['enterprise_filer.grant', mine.id]]);
  });

  it('shows the filer only its enterprises, staff masked; another enterprise is "not found" on every route, saying nothing of it', async () => {
    const list = await filer.get<{ items: MyEnterprise[] }>('/api/my-enterprises');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.items.map((e) => e.id), [mine.id]);
    assert.equal(list.body.items[0]!.employees.length, 3);
    assert.ok(list.body.items[0]!.employees.every((e) => e.idMasked.includes('*')));
    const text = JSON.stringify(list.body);
    for (const e of [...mine.employees, ...other.employees]) assert.ok(!text.includes(e.idNumber) && !text.includes(e.phone));
    assert.ok(!text.includes('棉纺织'));

    const form = await filer.get<{ version: number }>('/api/my-enterprises/form');
    assert.equal(form.status, 200);
    // Another enterprise, even of the filer's own grid: not found, the same answer as for an id that does not exist.
    const ghost = '00000000-0000-4000-8000-00000000abcd';
    for (const id of [other.id, far.id, ghost]) {
      const read = await filer.get<ErrorBody>(`/api/my-enterprises/${id}/health`);
      assert.deepEqual([read.status, read.body.error.code], [404, 'NOT_FOUND']);
      const put = await filer.request<ErrorBody>('PUT', `/api/my-enterprises/${id}/health`, { day: today, entries: [{ residentId: ghost, present: true }] });
      assert.deepEqual([put.status, put.body.error.code], [404, 'NOT_FOUND']);
      const created = await filer.post<ErrorBody>('/api/my-enterprises/applications', { ...applicationBody(mine, today), organizationId: id });
      assert.deepEqual([created.status, created.body.error.code, created.body.error.message], [400, 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管辖范围内']);
    }
    // The staff's routes stay closed to the filer.
    assert.equal((await filer.get(`/api/enterprises/${mine.id}/health`)).status, 403);
    assert.equal((await filer.get('/api/enterprise-applications')).status, 403);
    // Staff cannot use the filer's routes.
    assert.equal((await community.get('/api/my-enterprises')).status, 403);
  });

  it('the filer drafts and submits the application, sees it returned with the reason, resubmits; the township approves', async () => {
    // Staff of another enterprise are refused, the field named.
    const stranger = await filer.post<ErrorBody>('/api/my-enterprises/applications', { ...applicationBody(mine, today), staff: [{ residentId: other.employees[0]!.id, returning: false }] });
    assert.deepEqual([stranger.status, stranger.body.error.code, stranger.body.error.details?.fields?.[0]?.field], [400, 'ENTERPRISE_STAFF_INVALID', 'staff.0.residentId']);
    const created = await filer.post<Application>('/api/my-enterprises/applications', applicationBody(mine, today));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.deepEqual([created.body.status, created.body.actions], ['draft', ['edit', 'submit']]);
    assert.ok(created.body.staff.every((s) => s.idMasked.includes('*') && (s.phoneMasked ?? '*').includes('*')));
    const submitted = await filer.post<Application>(`/api/my-enterprises/applications/${id}/submit`, { version: 1 });
    assert.equal(submitted.body.status, 'submitted', JSON.stringify(submitted.body));
    assert.deepEqual(submitted.body.actions, []);
    // The filer takes no review step: there is no route, and the staff's route needs a permission it lacks.
    assert.equal((await filer.post(`/api/my-enterprises/applications/${id}/approve`, { version: 2 })).status, 404);
    assert.equal((await filer.post(`/api/enterprise-applications/${id}/approve`, { version: 2 })).status, 403);
    // In the township's list, filed by the enterprise itself.
    const returned = await township.post<Application>(`/api/enterprise-applications/${id}/return`, { version: 2, note: '请补充员工分批返岗安排' });
    assert.equal(returned.body.status, 'returned');
    const seen = await filer.get<Application>(`/api/my-enterprises/applications/${id}`);
    assert.deepEqual([seen.body.status, seen.body.steps.at(-1)?.note, seen.body.actions], ['returned', '请补充员工分批返岗安排', ['edit', 'submit']]);
    const edited = await filer.post<Application>(`/api/my-enterprises/applications/${id}/edit`, { version: 3, answers: { ...created.body.answers, prevention_plan: '员工分三批返岗，每批间隔两天；每日两次测温。' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal((await filer.post<Application>(`/api/my-enterprises/applications/${id}/submit`, { version: 4 })).body.status, 'submitted');
    const approved = await township.post<Application>(`/api/enterprise-applications/${id}/approve`, { version: 5 });
    assert.equal(approved.body.status, 'approved');
    const mineNow = (await filer.get<{ items: MyEnterprise[] }>('/api/my-enterprises')).body.items[0]!;
    assert.deepEqual([mineNow.resumed, mineNow.application?.id, mineNow.application?.status], [true, id, 'approved']);
    const steps = await rows<{ action: string; actor_id: string }>(env.rt.database.db, sql`select action, actor_id from audit_log where object_id = ${id} and action in ('enterprise_application.create', 'enterprise_application.submit', 'enterprise_application.edit') order by id`);
    assert.deepEqual(steps.map((s) => s.action), ['enterprise_application.create', 'enterprise_application.submit', 'enterprise_application.edit', 'enterprise_application.submit']);
    assert.ok(steps.every((s) => s.actor_id === filerId), 'the filer\'s own steps are audited as the filer');

    // An application of another enterprise is not found to the filer, whatever the step.
    const theirs = await community.post<Application>('/api/enterprise-applications', applicationBody(other, today));
    assert.equal((await filer.get(`/api/my-enterprises/applications/${theirs.body.id}`)).status, 404);
    assert.equal((await filer.post(`/api/my-enterprises/applications/${theirs.body.id}/submit`, { version: 1 })).status, 404);
    assert.equal((await filer.post(`/api/my-enterprises/applications/${theirs.body.id}/edit`, { version: 1, answers: {} })).status, 404);
  });

  it('the filer registers the day\'s staff health: absent and abnormal flagged, the same as staff see it, audited', async () => {
    const saved = await filer.request<HealthReport>('PUT', `/api/my-enterprises/${mine.id}/health`, { day: today, entries: healthEntries(mine) });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual([saved.body.presentCount, saved.body.absentCount, saved.body.abnormalCount], [2, 1, 1]);
    assert.deepEqual(saved.body.entries.map((e) => e.flag), [null, 'abnormal', 'absent']);
    const text = JSON.stringify(saved.body);
    assert.ok(mine.employees.every((e) => !text.includes(e.idNumber)));
    const future = await filer.request<ErrorBody>('PUT', `/api/my-enterprises/${mine.id}/health`, { day: '2099-01-01', entries: healthEntries(mine) });
    assert.deepEqual([future.status, future.body.error.code], [400, 'ENTERPRISE_HEALTH_DAY_INVALID']);
    const staffView = await community.get<HealthReport>(`/api/enterprises/${mine.id}/health?day=${today}`);
    assert.deepEqual([staffView.body.registered, staffView.body.abnormalCount], [true, 1]);
    const audit = await rows<{ actor_id: string }>(env.rt.database.db, sql`select actor_id from audit_log where action = 'enterprise_health.register' and object_id = ${mine.id}`);
    assert.deepEqual(audit.map((a) => a.actor_id), [filerId]);
  });

  it('unlinking ends the filer\'s access at once; a link can be made again', async () => {
    const ended = await community.request<{ items: FilerLink[] }>('DELETE', `/api/enterprises/${mine.id}/filers/${filerId}`);
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.ok(ended.body.items[0]!.revokedAt && ended.body.items[0]!.revokedBy);
    // The same session, the next request: nothing.
    assert.deepEqual((await filer.get<{ items: MyEnterprise[] }>('/api/my-enterprises')).body.items, []);
    assert.equal((await filer.get(`/api/my-enterprises/${mine.id}/health`)).status, 404);
    assert.equal((await filer.request('PUT', `/api/my-enterprises/${mine.id}/health`, { day: today, entries: healthEntries(mine) })).status, 404);
    const [app] = await rows<{ id: string }>(env.rt.database.db, sql`select id from enterprise_application where organization_id = ${mine.id}`);
    assert.equal((await filer.get(`/api/my-enterprises/applications/${app!.id}`)).status, 404);
    // Unlinking again, or from outside the scope: not found.
    assert.equal((await community.request('DELETE', `/api/enterprises/${mine.id}/filers/${filerId}`)).status, 404);
    assert.equal((await community.request('DELETE', `/api/enterprises/${far.id}/filers/${filerId}`)).status, 404);
    const again = await link(community, mine.id, 'resident1');
    assert.equal(again.status, 201);
    assert.deepEqual(again.body.items.map((l) => l.revokedAt === null), [true, false]);
    assert.equal((await filer.get(`/api/my-enterprises/${mine.id}/health`)).status, 200);
    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where action like 'enterprise_filer.%' order by id`);
    assert.deepEqual(audit.map((a) => a.action), ['enterprise_filer.grant', 'enterprise_filer.revoke', 'enterprise_filer.grant']);
  });
});
