/**
 * The masking and search rules as a whole (docs/personal-data.md): what a role without the
 * unmask right sees of a person cannot be turned back into their ID number or phone. Masks show
 * the first and last two characters and people their birth year only; exact ID-number and phone
 * searches need the unmask right and spend the same per-user budget as unmasks; a write refused
 * as a duplicate answers the same inside and outside the caller's scope and spends it too; and
 * every bulk read of people (a page, a search) leaves one audit entry with its filter and count.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { idCheckChar, type Household, type HistoryEntry, type Resident } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';

const BUDGET = 6;

function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idCheckChar(first17);
}

describe('masking and search rules', () => {
  let env: TestEnv;
  let township: Client;
  let county: Client;
  let gw: Client;
  let ownGrid: string;
  let otherTownshipGrid: string;
  let person: Resident;
  const ids = { own: idNumber('430702', '19850517', '031'), elsewhere: idNumber('430702', '19900101', '042') };

  const audit = (action: string, actorName?: string) =>
    env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), actorName ? eq(auditLog.actorName, actorName) : undefined));

  before(async () => {
    env = await startTestEnv({ config: { unmaskPerHour: BUDGET } });
    township = await env.login('township_op');
    county = await env.login('county_op');
    gw = await env.login('gw1');
    const scope = env.seed.accounts.find((a) => a.username === 'township_op')!.scopeRegionCode;
    const gwGrid = env.seed.accounts.find((a) => a.username === 'gw1')!.gridCode!;
    ownGrid = env.gridId(gwGrid);
    assert.ok(env.seed.city.grids.find((g) => g.code === gwGrid)!.regionCode.startsWith(scope.slice(0, 9)), 'gw1 works in the township');
    otherTownshipGrid = env.gridId(env.seed.city.grids.find((g) => g.regionCode.startsWith(scope.slice(0, 6)) && !g.regionCode.startsWith(scope.slice(0, 9)))!.code);
    const created = await township.post<Resident>('/api/residents', { gridId: ownGrid, name: '李秀英', idNumber: ids.own, phone: '13907365678', kind: 'registered' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    person = created.body;
    const elsewhere = await county.post<Resident>('/api/residents', { gridId: otherTownshipGrid, name: '外乡人', idNumber: ids.elsewhere, kind: 'registered' });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
  });
  after(() => env.close());

  it('shows no digit of the county or the birth date: ID 2+2, birth year only, in lists, details, history and households', async () => {
    const expected = `43**************${ids.own.slice(-2)}`;
    assert.equal(person.idNumberMasked, expected);
    assert.equal(person.birthYear, 1985);
    assert.ok(!('birthDate' in person));
    const detail = await gw.get<Resident>(`/api/residents/${person.id}`);
    assert.deepEqual([detail.body.idNumberMasked, detail.body.birthYear, detail.body.sex, detail.body.phoneMasked], [expected, 1985, 'male', '139****5678']);
    const list = await gw.get<{ items: Resident[] }>(`/api/residents?q=${encodeURIComponent('李秀英')}`);
    assert.deepEqual(list.body.items.map((r) => [r.idNumberMasked, r.birthYear]), [[expected, 1985]]);
    const history = await gw.get<{ items: HistoryEntry[] }>(`/api/residents/${person.id}/history`);
    const changes = history.body.items[0]!.changes;
    assert.deepEqual(changes.find((c) => c.field === 'idMasked'), { field: 'idMasked', from: null, to: expected });
    assert.deepEqual(changes.find((c) => c.field === 'birthDate'), { field: 'birthDate', from: null, to: 1985 });
    const household = await gw.post<Household>('/api/households', { gridId: ownGrid, number: 'MASK-1' });
    const joined = await gw.post<Household>(`/api/households/${household.body.id}/members`, { residentId: person.id, relation: 'head' });
    assert.deepEqual(joined.body.members.map((m) => m.idNumberMasked), [expected]);
  });

  it('refuses exact ID-number and phone searches to a role without the unmask right, whatever they would find', async () => {
    for (const query of [`idNumber=${ids.own}`, 'phone=13907365678', `idNumber=${ids.elsewhere}`, 'idNumber=110105194912310021']) {
      const res = await gw.get<{ error: { code: string } }>(`/api/residents?${query}`);
      assert.equal(res.status, 403, query);
      assert.equal(res.body.error.code, 'REGISTER_EXACT_SEARCH_FORBIDDEN');
    }
  });

  it('answers a duplicate the same inside and outside the scope, and counts it against the unmask budget', async () => {
    const inside = await gw.post<{ error: { code: string; details?: unknown } }>('/api/residents', { gridId: ownGrid, name: '甲', idNumber: ids.own, kind: 'registered' });
    const outside = await gw.post<{ error: { code: string; details?: unknown } }>('/api/residents', { gridId: ownGrid, name: '乙', idNumber: ids.elsewhere, kind: 'registered' });
    for (const res of [inside, outside]) {
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'REGISTER_DUPLICATE');
      assert.equal(res.body.error.details, undefined);
    }
    const charged = await audit('register.duplicate', 'gw1');
    assert.equal(charged.length, 2);
    assert.ok(charged.every((e) => e.outcome === 'denied' && !JSON.stringify(e.details ?? {}).includes(ids.elsewhere.slice(6, 14))));
    // Guessing on: once the budget is spent, writes are refused before they can confirm anything.
    for (let i = 2; i < BUDGET; i++) {
      assert.equal((await gw.post<{ error: { code: string } }>('/api/residents', { gridId: ownGrid, name: '丙', idNumber: ids.elsewhere, kind: 'registered' })).body.error.code, 'REGISTER_DUPLICATE');
    }
    const spent = await gw.post<{ error: { code: string } }>('/api/residents', { gridId: ownGrid, name: '丙', idNumber: ids.elsewhere, kind: 'registered' });
    assert.equal(spent.status, 429);
    assert.equal(spent.body.error.code, 'UNMASK_RATE_LIMITED');
    assert.equal((await audit('register.duplicate', 'gw1')).length, BUDGET);
  });

  it('counts exact searches and unmasks against one budget; a search answers only the caller\'s scope', async () => {
    const own = await township.get<{ items: Resident[]; total: number }>(`/api/residents?idNumber=${ids.own}`);
    assert.deepEqual(own.body.items.map((r) => r.id), [person.id]);
    const outside = await township.get<{ total: number }>(`/api/residents?idNumber=${ids.elsewhere}`);
    assert.equal(outside.body.total, 0);
    const byPhone = await township.get<{ total: number }>('/api/residents?phone=139-0736-5678');
    assert.equal(byPhone.body.total, 1);
    // The searches are audited without the number searched for.
    const searches = await audit('resident.search', 'township_op');
    assert.equal(searches.length, 3);
    assert.ok(searches.every((e) => !JSON.stringify(e.details).includes(ids.own) && !JSON.stringify(e.details).includes('5678')));
    // Three units spent; unmasks take the rest.
    for (let i = 3; i < BUDGET; i++) assert.equal((await township.post(`/api/residents/${person.id}/unmask`, { reason: '核实身份信息', fields: ['idNumber'] })).status, 200);
    const search = await township.get<{ error: { code: string } }>(`/api/residents?phone=13907365678`);
    assert.equal(search.status, 429);
    assert.equal(search.body.error.code, 'UNMASK_RATE_LIMITED');
    assert.equal((await township.post(`/api/residents/${person.id}/unmask`, { reason: '核实身份信息', fields: ['idNumber'] })).status, 429);
    // A refused search is not an answer, and is not audited as one.
    assert.equal((await audit('resident.search', 'township_op')).length, 3);
  });

  it('audits every page of people with its filter and row count; pages of places are not personal reads', async () => {
    const page = await county.get<{ items: Resident[]; total: number }>('/api/residents?tag=low_income&pageSize=5');
    assert.equal(page.status, 200);
    const [entry] = await audit('resident.list', 'county_op');
    assert.ok(entry, 'a page of residents is audited');
    assert.deepEqual(entry.details, { filters: { tag: 'low_income' }, page: 1, pageSize: 5, rows: page.body.items.length, total: page.body.total });
    await county.get('/api/households?pageSize=5');
    assert.equal((await audit('household.list', 'county_op')).length, 1);
    await county.get('/api/organizations?pageSize=5');
    assert.equal((await audit('organization.list', 'county_op')).length, 1);
    await county.get('/api/buildings?pageSize=5');
    assert.equal((await audit('building.list', 'county_op')).length, 0);
  });
});
