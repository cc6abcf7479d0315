import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { tileValue, type Application, type ApplicationSummary, type DashboardOverview, type HealthReport, type ScreeningRow, type StoppedEnterprise } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { applicationBody, makeEnterprise, type MadeEnterprise } from './test-fixtures.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; code: string }[] } };
}

const DAY = 86_400_000;

describe('enterprises: resumption applications, daily health, stopped reporting, screening', () => {
  let env: TestEnv;
  let township: Client;
  let county: Client;
  let community: Client;
  let worker: Client;
  let neighbour: Client;
  let outsider: Client;
  let outsiderName: string;
  let gridId: string;
  let made: MadeEnterprise;

  before(async () => {
    env = await startTestEnv();
    [township, county, community, worker, neighbour] = await Promise.all([env.login('township_op'), env.login('county_op'), env.login('community_op'), env.login('gw1'), env.login('gw2')]);
    const grid = env.seed.city.grids[0]!;
    gridId = env.gridId(grid.code);
    // A grid worker of another county.
    const countyCode = grid.regionCode.slice(0, 6);
    const far = env.seed.city.grids.findIndex((g) => !g.regionCode.startsWith(countyCode));
    outsiderName = `gw${far + 1}`;
    outsider = await env.login(outsiderName);
    made = await makeEnterprise(community, gridId, '武陵精密机械有限公司', 3);
  });
  after(() => env.close());

  const step = <T = Application>(by: Client, id: string, action: string, body: Record<string, unknown>) => by.post<T>(`/api/enterprise-applications/${id}/${action}`, body);

  it('goes draft, submitted, returned, resubmitted, approved, revoked: each step audited, on the timeline, told to the filer and by SMS to the contact', async () => {
    const today = localDate(env.clock.now());
    const created = await worker.post<Application>('/api/enterprise-applications', applicationBody(made, today));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.deepEqual([created.body.status, created.body.actions], ['draft', ['edit', 'submit']]);
    assert.equal(created.body.staff.length, 3);
    assert.equal(created.body.returningCount, 1);
    // A second open application for the same enterprise is refused with its code.
    const twice = await worker.post<ErrorBody>('/api/enterprise-applications', applicationBody(made, today));
    assert.deepEqual([twice.status, twice.body.error.code], [409, 'ENTERPRISE_APPLICATION_OPEN']);

    // Reviewing a draft is refused with the stable state code, and the draft stays as it was.
    const early = await step<ErrorBody>(township, id, 'approve', { version: 1 });
    assert.deepEqual([early.status, early.body.error.code], [409, 'ENTERPRISE_APPLICATION_STATE']);

    const submitted = await step(worker, id, 'submit', { version: 1 });
    assert.equal(submitted.body.status, 'submitted', JSON.stringify(submitted.body));
    // A grid worker and a community operator may not review; the township may.
    assert.deepEqual(submitted.body.actions, []);
    const byCommunity = await step<ErrorBody>(community, id, 'approve', { version: 2 });
    assert.deepEqual([byCommunity.status, byCommunity.body.error.code], [403, 'FORBIDDEN']);
    const noReason = await step<ErrorBody>(township, id, 'return', { version: 2 });
    assert.deepEqual([noReason.status, noReason.body.error.code], [400, 'VALIDATION_FAILED']);

    const returned = await step(township, id, 'return', { version: 2, note: '防控方案缺少隔离流程' });
    assert.equal(returned.body.status, 'returned');
    // Returned: the filer edits and resubmits.
    const edited = await step(worker, id, 'edit', { version: 3, answers: { ...(created.body.answers as Record<string, unknown>), prevention_plan: '每日两次测温；发现发热员工立即送临时隔离观察室并报告社区。' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.match(String(edited.body.answers.prevention_plan), /隔离观察室/);
    const stale = await step<ErrorBody>(worker, id, 'submit', { version: 3 });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'ENTERPRISE_APPLICATION_VERSION_CONFLICT']);
    const resubmitted = await step(worker, id, 'submit', { version: 4 });
    assert.equal(resubmitted.body.status, 'submitted');

    const approved = await step(county, id, 'approve', { version: 5 });
    assert.equal(approved.body.status, 'approved');
    assert.ok(approved.body.decidedAt);
    assert.deepEqual(approved.body.actions, ['revoke']);
    // An approved one is neither approved nor returned again.
    const again = await step<ErrorBody>(township, id, 'reject', { version: 6, note: '重复' });
    assert.deepEqual([again.status, again.body.error.code], [409, 'ENTERPRISE_APPLICATION_STATE']);

    const revoked = await step(township, id, 'revoke', { version: 6, note: '发现确诊病例' });
    assert.equal(revoked.body.status, 'revoked');
    assert.deepEqual(revoked.body.steps.map((s) => `${s.action}:${s.toStatus}`), ['submit:submitted', 'return:returned', 'edit:returned', 'submit:submitted', 'approve:approved', 'revoke:revoked']);
    assert.equal(revoked.body.steps[1]!.note, '防控方案缺少隔离流程');

    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${id} and action like 'enterprise_application.%' and action <> 'enterprise_application.read_staff' order by id`);
    assert.deepEqual(audit.map((a) => a.action), [
      'enterprise_application.create', 'enterprise_application.submit', 'enterprise_application.return', 'enterprise_application.edit',
      'enterprise_application.submit', 'enterprise_application.approve', 'enterprise_application.revoke',
    ]);
    // The decisions reached the enterprise's contact through the outbox (masked recipient, rendered when sent) and the filer in the console.
    const sms = await rows<{ kind: string; recipient: string }>(env.rt.database.db, sql`select kind, recipient from outbox where channel = 'sms' and subject_id = ${id} order by id`);
    assert.deepEqual(sms.map((s) => s.kind).sort(), ['enterprise_application.approved', 'enterprise_application.returned', 'enterprise_application.revoked']);
    assert.ok(sms.every((s) => s.recipient.includes('*') && !s.recipient.includes(made.employees[0]!.phone)));
    const told = await worker.get<{ items: { kind: string; subjectId: string }[] }>('/api/notifications');
    assert.ok(told.body.items.some((n) => n.kind === 'enterprise_application.approved' && n.subjectId === id), JSON.stringify(told.body));
  });

  it('shows the staff list masked, audits each read, and hides the application outside the viewer\'s scope', async () => {
    const other = await makeEnterprise(community, gridId, '常德丝网印刷厂', 2);
    const created = await community.post<Application>('/api/enterprise-applications', applicationBody(other, localDate(env.clock.now())));
    const id = created.body.id;
    const read = await township.get<Application>(`/api/enterprise-applications/${id}`);
    assert.equal(read.status, 200);
    const text = JSON.stringify(read.body);
    for (const e of other.employees) {
      assert.ok(!text.includes(e.idNumber) && !text.includes(e.phone), 'no full ID number or phone');
      const line = read.body.staff.find((s) => s.residentId === e.id)!;
      assert.match(line.idMasked, /\*/);
      assert.match(line.phoneMasked ?? '', /\*/);
    }
    const reads = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from audit_log where object_id = ${id} and action = 'enterprise_application.read_staff'`);
    assert.equal(reads[0]!.n, 1);
    // Another grid of the community, another county: not found, and not listed.
    assert.equal((await neighbour.get(`/api/enterprise-applications/${id}`)).status, 404);
    assert.equal((await outsider.get(`/api/enterprise-applications/${id}`)).status, 404);
    assert.equal((await step(outsider, id, 'submit', { version: 1 })).status, 404);
    const listed = await outsider.get<{ items: ApplicationSummary[] }>('/api/enterprise-applications');
    assert.ok(!listed.body.items.some((a) => a.id === id));
    assert.ok((await worker.get<{ items: ApplicationSummary[] }>('/api/enterprise-applications')).body.items.some((a) => a.id === id));
    // Staff who are not employees of the enterprise are refused, the field named.
    const stranger = await community.post<ErrorBody>('/api/enterprise-applications', { ...applicationBody(made, localDate(env.clock.now())), organizationId: other.id });
    assert.equal(stranger.status, 400);
    assert.equal(stranger.body.error.code, 'ENTERPRISE_STAFF_INVALID');
    assert.deepEqual(stranger.body.error.details?.fields?.[0], { field: 'staff.0.residentId', code: 'ENTERPRISE_STAFF_INVALID' });
  });

  it('screens enterprises: not screened, ok, an issue raised as a ticket; scoped like a list', async () => {
    const shop = await makeEnterprise(community, gridId, '城东五金加工点', 1);
    const list = (by: Client, status?: string) => by.get<{ items: ScreeningRow[] }>(`/api/enterprise-screening?pageSize=200${status ? `&status=${status}` : ''}`);
    assert.ok((await list(worker, 'not_screened')).body.items.some((r) => r.organizationId === shop.id));
    const put = (by: Client, body: Record<string, unknown>) => by.request<ErrorBody>('PUT', `/api/enterprises/${shop.id}/screening`, body);
    assert.equal((await put(worker, { version: 0, status: 'ok', note: '防疫措施到位' })).status, 200);
    const conflict = await put(worker, { version: 0, status: 'issue', note: '消防通道堵塞' });
    assert.deepEqual([conflict.status, conflict.body.error.code], [409, 'ENTERPRISE_SCREENING_VERSION_CONFLICT']);
    const raised = await put(worker, { version: 1, status: 'issue', note: '消防通道堵塞，员工宿舍超员', raiseTicket: true, categoryId: env.seed.tickets.categoryIds.get('security.fire_risk') });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    const row = (await list(worker, 'issue')).body.items.find((r) => r.organizationId === shop.id);
    assert.equal(row?.status, 'issue');
    assert.match(row?.ticketNumber ?? '', /\d/);
    const tickets = await rows<{ description: string; region_code: string }>(env.rt.database.db, sql`select description, region_code from ticket where origin->>'id' = ${shop.id}`);
    assert.equal(tickets.length, 1);
    assert.match(tickets[0]!.description, /消防通道堵塞/);
    assert.ok(!(await list(worker, 'not_screened')).body.items.some((r) => r.organizationId === shop.id));
    assert.ok(!(await list(outsider)).body.items.some((r) => r.organizationId === shop.id));
    assert.equal((await put(outsider, { version: 2, status: 'ok', note: '越权' })).status, 404);
  });
  it('takes the daily health of a resumed enterprise, flags absent and abnormal staff, lists those that stopped reporting, and counts them on the dashboard', async () => {
    const plant = await makeEnterprise(community, gridId, '鼎城食品加工厂', 3);
    const today = localDate(env.clock.now());
    const created = await community.post<Application>('/api/enterprise-applications', applicationBody(plant, today));
    const id = created.body.id;
    // Not resumed yet: no registration.
    const entries = [
      { residentId: plant.employees[0]!.id, present: true, temperature: 36.6 },
      { residentId: plant.employees[1]!.id, present: true, temperature: 37.8, symptoms: ['cough'] },
      { residentId: plant.employees[2]!.id, present: false, note: '病假' },
    ];
    const early = await worker.request<ErrorBody>('PUT', `/api/enterprises/${plant.id}/health`, { day: today, entries });
    assert.deepEqual([early.status, early.body.error.code], [409, 'ENTERPRISE_NOT_RESUMED']);
    await step(community, id, 'submit', { version: 1 });
    assert.equal((await step(township, id, 'approve', { version: 2 })).body.status, 'approved');

    const saved = await worker.request<HealthReport>('PUT', `/api/enterprises/${plant.id}/health`, { day: today, entries });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual([saved.body.presentCount, saved.body.absentCount, saved.body.abnormalCount], [2, 1, 1]);
    assert.deepEqual(saved.body.entries.map((e) => e.flag), [null, 'abnormal', 'absent']);
    assert.ok(!JSON.stringify(saved.body).includes(plant.employees[0]!.idNumber));
    const future = await worker.request<ErrorBody>('PUT', `/api/enterprises/${plant.id}/health`, { day: localDate(new Date(env.clock.now().getTime() + DAY)), entries });
    assert.deepEqual([future.status, future.body.error.code], [400, 'ENTERPRISE_HEALTH_DAY_INVALID']);
    assert.equal((await outsider.request('PUT', `/api/enterprises/${plant.id}/health`, { day: today, entries })).status, 404);

    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const overview = await township.get<DashboardOverview>('/api/dashboard/overview');
    assert.equal(tileValue(overview.body.tiles, 'enterprisesReporting'), 1, JSON.stringify(overview.body.tiles));
    assert.equal(tileValue(overview.body.tiles, 'enterprisesAbnormalStaff'), 1);
    assert.ok((tileValue(overview.body.tiles, 'enterprisesApproved') ?? 0) >= 1);

    const stopped = (by: Client, days?: number) => by.get<{ items: StoppedEnterprise[]; days: number }>(`/api/enterprise-health/stopped${days ? `?days=${days}` : ''}`);
    // Reported today: not stopped.
    assert.ok(!(await stopped(township)).body.items.some((s) => s.organizationId === plant.id));
    // Three days later with no registration: stopped for the default N (2), not for N = 5.
    env.clock.advance(3 * DAY);
    // Sessions end with the days gone by: sign in again.
    [township, worker, outsider] = await Promise.all([env.login('township_op'), env.login('gw1'), env.login(outsiderName)]);
    const silent = await stopped(township);
    assert.equal(silent.body.days, 2);
    const line = silent.body.items.find((s) => s.organizationId === plant.id);
    assert.deepEqual([line?.lastReportDay, line?.daysSilent], [today, 3]);
    assert.ok(!(await stopped(township, 5)).body.items.some((s) => s.organizationId === plant.id));
    // Outside the scope it is not listed; a registration today takes it off the list.
    assert.ok(!(await stopped(outsider, 1)).body.items.some((s) => s.organizationId === plant.id));
    await worker.request('PUT', `/api/enterprises/${plant.id}/health`, { day: localDate(env.clock.now()), entries });
    assert.ok(!(await stopped(township)).body.items.some((s) => s.organizationId === plant.id));
  });

});
