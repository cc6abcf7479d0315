/**
 * The console frame's reads over HTTP: the account form's grid picker (scope, names only) and its
 * clear 400s, the global search (scope, masking, the unmask budget of an exact ID-number search,
 * the audit of people read), and the menu's to-do counts (each what its list holds).
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { GlobalSearchResult, GridOption, Ticket, TodoCounts } from '@gridgov/contracts';
import { gridCentroid as centroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { appUser } from '../../platform/accounts/tables.js';
import { hashPassword } from '../../platform/auth/password.js';
import { DEMO_PASSWORD, demoTotpSecret } from '../demo/seed-demo.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe('navigation: grid picker, global search, to-do counts', () => {
  let env: TestEnv;
  let secadmin: Client;
  let secTownship: Client;
  let communityOp: Client;
  let countyOp: Client;
  let gw1: Client;
  let gw2: Client;
  let handler: Client;
  let resident: Client;
  let townshipCode: string;
  let ticket: Ticket;

  const grids = () => env.seed.city.grids;
  const countOf = async (table: string, where: string) =>
    Number((await rows<{ n: number }>(env.rt.database.db, sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]!.n);

  before(async () => {
    env = await startTestEnv({ registers: true, config: { unmaskPerHour: 3 } });
    const township = env.seed.city.regions.find((r) => r.level === 'township' && grids()[0]!.regionCode.startsWith(r.code.slice(0, 9)))!;
    townshipCode = township.code;
    // A security admin of one township (created directly, with its own TOTP secret).
    const now = env.clock.now();
    await env.rt.database.db.insert(appUser).values({
      id: randomUUID(), username: 'sec_town', displayName: 'sec_town', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'security_admin',
      scopeRegionCode: township.code, totpSecret: demoTotpSecret('sec_town'), passwordChangedAt: now, createdAt: now, updatedAt: now,
    });
    env.seed.accounts.push({ username: 'sec_town', displayName: 'sec_town', role: 'security_admin', scopeRegionCode: township.code, gridCode: null, totpSecret: demoTotpSecret('sec_town') });
    [secadmin, secTownship, communityOp, countyOp, gw1, gw2, handler, resident] = await Promise.all([
      env.login('secadmin'), env.login('sec_town'), env.login('community_op'), env.login('county_op'),
      env.login('gw1'), env.login('gw2'), env.login('handler'), env.login('resident1'),
    ]);
    const [lon, lat] = centroid(grids()[0]!);
    const reported = await gw1.post<{ ticket: Ticket }>('/api/tickets', {
      description: '井盖缺失，行人容易踩空', lon, lat, categoryId: env.seed.tickets.categoryIds.get('city.manhole')!,
    });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    ticket = reported.body.ticket;
  });
  after(() => env.close());

  describe('the account form\'s grid picker', () => {
    it('lists names and codes of the grids in the admin\'s scope, nothing else', async () => {
      const all = await secTownship.get<{ items: GridOption[] }>('/api/users/grid-options');
      assert.equal(all.status, 200);
      const inTownship = grids().filter((g) => g.regionCode.startsWith(townshipCode.slice(0, 9)));
      assert.equal(all.body.items.length, Math.min(inTownship.length, 30));
      for (const option of all.body.items) {
        assert.deepEqual(Object.keys(option).sort(), ['code', 'id', 'name', 'regionName']);
        assert.ok(option.code.startsWith(townshipCode.slice(0, 9)), `${option.code} is in the township`);
      }
      const outside = grids().find((g) => !g.regionCode.startsWith(townshipCode.slice(0, 9)))!;
      const searched = await secTownship.get<{ items: GridOption[] }>(`/api/users/grid-options?q=${encodeURIComponent(outside.code)}`);
      assert.deepEqual(searched.body.items, [], 'a grid outside the scope is not found by its code');
      const byName = await secadmin.get<{ items: GridOption[] }>(`/api/users/grid-options?q=${encodeURIComponent(outside.name)}`);
      assert.ok(byName.body.items.some((o) => o.id === env.gridId(outside.code)), 'the province admin finds it by name');
    });

    it('is for those who manage accounts only', async () => {
      for (const client of [countyOp, gw1, handler, resident]) assert.equal((await client.get('/api/users/grid-options')).status, 403);
    });

    it('answers a clear 400 for a missing, malformed, unknown or out-of-scope grid, and creates nothing', async () => {
      const outside = grids().find((g) => !g.regionCode.startsWith(townshipCode.slice(0, 9)))!;
      const base = { displayName: '新网格员', role: 'grid_worker', password: 'Gridw0rker#2026' };
      const before = await countOf('app_user', `username like 'new_gw%'`);
      const cases: [string, Record<string, unknown>, string][] = [
        ['new_gw1', {}, 'USER_GRID_INVALID'],
        ['new_gw2', { scopeGridId: 'not-a-uuid' }, 'VALIDATION_FAILED'],
        ['new_gw3', { scopeGridId: randomUUID() }, 'USER_GRID_INVALID'],
        ['new_gw4', { scopeGridId: env.gridId(outside.code) }, 'USER_GRID_INVALID'],
        ['new_gw5', { scopeRegionCode: townshipCode }, 'USER_GRID_INVALID'],
      ];
      for (const [username, more, code] of cases) {
        const zh = await secTownship.post<ErrorBody>('/api/users', { username, ...base, ...more });
        assert.equal(zh.status, 400, `${username}: ${JSON.stringify(zh.body)}`);
        assert.equal(zh.body.error.code, code, username);
        assert.match(zh.body.error.message, /[\u4e00-\u9fa5]/, 'a Chinese message by default');
      }
      const en = await secTownship.request<ErrorBody>('POST', '/api/users', { username: 'new_gw6', ...base, scopeGridId: randomUUID() }, 'en');
      assert.equal(en.body.error.message, 'The grid does not exist or is outside your scope; pick a grid from the list');
      // Other wrong input: a region code for a region role that is not one, a bad role, a bad phone.
      const region = await secTownship.post<ErrorBody>('/api/users', { username: 'new_op1', displayName: 'x', role: 'operator', scopeRegionCode: '999999999999', password: 'Operat0r#2026' });
      assert.deepEqual([region.status, region.body.error.code], [400, 'USER_SCOPE_INVALID']);
      const role = await secTownship.post<ErrorBody>('/api/users', { username: 'new_x1', displayName: 'x', role: 'mayor', scopeRegionCode: townshipCode, password: 'Operat0r#2026' });
      assert.equal(role.status, 400);
      const phone = await secTownship.post<ErrorBody>('/api/users', { username: 'new_gw7', ...base, scopeGridId: env.gridId(grids()[0]!.code), phone: '12' });
      assert.equal(phone.status, 400);
      assert.equal(await countOf('app_user', `username like 'new_%'`), before, 'nothing created');

      const good = await secTownship.post<{ scopeGridName: string }>('/api/users', { username: 'new_gw8', ...base, scopeGridId: env.gridId(grids()[0]!.code) });
      assert.equal(good.status, 201, JSON.stringify(good.body));
      assert.equal(good.body.scopeGridName, grids()[0]!.name);
    });
  });

  describe('global search', () => {
    it('finds a ticket by number for those who may read it, and for nobody else', async () => {
      for (const client of [gw1, communityOp, countyOp]) {
        const res = await client.get<GlobalSearchResult>(`/api/search?q=${ticket.number}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(res.body.tickets?.map((t) => t.id), [ticket.id]);
      }
      // Another grid's worker and a department it was not dispatched to: the same list they would see.
      assert.deepEqual((await gw2.get<GlobalSearchResult>(`/api/search?q=${ticket.number}`)).body.tickets, []);
      const byHandler = await handler.get<GlobalSearchResult>(`/api/search?q=${ticket.number}`);
      assert.deepEqual(byHandler.body.tickets, []);
      assert.equal(byHandler.body.people, undefined, 'a department handler does not search the residents');
      assert.equal((await resident.get(`/api/search?q=${ticket.number}`)).status, 403);
      assert.equal((await secadmin.get(`/api/search?q=${ticket.number}`)).status, 403);
      assert.equal((await gw1.get<ErrorBody>('/api/search?q=x')).status, 400, 'too short');
    });

    it('finds people by name masked and in scope only, each page of people audited like a list', async () => {
      const [mine] = await rows<{ name: string; grid_id: string }>(env.rt.database.db, sql`select name, grid_id from resident where grid_id = ${env.gridId(grids()[0]!.code)} and deleted_at is null limit 1`);
      assert.ok(mine);
      const audits = await countOf('audit_log', `action = 'resident.list'`);
      const own = await gw1.get<GlobalSearchResult>(`/api/search?q=${encodeURIComponent(mine.name)}`);
      assert.equal(own.status, 200);
      assert.equal(own.body.peopleBy, 'name');
      assert.ok(own.body.people!.some((p) => p.name === mine.name));
      for (const p of own.body.people!) assert.match(p.idNumberMasked, /\*/);
      assert.equal(await countOf('audit_log', `action = 'resident.list'`), audits + 1);
      const [elsewhere] = await rows<{ name: string }>(env.rt.database.db, sql`select name from resident where grid_id = ${env.gridId(grids()[1]!.code)} and deleted_at is null and name not in (select name from resident where grid_id = ${env.gridId(grids()[0]!.code)}) limit 1`);
      const other = await gw1.get<GlobalSearchResult>(`/api/search?q=${encodeURIComponent(elsewhere!.name)}`);
      assert.deepEqual(other.body.people, [], 'a resident of another grid is not found');
    });

    it('looks a person up by exact ID number only with the unmask permission, spending the unmask budget like the register', async () => {
      const made = await communityOp.post<{ id: string }>('/api/residents', {
        gridId: env.gridId(grids()[0]!.code), name: '王五', idNumber: '11010519491231002X', kind: 'registered',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const refused = await gw1.get<ErrorBody>('/api/search?q=11010519491231002X');
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'REGISTER_EXACT_SEARCH_FORBIDDEN']);
      const spent = () => countOf('audit_log', `action = 'resident.search'`);
      const before = await spent();
      const found = await communityOp.get<GlobalSearchResult>('/api/search?q=11010519491231002X');
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.equal(found.body.peopleBy, 'idNumber');
      assert.deepEqual(found.body.people?.map((p) => [p.id, p.idNumberMasked]), [[made.body.id, '11**************2X']]);
      assert.equal(found.body.places, undefined, 'an ID number names a person, not a place');
      // Every lookup costs a unit, found or not, until the hour's budget (3 here) is spent.
      assert.equal((await communityOp.get('/api/search?q=440524188001010014')).status, 200);
      assert.equal(await spent(), before + 2);
      assert.equal((await communityOp.get('/api/residents?idNumber=440524188001010014')).status, 200, 'the register spends the same budget');
      const limited = await communityOp.get<ErrorBody>('/api/search?q=11010519491231002X');
      assert.deepEqual([limited.status, limited.body.error.code], [429, 'UNMASK_RATE_LIMITED']);
    });
  });

  describe('what the menu hides, the server refuses', () => {
    it('keeps department handlers out of regions, grids and the registers', async () => {
      const county = env.seed.city.regions.find((r) => r.level === 'county')!;
      for (const url of ['/api/regions', `/api/regions/${county.code}`, '/api/grids', '/api/grids/geojson', '/api/residents', '/api/buildings', '/api/households', '/api/residents/grid-counts']) {
        assert.equal((await handler.get(url)).status, 403, url);
      }
      assert.equal((await handler.get('/api/tickets?view=queue')).status, 200, 'their work stays open to them');
    });
  });

  describe('notifications say what, where and how urgent', () => {
    it('describes a ticket by its category, grid and address, urgency and time limit, for those who may read it', async () => {
      const [lon, lat] = centroid(grids()[0]!);
      const filed = await resident.post<{ ticket: Ticket }>('/api/tickets', {
        description: '楼道里有人堆放易燃杂物，很危险', lon, lat, address: '花源小区3栋', categoryId: env.seed.tickets.categoryIds.get('city.manhole')!,
      });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const told = await gw1.get<{ items: { subjectId: string; title: string; about: { what: string; where: string | null; urgent: boolean; dueAt: string | null } | null }[] }>('/api/notifications');
      const note = told.body.items.find((n) => n.subjectId === filed.body.ticket.id);
      assert.ok(note, 'the grid worker is told of the report in the grid');
      assert.match(note.title, new RegExp(filed.body.ticket.number));
      assert.equal(note.about?.what, filed.body.ticket.categoryName);
      assert.equal(note.about?.where, `${grids()[0]!.name} · 花源小区3栋`);
      assert.equal(note.about?.urgent, filed.body.ticket.emergency);
      assert.equal(note.about?.dueAt, filed.body.ticket.dispatchDueAt);
    });
  });

  describe('to-do counts', () => {
    it('counts what each list holds for the caller, only for the lists they may open', async () => {
      for (const [name, client] of [['gw1', gw1], ['gw2', gw2], ['community_op', communityOp], ['county_op', countyOp], ['handler', handler]] as const) {
        const counts = await client.get<TodoCounts>('/api/todo-counts');
        assert.equal(counts.status, 200);
        const total = async (view: string) => (await client.get<{ total: number }>(`/api/tickets?view=${view}&pageSize=1`)).body.total;
        assert.equal(counts.body.ticketQueue, await total('queue'), `${name} queue`);
        assert.equal(counts.body.ticketsOverdue, await total('overdue'), `${name} overdue`);
        const board = await client.get<{ items: unknown[] }>('/api/summonses?status=open');
        assert.equal(counts.body.summonses, board.body.items.length, `${name} summonses`);
        const notes = await client.get<{ unread: number }>('/api/notifications');
        assert.equal(counts.body.notifications, notes.body.unread, `${name} notifications`);
      }
      const own = await gw1.get<TodoCounts>('/api/todo-counts');
      const other = await gw2.get<TodoCounts>('/api/todo-counts');
      assert.ok((own.body.ticketQueue ?? 0) >= 1, 'the new ticket waits in its grid');
      assert.equal(other.body.ticketQueue, 0, 'and not in the next grid');
      const forResident = await resident.get<TodoCounts>('/api/todo-counts');
      assert.deepEqual(Object.keys(forResident.body), ['notifications']);
      assert.deepEqual(Object.keys((await secadmin.get<TodoCounts>('/api/todo-counts')).body), ['notifications']);
    });
  });
});
