import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { tileValue, type DashboardOverview, type KpAccess, type KpDetail, type KpSummary } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { kpIdNumber, makeKeyPerson } from './scope-kit.js';
import { keyPersonRiskSql } from './index.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { actorFromUser } from '../../platform/auth/sessions.js';

const DAY = 86_400_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
interface ErrorBody { error: { code: string; details?: { fields?: { field: string }[] } } }
interface Notification { kind: string; subjectId: string; title: string }

describe('key persons (重点人员)', () => {
  let env: TestEnv;
  let op: Client; // community operator of grid 1's community
  let township: Client;
  let gw1: Client;
  let gw2: Client; // a grid worker of another grid
  let handler: Client;
  let sysadmin: Client;
  let secadmin: Client;
  let resident: Client;
  let grid1: { gridId: string };
  let grid2: { gridId: string };

  before(async () => {
    env = await startTestEnv();
    [op, township, gw1, gw2, handler, sysadmin, secadmin, resident] = (await Promise.all(
      ['community_op', 'township_op', 'gw1', 'gw2', 'handler', 'sysadmin', 'secadmin', 'resident1'].map((u) => env.login(u)),
    )) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client];
    const [g1, g2] = env.seed.city.grids;
    assert.equal(g1!.regionCode, g2!.regionCode, 'gw1 and gw2 work in the same community');
    grid1 = { gridId: env.gridId(g1!.code) };
    grid2 = { gridId: env.gridId(g2!.code) };
  });
  after(() => env.close());

  const db = () => env.rt.database.db;
  /** Moves the manual clock; sessions idle that long have ended, so everyone signs in again. */
  const advance = async (ms: number) => {
    env.clock.advance(ms);
    [op, township, gw1, gw2] = (await Promise.all(['community_op', 'township_op', 'gw1', 'gw2'].map((u) => env.login(u)))) as [Client, Client, Client, Client];
  };
  const read = (c: Client, id: string, purpose?: string) => c.get<KpDetail & ErrorBody>(`/api/keypersons/${id}${purpose ? `?purpose=${encodeURIComponent(purpose)}` : ''}`);

  it('ships the categories as data, each with its form', async () => {
    const res = await op.get<{ items: { code: string; formKey: string; visitDays: Record<string, number> }[] }>('/api/keypersons/categories');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((c) => c.code), ['community_correction', 'released_prisoner', 'drug_rehab', 'mental_disorder', 'key_petitioner', 'key_youth', 'elderly_alone', 'left_behind_child', 'disabled_in_difficulty']);
    assert.deepEqual(res.body.items[0]!.visitDays, { high: 7, medium: 30, low: 90 });
    const form = await op.get<{ definition: { fields: { key: string }[] } }>('/api/forms/keypersons.mental_disorder/versions/1');
    assert.equal(form.status, 200, JSON.stringify(form.body));
    assert.ok(['guardian_name', 'guardian_id', 'onset_date', 'diagnosis', 'incident_count', 'hospital'].every((k) => form.body.definition.fields.some((f) => f.key === k)));
  });

  it('validates the category\'s answers on the server, with the field at fault', async () => {
    const res = await op.post<{ id: string }>('/api/residents', { gridId: grid1.gridId, name: '校验甲', idNumber: kpIdNumber(1975), kind: 'registered' });
    const bad = await op.post<ErrorBody>('/api/keypersons', { residentId: res.body.id, categoryCode: 'mental_disorder', riskLevel: 'high', answers: { guardian_id: '340524198001010013' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
    const level = await op.post<ErrorBody>('/api/keypersons', { residentId: res.body.id, categoryCode: 'elderly_alone', riskLevel: 'low', managementLevel: 'strict', answers: { health: 'good' } });
    assert.deepEqual([level.status, level.body.error.code, level.body.error.details?.fields?.[0]?.field], [400, 'KEYPERSON_MANAGEMENT_LEVEL_INVALID', 'managementLevel']);
    // Grid workers do not enrol.
    assert.equal((await gw1.post('/api/keypersons', { residentId: res.body.id, categoryCode: 'elderly_alone', riskLevel: 'low', answers: { health: 'good' } })).status, 403);
  });

  it('every read needs a purpose and is audited with it; lists are audited; outsiders see nothing', async () => {
    const { id, residentId } = await makeKeyPerson(op, grid1, '邹志强', kpIdNumber(1979));
    const none = await read(op, id);
    assert.deepEqual([none.status, none.body.error.code, none.body.error.details?.fields?.[0]?.field], [400, 'KEYPERSON_PURPOSE_REQUIRED', 'purpose']);
    const opened = await read(op, id, '季度走访核查');
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.name, '邹志强');
    assert.equal(opened.body.categoryCode, 'released_prisoner');
    assert.equal(opened.body.managementLevel, 'normal');
    assert.equal((await read(gw1, id, '走访前查阅')).status, 200);
    const audit = await rows<{ actor_name: string; details: { purpose: string }; subject: string }>(db(), sql`select actor_name, details, subject from audit_log where action = 'key_person.read' and object_id = ${id} and outcome = 'success' order by id`);
    assert.deepEqual(audit.map((a) => a.details.purpose), ['季度走访核查', '走访前查阅']);
    assert.ok(audit.every((a) => a.subject === residentId));

    const list = await op.get<{ items: KpSummary[] }>(`/api/keypersons?category=released_prisoner&purpose=${encodeURIComponent('月度统计')}`);
    assert.ok(list.body.items.some((k) => k.id === id));
    const listed = await rows<{ details: { purpose: string; filters: { category: string } } }>(db(), sql`select details from audit_log where action = 'key_person.list' order by id desc limit 1`);
    assert.deepEqual([listed[0]!.details.purpose, listed[0]!.details.filters.category], ['月度统计', 'released_prisoner']);

    // Another grid's worker: not found, and nothing in lists or counts.
    assert.equal((await read(gw2, id, '查看')).status, 404);
    assert.ok(!(await gw2.get<{ items: KpSummary[] }>('/api/keypersons')).body.items.some((k) => k.id === id));
    assert.ok(!JSON.stringify((await gw2.get('/api/keypersons/stats')).body).includes(grid1.gridId));
    // No permission at all: system admin, security admin, department handler, resident.
    for (const c of [sysadmin, secadmin, handler, resident]) {
      const r = await read(c, id, '查看');
      assert.ok(r.status === 403 || r.status === 404, `${r.status}`);
      assert.equal((await c.get('/api/keypersons')).status, 403);
      assert.ok(!JSON.stringify(r.body).includes('邹志强'));
    }
    const before = (await rows<{ n: number }>(db(), sql`select count(*)::int as n from key_person where id = ${id} and version = 1`))[0]!.n;
    assert.equal((await gw2.post(`/api/keypersons/${id}/visits`, { clientId: randomUUID(), visitedOn: '2026-11-20', way: 'home', findings: '越权' })).status, 404);
    assert.equal(before, 1);
  });

  it('the category never shows in the resident register', async () => {
    const { residentId } = await makeKeyPerson(op, grid1, '隐类乙', kpIdNumber(1981));
    for (const url of [`/api/residents/${residentId}`, `/api/residents?q=${encodeURIComponent('隐类乙')}`, `/api/residents/${residentId}/history`]) {
      const text = JSON.stringify((await op.get(url)).body);
      assert.ok(text.includes('隐类乙') || url.endsWith('history'), url);
      for (const leak of ['released_prisoner', '刑满释放', 'key_person', 'keyperson', '重点']) assert.ok(!text.includes(leak), `${url} shows ${leak}`);
    }
  });

  it('changes the risk level with a reason, keeps the history, and the visit schedule follows', async () => {
    const { id } = await makeKeyPerson(op, grid1, '风险丙', kpIdNumber(1982));
    const start = env.clock.now().getTime();
    let detail = (await read(op, id, '调整前核对')).body;
    assert.equal(detail.visitIntervalDays, 30);
    assert.equal(new Date(detail.nextVisitDue).getTime(), start + 30 * DAY);

    await advance(60_000);
    const noReason = await op.post<ErrorBody>(`/api/keypersons/${id}/change_risk`, { version: 1, riskLevel: 'high' });
    assert.equal(noReason.status, 400);
    assert.equal((await gw1.post(`/api/keypersons/${id}/change_risk`, { version: 1, riskLevel: 'high', reason: '网格员无权' })).status, 403);
    const changed = await op.post<{ version: number }>(`/api/keypersons/${id}/change_risk`, { version: 1, riskLevel: 'high', managementLevel: 'strict', reason: '近期多次酒后滋事' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const stale = await op.post<ErrorBody>(`/api/keypersons/${id}/change_risk`, { version: 1, riskLevel: 'low', reason: '旧版本' });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'KEYPERSON_VERSION_CONFLICT']);
    const same = await op.post<ErrorBody>(`/api/keypersons/${id}/change_risk`, { version: 2, riskLevel: 'high', reason: '无变化' });
    assert.deepEqual([same.status, same.body.error.code], [400, 'KEYPERSON_RISK_UNCHANGED']);

    detail = (await read(op, id, '调整后核对')).body;
    assert.deepEqual([detail.riskLevel, detail.managementLevel, detail.visitIntervalDays], ['high', 'strict', 7]);
    assert.equal(new Date(detail.nextVisitDue).getTime(), start + 7 * DAY);
    const risk = detail.riskHistory.filter((h) => h.field === 'risk');
    assert.deepEqual(risk.map((h) => [h.from, h.to, h.reason]), [['medium', 'high', '近期多次酒后滋事'], [null, 'medium', '建档']]);
    assert.ok(risk[0]!.byName);
    assert.deepEqual(detail.riskHistory.filter((h) => h.field === 'management').map((h) => [h.from, h.to]), [['normal', 'strict'], [null, 'normal']]);
    const audit = await rows<{ details: { from: string; to: string; reason: string } }>(db(), sql`select details from audit_log where action = 'key_person.change_risk' and object_id = ${id}`);
    assert.equal(audit[0]!.details.reason, '近期多次酒后滋事');
  });

  it('a locality overrides a category\'s interval; it applies in its subtree', async () => {
    assert.equal((await op.request('PUT', '/api/keypersons/categories/key_petitioner/visit-days', { high: 3 })).status, 204);
    const cats = await op.get<{ items: { code: string; visitDays: Record<string, number> }[] }>('/api/keypersons/categories');
    assert.equal(cats.body.items.find((c) => c.code === 'key_petitioner')!.visitDays.high, 3);
    assert.equal(cats.body.items.find((c) => c.code === 'released_prisoner')!.visitDays.high, 7);
    const county = await env.login('county_op');
    const above = await county.get<{ items: { code: string; visitDays: Record<string, number> }[] }>('/api/keypersons/categories');
    assert.equal(above.body.items.find((c) => c.code === 'key_petitioner')!.visitDays.high, 7);
    const { id } = await makeKeyPerson(op, grid1, '上访丁', kpIdNumber(1970), { categoryCode: 'key_petitioner', riskLevel: 'high', managementLevel: undefined, answers: { petition_count: 3 } });
    assert.equal((await read(op, id, '核对')).body.visitIntervalDays, 3);
  });

  it('the categories\' editor: a community sets its intervals, only the city switches a category off (then no new archive in it), each change audited with what it was', async () => {
    const patch = (c: Client, code: string, body: unknown) => c.request<ErrorBody>('PATCH', `/api/keypersons/categories/${code}`, body);
    assert.equal((await patch(op, 'elderly_alone', { visitDays: { medium: 14, low: null } })).status, 204);
    const mine = (await op.get<{ items: { code: string; visitDays: Record<string, number> }[] }>('/api/keypersons/categories')).body.items.find((c) => c.code === 'elderly_alone')!;
    assert.deepEqual(mine.visitDays, { high: 7, medium: 14, low: 90 });
    const off = await patch(op, 'elderly_alone', { active: false });
    assert.deepEqual([off.status, off.body.error.code], [403, 'FORBIDDEN']);
    assert.equal((await patch(op, 'nothing_here', { visitDays: { high: 3 } })).body.error.code, 'KEYPERSON_CATEGORY_INVALID');
    assert.equal((await patch(op, 'elderly_alone', { visitDays: { high: 0 } })).status, 400);
    assert.equal((await patch(gw1, 'elderly_alone', { visitDays: { high: 3 } })).status, 403);
    const city = await env.login('city_op');
    assert.equal((await patch(city, 'left_behind_child', { active: false, nameZh: '农村留守儿童' })).status, 204);
    const cats = (await op.get<{ items: { code: string; active: boolean; name: { zh: string } }[] }>('/api/keypersons/categories')).body.items.find((c) => c.code === 'left_behind_child')!;
    assert.deepEqual([cats.active, cats.name.zh], [false, '农村留守儿童']);
    const res = await op.post<{ id: string }>('/api/residents', { gridId: grid1.gridId, name: '停用类', idNumber: kpIdNumber(2015), kind: 'registered', address: '停用类家' });
    const refused = await op.post<ErrorBody>('/api/keypersons', { residentId: res.body.id, categoryCode: 'left_behind_child', riskLevel: 'low', answers: {} });
    assert.equal(refused.body.error.code, 'KEYPERSON_CATEGORY_INVALID');
    const audit = await rows<{ object_id: string; details: Record<string, unknown> }>(db(), sql`select object_id, details from audit_log where action = 'kp_category.update' and object_id in ('elderly_alone', 'left_behind_child') and outcome = 'success' order by id`);
    assert.deepEqual(audit.map((a) => a.object_id), ['elderly_alone', 'left_behind_child']);
    assert.deepEqual(audit[0]!.details.before, { high: null, medium: null, low: null });
    assert.deepEqual(audit[1]!.details.from, { nameZh: '留守儿童', active: true });
    assert.equal((await patch(city, 'left_behind_child', { active: true, nameZh: '留守儿童' })).status, 204);
  });

  it('a grid worker logs a visit once however often the phone sends it; overdue visits alert the worker and the community once per due date', async () => {
    const { id } = await makeKeyPerson(op, grid1, '走访戊', kpIdNumber(1984), { riskLevel: 'high' });
    const photo = await gw1.upload<{ id: string }>('/api/attachments', '走访.png', PNG);
    assert.equal(photo.status, 201);
    const visit = { clientId: randomUUID(), visitedOn: '2026-11-23', way: 'home', findings: '在家，情绪稳定，已就业', lon: 111.69, lat: 29.03, photoIds: [photo.body.id] };
    const first = await gw1.post(`/api/keypersons/${id}/visits`, visit);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal((await gw1.post(`/api/keypersons/${id}/visits`, visit)).status, 200);
    const future = await gw1.post<ErrorBody>(`/api/keypersons/${id}/visits`, { ...visit, clientId: randomUUID(), visitedOn: '2026-12-30' });
    assert.deepEqual([future.status, future.body.error.details?.fields?.[0]?.field], [400, 'visitedOn']);
    let detail = (await read(gw1, id, '走访后核对')).body;
    assert.equal(detail.visits.length, 1);
    assert.equal(detail.visits[0]!.findings, '在家，情绪稳定，已就业');
    assert.deepEqual(detail.visits[0]!.photoIds, [photo.body.id]);
    // The photo is read by whoever may read the archive, and no one else.
    assert.equal((await op.get(`/api/attachments/${photo.body.id}`)).status, 200);
    assert.equal((await gw2.get(`/api/attachments/${photo.body.id}`)).status, 404);
    const visitedAt = new Date(detail.lastVisitAt!).getTime();
    assert.equal(new Date(detail.nextVisitDue).getTime(), visitedAt + 7 * DAY);
    assert.equal(detail.overdue, false);

    // Nothing overdue yet: the timer runs and tells no one.
    const told = async (c: Client) => (await c.get<{ items: Notification[] }>('/api/notifications')).body.items.filter((n) => n.kind === 'key_person.visit_overdue' && n.subjectId === id);
    await advance(16 * 60 * 1000);
    await env.rt.jobs.runDue();
    assert.equal((await told(gw1)).length, 0);

    // Past the due date: the worker of the grid and the community's operator are told, once.
    await advance(8 * DAY);
    await env.rt.jobs.runDue();
    assert.equal((await told(gw1)).length, 1);
    assert.equal((await told(op)).length, 1);
    assert.equal((await told(gw2)).length, 0);
    assert.ok(!(await told(gw1))[0]!.title.includes('走访戊'));
    const overdue = await gw1.get<{ items: KpSummary[] }>('/api/keypersons?overdue=true');
    assert.ok(overdue.body.items.some((k) => k.id === id && k.overdue));
    await advance(16 * 60 * 1000);
    await env.rt.jobs.runDue();
    assert.equal((await told(gw1)).length, 1, 'one alert per missed due date');

    // A visit moves the schedule on; the next missed date alerts again.
    const later = await gw1.post(`/api/keypersons/${id}/visits`, { ...visit, photoIds: [], clientId: randomUUID(), visitedOn: '2026-12-01' });
    assert.equal(later.status, 201, JSON.stringify(later.body));
    detail = (await read(gw1, id, '核对')).body;
    assert.equal(detail.overdue, false);
    await advance(8 * DAY);
    await env.rt.jobs.runDue();
    assert.equal((await told(gw1)).length, 2);
  });

  it('the warning rule keypersons.visits_missed hits just at the threshold and not under it, one hit per person, no names', async () => {
    const rule = env.rt.kit.registry.warningRules.get('keypersons.visits_missed')!;
    assert.ok(rule);
    const { id } = await makeKeyPerson(op, grid1, '漏访己', kpIdNumber(1986), { riskLevel: 'high' });
    const hits = async (minMissed: number) =>
      (await rows<{ key: string; subject_id: string; region_code: string; grid_id: string; evidence: { records: { type: string; id: string }[]; facts: { missed: number; dueDates: string[]; lastVisitAt: string | null } } }>(db(), rule.detect({ minMissed, riskLevels: ['high'] }, env.clock.now()))).filter((h) => h.subject_id === id);
    await advance(13 * DAY);
    assert.equal((await hits(2)).length, 0, 'one missed visit is under the threshold of two');
    await advance(1 * DAY + 1000);
    const at = await hits(2);
    assert.equal(at.length, 1);
    assert.deepEqual(at[0]!.evidence.records, [{ type: 'key_person', id }]);
    assert.equal(at[0]!.evidence.facts.missed, 2);
    assert.equal(at[0]!.evidence.facts.dueDates.length, 2);
    assert.equal(at[0]!.evidence.facts.lastVisitAt, null);
    // The evidence is shown through the module's describer: to a reader who may open the archive, a
    // reference to the archive and its grid (no name or category); to the others, nothing (counted as hidden).
    const describe = env.rt.kit.registry.subjects.get('key_person')!;
    const actorOf = async (username: string) => {
      const user = (await accountByUsername(db(), username))!;
      return actorFromUser(user, null, await env.rt.kit.providers.memberships(db(), user.id));
    };
    const seen = (await describe(db(), await actorOf('gw1'), [id])).get(id);
    assert.ok(seen && seen.what.startsWith('重点人员档案') && seen.where, JSON.stringify(seen));
    assert.ok(!JSON.stringify(seen).includes('漏访己'));
    for (const other of ['gw2', 'handler', 'sysadmin']) assert.equal((await describe(db(), await actorOf(other), [id])).size, 0, other);
    assert.equal(at[0]!.grid_id, grid1.gridId);
    assert.ok(!JSON.stringify(at[0]).includes('漏访己'));
    assert.equal((await rows(db(), rule.detect({ minMissed: 2, riskLevels: ['low'] }, env.clock.now()))).filter((h) => (h as { subject_id: string }).subject_id === id).length, 0);
    // The risk subquery other modules join on.
    const risk = await rows<{ key_person_id: string; risk_level: string; grid_id: string }>(db(), sql`select * from (${keyPersonRiskSql(['high'])}) kp where kp.key_person_id = ${id}`);
    assert.deepEqual(risk.map((r) => [r.risk_level, r.grid_id]), [['high', grid1.gridId]]);
  });

  it('a minor\'s archive opens only with another operator\'s approval, for a limited time', async () => {
    const { id } = await makeKeyPerson(op, grid1, '少年庚', kpIdNumber(2012), { categoryCode: 'key_youth', managementLevel: undefined, answers: { youth_kind: 'dropout' } });
    const locked = await read(op, id, '帮扶回访');
    assert.deepEqual([locked.status, locked.body.error.code], [403, 'KEYPERSON_MINOR_APPROVAL_REQUIRED']);
    const listed = (await op.get<{ items: KpSummary[] }>('/api/keypersons?category=key_youth')).body.items.find((k) => k.id === id)!;
    assert.deepEqual([listed.minor, listed.name], [true, '少**']);

    const asked = await op.post<{ id: string }>(`/api/keypersons/${id}/access-requests`, { purpose: '帮扶回访需查阅监护情况' });
    assert.equal(asked.status, 201);
    const self = await op.post<ErrorBody>(`/api/keypersons/access-requests/${asked.body.id}/approve`, {});
    assert.deepEqual([self.status, self.body.error.code], [403, 'KEYPERSON_ACCESS_SELF']);
    assert.equal((await gw2.post(`/api/keypersons/access-requests/${asked.body.id}/approve`, {})).status, 404);
    const pending = await township.get<{ items: KpAccess[] }>('/api/keypersons/access-requests?status=pending');
    const item = pending.body.items.find((r) => r.id === asked.body.id)!;
    assert.ok(!JSON.stringify(item).includes('少年庚'));
    const approved = await township.post<KpAccess>(`/api/keypersons/access-requests/${asked.body.id}/approve`, {});
    assert.equal(approved.body.status, 'approved');
    assert.equal((await township.post<ErrorBody>(`/api/keypersons/access-requests/${asked.body.id}/approve`, {})).body.error.code, 'KEYPERSON_ACCESS_STATE');

    const opened = await read(op, id, '帮扶回访');
    assert.equal(opened.status, 200);
    assert.equal(opened.body.name, '少年庚');
    // The approval is the requester's only.
    assert.equal((await read(township, id, '顺便看看')).status, 403);
    await advance(25 * 60 * 60 * 1000);
    assert.equal((await read(op, id, '帮扶回访')).status, 403, 'the approval expired');
    const denied = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'key_person.read' and object_id = ${id} and outcome = 'denied'`);
    assert.ok(denied[0]!.n >= 3);
  });

  it('hands a person over to another grid: both sides see it until the receiver confirms, then only the receiver', async () => {
    const { id } = await makeKeyPerson(op, grid1, '迁居辛', kpIdNumber(1988));
    assert.equal((await read(gw2, id, '接收前')).status, 404);
    const bad = await gw1.post<ErrorBody>(`/api/keypersons/${id}/handover`, { version: 1, toGridId: grid1.gridId, reason: '同网格' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'KEYPERSON_GRID_INVALID']);
    const started = await gw1.post<{ status: string; version: number }>(`/api/keypersons/${id}/handover`, { version: 1, toGridId: grid2.gridId, reason: '搬迁至新网格居住' });
    assert.deepEqual([started.status, started.body.status], [200, 'handover']);
    const waiting = await read(gw2, id, '确认接收前核对');
    assert.equal(waiting.status, 200);
    assert.deepEqual(waiting.body.actions.sort(), ['accept', 'refuse']);
    assert.equal(waiting.body.handover?.toGridId, grid2.gridId);
    assert.equal((await read(gw1, id, '移交中')).status, 200);
    assert.deepEqual((await read(gw1, id, '移交中')).body.actions, []);
    const told = await gw2.get<{ items: Notification[] }>('/api/notifications');
    assert.ok(told.body.items.some((n) => n.kind === 'key_person.handover_requested' && n.subjectId === id));
    // The sender may not confirm its own hand-over.
    assert.equal((await gw1.post(`/api/keypersons/${id}/accept`, { version: 2 })).status, 403);

    const refused = await gw2.post<{ status: string }>(`/api/keypersons/${id}/refuse`, { version: 2, note: '实际未迁入' });
    assert.equal(refused.body.status, 'active');
    assert.equal((await read(gw2, id, '拒收后')).status, 404);
    await gw1.post(`/api/keypersons/${id}/handover`, { version: 3, toGridId: grid2.gridId, reason: '已确认迁入' });
    const accepted = await gw2.post<{ status: string }>(`/api/keypersons/${id}/accept`, { version: 4, note: '已接收' });
    assert.equal(accepted.body.status, 'active');
    assert.equal((await read(gw1, id, '移交后')).status, 404);
    const now = await read(gw2, id, '接收后');
    assert.equal(now.body.gridId, grid2.gridId);
    // The dashboard's figures follow (kept by the trigger, agreeing with the recount), in scope only.
    await foldMetrics(db(), env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(db(), env.rt.kit.registry.metrics), []);
    const opTiles = (await op.get<DashboardOverview>('/api/dashboard/overview')).body.tiles;
    const total = (await rows<{ n: number }>(db(), sql`select count(*)::int as n from key_person where region_code = ${env.seed.city.grids[0]!.regionCode}`))[0]!.n;
    assert.equal(tileValue(opTiles, 'keypersonsManaged'), total, JSON.stringify(opTiles));
    assert.equal(tileValue((await handler.get<DashboardOverview>('/api/dashboard/overview')).body.tiles ?? [], 'keypersonsManaged'), null, 'no tile without the permission');
    const steps = await rows<{ action: string }>(db(), sql`select action from audit_log where object_id = ${id} and action like 'key_person.%' and action <> 'key_person.read' order by id`);
    assert.deepEqual(steps.map((s) => s.action), ['key_person.create', 'key_person.handover', 'key_person.refuse', 'key_person.handover', 'key_person.accept']);
  });
});
