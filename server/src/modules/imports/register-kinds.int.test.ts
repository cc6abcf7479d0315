/**
 * Every register kind imports like residents do: real spreadsheets (a merged title row above
 * Chinese headers, numbers stored as text), a dry run that stores nothing, bad rows reported
 * with their row and field, the same file again changing nothing, references resolved by
 * natural keys (a dwelling's building by name and grid code, a household's head by ID number),
 * and rows outside the importer's scope refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { creditCodeCheckChar, type Building, type Dwelling, type Facility, type Household, type ImportJob, type ImportPreview, type Organization, type Resident, type Venue } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, idNumber, readXlsx, reportLines, upload, xlsxFile, type CellInput } from './test-kit.js';

const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

/** A workbook as offices make them: a merged title row, then the header, then the rows. */
async function titledWorkbook(title: string, rows: CellInput[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, rows[0]!.length);
  for (const row of rows) sheet.addRow(row.map((c) => (c === null ? null : typeof c === 'object' ? { formula: c.formula, result: c.result } : c)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('imports of every register kind', () => {
  let env: TestEnv;
  let op: Client;
  let county: Client;
  let ownGrid: string;
  let otherGrid: string;

  async function importFile(register: string, file: Buffer, name = 'data.xlsx'): Promise<ImportJob> {
    const uploaded = await upload<ImportJob>(env, op, name, file, register);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await op.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    const done = await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`);
    assert.equal(done.body.status, 'done', JSON.stringify(done.body));
    return done.body;
  }

  async function report(job: ImportJob): Promise<string[][]> {
    const res = await download(env, op, `/api/imports/${job.id}/errors`);
    assert.equal(res.status, 200);
    return reportLines(res.body);
  }

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    county = await env.login('county_op');
    const scope = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    ownGrid = env.seed.city.grids.find((g) => g.regionCode === scope)!.code;
    otherGrid = env.seed.city.grids.find((g) => g.regionCode !== scope && g.regionCode.startsWith(scope.slice(0, 6)))!.code;
  });
  after(() => env.close());

  it('buildings: title row skipped, numbers as text, dry run stores nothing, bad rows by row and field, the same file again changes nothing', async () => {
    const rows: CellInput[][] = [
      ['楼栋名称', '楼栋类型', '网格编码', '地址', '层数', '单元数', '经度', '纬度'],
      ['1栋', '住宅', ownGrid, '城东路 1 号', '18', 2, '112.98', '28.19'],
      ['2栋', '商住', ownGrid, null, '６', null, null, null],
      ['3栋', '住宅', ownGrid, null, '十八', null, null, null],
      ['4栋', '宫殿', ownGrid, null, null, null, null, null],
      ['5栋', '住宅', otherGrid, null, null, null, null, null],
      ['1栋', '住宅', ownGrid, null, null, null, null, null],
    ];
    const file = await titledWorkbook('城东社区楼栋信息登记表', rows);
    const uploaded = await upload<ImportJob>(env, op, '楼栋.xlsx', file, 'building');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.deepEqual(uploaded.body.columns, rows[0]);
    assert.equal(uploaded.body.totalRows, 6);
    assert.deepEqual(Object.keys(uploaded.body.mapping).sort(), ['address', 'floors', 'gridCode', 'kind', 'lat', 'lon', 'name', 'units']);

    const preview = await op.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`)]), [
      [3, []],
      [4, []],
      [5, ['floors:IMPORT_CELL_INVALID']],
      [6, ['kind:IMPORT_CELL_INVALID']],
      [7, ['gridCode:IMPORT_GRID_OUT_OF_SCOPE']],
      [8, ['name:IMPORT_DUPLICATE_ROW']],
    ]);
    const before = await op.get<{ total: number }>('/api/buildings?pageSize=1');
    assert.equal(before.body.total, 0, 'the dry run stored nothing');

    const started = await op.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202);
    await env.rt.jobs.runDue();
    const done = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.equal(done.status, 'done');
    assert.deepEqual([done.processedRows, done.createdRows, done.failedRows], [6, 2, 4]);
    const lines = await report(done);
    assert.deepEqual(lines, [
      ['3栋', '层数:IMPORT_CELL_INVALID'],
      ['4栋', '楼栋类型:IMPORT_CELL_INVALID'],
      ['5栋', '网格编码:IMPORT_GRID_OUT_OF_SCOPE'],
      ['1栋', '楼栋名称:IMPORT_DUPLICATE_ROW'],
    ]);
    const list = await op.get<{ items: Building[] }>('/api/buildings?pageSize=50');
    const one = list.body.items.find((b) => b.name === '1栋')!;
    assert.deepEqual([one.kind, one.floors, one.units, one.lon, one.lat, one.address], ['residential', 18, 2, 112.98, 28.19, '城东路 1 号']);
    assert.equal(list.body.items.find((b) => b.name === '2栋')!.kind, 'mixed');
    assert.equal(list.body.items.find((b) => b.name === '2栋')!.floors, 6);

    const again = await importFile('building', file);
    assert.deepEqual([again.createdRows, again.updatedRows, again.unchangedRows], [0, 0, 2]);

    const changed = await importFile('building', await xlsxFile([rows[0]!, ['1栋', '住宅', ownGrid, '城东路 1 号', '20', 2, '112.98', '28.19']]));
    assert.deepEqual([changed.createdRows, changed.updatedRows], [0, 1]);
    const history = await op.get<{ items: Array<{ action: string; changes: Array<{ field: string; from: unknown; to: unknown }> }> }>(`/api/buildings/${one.id}/history`);
    assert.deepEqual(history.body.items.at(-1)!.changes, [{ field: 'floors', from: 18, to: 20 }]);
  });

  it('dwellings name their building by name and grid code; an unknown building is a row error', async () => {
    const job = await importFile(
      'dwelling',
      await xlsxFile([
        ['楼栋', '网格编码', '单元', '楼层', '房号', '面积（㎡）', '用途'],
        ['1栋', ownGrid, '1单元', '3', '301', '89.5', '出租'],
        ['1栋', ownGrid, '1单元', 3, '302', 90, null],
        ['9栋', ownGrid, null, null, '101', null, null],
        ['1栋', ownGrid, '1单元', null, '301', null, null],
      ]),
    );
    assert.deepEqual([job.createdRows, job.failedRows], [2, 2]);
    assert.deepEqual(await report(job), [
      ['9栋', '楼栋:REGISTER_REFERENCE_INVALID'],
      ['1栋', '房号:IMPORT_DUPLICATE_ROW'],
    ]);
    const list = await op.get<{ items: Dwelling[] }>('/api/dwellings?pageSize=50');
    const d = list.body.items.find((x) => x.room === '301')!;
    assert.deepEqual([d.buildingName, d.unit, d.floor, d.area, d.use], ['1栋', '1单元', 3, 89.5, 'rented']);
    assert.equal(list.body.items.find((x) => x.room === '302')!.use, 'owner_occupied');
  });

  it('venues and facilities: words, yes/no, phones protected and masked in the preview, coordinates as text', async () => {
    const venueFile = await xlsxFile([
      ['场所名称', '场所类型', '网格编码', '重点场所', '联系人', '联系电话'],
      ['东门菜市场', '农贸市场', ownGrid, '是', '刘一', '13812345678'],
      ['好再来饭店', '餐饮', ownGrid, '否', null, '12345'],
    ]);
    const uploaded = await upload<ImportJob>(env, op, '场所.xlsx', venueFile, 'venue');
    const preview = await op.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.equal(preview.body.rows[0]!.values.contactPhone, '138****5678');
    assert.deepEqual(preview.body.rows[1]!.errors.map((e) => `${e.field}:${e.code}`), ['contactPhone:PHONE_INVALID']);
    const venues = await importFile('venue', venueFile);
    assert.deepEqual([venues.createdRows, venues.failedRows], [1, 1]);
    const venue = (await op.get<{ items: Venue[] }>('/api/venues?pageSize=50')).body.items.find((v) => v.name === '东门菜市场')!;
    assert.deepEqual([venue.kind, venue.keyPlace, venue.contactPhoneMasked], ['market', true, '138****5678']);
    assert.match(venue.venueCode, /^V[0-9A-Z]{10}$/);

    // A facility the county registered in another community: its code is taken, and stays theirs.
    const theirs = await county.post<Facility>('/api/facilities', { gridId: env.gridId(otherGrid), kind: 'camera', code: 'SXT-0001', lon: 113, lat: 28 });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const facilities = await importFile(
      'facility',
      await xlsxFile([
        ['部件编码', '部件类型', '状态', '网格编码', '经度', '纬度'],
        ['LD-0001', '路灯', '正常', ownGrid, '112.9801', '28.1901'],
        ['JG-0001', '井盖', '破损', ownGrid, 112.9802, 28.1902],
        ['JG-0002', '井盖', null, ownGrid, null, '28.1'],
        ['SXT-0001', '摄像头', '离线', ownGrid, 112.9, 28.1],
      ]),
    );
    assert.deepEqual([facilities.createdRows, facilities.failedRows], [2, 2]);
    assert.deepEqual(await report(facilities), [
      ['JG-0002', '经度:IMPORT_CELL_REQUIRED'],
      ['SXT-0001', '部件编码:REGISTER_DUPLICATE'],
    ]);
    const kept = await county.get<Facility>(`/api/facilities/${theirs.body.id}`);
    assert.deepEqual([kept.body.status, kept.body.gridId, kept.body.version], ['normal', env.gridId(otherGrid), 1], 'the record outside the scope is neither moved nor changed');
    const items = (await op.get<{ items: Facility[] }>('/api/facilities?pageSize=50')).body.items;
    assert.deepEqual(items.map((f) => [f.code, f.kind, f.status, f.lon]).sort(), [['JG-0001', 'manhole_cover', 'damaged', 112.9802], ['LD-0001', 'street_light', 'normal', 112.9801]]);
  });

  it('organisations: credit codes checked and never shared; households name their head by ID number, in scope only', async () => {
    const good = creditCode('91430702MA4L0KRX4');
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const orgs = await importFile(
      'organization',
      await xlsxFile([
        ['单位名称', '单位类型', '统一社会信用代码', '联系电话', '网格编码'],
        ['城东便利店', '个体户', good, '0736-7251234', ownGrid],
        ['城东物业公司', '企业', wrong, null, ownGrid],
        ['城东超市', '企业', good, null, ownGrid],
        ['外地公司', '企业', null, null, otherGrid],
      ]),
    );
    assert.deepEqual([orgs.createdRows, orgs.failedRows], [1, 3]);
    assert.deepEqual(await report(orgs), [
      ['城东物业公司', '统一社会信用代码:CREDIT_CODE_INVALID'],
      ['城东超市', '统一社会信用代码:REGISTER_DUPLICATE'],
      ['外地公司', '网格编码:IMPORT_GRID_OUT_OF_SCOPE'],
    ]);
    const org = (await op.get<{ items: Organization[] }>('/api/organizations?pageSize=50')).body.items.find((o) => o.name === '城东便利店');
    assert.deepEqual([org?.kind, org?.creditCode, org?.contactPhoneMasked], ['shop', good, '********1234']);

    const head = idNumber('430702', '19700101', '201');
    const away = idNumber('430702', '19700102', '212');
    const gridId = env.gridId(ownGrid);
    const created = await op.post<Resident>('/api/residents', { gridId, name: '户主甲', idNumber: head, kind: 'registered' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const elsewhere = await county.post<Resident>('/api/residents', { gridId: env.gridId(otherGrid), name: '外人', idNumber: away, kind: 'registered' });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
    const households = await importFile(
      'household',
      await xlsxFile([
        ['户号', '户类型', '网格编码', '户主身份证号'],
        ['H001', '家庭户', ownGrid, head],
        ['H002', '家庭户', ownGrid, away],
        ['H003', '集体户', ownGrid, head],
        ['H004', null, ownGrid, null],
      ]),
    );
    assert.deepEqual([households.createdRows, households.failedRows], [2, 2]);
    assert.deepEqual(await report(households), [
      ['H002', '户主身份证号:REGISTER_REFERENCE_INVALID'],
      ['H003', '户主身份证号:HOUSEHOLD_MEMBER_EXISTS'],
    ]);
    const list = (await op.get<{ items: Household[] }>('/api/households?pageSize=50')).body.items;
    const h1 = list.find((h) => h.number === 'H001')!;
    assert.deepEqual(h1.members.map((m) => [m.name, m.relation]), [['户主甲', 'head']]);
    assert.equal(list.find((h) => h.number === 'H004')!.kind, 'family');
  });

  it('a template per kind: the Chinese headers the importer recognises', async () => {
    for (const [kind, first] of [['building', '楼栋名称'], ['dwelling', '楼栋名称'], ['venue', '场所名称'], ['facility', '部件编码'], ['organization', '单位名称'], ['household', '户号'], ['resident', '姓名']]) {
      const res = await download(env, op, `/api/imports/template?register=${kind}`);
      assert.equal(res.status, 200, kind);
      const [header] = await readXlsx(res.body);
      assert.equal(header![0], first, kind);
    }
  });
});
