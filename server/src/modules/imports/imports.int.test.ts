/**
 * Imports over HTTP on a real database: a workbook with good and bad rows gives an exact error
 * report and stores the good rows; the same file again changes nothing; a changed row is an
 * update with history; the preview is a masked dry run; a GB18030 CSV with Chinese headers
 * imports as well as an .xlsx.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, eq, like } from 'drizzle-orm';
import type { ImportJob, ImportPreview, Resident } from '@gridgov/contracts';
import { startTestEnv, FULL_ID_NUMBER, FULL_MOBILE, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';
import { registerHistory, resident } from '../registers/tables.js';
import { download, encodeGb18030, idNumber, readXlsx, reasonCodes, reportLines, upload, wrongCheckDigit, xlsxFile, type CellInput } from './test-kit.js';

const HEADER = ['姓名', '证件类型', '证件号码', '联系电话', '人口类型', '网格编码', '现住址', '标签', '备注'];

describe('imports', () => {
  let env: TestEnv;
  let op: Client;
  let ownGrid: string;
  let ownGrid2: string;
  let otherGrid: string;
  const ids = {
    zhang: idNumber('430702', '19800101', '001'),
    li: idNumber('430702', '19900215', '002'),
    wang: idNumber('430703', '19751111', '013'),
    zhao: idNumber('430702', '20000301', '024'),
  };
  let workbook: Buffer;

  async function runImport(file: Buffer, name = 'residents.xlsx', mapping?: Record<string, string>): Promise<ImportJob> {
    const uploaded = await upload<ImportJob>(env, op, name, file);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await op.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: mapping ?? uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.status, 'queued');
    await env.rt.jobs.runDue();
    const done = await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`);
    assert.equal(done.status, 200);
    return done.body;
  }

  async function historyCount(): Promise<number> {
    const [n] = await env.rt.database.db.select({ n: count() }).from(registerHistory).where(eq(registerHistory.kind, 'resident'));
    return Number(n?.n ?? 0);
  }

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    const scope = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const own = env.seed.city.grids.filter((g) => g.regionCode === scope);
    ownGrid = own[0]!.code;
    ownGrid2 = own[1]!.code;
    otherGrid = env.seed.city.grids.find((g) => g.regionCode !== scope)!.code;
    const rows: CellInput[][] = [
      HEADER,
      ['张三', '居民身份证', ids.zhang, '13812340001', '户籍', ownGrid, '城东路 1 号', '党员、志愿者', null],
      ['李四', null, ids.li, null, '流动', ownGrid2, '城东路 2 号', null, '租住'],
      ['王五', '身份证', wrongCheckDigit(ids.wang), null, '户籍', ownGrid, null, null, null],
      ['赵六', '身份证', '430702198002300011', null, '户籍', ownGrid, null, null, null],
      [null, '身份证', ids.zhao, null, '户籍', ownGrid, null, null, null],
      ['孙七', '身份证', idNumber('430702', '19650505', '035'), null, '户籍', otherGrid, null, null, null],
      ['张三', '身份证', ids.zhang, null, '户籍', ownGrid, null, null, null],
      ['周八', '身份证', idNumber('430702', '19700707', '046'), null, '户籍', ownGrid, null, null, { formula: 'CONCATENATE("a","b")', result: 'ab' }],
      ['吴九', '身份证', idNumber('430702', '19880808', '057'), null, '户籍', ownGrid, 'x'.repeat(5000), null, null],
      ['郑十', '护照', 'E12345678', '0736-7251234', '境外', ownGrid, null, '独居老人', null],
      ['钱一', '身份证', idNumber('430702', '19550505', '068'), '12345', '外来', ownGrid, null, null, null],
      ['冯二', '身份证', idNumber('430702', '19560606', '079'), null, '暂住', ownGrid, null, '不存在的标签', null],
    ];
    workbook = await xlsxFile(rows);
  });
  after(() => env.close());

  it('uploads an .xlsx: header, row count and a suggested mapping from the Chinese headers', async () => {
    const res = await upload<ImportJob>(env, op, '居民.xlsx', workbook);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'uploaded');
    assert.equal(res.body.fileType, 'xlsx');
    assert.deepEqual(res.body.columns, HEADER);
    assert.equal(res.body.totalRows, 12);
    assert.deepEqual(res.body.mapping, {
      name: '姓名', idType: '证件类型', idNumber: '证件号码', phone: '联系电话', kind: '人口类型', gridCode: '网格编码', address: '现住址', tags: '标签', notes: '备注',
    });
    assert.ok(res.body.fields.some((f) => f.field === 'idNumber' && f.required && f.label === '证件号码'));
    const list = await op.get<{ items: ImportJob[] }>('/api/imports');
    assert.equal(list.body.items[0]!.id, res.body.id);
  });

  it('previews the first rows as a dry run: masked values, the same errors, nothing stored', async () => {
    const uploaded = await upload<ImportJob>(env, op, '居民.xlsx', workbook);
    const res = await op.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.checkedRows, 12);
    assert.equal(res.body.failedRows, 9);
    const first = res.body.rows[0]!;
    assert.deepEqual(first.errors, []);
    assert.equal(first.values.idNumber, '43**************' + ids.zhang.slice(-2));
    assert.equal(first.values.phone, '138****0001');
    assert.equal(first.values.tags, 'party_member,volunteer');
    assert.deepEqual(res.body.rows[6]!.errors.map((e) => [e.row, e.column, e.code]), [[8, '证件号码', 'IMPORT_DUPLICATE_ROW']]);
    assert.equal(res.body.rows[6]!.errors[0]!.message, '与第 2 行的证件号码重复');
    const [stored] = await env.rt.database.db.select({ n: count() }).from(resident);
    assert.equal(Number(stored?.n), 0);
    const bad = await op.post<{ error: { code: string } }>(`/api/imports/${uploaded.body.id}/preview`, { mapping: { name: '姓名' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'IMPORT_MAPPING_INVALID');
  });

  it('imports the good rows and reports every bad one: the failed rows as uploaded, with a reason by column', async () => {
    const job = await runImport(workbook);
    assert.equal(job.status, 'done', JSON.stringify(job.failure));
    assert.deepEqual(
      { processed: job.processedRows, created: job.createdRows, updated: job.updatedRows, unchanged: job.unchangedRows, failed: job.failedRows, total: job.totalRows },
      { processed: 12, created: 3, updated: 0, unchanged: 0, failed: 9, total: 12 },
    );
    assert.equal(job.hasErrorReport, true);
    const report = await download(env, op, `/api/imports/${job.id}/errors`);
    assert.equal(report.status, 200);
    assert.match(String(report.headers['content-type']), /spreadsheetml/);
    const rows = await readXlsx(report.body);
    assert.deepEqual(rows[0], [...HEADER, '原因']);
    assert.deepEqual(await reportLines(report.body), [
      ['王五', '证件号码:ID_NUMBER_INVALID'],
      ['赵六', '证件号码:ID_NUMBER_INVALID'],
      ['', '姓名:IMPORT_CELL_REQUIRED'],
      ['孙七', '网格编码:IMPORT_GRID_OUT_OF_SCOPE'],
      ['张三', '证件号码:IMPORT_DUPLICATE_ROW'],
      ['周八', '备注:IMPORT_FORMULA_NOT_ALLOWED'],
      ['吴九', '现住址:IMPORT_CELL_TOO_LONG'],
      ['钱一', '人口类型:IMPORT_CELL_INVALID', '联系电话:PHONE_INVALID'],
      ['冯二', '人口类型:IMPORT_CELL_INVALID', '标签:IMPORT_CELL_INVALID'],
    ]);
    // The failed rows keep their values, so they are fixed in place; the reasons name the file's own columns.
    assert.deepEqual(rows[1]!.slice(0, 3), ['王五', '身份证', wrongCheckDigit(ids.wang)]);
    assert.equal(rows[1]!.at(-1), '证件号码：身份证号码不合法（校验位错误）');
    assert.equal(rows[2]!.at(-1), '证件号码：身份证号码不合法（出生日期不存在）');
    assert.equal(rows[5]!.at(-1), '证件号码：与第 2 行的证件号码重复');
    assert.equal(rows[7]!.at(-1), '现住址：单元格内容超过长度限制（最多 200 个字符）');
    assert.ok(!/[A-Z_]{8,}|idNumber|gridCode/.test(rows.map((r) => r.at(-1)).join('\n')), 'no error codes or field names in the reasons');

    // Good rows are stored and found by ID number; the formula never reached the register.
    const zhang = await op.get<{ items: Resident[]; total: number }>(`/api/residents?idNumber=${ids.zhang}`);
    assert.equal(zhang.body.total, 1);
    assert.deepEqual(
      { name: zhang.body.items[0]!.name, phone: zhang.body.items[0]!.phoneMasked, kind: zhang.body.items[0]!.kind, tags: zhang.body.items[0]!.tags, birth: zhang.body.items[0]!.birthYear },
      { name: '张三', phone: '138****0001', kind: 'registered', tags: ['party_member', 'volunteer'], birth: 1980 },
    );
    const passport = await op.get<{ items: Resident[] }>('/api/residents?idNumber=E12345678');
    assert.equal(passport.body.items[0]?.idType, 'passport');
    assert.equal(passport.body.items[0]?.kind, 'overseas');
    const stored = await env.rt.database.db.select({ importJobId: resident.importJobId, notes: resident.notes }).from(resident);
    assert.equal(stored.length, 3);
    assert.ok(stored.every((r) => r.importJobId === job.id));
    assert.ok(stored.every((r) => r.notes !== 'ab'));
    assert.equal((await op.get<{ total: number }>(`/api/residents?idNumber=${ids.zhao}`)).body.total, 0);

    // One audit entry at the upload, one at the start, one at the end with the counts, one for the report's download, no personal data in any.
    const audits = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, job.id), like(auditLog.action, 'import.%')));
    assert.deepEqual(audits.map((a) => a.action).sort(), ['import.error_report', 'import.finish', 'import.start', 'import.upload']);
    const finish = audits.find((a) => a.action === 'import.finish')!;
    assert.deepEqual(finish.details, {
      register: 'resident', status: 'done', processedRows: 12, createdRows: 3, updatedRows: 0, unchangedRows: 0, failedRows: 9, failure: null,
    });
    const details = JSON.stringify(audits.map((a) => a.details));
    assert.ok(!FULL_ID_NUMBER.test(details) && !FULL_MOBILE.test(details));
  });

  it('running the same file again changes nothing: all unchanged, no new history', async () => {
    const historyBefore = await historyCount();
    const [versionsBefore] = await env.rt.database.db.select({ n: count() }).from(resident).where(eq(resident.version, 1));
    const job = await runImport(workbook);
    assert.equal(job.status, 'done');
    assert.deepEqual([job.createdRows, job.updatedRows, job.unchangedRows, job.failedRows], [0, 0, 3, 9]);
    assert.equal(await historyCount(), historyBefore);
    const [versionsAfter] = await env.rt.database.db.select({ n: count() }).from(resident).where(eq(resident.version, 1));
    assert.equal(Number(versionsAfter?.n), Number(versionsBefore?.n));
  });

  it('a changed row is an update with a masked history entry; unmapped columns are left alone', async () => {
    const file = await xlsxFile([
      ['姓名', '身份证号', '手机号', '人口类型', '网格编码'],
      ['张三', ids.zhang, '13912345678', '户籍', ownGrid2],
      ['李四', ids.li, null, '流动', ownGrid2],
    ]);
    const job = await runImport(file, 'changes.xlsx');
    assert.deepEqual([job.createdRows, job.updatedRows, job.unchangedRows, job.failedRows], [0, 1, 1, 0]);
    const found = await op.get<{ items: Resident[] }>(`/api/residents?idNumber=${ids.zhang}`);
    const zhang = found.body.items[0]!;
    assert.equal(zhang.phoneMasked, '139****5678');
    assert.equal(zhang.gridId, env.gridId(ownGrid2));
    assert.equal(zhang.address, '城东路 1 号', 'address was not in the file');
    assert.deepEqual(zhang.tags, ['party_member', 'volunteer'], 'tags were not in the file');
    assert.equal(zhang.version, 2);
    const history = await op.get<{ items: { action: string; changes: { field: string; from: unknown; to: unknown }[] }[] }>(`/api/residents/${zhang.id}/history`);
    const entry = history.body.items.at(-1)!;
    assert.equal(entry.action, 'import');
    assert.deepEqual(entry.changes.map((c) => c.field).sort(), ['gridId', 'phoneMasked']);
    assert.deepEqual(entry.changes.find((c) => c.field === 'phoneMasked'), { field: 'phoneMasked', from: '138****0001', to: '139****5678' });
  });

  it('imports a GB18030 CSV with Chinese headers (as Excel saves it in China)', async () => {
    const id = idNumber('430702', '19771212', '081');
    const csv = encodeGb18030(`姓名,证件号码,联系电话,人口类型,网格编码,现住址,民族,标签\r\n陈晓明,${id},13700001111,户籍,${ownGrid},"武陵区 桃花源路 8 号, 3 栋",汉族,"留守老人,低保户"\r\n`);
    const job = await runImport(csv, '居民名单.csv');
    assert.equal(job.fileType, 'csv');
    assert.deepEqual(job.columns, ['姓名', '证件号码', '联系电话', '人口类型', '网格编码', '现住址', '民族', '标签']);
    assert.equal(job.status, 'done', JSON.stringify(job.failure));
    assert.deepEqual([job.createdRows, job.failedRows], [1, 0]);
    const found = await op.get<{ items: Resident[] }>(`/api/residents?idNumber=${id}`);
    const chen = found.body.items[0]!;
    assert.deepEqual([chen.name, chen.address, chen.ethnicity, chen.tags], ['陈晓明', '武陵区 桃花源路 8 号, 3 栋', '汉族', ['left_behind_elderly', 'low_income']]);
  });

  it('imports a UTF-8 CSV with a BOM; a CSV cell starting with = is refused, not evaluated', async () => {
    const id = idNumber('430702', '19820202', '092');
    const csv = Buffer.from(`\ufeff姓名,证件号码,人口类型,网格编码,备注\n林一,${id},户籍,${ownGrid},=HYPERLINK("http://x")\n`);
    const job = await runImport(csv, 'utf8.csv');
    assert.deepEqual([job.createdRows, job.failedRows], [0, 1]);
    const rows = await readXlsx((await download(env, op, `/api/imports/${job.id}/errors`)).body);
    assert.deepEqual(rows[1]!.slice(0, 5), ['林一', id, '户籍', ownGrid, '=HYPERLINK("http://x")']);
    assert.deepEqual(reasonCodes(rows[1]!.at(-1)!), ['备注:IMPORT_FORMULA_NOT_ALLOWED']);
  });

  it('refuses to start twice or with a mapping that misses a required field', async () => {
    const uploaded = await upload<ImportJob>(env, op, 'x.xlsx', workbook);
    const missing = await op.post<{ error: { code: string; details: { missingRequired: string[] } } }>(`/api/imports/${uploaded.body.id}/start`, {
      mapping: { name: '姓名', idNumber: '证件号码' },
    });
    assert.equal(missing.body.error.code, 'IMPORT_MAPPING_INVALID');
    assert.deepEqual(missing.body.error.details.missingRequired, ['gridCode']);
    assert.equal((await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);
    const again = await op.post<{ error: { code: string } }>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'IMPORT_STATE');
    await env.rt.jobs.runDue();
  });

  it('serves the template with the Chinese headers', async () => {
    const res = await download(env, op, '/api/imports/template?register=resident');
    assert.equal(res.status, 200);
    const rows = await readXlsx(res.body);
    assert.deepEqual(rows[0]!.slice(0, 6), ['姓名', '证件类型', '证件号码', '联系电话', '人口类型', '网格编码']);
  });
});
