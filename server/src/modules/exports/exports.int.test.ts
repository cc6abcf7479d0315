/**
 * Exports of register lists on a real database: csv and xlsx files of a filtered list (masked,
 * formula cells neutralised, Chinese headers), unmasked exports with a reason, the two-person
 * rule above the configured row count, rejection, permissions, scope, and the audit trail.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { and, asc, eq, ne } from 'drizzle-orm';
import { idCheckChar, maskIdNumber, type ExportJob, type Resident } from '@gridgov/contracts';
import { FULL_ID_NUMBER, FULL_MOBILE, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import type { DemoGrid, DemoRegion } from '../demo/generate-city.js';
import { auditLog } from '../../platform/audit/tables.js';
import { appUser } from '../../platform/accounts/tables.js';
import { actorFromUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { iterateExportRecords } from '../registers/export-source.js';
import { residentSpec } from '../registers/residents.js';
import { exportFileJob } from './build-export-file.js';
import { createExport } from './create-export.js';
import type { ExportDeps } from './deps.js';
import { exportRequest } from './tables.js';

type ErrorBody = { error: { code: string } };

/** A valid ID number (GB 11643) in Wuling district, one per n. */
function idNumber(n: number): string {
  const first17 = `430702198001${10 + n}${100 + n}`;
  return first17 + idCheckChar(first17);
}

const INJECTION = {
  cmd: "=cmd|' /C calc'!A0",
  plus: '+1 城东路 8 号',
  at: '@SUM(1+1)',
  minus: '-2 号楼 301',
};

describe('register exports', () => {
  let env: TestEnv;
  let community: Client;
  let township: Client;
  let county: Client;
  let gw1: Client;
  let handler: Client;
  let otherTownship: Client;
  let grid1: string;
  const people: Record<string, { id: string; idNumber: string; phone: string | null }> = {};
  const ids: Record<string, string> = {};

  async function addResident(client: Client, key: string, gridId: string, fields: { name: string; address?: string; phone?: string; tags?: string[]; kind?: string }, n: number) {
    const res = await client.post<Resident>('/api/residents', { gridId, kind: 'registered', idNumber: idNumber(n), ...fields });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    people[key] = { id: res.body.id, idNumber: idNumber(n), phone: fields.phone ?? null };
  }

  /** The raw download (the harness client reads bodies as text). */
  async function download(client: Client, id: string) {
    return env.rt.app.inject({ method: 'GET', url: `/api/exports/${id}/file`, headers: { cookie: client.sessionCookie ?? '' } });
  }

  function csvRows(body: Buffer): string[][] {
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    return parse(body.subarray(3).toString('utf8'), { relaxColumnCount: false }) as string[][];
  }

  async function xlsxRows(body: Buffer): Promise<{ name: string; rows: (string | number | null)[][] }> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: (string | number | null)[][] = [];
    sheet.eachRow((row) => {
      const values: (string | number | null)[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const v = row.getCell(c).value;
        values.push(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      }
      rows.push(values);
    });
    return { name: sheet.name, rows };
  }

  /** Data rows as objects by header. */
  function byHeader(rows: readonly (readonly (string | number | null)[])[]): Record<string, string | number | null>[] {
    const [header, ...data] = rows;
    return data.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i] === '' ? null : (r[i] ?? null)])));
  }

  async function auditActions(id: string): Promise<{ action: string; actorName: string | null; details: unknown }[]> {
    return env.rt.database.db
      .select({ action: auditLog.action, actorName: auditLog.actorName, details: auditLog.details })
      .from(auditLog)
      // The export's own steps; refused attempts on it (request.refused) are audited too, apart.
      .where(and(eq(auditLog.objectType, 'export'), eq(auditLog.objectId, id), ne(auditLog.action, 'request.refused')))
      .orderBy(asc(auditLog.id));
  }

  before(async () => {
    env = await startTestEnv({ config: { exportApprovalRows: 3 } });
    const { regions, grids } = env.seed.city;
    const children = (code: string) => regions.filter((r) => r.parentCode === code);
    const gridsIn = (r: DemoRegion): DemoGrid[] => grids.filter((g) => g.regionCode.startsWith(r.code.slice(0, r.level === 'township' ? 9 : 12)));
    const countyCode = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode;
    const [t1, t2] = children(countyCode);
    const [c1, c2] = children(t1!.code);
    assert.equal(env.seed.accounts.find((a) => a.username === 'township_op')!.scopeRegionCode, t1!.code);
    assert.equal(env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode, c1!.code);
    grid1 = env.gridId(gridsIn(c1!)[0]!.code);

    community = await env.login('community_op');
    township = await env.login('township_op');
    county = await env.login('county_op');
    gw1 = await env.login('gw1');
    handler = await env.login('handler');

    // Five residents in the community operator's grid; three of them live alone and carry
    // values that a spreadsheet would run as formulas.
    await addResident(community, 'cmd', grid1, { name: '张伟', address: INJECTION.cmd, phone: '13800000001', tags: ['elderly_alone'] }, 1);
    await addResident(community, 'at', grid1, { name: INJECTION.at, address: INJECTION.plus, phone: '13800000002', tags: ['elderly_alone'] }, 2);
    await addResident(community, 'minus', grid1, { name: '李娜', address: INJECTION.minus, tags: ['elderly_alone'] }, 3);
    await addResident(community, 'wang', grid1, { name: '王芳', phone: '13800000004' }, 4);
    await addResident(community, 'zhao', grid1, { name: '赵强' }, 5);
    // One in another community of the same township, one in another township.
    await addResident(township, 'c2', env.gridId(gridsIn(c2!)[0]!.code), { name: '周敏' }, 6);
    await addResident(county, 't2', env.gridId(gridsIn(t2!)[0]!.code), { name: '孙悦', tags: ['elderly_alone'] }, 7);

    // An operator of the other township.
    const secadmin = await env.login('secadmin');
    const created = await secadmin.post('/api/users', { username: 't2_op', displayName: '另一乡镇值班员', role: 'operator', scopeRegionCode: t2!.code, password: 'Neighb0ur#1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    otherTownship = await env.loginChangingPassword('t2_op', 'Neighb0ur#1');
  });
  after(() => env.close());

  /**
   * Each test starts a day later with every account signed in again: a user's exports within
   * 24 hours add up towards the approval threshold (tested in rolling-limits.int.test.ts), and
   * these tests are about one export each.
   */
  beforeEach(async () => {
    env.clock.advance(25 * 60 * 60 * 1000);
    community = await env.login('community_op');
    township = await env.login('township_op');
    county = await env.login('county_op');
    gw1 = await env.login('gw1');
    handler = await env.login('handler');
    otherTownship = await env.login('t2_op', 'Neighb0ur#1-Own9');
  });

  it('exports a filtered list as csv: Chinese headers, masked values, formula cells neutralised', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv', filters: { tag: 'elderly_alone' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'queued');
    assert.equal(res.body.rowCount, 3);
    assert.deepEqual(res.body.filters, { tag: 'elderly_alone' });
    assert.equal(res.body.canDownload, false);
    assert.equal(res.body.canApprove, false);
    ids.csv = res.body.id;
    assert.equal((await community.get<ErrorBody>(`/api/exports/${ids.csv}/file`)).body.error.code, 'EXPORT_STATE', 'not built yet');

    assert.ok((await env.rt.jobs.runDue(100)) >= 1);
    const ready = await community.get<ExportJob>(`/api/exports/${ids.csv}`);
    assert.equal(ready.body.status, 'ready');
    assert.equal(ready.body.canDownload, true);
    assert.ok(ready.body.finishedAt);

    const file = await download(community, ids.csv);
    assert.equal(file.statusCode, 200, file.body);
    assert.equal(file.headers['content-type'], 'text/csv; charset=utf-8');
    const disposition = String(file.headers['content-disposition']);
    assert.match(disposition, /^attachment; filename="resident_\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
    assert.match(decodeURIComponent(encoded), /^人口台账_\d{4}-\d{2}-\d{2}\.csv$/);

    const rows = csvRows(file.rawPayload);
    for (const header of ['姓名', '证件号码', '联系电话', '网格', '现住址', '标签']) assert.ok(rows[0]!.includes(header), `header ${header}`);
    const data = byHeader(rows);
    assert.equal(data.length, 3);
    const cmd = data.find((r) => r['姓名'] === '张伟')!;
    assert.equal(cmd['证件号码'], maskIdNumber(people.cmd!.idNumber));
    assert.equal(cmd['联系电话'], '138****0001');
    assert.equal(cmd['现住址'], `'${INJECTION.cmd}`);
    assert.equal(cmd['标签'], '独居老人');
    assert.equal(cmd['证件类型'], '居民身份证');
    const at = data.find((r) => r['姓名'] === `'${INJECTION.at}`)!;
    assert.ok(at, 'a name beginning with @ is neutralised');
    assert.equal(at['现住址'], `'${INJECTION.plus}`);
    assert.equal(data.find((r) => r['姓名'] === '李娜')!['现住址'], `'${INJECTION.minus}`);
    const text = file.rawPayload.toString('utf8');
    assert.ok(!FULL_ID_NUMBER.test(text) && !FULL_MOBILE.test(text), 'a masked export holds no full personal data');

    const after = await community.get<ExportJob>(`/api/exports/${ids.csv}`);
    assert.equal(after.body.downloads, 1);
    assert.deepEqual(
      (await auditActions(ids.csv)).map((a) => a.action),
      ['export.request', 'export.ready', 'export.download'],
    );
  });

  it('exports the same list as xlsx', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'xlsx', filters: { tag: 'elderly_alone' } });
    assert.equal(res.body.status, 'queued');
    await env.rt.jobs.runDue(100);
    const file = await download(community, res.body.id);
    assert.equal(file.statusCode, 200, file.body);
    assert.equal(file.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(file.headers['content-disposition']))![1]!), /^人口台账_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { name, rows } = await xlsxRows(file.rawPayload);
    assert.equal(name, '人口台账');
    assert.deepEqual(rows[0]!.slice(0, 3), ['姓名', '证件类型', '证件号码']);
    const data = byHeader(rows);
    assert.equal(data.length, 3);
    const cmd = data.find((r) => r['姓名'] === '张伟')!;
    assert.equal(cmd['证件号码'], maskIdNumber(people.cmd!.idNumber));
    assert.equal(cmd['联系电话'], '138****0001');
    assert.equal(cmd['现住址'], `'${INJECTION.cmd}`);
    assert.equal(cmd['网格'], (await community.get<Resident>(`/api/residents/${people.cmd!.id}`)).body.gridName);
    assert.equal(data.find((r) => r['姓名'] === `'${INJECTION.at}`)!['现住址'], `'${INJECTION.plus}`);
    assert.equal(data.find((r) => r['姓名'] === '李娜')!['现住址'], `'${INJECTION.minus}`);
    assert.equal(data.find((r) => r['姓名'] === '李娜')!['联系电话'], null);
  });

  it('an unmasked export needs register:unmask and a reason, and holds the full values', async () => {
    const noReason = await community.post<ErrorBody>('/api/exports', { register: 'resident', format: 'csv', filters: { tag: 'elderly_alone' }, unmask: true });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.code, 'VALIDATION_FAILED');
    const nothingToUnmask = await community.post<ErrorBody>('/api/exports', { register: 'building', format: 'csv', unmask: true, reason: '核实楼栋信息' });
    assert.equal(nothingToUnmask.status, 400);

    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv', filters: { tag: 'elderly_alone' }, unmask: true, reason: '向民政部门报送独居老人名单' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.unmask, true);
    assert.equal(res.body.reason, '向民政部门报送独居老人名单');
    await env.rt.jobs.runDue(100);
    const file = await download(community, res.body.id);
    assert.equal(file.statusCode, 200);
    const data = byHeader(csvRows(file.rawPayload));
    const cmd = data.find((r) => r['姓名'] === '张伟')!;
    assert.equal(cmd['证件号码'], people.cmd!.idNumber);
    assert.equal(cmd['联系电话'], '13800000001');
    assert.equal(data.find((r) => r['姓名'] === `'${INJECTION.at}`)!['联系电话'], '13800000002');
    const [request] = await auditActions(res.body.id);
    assert.equal((request!.details as { reason: string }).reason, '向民政部门报送独居老人名单');

    // An operator without register:unmask (no demo role has export without unmask: take one away).
    const [row] = await env.rt.database.db.select().from(appUser).where(eq(appUser.username, 'community_op'));
    const actor = actorFromUser(row!, null);
    const limited = { ...actor, permissions: actor.permissions.filter((p) => p !== 'register:unmask') };
    const deps: ExportDeps = { db: env.rt.database.db, vault: env.rt.vault, config: env.rt.config, jobs: env.rt.jobs, files: env.rt.kit.files };
    const ctx = { actor: limited, ip: null, requestId: 'test', locale: 'zh-CN' as const, clock: env.clock };
    await assert.rejects(
      createExport(deps, exportFileJob(deps), ctx, { register: 'resident', format: 'csv', filters: {}, unmask: true, reason: '没有权限也想导出' }),
      (error: unknown) => error instanceof AppError && error.code === 'FORBIDDEN',
    );
  });

  it('refuses roles without register:export', async () => {
    for (const client of [gw1, handler]) {
      const res = await client.post<ErrorBody>('/api/exports', { register: 'resident', format: 'csv' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'FORBIDDEN');
      assert.equal((await client.get('/api/exports')).status, 403);
      assert.equal((await client.get(`/api/exports/${ids.csv}/file`)).status, 403);
    }
  });

  it('above the threshold an export waits for a second person in scope, then downloads', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv' });
    assert.equal(res.status, 201);
    assert.equal(res.body.rowCount, 5);
    assert.equal(res.body.status, 'pending_approval');
    assert.equal(res.body.canApprove, false, 'not for their own export');
    assert.equal(res.body.canDownload, false);
    const id = res.body.id;
    ids.approved = id;

    const self = await community.post<ErrorBody>(`/api/exports/${id}/approve`, { note: '自己批准' });
    assert.equal(self.status, 403);
    assert.equal(self.body.error.code, 'EXPORT_SELF_APPROVAL');
    const early = await community.get<ErrorBody>(`/api/exports/${id}/file`);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'EXPORT_APPROVAL_REQUIRED');
    await env.rt.jobs.runDue(100);
    assert.equal((await community.get<ExportJob>(`/api/exports/${id}`)).body.status, 'pending_approval', 'no file without approval');

    const waiting = await township.get<{ items: ExportJob[] }>('/api/exports?view=approvals&status=pending_approval');
    const mine = waiting.body.items.find((e) => e.id === id)!;
    assert.ok(mine, 'the township operator sees it among approvals');
    assert.equal(mine.canApprove, true);
    assert.equal(mine.requestedByName, env.seed.accounts.find((a) => a.username === 'community_op')!.displayName);
    assert.ok(!(await township.get<{ items: ExportJob[] }>('/api/exports?view=approvals&status=ready')).body.items.some((e) => e.id === id));
    assert.ok(!(await township.get<{ items: ExportJob[] }>('/api/exports')).body.items.some((e) => e.id === id), 'not among the township operator’s own');

    const approved = await township.post<ExportJob>(`/api/exports/${id}/approve`, { note: '同意报送' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'queued');
    assert.equal(approved.body.decisionNote, '同意报送');
    assert.equal(approved.body.decidedByName, env.seed.accounts.find((a) => a.username === 'township_op')!.displayName);
    assert.equal(approved.body.canApprove, false);
    const twice = await county.post<ErrorBody>(`/api/exports/${id}/approve`, {});
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'EXPORT_STATE');

    await env.rt.jobs.runDue(100);
    assert.equal((await township.get<ExportJob>(`/api/exports/${id}`)).body.canDownload, false, 'only the requester downloads');
    assert.equal((await township.get<ErrorBody>(`/api/exports/${id}/file`)).status, 403);
    const file = await download(community, id);
    assert.equal(file.statusCode, 200);
    assert.equal(byHeader(csvRows(file.rawPayload)).length, 5);

    const trail = await auditActions(id);
    assert.deepEqual(trail.map((a) => [a.action, a.actorName]), [
      ['export.request', 'community_op'],
      ['export.approve', 'township_op'],
      ['export.ready', null],
      ['export.download', 'community_op'],
    ]);
    assert.deepEqual((trail[0]!.details as { rowCount: number; filters: unknown }).rowCount, 5);
    assert.equal((trail[1]!.details as { note: string }).note, '同意报送');
  });

  it('a rejected export never gets a file', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'xlsx' });
    assert.equal(res.body.status, 'pending_approval');
    const id = res.body.id;
    const rejected = await county.post<ExportJob>(`/api/exports/${id}/reject`, { note: '数据量过大，请缩小范围' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.status, 'rejected');
    assert.equal(rejected.body.decisionNote, '数据量过大，请缩小范围');
    assert.equal((await township.post<ErrorBody>(`/api/exports/${id}/approve`, {})).body.error.code, 'EXPORT_STATE');
    await env.rt.jobs.runDue(100);
    const file = await community.get<ErrorBody>(`/api/exports/${id}/file`);
    assert.equal(file.status, 409);
    assert.equal(file.body.error.code, 'EXPORT_STATE');
    const own = await community.get<{ items: ExportJob[] }>('/api/exports?status=rejected');
    assert.deepEqual(own.body.items.map((e) => e.id), [id]);
    assert.deepEqual((await auditActions(id)).map((a) => [a.action, a.actorName]), [
      ['export.request', 'community_op'],
      ['export.reject', 'county_op'],
    ]);
  });

  it('an export keeps its requester’s scope: a township sees only its own residents, others not even the export', async () => {
    const res = await township.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv' });
    assert.equal(res.body.rowCount, 6, 'the five of the community and one more of the township, not the other township’s');
    assert.equal(res.body.status, 'pending_approval');
    const id = res.body.id;

    // The other township's operator and a narrower operator cannot see, decide on or download it.
    for (const client of [otherTownship, community]) {
      assert.equal((await client.get(`/api/exports/${id}`)).status, 404);
      assert.equal((await client.post(`/api/exports/${id}/approve`, {})).status, 404);
      assert.equal((await client.post(`/api/exports/${id}/reject`, {})).status, 404);
      assert.equal((await client.get(`/api/exports/${id}/file`)).status, 404);
      assert.ok(!(await client.get<{ items: ExportJob[] }>('/api/exports?view=approvals')).body.items.some((e) => e.id === id));
    }
    // Nor does the other township's operator see the community's exports.
    assert.equal((await otherTownship.get(`/api/exports/${ids.csv}`)).status, 404);

    assert.equal((await county.post<ExportJob>(`/api/exports/${id}/approve`, {})).body.status, 'queued');
    await env.rt.jobs.runDue(100);
    const file = await download(township, id);
    assert.equal(file.statusCode, 200);
    const names = byHeader(csvRows(file.rawPayload)).map((r) => r['姓名']);
    assert.equal(names.length, 6);
    assert.ok(names.includes('周敏'));
    assert.ok(!names.includes('孙悦'));

    // The other township's own export holds only its resident.
    const theirs = await otherTownship.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv' });
    assert.equal(theirs.body.rowCount, 1);
    await env.rt.jobs.runDue(100);
    assert.deepEqual(byHeader(csvRows((await download(otherTownship, theirs.body.id)).rawPayload)).map((r) => r['姓名']), ['孙悦']);
  });

  it('an exact ID-number filter is kept encrypted and shown masked', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv', filters: { idNumber: people.cmd!.idNumber } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.rowCount, 1);
    assert.deepEqual(res.body.filters, { idNumber: maskIdNumber(people.cmd!.idNumber) });
    const [stored] = await env.rt.database.db.select().from(exportRequest).where(eq(exportRequest.id, res.body.id));
    assert.ok(!JSON.stringify(stored!.filters).includes(people.cmd!.idNumber), 'not stored in the clear');
    await env.rt.jobs.runDue(100);
    assert.deepEqual(byHeader(csvRows((await download(community, res.body.id)).rawPayload)).map((r) => r['姓名']), ['张伟']);
  });

  it('audit entries of exports hold no full personal data', async () => {
    const entries = await env.rt.database.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.objectType, 'export'));
    assert.ok(entries.length > 10);
    const text = JSON.stringify(entries);
    assert.ok(!FULL_ID_NUMBER.test(text) && !FULL_MOBILE.test(text));
  });

  it('reads the list a page at a time', async () => {
    const deps = { db: env.rt.database.db, vault: env.rt.vault, config: env.rt.config };
    const [row] = await env.rt.database.db.select().from(appUser).where(eq(appUser.username, 'community_op'));
    const sizes: number[] = [];
    const seen = new Set<string>();
    for await (const page of iterateExportRecords(deps, residentSpec, { regionCode: row!.scopeRegionCode, gridId: null }, {}, 2)) {
      sizes.push(page.rows.length);
      for (const item of page.items) seen.add(item.id);
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.equal(seen.size, 5);
  });

  it('a queued export whose list grew past the threshold waits for approval after all', async () => {
    for (const n of [11, 12, 13]) await addResident(community, `floating${n}`, grid1, { name: `流动${n}`, kind: 'floating' }, n);
    const res = await community.post<ExportJob>('/api/exports', { register: 'resident', format: 'csv', filters: { kind: 'floating' } });
    assert.equal(res.body.status, 'queued');
    assert.equal(res.body.rowCount, 3);
    await addResident(community, 'floating14', grid1, { name: '流动14', kind: 'floating' }, 14);
    await env.rt.jobs.runDue(100);
    const after = await community.get<ExportJob>(`/api/exports/${res.body.id}`);
    assert.equal(after.body.status, 'pending_approval');
    assert.equal(after.body.rowCount, 4);
    assert.deepEqual((await auditActions(res.body.id)).map((a) => a.action), ['export.request', 'export.approval_required']);
  });

  it('a file that cannot be written leaves the export failed, audited', async () => {
    const res = await community.post<ExportJob>('/api/exports', { register: 'venue', format: 'csv' });
    assert.equal(res.body.status, 'queued');
    // Something in the way of the file: a folder where the file is to go.
    fs.mkdirSync(path.join(env.rt.config.filesDir, 'exports', `${res.body.id}.csv`, 'in-the-way'), { recursive: true });
    await env.rt.jobs.runDue(100);
    const after = await community.get<ExportJob>(`/api/exports/${res.body.id}`);
    assert.equal(after.body.status, 'failed');
    assert.equal(after.body.canDownload, false);
    assert.equal((await community.get<ErrorBody>(`/api/exports/${res.body.id}/file`)).body.error.code, 'EXPORT_STATE');
    assert.deepEqual((await auditActions(res.body.id)).map((a) => a.action), ['export.request', 'export.fail']);
  });
});
