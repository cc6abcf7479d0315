/**
 * A worker that dies mid-import leaves the import `running` with a stale heartbeat; the job's
 * next attempt takes it over and resumes after the last committed batch: committed rows are not
 * read into the register again, and duplicates of rows before the restart are still caught.
 * While the heartbeat is fresh, another worker leaves the import alone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq, sql } from 'drizzle-orm';
import type { ImportJob } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { job } from '../../platform/jobs/tables.js';
import { building, resident } from '../registers/tables.js';
import { importJob } from './tables.js';
import { download, idNumber, readXlsx, upload } from './test-kit.js';

describe('import resume', () => {
  let env: TestEnv;
  let op: Client;

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
  });
  after(() => env.close());

  it('resumes after the last committed batch, still catching duplicates of earlier rows', async () => {
    const grid = env.seed.city.grids[0]!.code;
    const ids = Array.from({ length: 7000 }, (_, i) => idNumber('430702', `19${String(50 + (i % 40)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`, String(100 + Math.floor(i / 360))));
    ids[6500] = ids[2]!; // row 6,502 repeats row 4
    const csv = Buffer.from(['姓名,证件号码,人口类型,网格编码', ...ids.map((id, i) => `居民${i},${id},户籍,${grid}`)].join('\n'));
    const uploaded = await upload<ImportJob>(env, op, 'resume.csv', csv);
    assert.equal(uploaded.status, 201);
    assert.equal((await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);

    // As if a worker had committed the first batch (5,000 rows) and died.
    const db = env.rt.database.db;
    const stale = new Date(env.clock.now().getTime() - 10 * 60_000);
    await db.update(importJob).set({ status: 'running', processedRows: 5000, createdRows: 5000, startedAt: stale, updatedAt: stale }).where(eq(importJob.id, uploaded.body.id));
    assert.equal(await env.rt.jobs.runDue(), 1);

    const done = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    assert.deepEqual([done.processedRows, done.createdRows, done.failedRows], [7000, 6999, 1]);
    const [stored] = await db.select({ n: count() }).from(resident);
    assert.equal(Number(stored?.n), 1999, 'only rows after the committed batch were stored by this run');
    const report = await readXlsx((await download(env, op, `/api/imports/${done.id}/errors`)).body);
    assert.equal(report.length, 2, 'the header and the one failed row');
    assert.equal(report[1]!.at(-1), '证件号码：与第 4 行的证件号码重复');
  });

  it('resumes a buildings import (the path of every other register) after its last committed batch', async () => {
    const grid = env.seed.city.grids[0]!.code;
    const names = Array.from({ length: 3000 }, (_, i) => `续传楼${i}`);
    names[2900] = names[3]!; // row 2,902 repeats row 5
    const csv = Buffer.from(['楼栋名称,网格编码,层数', ...names.map((n, i) => `${n},${grid},${(i % 30) + 1}`)].join('\n'));
    const uploaded = await upload<ImportJob>(env, op, 'buildings.csv', csv, 'building');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal((await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);

    // As if a worker had committed the first batch (2,000 rows) and died.
    const db = env.rt.database.db;
    const stale = new Date(env.clock.now().getTime() - 10 * 60_000);
    await db.update(importJob).set({ status: 'running', processedRows: 2000, createdRows: 2000, startedAt: stale, updatedAt: stale }).where(eq(importJob.id, uploaded.body.id));
    assert.equal(await env.rt.jobs.runDue(), 1);

    const done = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    assert.deepEqual([done.processedRows, done.createdRows, done.failedRows], [3000, 2999, 1]);
    const [stored] = await db.select({ n: count() }).from(building);
    assert.equal(Number(stored?.n), 999, 'only rows after the committed batch were stored by this run');
    const report = await readXlsx((await download(env, op, `/api/imports/${done.id}/errors`)).body);
    assert.deepEqual(report.slice(1), [[names[3], grid, '21', '楼栋名称：与第 5 行的楼栋名称重复']]);
  });

  it('leaves an import with a fresh heartbeat to the worker running it, and tries again later', async () => {
    const grid = env.seed.city.grids[0]!.code;
    const csv = Buffer.from(`姓名,证件号码,人口类型,网格编码\n某人,${idNumber('430702', '19700101', '555')},户籍,${grid}\n`);
    const uploaded = await upload<ImportJob>(env, op, 'busy.csv', csv);
    await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    const db = env.rt.database.db;
    await db.update(importJob).set({ status: 'running', updatedAt: env.clock.now() }).where(eq(importJob.id, uploaded.body.id));
    await env.rt.jobs.runDue();
    const [queued] = await db.select().from(job).where(sql`${job.payload}->>'importId' = ${uploaded.body.id}`);
    assert.equal(queued?.doneAt, null, 'the job will run again');
    assert.match(queued?.lastError ?? '', /running in another worker/);
    assert.equal((await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body.processedRows, 0);
  });
});
