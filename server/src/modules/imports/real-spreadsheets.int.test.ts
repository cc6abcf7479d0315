/**
 * Spreadsheets as clerks have them: no grid-code column (all rows into one grid of the scope,
 * a grid-name column, an address matched with the buildings register, a point), what Excel does
 * to numbers (full-width digits, +86 and spaced phones, ID numbers in scientific notation), an
 * error report that is fixed in place and uploaded again, unchanged rows counted, and uploads
 * left unstarted deleted by their owner or cleaned up after a day.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { Building, ImportGridRule, ImportJob, ImportPreview, Resident } from '@gridgov/contracts';

interface Page<T> {
  items: T[];
}
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';
import { expireImports } from './expire-imports.js';
import { importFiles } from './deps.js';
import { importJob } from './tables.js';
import { download, idNumber, readXlsx, reasonCodes, upload, xlsxFile, type CellInput } from './test-kit.js';

const HEADER = ['姓名', '性别', '身份证号', '联系电话', '住址'];

describe('real spreadsheets', () => {
  let env: TestEnv;
  let op: Client;
  let own: { id: string; code: string; name: string; boundary: { coordinates: number[][][] } };
  let own2: { id: string; code: string; name: string };
  let other: { id: string; code: string; name: string };

  async function uploaded(file: Buffer, name = '居民.xlsx', register = 'resident'): Promise<ImportJob> {
    const res = await upload<ImportJob>(env, op, name, file, register);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  async function run(job: ImportJob, grid: ImportGridRule, mapping = job.mapping): Promise<ImportJob> {
    const started = await op.post<ImportJob>(`/api/imports/${job.id}/start`, { mapping, grid });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    return (await op.get<ImportJob>(`/api/imports/${job.id}`)).body;
  }

  async function residentBy(id: string): Promise<Resident | undefined> {
    return (await op.get<Page<Resident>>(`/api/residents?idNumber=${id}`)).body.items[0];
  }

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    const scope = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const mine = env.seed.city.grids.filter((g) => g.regionCode === scope);
    const theirs = env.seed.city.grids.find((g) => g.regionCode !== scope)!;
    own = { id: env.gridId(mine[0]!.code), code: mine[0]!.code, name: mine[0]!.name, boundary: mine[0]!.boundary };
    own2 = { id: env.gridId(mine[1]!.code), code: mine[1]!.code, name: mine[1]!.name };
    other = { id: env.gridId(theirs.code), code: theirs.code, name: theirs.name };
    // The buildings register the addresses are matched with.
    for (const [gridId, name, address] of [
      [own.id, '幸福里小区3栋', '城东路 18 号'],
      [own2.id, '桃源居1栋', '桃花源路 8 号'],
    ] as const) {
      const res = await op.post<Building>('/api/buildings', { gridId, name, kind: 'residential', address });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(() => env.close());

  it('all rows into one grid of the scope; a grid outside the scope is refused before anything runs', async () => {
    const id = idNumber('430702', '19800101', '301');
    const job = await uploaded(await xlsxFile([HEADER, ['张一', '男', id, '13812340001', '城东路 1 号']]));
    assert.equal(job.mapping.gridCode, undefined, 'the file has no grid-code column');
    assert.deepEqual(job.gridRules, ['code', 'fixed', 'name', 'address']);

    const noRule = await op.post<{ error: { code: string; details: { missingRequired: string[] } } }>(`/api/imports/${job.id}/preview`, { mapping: job.mapping });
    assert.equal(noRule.body.error.code, 'IMPORT_MAPPING_INVALID');
    assert.deepEqual(noRule.body.error.details.missingRequired, ['gridCode']);
    for (const path of ['preview', 'start']) {
      const refused = await op.post<{ error: { code: string; message: string } }>(`/api/imports/${job.id}/${path}`, { mapping: job.mapping, grid: { by: 'fixed', gridId: other.id } });
      assert.equal(refused.status, 400, path);
      assert.equal(refused.body.error.code, 'IMPORT_GRID_OUT_OF_SCOPE');
    }

    const preview = await op.post<ImportPreview>(`/api/imports/${job.id}/preview`, { mapping: job.mapping, grid: { by: 'fixed', gridId: own.id } });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.rows.map((r) => r.errors), [[]]);
    const done = await run(job, { by: 'fixed', gridId: own.id });
    assert.deepEqual([done.status, done.createdRows, done.failedRows], ['done', 1, 0]);
    assert.deepEqual(done.gridRule, { by: 'fixed', gridId: own.id });
    const zhang = await residentBy(id);
    assert.deepEqual([zhang?.gridId, zhang?.kind, zhang?.address], [own.id, 'registered', '城东路 1 号']);
  });

  it('grid from a grid-name column: names in the scope only, an unknown name is a row problem', async () => {
    const ids = [idNumber('430702', '19810101', '311'), idNumber('430702', '19810101', '322'), idNumber('430702', '19810101', '333')];
    const job = await uploaded(
      await xlsxFile([
        ['姓名', '身份证号', '所属网格'],
        ['王一', ids[0]!, own2.name],
        ['王二', ids[1]!, other.name],
        ['王三', ids[2]!, '不存在的网格'],
      ]),
    );
    const done = await run(job, { by: 'name', column: '所属网格' });
    assert.deepEqual([done.createdRows, done.failedRows], [1, 2]);
    assert.equal((await residentBy(ids[0]!))?.gridId, own2.id);
    assert.equal(await residentBy(ids[1]!), undefined, 'nobody lands in a grid outside the scope');
    const report = await readXlsx((await download(env, op, `/api/imports/${done.id}/errors`)).body);
    assert.deepEqual(report.slice(1).map((r) => [r[0], ...reasonCodes(r.at(-1)!)]), [
      ['王二', '所属网格:IMPORT_GRID_NAME_UNMATCHED'],
      ['王三', '所属网格:IMPORT_GRID_NAME_UNMATCHED'],
    ]);
  });

  it('grid from the address matched with the buildings register, or from a point; unmatched rows reported', async () => {
    const ids = [idNumber('430702', '19820101', '341'), idNumber('430702', '19820101', '352'), idNumber('430702', '19820101', '363'), idNumber('430702', '19820101', '374')];
    const ring = own.boundary.coordinates[0]!;
    const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    const job = await uploaded(
      await xlsxFile([
        ['姓名', '身份证号', '住址', '经度', '纬度'],
        ['李一', ids[0]!, '湖南省常德市武陵区城东路18号3单元501', null, null],
        ['李二', ids[1]!, '桃源居1栋 2单元 302', null, null],
        ['李三', ids[2]!, '月亮湾 9 号', null, null],
        ['李四', ids[3]!, '没有登记的地址', String(lon), String(lat)],
      ]),
    );
    const rule: ImportGridRule = { by: 'address', column: '住址', lon: '经度', lat: '纬度' };
    const preview = await op.post<ImportPreview>(`/api/imports/${job.id}/preview`, { mapping: job.mapping, grid: rule });
    assert.deepEqual(preview.body.rows.map((r) => r.errors.map((e) => `${e.column}:${e.code}`)), [[], [], ['住址:IMPORT_ADDRESS_UNMATCHED'], []]);
    assert.deepEqual(preview.body.rows.map((r) => r.values.gridName), [own.name, own2.name, null, own.name], 'the dry run shows the grid each row goes to');
    const done = await run(job, rule);
    assert.deepEqual([done.createdRows, done.failedRows], [3, 1]);
    assert.equal((await residentBy(ids[0]!))?.gridId, own.id);
    assert.equal((await residentBy(ids[1]!))?.gridId, own2.id);
    assert.equal((await residentBy(ids[3]!))?.gridId, own.id, 'the point lies in the grid');
    assert.equal(await residentBy(ids[2]!), undefined);
  });

  it('applies to other registers with a grid (buildings by name column), not to dwellings whose building gives the grid', async () => {
    const job = await uploaded(await xlsxFile([['楼栋名称', '网格'], ['新建1栋', own.name]]), '楼栋.xlsx', 'building');
    const done = await run(job, { by: 'name', column: '网格' });
    assert.deepEqual([done.createdRows, done.failedRows], [1, 0]);
    const dwellings = await uploaded(await xlsxFile([['楼栋', '房号'], ['新建1栋', '101']]), '房屋.xlsx', 'dwelling');
    assert.deepEqual(dwellings.gridRules, ['code']);
    const refused = await op.post<{ error: { code: string } }>(`/api/imports/${dwellings.id}/start`, { mapping: dwellings.mapping, grid: { by: 'fixed', gridId: own.id } });
    assert.equal(refused.body.error.code, 'IMPORT_GRID_RULE_INVALID');
    assert.equal((await op.delete(`/api/imports/${dwellings.id}`)).status, 204);
  });

  it('normalises what Excel produces and refuses ID numbers in scientific notation with a reason to format as text', async () => {
    const ids = [idNumber('430702', '19830101', '381'), idNumber('430702', '19830101', '392'), idNumber('430702', '19830101', '403')];
    const fullWidth = (s: string) => s.replace(/[0-9A-Z+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const job = await uploaded(
      await xlsxFile([
        HEADER,
        ['赵一', '男', fullWidth(ids[0]!), '+86 138 1234 0011', null],
        ['赵二', '女', ` ${ids[1]!.slice(0, 6)} ${ids[1]!.slice(6)} `, fullWidth('+8613812340022'), null],
        ['赵三', '男', ids[2]!, '139-1234-0033', null],
        ['赵四', '男', '4.30702E+17', '13812340044', null],
        ['赵五', '男', 430702198301014000, '13812340055', null],
      ] as CellInput[][]),
    );
    const done = await run(job, { by: 'fixed', gridId: own.id });
    assert.deepEqual([done.createdRows, done.failedRows], [3, 2]);
    assert.equal((await residentBy(ids[0]!))?.phoneMasked, '138****0011');
    assert.equal((await residentBy(ids[1]!))?.phoneMasked, '138****0022');
    assert.equal((await residentBy(ids[2]!))?.phoneMasked, '139****0033');
    const report = await readXlsx((await download(env, op, `/api/imports/${done.id}/errors`)).body);
    assert.deepEqual(report.slice(1).map((r) => [r[0], r[2]]), [['赵四', '4.30702E+17'], ['赵五', '4.30702E+17']]);
    for (const line of report.slice(1)) {
      assert.deepEqual(reasonCodes(line.at(-1)!), ['身份证号:IMPORT_CELL_AS_NUMBER']);
      assert.match(line.at(-1)!, /文本/);
    }
  });

  it('the error report is fixed in place and uploaded again as is; the same rows again count as unchanged', async () => {
    const good = idNumber('430702', '19840101', '411');
    const fixable = idNumber('430702', '19840101', '422');
    const file = await xlsxFile([
      HEADER,
      ['孙一', '男', good, '13812340066', '城东路 2 号'],
      ['孙二', '女', fixable.slice(0, 17), '12345', '城东路 3 号'],
    ]);
    const first = await run(await uploaded(file), { by: 'fixed', gridId: own.id });
    assert.deepEqual([first.createdRows, first.failedRows], [1, 1]);
    const report = await download(env, op, `/api/imports/${first.id}/errors`);
    assert.equal(report.status, 200);
    const [audited] = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'import.error_report'), eq(auditLog.objectId, first.id)));
    assert.ok(audited, 'the download of a report with personal data is audited');

    // The clerk fixes the two cells in the report itself and uploads that file.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as string[]).slice(1), [...HEADER, '原因']);
    sheet.getCell('C2').value = fixable;
    sheet.getCell('D2').value = '13812340077';
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const again = await uploaded(fixed, '居民-errors.xlsx');
    assert.deepEqual(again.columns, [...HEADER, '原因']);
    const second = await run(again, { by: 'fixed', gridId: own.id });
    assert.deepEqual([second.status, second.createdRows, second.failedRows, second.hasErrorReport], ['done', 1, 0, false]);
    assert.equal((await residentBy(fixable))?.phoneMasked, '138****0077');

    // The first file once more: nothing changed, and the history says so.
    const third = await run(await uploaded(file), { by: 'fixed', gridId: own.id });
    assert.deepEqual([third.createdRows, third.updatedRows, third.unchangedRows, third.failedRows], [0, 0, 1, 1]);
    const history = await op.get<Page<ImportJob>>('/api/imports?pageSize=100');
    assert.equal(history.body.items.find((j) => j.id === third.id)?.unchangedRows, 1);
  });

  it('an upload not started is listed, resumed or deleted by its owner, and cleaned up after a day', async () => {
    const file = await xlsxFile([HEADER, ['周一', '男', idNumber('430702', '19850101', '431'), null, null]]);
    const kept = await uploaded(file, '留着.xlsx');
    const dropped = await uploaded(file, '不要了.xlsx');
    const unfinished = await op.get<Page<ImportJob>>('/api/imports?status=uploaded');
    assert.deepEqual(unfinished.body.items.map((j) => j.fileName).sort(), ['不要了.xlsx', '留着.xlsx'].sort());
    assert.ok(unfinished.body.items.every((j) => j.status === 'uploaded'));

    const other = await env.login('county_op');
    assert.equal((await other.delete(`/api/imports/${dropped.id}`)).status, 404, 'someone else cannot delete it');
    assert.equal((await op.delete(`/api/imports/${dropped.id}`)).status, 204);
    assert.equal((await op.get(`/api/imports/${dropped.id}`)).status, 404);
    assert.equal(fs.existsSync(env.rt.kit.files.localPath(importFiles(dropped.id).upload)), false, 'its file is gone');

    const started = await run(await uploaded(file, '开始了.xlsx'), { by: 'fixed', gridId: own.id });
    assert.equal((await op.delete(`/api/imports/${started.id}`)).status, 409, 'a started import keeps its record');

    // A day later the hourly cleanup removes the upload nobody started, and audits it.
    env.clock.advance(25 * 60 * 60 * 1000);
    assert.equal(await expireImports(env.rt.kit, env.rt.database.db, env.clock), 1);
    const [row] = await env.rt.database.db.select().from(importJob).where(eq(importJob.id, kept.id));
    assert.equal(row, undefined);
    assert.equal(fs.existsSync(env.rt.kit.files.localPath(importFiles(kept.id).upload)), false);
    const [audited] = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'import.expire'), eq(auditLog.objectId, kept.id)));
    assert.ok(audited);
    const [finished] = await env.rt.database.db.select().from(importJob).where(eq(importJob.id, started.id));
    assert.equal(finished?.status, 'done', 'finished imports stay in the history');
  });
});
