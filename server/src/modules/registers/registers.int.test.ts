/**
 * The registers over HTTP on a real database: create, read (masked), search, update with
 * optimistic concurrency, history, soft delete, links, unmask with reason, and scope.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Household, Resident, Venue } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';

describe('registers', () => {
  let env: TestEnv;
  let op: Client;
  let gw1: Client;
  let gw2: Client;
  let grid1: string;
  let grid2: string;
  const created: Record<string, Resident> = {};

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    gw1 = await env.login('gw1');
    gw2 = await env.login('gw2');
    grid1 = env.gridId(env.seed.city.grids[0]!.code);
    grid2 = env.gridId(env.seed.city.grids[1]!.code);
  });
  after(() => env.close());

  it('creates a resident from an ID card: birth date and sex derived, ID and phone masked', async () => {
    const res = await gw1.post<Resident>('/api/residents', {
      gridId: grid1, name: '张三丰', idNumber: '11010519491231002X', phone: '13812341234', kind: 'registered', tags: ['elderly_alone', 'party_member'],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.idNumberMasked, '11**************2X');
    assert.equal(res.body.phoneMasked, '138****1234');
    assert.equal(res.body.birthYear, 1949);
    assert.equal(res.body.sex, 'female');
    assert.equal(res.body.version, 1);
    created.zhang = res.body;
  });

  it('refuses a wrong check digit, a birth date that disagrees with the number, a bad phone', async () => {
    const bad = await gw1.post<{ error: { code: string; details: { fields: { field: string }[] } } }>('/api/residents', {
      gridId: grid1, name: '李四', idNumber: '340524198001010013', kind: 'registered',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'ID_NUMBER_INVALID');
    assert.equal(bad.body.error.details.fields[0]!.field, 'idNumber');
    const mismatch = await gw1.post<{ error: { code: string } }>('/api/residents', {
      gridId: grid1, name: '李四', idNumber: '440524188001010014', birthDate: '1880-01-02', kind: 'registered',
    });
    assert.equal(mismatch.body.error.code, 'ID_NUMBER_BIRTH_DATE_MISMATCH');
    const phone = await gw1.post<{ error: { code: string } }>('/api/residents', {
      gridId: grid1, name: '李四', idNumber: '440524188001010014', phone: '12345', kind: 'registered',
    });
    assert.equal(phone.body.error.code, 'PHONE_INVALID');
  });

  it('refuses a second resident with the same ID number', async () => {
    const res = await op.post<{ error: { code: string } }>('/api/residents', { gridId: grid1, name: '张三', idNumber: '11010519491231002x', kind: 'registered' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'REGISTER_DUPLICATE');
  });

  it('finds residents by exact ID number and phone, by pinyin initials, by name', async () => {
    const byId = await op.get<{ items: Resident[] }>('/api/residents?idNumber=11010519491231002X');
    assert.deepEqual(byId.body.items.map((r) => r.id), [created.zhang!.id]);
    const byPhone = await op.get<{ items: Resident[] }>('/api/residents?phone=138-1234-1234');
    assert.deepEqual(byPhone.body.items.map((r) => r.id), [created.zhang!.id]);
    const byInitials = await op.get<{ items: Resident[] }>('/api/residents?q=zsf');
    assert.ok(byInitials.body.items.some((r) => r.id === created.zhang!.id));
    const byName = await op.get<{ items: Resident[] }>('/api/residents?q=三丰');
    assert.ok(byName.body.items.some((r) => r.id === created.zhang!.id));
    const byTag = await op.get<{ items: Resident[] }>('/api/residents?tag=elderly_alone');
    assert.deepEqual(byTag.body.items.map((r) => r.id), [created.zhang!.id]);
    // An exact-value search is a sensitive read: audited.
    const audited = await env.rt.database.db.select().from(auditLog).where(eq(auditLog.action, 'resident.search'));
    assert.ok(audited.length >= 2);
  });

  it('updates with the version read; a stale version is a conflict; history shows masked values', async () => {
    const id = created.zhang!.id;
    const ok = await gw1.patch<Resident>(`/api/residents/${id}`, { version: 1, phone: '13912345678', address: '武陵区 城东路 1 号' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.version, 2);
    assert.equal(ok.body.phoneMasked, '139****5678');
    const stale = await op.patch<{ error: { code: string } }>(`/api/residents/${id}`, { version: 1, address: 'x' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'REGISTER_VERSION_CONFLICT');
    const history = await op.get<{ items: { version: number; action: string; changes: { field: string; from: unknown; to: unknown }[] }[] }>(`/api/residents/${id}/history`);
    assert.deepEqual(history.body.items.map((h) => h.action), ['create', 'update']);
    const phoneChange = history.body.items[1]!.changes.find((c) => c.field === 'phoneMasked');
    assert.deepEqual(phoneChange, { field: 'phoneMasked', from: '138****1234', to: '139****5678' });
    assert.ok(!JSON.stringify(history.body).includes('Cipher'));
  });

  it('a grid worker sees and changes only their own grid', async () => {
    const id = created.zhang!.id;
    assert.equal((await gw2.get(`/api/residents/${id}`)).status, 404);
    assert.equal((await gw2.patch(`/api/residents/${id}`, { version: 2, address: 'x' })).status, 404);
    // Without the unmask right an exact search is refused whatever it would find.
    assert.equal((await gw2.get<{ error: { code: string } }>('/api/residents?idNumber=11010519491231002X')).body.error.code, 'REGISTER_EXACT_SEARCH_FORBIDDEN');
    const moved = await gw1.post<{ error: { code: string } }>('/api/residents', { gridId: grid2, name: '王五', idNumber: '440524188001010014', kind: 'registered' });
    assert.equal(moved.body.error.code, 'REGISTER_GRID_INVALID');
  });

  it('unmask needs the permission and a reason, is audited with the reason, and is rate-limited', async () => {
    const id = created.zhang!.id;
    assert.equal((await gw1.post(`/api/residents/${id}/unmask`, { reason: '入户核实身份', fields: ['idNumber'] })).status, 403);
    assert.equal((await op.post(`/api/residents/${id}/unmask`, { reason: '', fields: ['idNumber'] })).status, 400);
    const full = await op.post<{ idNumber: string; phone: string }>(`/api/residents/${id}/unmask`, { reason: '办理低保核实身份', fields: ['idNumber', 'phone'] });
    assert.equal(full.status, 200);
    assert.deepEqual(full.body, { idNumber: '11010519491231002X', phone: '13912345678' });
    const [entry] = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'register.unmask'), eq(auditLog.objectId, id)));
    assert.deepEqual((entry!.details as { reason: string }).reason, '办理低保核实身份');
    const limit = env.rt.config.unmaskPerHour;
    // The same budget paid for the refused duplicate and the two exact searches above.
    const spentBefore = 3;
    for (let i = 1 + spentBefore; i < limit; i++) assert.equal((await op.post(`/api/residents/${id}/unmask`, { reason: '批量核实', fields: ['phone'] })).status, 200);
    const limited = await op.post<{ error: { code: string } }>(`/api/residents/${id}/unmask`, { reason: '批量核实', fields: ['phone'] });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'UNMASK_RATE_LIMITED');
    env.clock.advance(61 * 60 * 1000);
    const relogin = await env.login('community_op');
    assert.equal((await relogin.post(`/api/residents/${id}/unmask`, { reason: '一小时后', fields: ['phone'] })).status, 200);
    op = relogin;
    gw1 = await env.login('gw1');
    gw2 = await env.login('gw2');
  });

  it('households take members, one head, and a resident in one household only', async () => {
    const h1 = await gw1.post<Household>('/api/households', { gridId: grid1, number: 'HH-001', address: '城东路 1 号' });
    assert.equal(h1.status, 201, JSON.stringify(h1.body));
    const added = await gw1.post<Household>(`/api/households/${h1.body.id}/members`, { residentId: created.zhang!.id, relation: 'head' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body.members.map((m) => [m.name, m.relation, m.idNumberMasked]), [['张三丰', 'head', '11**************2X']]);
    assert.equal(added.body.version, 2);
    const other = await gw1.post<Household>('/api/households', { gridId: grid1, number: 'HH-002' });
    const again = await gw1.post<{ error: { code: string } }>(`/api/households/${other.body.id}/members`, { residentId: created.zhang!.id, relation: 'head' });
    assert.equal(again.body.error.code, 'HOUSEHOLD_MEMBER_EXISTS');
    const r = await gw1.get<Resident>(`/api/residents/${created.zhang!.id}`);
    assert.equal(r.body.householdId, h1.body.id);
    const removed = await gw1.delete<Household>(`/api/households/${h1.body.id}/members/${created.zhang!.id}`);
    assert.deepEqual(removed.body.members, []);
  });

  it('buildings, dwellings and venues link up; a venue gets a check-in code; points for the map', async () => {
    const b = await gw1.post<{ id: string }>('/api/buildings', { gridId: grid1, name: '3栋', floors: 6, lon: 111.7, lat: 29.05 });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    const d = await gw1.post<{ id: string; label: string; gridId: string }>('/api/dwellings', { buildingId: b.body.id, unit: '1单元', room: '302', floor: 3 });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    assert.equal(d.body.label, '3栋 1单元 302');
    assert.equal(d.body.gridId, grid1);
    const linked = await gw1.patch<Resident>(`/api/residents/${created.zhang!.id}`, { version: (await gw1.get<Resident>(`/api/residents/${created.zhang!.id}`)).body.version, dwellingId: d.body.id });
    assert.equal(linked.body.dwellingLabel, '3栋 1单元 302');
    assert.equal((await gw1.delete<{ error: { code: string } }>(`/api/buildings/${b.body.id}`)).body.error.code, 'REGISTER_IN_USE');
    const v = await gw1.post<Venue>('/api/venues', { gridId: grid1, name: '城东菜市场', kind: 'market', keyPlace: true, contactPhone: '0736-7251234', lon: 111.71, lat: 29.04 });
    assert.equal(v.status, 201, JSON.stringify(v.body));
    assert.match(v.body.venueCode, /^V[0-9A-Z]{10}$/);
    assert.equal(v.body.contactPhoneMasked, '********1234');
    const points = await op.get<{ items: { id: string }[] }>('/api/venues/points');
    assert.ok(points.body.items.some((p) => p.id === v.body.id));
    assert.equal((await gw2.get<{ items: unknown[] }>('/api/venues/points')).body.items.length, 0);
  });

  it('organisations check the credit code and link employees', async () => {
    const bad = await gw1.post<{ error: { code: string } }>('/api/organizations', { gridId: grid1, name: '某公司', kind: 'enterprise', creditCode: '91350100M000100Y44' });
    assert.equal(bad.body.error.code, 'CREDIT_CODE_INVALID');
    const org = await gw1.post<{ id: string; creditCode: string }>('/api/organizations', { gridId: grid1, name: '常德某科技有限公司', kind: 'enterprise', creditCode: '91350100m000100y43' });
    assert.equal(org.body.creditCode, '91350100M000100Y43');
    const emp = await gw1.post<{ employees: { name: string; isContact: boolean }[] }>(`/api/organizations/${org.body.id}/employees`, { residentId: created.zhang!.id, position: '经理', isContact: true });
    assert.deepEqual(emp.body.employees, [{ residentId: created.zhang!.id, name: '张三丰', position: '经理', isContact: true }]);
  });

  it('soft delete hides the record, keeps its history, and frees the ID number', async () => {
    const id = created.zhang!.id;
    await gw1.patch(`/api/residents/${id}`, { version: (await gw1.get<Resident>(`/api/residents/${id}`)).body.version, dwellingId: null });
    assert.equal((await gw1.delete(`/api/residents/${id}`)).status, 204);
    assert.equal((await gw1.get(`/api/residents/${id}`)).status, 404);
    const again = await gw1.post<Resident>('/api/residents', { gridId: grid1, name: '张三丰', idNumber: '11010519491231002X', kind: 'registered' });
    assert.equal(again.status, 201);
  });
});
