/**
 * Imports write only inside the importer's scope: a row for another township's grid is a row
 * error and not stored; a person registered outside the scope is neither moved nor changed.
 * Grid workers cannot import at all, and nobody sees or drives someone else's import.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportJob, ImportPreview, Resident } from '@gridgov/contracts';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, idNumber, reportLines, upload, xlsxFile } from './test-kit.js';

describe('import scope', () => {
  let env: TestEnv;
  let township: Client;
  let county: Client;
  let community: Client;
  let gw: Client;
  let ownGrid: string;
  let otherTownshipGrid: string;
  const ids = { own: idNumber('430702', '19810101', '101'), theirs: idNumber('430702', '19820202', '112'), registered: idNumber('430702', '19830303', '123') };

  before(async () => {
    env = await startTestEnv();
    township = await env.login('township_op');
    county = await env.login('county_op');
    community = await env.login('community_op');
    gw = await env.login('gw1');
    const scope = env.seed.accounts.find((a) => a.username === 'township_op')!.scopeRegionCode;
    const prefix = scope.slice(0, 9);
    const countyPrefix = scope.slice(0, 6);
    ownGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(prefix))!.code;
    otherTownshipGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(countyPrefix) && !g.regionCode.startsWith(prefix))!.code;
    // Someone the county registered in the other township.
    const created = await county.post<Resident>('/api/residents', { gridId: env.gridId(otherTownshipGrid), name: '外乡人', idNumber: ids.registered, kind: 'registered' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(() => env.close());

  it('a township operator cannot write into another township: row errors, nothing stored there', async () => {
    const file = await xlsxFile([
      ['姓名', '证件号码', '人口类型', '网格编码', '现住址'],
      ['本乡人', ids.own, '户籍', ownGrid, null],
      ['越界人', ids.theirs, '户籍', otherTownshipGrid, null],
      ['外乡人', ids.registered, '户籍', ownGrid, '想搬进来'],
    ]);
    const uploaded = await upload<ImportJob>(env, township, 'scope.xlsx', file);
    assert.equal(uploaded.status, 201);
    const preview = await township.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.deepEqual(preview.body.rows.map((r) => r.errors.map((e) => e.code)), [[], ['IMPORT_GRID_OUT_OF_SCOPE'], ['REGISTER_DUPLICATE']]);
    assert.equal((await township.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
    const job = (await township.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.deepEqual([job.status, job.createdRows, job.updatedRows, job.failedRows], ['done', 1, 0, 2]);
    const report = await reportLines((await download(env, township, `/api/imports/${job.id}/errors`)).body);
    assert.deepEqual(report, [
      ['越界人', '网格编码:IMPORT_GRID_OUT_OF_SCOPE'],
      ['外乡人', '证件号码:REGISTER_DUPLICATE'],
    ]);
    // Seen from the county, which covers both townships.
    assert.equal((await county.get<{ total: number }>(`/api/residents?idNumber=${ids.theirs}`)).body.total, 0);
    const outsider = (await county.get<{ items: Resident[] }>(`/api/residents?idNumber=${ids.registered}`)).body.items[0]!;
    assert.deepEqual([outsider.gridId, outsider.address, outsider.version], [env.gridId(otherTownshipGrid), null, 1]);
    assert.equal((await township.get<{ total: number }>(`/api/residents?idNumber=${ids.own}`)).body.total, 1);
  });

  it('a grid worker may not import (403 on every import route)', async () => {
    const file = await xlsxFile([['姓名'], ['x']]);
    assert.equal((await upload(env, gw, 'x.xlsx', file)).status, 403);
    for (const url of ['/api/imports', '/api/imports/template?register=resident', '/api/imports/00000000-0000-4000-8000-000000000000']) {
      assert.equal((await gw.get(url)).status, 403, url);
    }
    const mapping = { mapping: {} };
    assert.equal((await gw.post('/api/imports/00000000-0000-4000-8000-000000000000/preview', mapping)).status, 403);
    assert.equal((await gw.post('/api/imports/00000000-0000-4000-8000-000000000000/start', mapping)).status, 403);
  });

  it("another operator cannot see, preview, start or download someone else's import", async () => {
    const file = await xlsxFile([['姓名', '证件号码', '人口类型', '网格编码'], ['某人', idNumber('430702', '19840404', '134'), '户籍', ownGrid]]);
    const uploaded = await upload<ImportJob>(env, township, 'mine.xlsx', file);
    const id = uploaded.body.id;
    for (const other of [community, county]) {
      assert.equal((await other.get(`/api/imports/${id}`)).status, 404);
      assert.equal((await other.post(`/api/imports/${id}/preview`, { mapping: uploaded.body.mapping })).status, 404);
      assert.equal((await other.post(`/api/imports/${id}/start`, { mapping: uploaded.body.mapping })).status, 404);
      assert.equal((await download(env, other, `/api/imports/${id}/errors`)).status, 404);
      const list = await other.get<{ items: ImportJob[] }>('/api/imports');
      assert.ok(!list.body.items.some((j) => j.id === id));
    }
    assert.equal((await township.get<ImportJob>(`/api/imports/${id}`)).body.status, 'uploaded');
  });
});

describe('import of people registered outside the scope', () => {
  let env: TestEnv;
  let township: Client;
  let county: Client;
  let ownGrid: string;
  const outsiders = ['201', '212', '223', '234'].map((seq, i) => idNumber('430702', `1990010${i + 1}`, seq));

  before(async () => {
    env = await startTestEnv({ config: { unmaskPerHour: 3 } });
    township = await env.login('township_op');
    county = await env.login('county_op');
    const scope = env.seed.accounts.find((a) => a.username === 'township_op')!.scopeRegionCode;
    ownGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(scope.slice(0, 9)))!.code;
    const otherGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(scope.slice(0, 6)) && !g.regionCode.startsWith(scope.slice(0, 9)))!.code;
    for (const [i, id] of outsiders.entries()) {
      assert.equal((await county.post('/api/residents', { gridId: env.gridId(otherGrid), name: `外乡人${i}`, idNumber: id, kind: 'registered' })).status, 201);
    }
  });
  after(() => env.close());

  const fileOf = (ids: string[]) => xlsxFile([['姓名', '证件号码', '人口类型', '网格编码'], ['本乡新人', idNumber('430702', '19950505', '301'), '户籍', ownGrid], ...ids.map((id, i) => [`某人${i}`, id, '户籍', ownGrid])]);

  it('confirms each number only against the importer\'s unmask budget, in the dry run and in the import', async () => {
    // Four numbers registered elsewhere do not fit in a budget of three: the dry run is refused and spends nothing.
    const four = await upload<ImportJob>(env, township, 'four.xlsx', await fileOf(outsiders));
    const refused = await township.post<{ error: { code: string } }>(`/api/imports/${four.body.id}/preview`, { mapping: four.body.mapping });
    assert.deepEqual([refused.status, refused.body.error.code], [429, 'UNMASK_RATE_LIMITED']);

    // Two fit: the dry run names them and spends two units.
    const two = await upload<ImportJob>(env, township, 'two.xlsx', await fileOf(outsiders.slice(0, 2)));
    const preview = await township.post<ImportPreview>(`/api/imports/${two.body.id}/preview`, { mapping: two.body.mapping });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.rows.map((r) => r.errors.map((e) => e.code)), [[], ['REGISTER_DUPLICATE'], ['REGISTER_DUPLICATE']]);
    const spent = await rows<{ rows: number }>(env.rt.database.db, sql`select (details->>'rows')::int as rows from audit_log where action = 'register.duplicates'`);
    assert.deepEqual(spent.map((r) => r.rows), [2]);

    // The import would confirm them again: past the budget it stops, and stores nothing of the batch.
    assert.equal((await township.post(`/api/imports/${two.body.id}/start`, { mapping: two.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
    const job = (await township.get<ImportJob>(`/api/imports/${two.body.id}`)).body;
    assert.deepEqual([job.status, job.failure?.code, job.createdRows], ['failed', 'UNMASK_RATE_LIMITED', 0]);
    assert.equal((await county.get<{ total: number }>(`/api/residents?q=${encodeURIComponent('本乡新人')}`)).body.total, 0);

    // An hour later the budget is back, and the same file imports: the new person is stored, the two are refused.
    env.clock.advance(61 * 60 * 1000);
    township = await env.login('township_op');
    const again = await upload<ImportJob>(env, township, 'again.xlsx', await fileOf(outsiders.slice(0, 2)));
    assert.equal((await township.post(`/api/imports/${again.body.id}/start`, { mapping: again.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
    const done = (await township.get<ImportJob>(`/api/imports/${again.body.id}`)).body;
    assert.deepEqual([done.status, done.createdRows, done.failedRows], ['done', 1, 2]);
  });
});
