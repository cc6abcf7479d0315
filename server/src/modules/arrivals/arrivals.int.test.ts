/**
 * Arrival screening through the import kit: a checkpoint's xlsx with matched, unmatched and
 * malformed rows goes through upload, preview and run; matched arrivals attach to their
 * residents' grids, unmatched ones stay with the importer's region, malformed rows are in the
 * error report with their reasons and nothing of them is stored; the same file again adds
 * nothing; reads are scoped (grid worker: their grid; a sibling community's operator: none) and
 * audited; a pending arrival is checked once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { ERRORS, maskIdNumber, type ArrivalDetail, type ArrivalSummary, type ImportJob, type ImportPreview } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, idNumber, readXlsx, reportLines, upload, wrongCheckDigit } from '../imports/test-kit.js';

type Page = { items: ArrivalSummary[]; total: number };
interface ErrorBody {
  error: { code: string; message: string };
}

const HEADER = ['序号', '姓名', '证件类型', '证件号码', '联系电话', '交通方式', '车次/航班号/车牌', '车厢', '座位号', '出发地', '到达时间', '卡口/站点'];

describe('arrivals (人员出入境排查)', () => {
  let env: TestEnv;
  let op: Client;
  let gwA: Client;
  let gwB: Client;
  let sibling: Client;
  let gridA: string;
  let gridB: string;
  let opRegion: string;
  let file: Buffer;
  const idA = idNumber('430702', '19800101', '531');
  const idB = idNumber('430702', '19850505', '542');
  const stranger = idNumber('110105', '19491231', '002');
  const idC = idNumber('430702', '19900909', '553');
  let residentA: string;
  let residentB: string;

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const workers = env.seed.accounts.filter((a) => a.role === 'grid_worker' && a.scopeRegionCode === opRegion);
    assert.ok(workers.length >= 2, 'two grid workers in the community');
    gridA = env.gridId(workers[0]!.gridCode!);
    gridB = env.gridId(workers[1]!.gridCode!);
    gwA = await env.login(workers[0]!.username);
    gwB = await env.login(workers[1]!.username);
    const a = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name: '返乡李明', idNumber: idA, kind: 'registered' });
    const b = await op.post<{ id: string }>('/api/residents', { gridId: gridB, name: '返乡王芳', idNumber: idB, kind: 'registered' });
    assert.deepEqual([a.status, b.status], [201, 201], JSON.stringify([a.body, b.body]));
    [residentA, residentB] = [a.body.id, b.body.id];
    // An operator of another community of the same township.
    const township = env.seed.city.regions.find((r) => r.code === opRegion)!.parentCode!;
    const c2 = env.seed.city.regions.find((r) => r.parentCode === township && r.code !== opRegion)!;
    const secadmin = await env.login('secadmin');
    const created = await secadmin.post('/api/users', { username: 'c2_op', displayName: '相邻社区值班员', role: 'operator', scopeRegionCode: c2.code, password: 'Neighb0ur#1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    sibling = await env.loginChangingPassword('c2_op', 'Neighb0ur#1');

    // Yesterday's arrivals, as a checkpoint's list holds them: text times in several forms and a real date-time cell.
    const day = localDate(env.clock.now(), 1);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('到达人员');
    sheet.addRow(['长沙南站到达旅客信息表']);
    sheet.mergeCells(1, 1, 1, HEADER.length);
    sheet.addRow(HEADER);
    sheet.addRow([1, '返乡李明', '身份证', idA, '13812345678', '高铁', 'G1234', '05', '12F', '北京西', `${day} 08:30`, '长沙南站']);
    sheet.addRow([2, '返乡王芳', null, idB, null, '飞机', 'CA1234', null, '23A', '上海', new Date(Date.UTC(y, m - 1, d, 9, 15)), '黄花机场']);
    sheet.addRow([3, '过路张三', '身份证', stranger, '13900001111', '自驾', '湘A12345', null, null, '广州', `${y}年${m}月${d}日 10时05分`, '长潭高速收费站']);
    sheet.addRow([4, '缺时间', '身份证', idNumber('430702', '19700101', '111'), null, '火车', 'K9', null, null, '武汉', null, '长沙站']);
    sheet.addRow([5, '错号码', '身份证', wrongCheckDigit(idNumber('430702', '19700101', '222')), null, '火车', 'K9', null, null, '武汉', `${day} 11:00`, '长沙站']);
    sheet.addRow([6, '坐船来', '身份证', idNumber('430702', '19700101', '333'), null, '轮船', null, null, null, '岳阳', `${day} 12:00`, '城陵矶港']);
    sheet.addRow([7, '返乡李明', '身份证', idA, null, '高铁', 'G1234', '05', '12F', '北京西', `${day} 08:30`, '长沙南站']);
    file = Buffer.from(await workbook.xlsx.writeBuffer());
  });
  after(() => env.close());

  const arrivalCount = async () => (await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from arrival`))[0]!.n;

  async function importFile(by = op): Promise<ImportJob> {
    const uploaded = await upload<ImportJob>(env, by, '长沙南站到达.xlsx', file, 'arrival');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await by.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    const done = await by.get<ImportJob>(`/api/imports/${uploaded.body.id}`);
    assert.equal(done.body.status, 'done', JSON.stringify(done.body));
    return done.body;
  }

  it('offers the template through the import kit, to importers of arrivals only; an unknown kind is a clear 400', async () => {
    const template = await download(env, op, '/api/imports/template?register=arrival');
    assert.equal(template.status, 200);
    assert.deepEqual((await readXlsx(template.body))[0], HEADER.slice(1));
    assert.equal((await gwA.get('/api/imports/template?register=arrival')).status, 403);
    const unknown = await op.get<ErrorBody>('/api/imports/template?register=rocket');
    assert.deepEqual([unknown.status, unknown.body.error.code], [400, 'IMPORT_KIND_UNKNOWN']);
    assert.equal((await upload<ErrorBody>(env, gwA, 'a.xlsx', file, 'arrival')).status, 403);
  });

  it('cross-match of an arrivals file with matched, unmatched and malformed rows', async () => {
    const uploaded = await upload<ImportJob>(env, op, '长沙南站到达.xlsx', file, 'arrival');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal(uploaded.body.register, 'arrival');
    assert.deepEqual(uploaded.body.gridRules, []);
    assert.equal(uploaded.body.totalRows, 7);
    assert.deepEqual(Object.keys(uploaded.body.mapping).sort(), ['arrivedAt', 'carriage', 'checkpoint', 'idNumber', 'idType', 'name', 'origin', 'phone', 'seat', 'transportMode', 'transportNumber']);

    // The dry run: every check of the run, nothing stored, numbers masked.
    const preview = await op.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`)]), [
      [3, []],
      [4, []],
      [5, []],
      [6, ['arrivedAt:IMPORT_CELL_REQUIRED']],
      [7, ['idNumber:ID_NUMBER_INVALID']],
      [8, ['transportMode:IMPORT_CELL_INVALID']],
      [9, ['idNumber:IMPORT_DUPLICATE_ROW']],
    ]);
    assert.deepEqual([preview.body.rows[0]!.values.transportMode, preview.body.rows[0]!.values.idNumber], ['rail', maskIdNumber(idA)]);
    assert.match(preview.body.rows[1]!.values.arrivedAt!, / 09:15$/);
    assert.match(preview.body.rows[2]!.values.arrivedAt!, / 10:05$/);
    assert.equal(await arrivalCount(), 0);
    assert.equal((await op.delete(`/api/imports/${uploaded.body.id}`)).status, 204);

    const job = await importFile();
    assert.deepEqual([job.processedRows, job.createdRows, job.unchangedRows, job.failedRows, job.hasErrorReport], [7, 3, 0, 4, true]);

    // Malformed rows: in the error report (their own cells, 序号 first) with the 原因 column; nothing stored for them.
    const report = await download(env, op, `/api/imports/${job.id}/errors`);
    assert.equal(report.status, 200);
    assert.equal((await readXlsx(report.body))[0]!.at(-1), '原因');
    assert.deepEqual(await reportLines(report.body), [
      ['4', '到达时间:IMPORT_CELL_REQUIRED'],
      ['5', '证件号码:ID_NUMBER_INVALID'],
      ['6', '交通方式:IMPORT_CELL_INVALID'],
      ['7', '证件号码:IMPORT_DUPLICATE_ROW'],
    ]);
    assert.ok(ERRORS.IMPORT_KIND_UNKNOWN);

    const stored = await rows<{ name: string; grid_id: string | null; region_code: string; import_region_code: string; resident_id: string | null; status: string; id_masked: string; id_cipher: Buffer; transport_mode: string; arrived_at: string }>(
      env.rt.database.db,
      sql`select name, grid_id, region_code, import_region_code, resident_id, status, id_masked, id_cipher, transport_mode, arrived_at from arrival order by arrived_at`,
    );
    assert.deepEqual(stored.map((s) => [s.name, s.grid_id, s.resident_id, s.status, s.transport_mode]), [
      ['返乡李明', gridA, residentA, 'pending', 'rail'],
      ['返乡王芳', gridB, residentB, 'pending', 'air'],
      ['过路张三', null, null, 'pending', 'road'],
    ]);
    assert.equal(stored[2]!.region_code, opRegion);
    assert.ok(stored.every((s) => s.import_region_code === opRegion));
    // Kept like residents' ID numbers: encrypted (not the number), a masked copy.
    assert.equal(env.rt.vault.decrypt('id_number', stored[0]!.id_cipher), idA);
    assert.ok(!stored[0]!.id_cipher.toString('latin1').includes(idA));
    assert.equal(stored[0]!.id_masked, maskIdNumber(idA));
    // 08:30 local time, written as text; 09:15 from a date-time cell.
    assert.equal(new Date(stored[0]!.arrived_at).toISOString().slice(11, 16), '00:30');
    assert.equal(new Date(stored[1]!.arrived_at).toISOString().slice(11, 16), '01:15');
    const imported = await rows<{ details: { created: number; matched: number; unmatched: number } }>(env.rt.database.db, sql`select details from audit_log where action = 'arrival.import' and object_id = ${job.id}`);
    assert.deepEqual(imported.map((a) => [a.details.created, a.details.matched, a.details.unmatched]), [[3, 2, 1]]);
  });

  it('the same file again adds no arrival; imported in another community, the counts tell nothing of arrivals kept from it', async () => {
    const again = await importFile();
    assert.deepEqual([again.createdRows, again.unchangedRows, again.failedRows], [0, 3, 4]);
    assert.equal(await arrivalCount(), 3);
    const elsewhere = await importFile(sibling);
    assert.deepEqual([elsewhere.createdRows, elsewhere.unchangedRows, elsewhere.failedRows], [3, 0, 4], 'not "unchanged": that would say these people are on record elsewhere');
    assert.equal(await arrivalCount(), 3);
    assert.equal((await sibling.get<Page>('/api/arrivals')).body.total, 0);
  });

  it('lists are scoped and masked: the operator all three, each grid worker their grid\'s, a sibling community none; reads are audited', async () => {
    const all = await op.get<Page>('/api/arrivals');
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 3);
    assert.deepEqual(all.body.items.map((a) => a.name).sort(), ['过***', '返***', '返***']);
    const unmatched = await op.get<Page>('/api/arrivals?matched=false');
    assert.deepEqual(unmatched.body.items.map((a) => [a.matched, a.gridId, a.transportNumber, a.phoneMasked]), [[false, null, '湘A12345', '139****1111']]);
    assert.equal((await op.get<Page>('/api/arrivals?matched=true&status=pending')).body.total, 2);
    const day = localDate(env.clock.now(), 1);
    assert.equal((await op.get<Page>(`/api/arrivals?from=${day}&to=${day}`)).body.total, 3);
    assert.equal((await op.get<Page>(`/api/arrivals?to=${localDate(env.clock.now(), 2)}`)).body.total, 0);

    const tasksA = await gwA.get<Page>('/api/arrivals?status=pending');
    assert.deepEqual(tasksA.body.items.map((a) => [a.gridId, a.matched, a.idNumberMasked]), [[gridA, true, maskIdNumber(idA)]]);
    const tasksB = await gwB.get<Page>('/api/arrivals');
    assert.deepEqual(tasksB.body.items.map((a) => a.gridId), [gridB]);
    const none = await sibling.get<Page>('/api/arrivals');
    assert.deepEqual([none.status, none.body.total], [200, 0]);

    const [unmatchedId, aId] = [unmatched.body.items[0]!.id, tasksA.body.items[0]!.id];
    assert.equal((await gwA.get(`/api/arrivals/${unmatchedId}`)).status, 404);
    assert.equal((await gwB.get(`/api/arrivals/${aId}`)).status, 404);
    assert.equal((await sibling.get(`/api/arrivals/${aId}`)).status, 404);
    assert.equal((await sibling.get(`/api/arrivals/${unmatchedId}`)).status, 404);
    const one = await gwA.get<ArrivalDetail>(`/api/arrivals/${aId}`);
    assert.deepEqual([one.status, one.body.name, one.body.residentId, one.body.checkpoint], [200, '返乡李明', residentA, '长沙南站']);

    const audit = await rows<{ action: string; object_id: string | null; subject: string | null }>(env.rt.database.db, sql`select action, object_id, subject from audit_log where action in ('arrival.list', 'arrival.read') order by id`);
    assert.equal(audit.filter((a) => a.action === 'arrival.list').length, 9, 'eight here and the sibling\'s empty list after its import');
    assert.deepEqual(audit.filter((a) => a.action === 'arrival.read').map((a) => [a.object_id, a.subject]), [[aId, residentA]]);
  });

  it('a pending arrival is checked once, by its grid\'s worker or an operator in scope', async () => {
    const [a] = (await gwA.get<Page>('/api/arrivals')).body.items;
    const [unmatched] = (await op.get<Page>('/api/arrivals?matched=false')).body.items;
    assert.equal((await gwB.post(`/api/arrivals/${a!.id}/check`, { note: '越权' })).status, 404);
    assert.equal((await sibling.post(`/api/arrivals/${unmatched!.id}/check`, {})).status, 404);
    const checked = await gwA.post<ArrivalDetail>(`/api/arrivals/${a!.id}/check`, { note: '已入户核实，居家健康监测' });
    assert.equal(checked.status, 200, JSON.stringify(checked.body));
    assert.equal(checked.body.status, 'checked');
    assert.equal(checked.body.checkNote, '已入户核实，居家健康监测');
    assert.ok(checked.body.checkedByName);
    const again = await op.post<ErrorBody>(`/api/arrivals/${a!.id}/check`, {});
    assert.deepEqual([again.status, again.body.error.code], [409, 'ARRIVAL_ALREADY_CHECKED']);
    assert.equal((await op.post(`/api/arrivals/${unmatched!.id}/check`, { note: '电话联系，已离开' })).status, 200);
    assert.equal((await gwA.get<Page>('/api/arrivals?status=pending')).body.total, 0);
    const audit = await rows<{ object_id: string }>(env.rt.database.db, sql`select object_id from audit_log where action = 'arrival.check' order by id`);
    assert.deepEqual(audit.map((r) => r.object_id), [a!.id, unmatched!.id]);
  });
  it('a survey campaign over arrivals visits the households of matched arrivals, by origin, and takes arrivals imported while it is open', async () => {
    const household = async (gridId: string, number: string, residentId: string) => {
      const h = await op.post<{ id: string }>('/api/households', { gridId, number, address: `${number}号` });
      assert.equal(h.status, 201, JSON.stringify(h.body));
      assert.equal((await op.post(`/api/households/${h.body.id}/members`, { residentId, relation: 'head' })).status, 200);
      return h.body.id;
    };
    const c = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name: '后到赵六', idNumber: idC, kind: 'registered' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const [hA, hB, hC] = [await household(gridA, 'AR-1', residentA), await household(gridB, 'AR-2', residentB), await household(gridA, 'AR-3', c.body.id)];
    const now = env.clock.now();
    const window = { startsAt: new Date(now.getTime() - 3_600_000).toISOString(), endsAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() };
    const since = new Date(now.getTime() - 3 * 86_400_000).toISOString();
    const campaign = async (name: string, origin?: string) => {
      const made = await op.post<{ id: string }>('/api/survey-campaigns', { name, regionCode: opRegion, formKey: 'epidemic.household_survey', ...window, target: { kind: 'arrivals', since, ...(origin ? { origin } : {}) }, alertRules: [] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal((await op.post(`/api/survey-campaigns/${made.body.id}/open`, { version: 1 })).status, 200);
      return made.body.id;
    };
    const all = await campaign('返乡人员走访');
    const beijing = await campaign('北京返乡人员走访', '北京');
    await env.rt.jobs.runDue(20);
    const tasks = async (id: string) =>
      (await rows<{ household_id: string }>(env.rt.database.db, sql`select household_id from survey_task where campaign_id = ${id}::uuid and kind = 'visit' order by household_number`)).map((t) => t.household_id);
    assert.deepEqual(await tasks(all), [hA, hB], 'the households of both matched arrivals; the unmatched one has none');
    assert.deepEqual(await tasks(beijing), [hA], 'from 北京西 only');

    // A checkpoint's next list while the campaigns are open: 赵六 from 武汉 joins the first campaign only.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('到达人员');
    sheet.addRow(HEADER);
    sheet.addRow([1, '后到赵六', '身份证', idC, null, '高铁', 'G555', '03', '08A', '武汉', `${localDate(now)} 00:10`, '长沙南站']);
    file = Buffer.from(await workbook.xlsx.writeBuffer());
    const job = await importFile();
    assert.deepEqual([job.createdRows, job.failedRows], [1, 0]);
    await env.rt.jobs.runDue(20);
    assert.deepEqual(await tasks(all), [hA, hB, hC]);
    assert.deepEqual(await tasks(beijing), [hA]);
    const progress = await rows<{ total: number }>(env.rt.database.db, sql`select sum(total)::int as total from survey_progress where campaign_id = ${all}::uuid`);
    assert.equal(progress[0]!.total, 3, 'progress counts each household once');
  });
});
