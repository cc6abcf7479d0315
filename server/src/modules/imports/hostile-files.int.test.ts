/**
 * Hostile and broken uploads: a zip bomb, a zip that lies about its sizes, too many rows, a
 * binary renamed .xlsx or .csv, an over-size upload. Each is refused with its own error code,
 * nothing is recorded, the upload is deleted and the register is untouched. A file that breaks
 * mid-way fails the import and keeps the batches that committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { count } from 'drizzle-orm';
import type { ImportJob } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { resident } from '../registers/tables.js';
import { importJob } from './tables.js';
import { idNumber, upload, workbookParts, xlsxFile, zipBomb, zipFile } from './test-kit.js';

type ErrorBody = { error: { code: string; details?: { reason?: string } } };

async function residents(env: TestEnv): Promise<number> {
  const [n] = await env.rt.database.db.select({ n: count() }).from(resident);
  return Number(n?.n ?? 0);
}

describe('hostile import files', () => {
  let env: TestEnv;
  let op: Client;
  let grid: string;

  before(async () => {
    env = await startTestEnv({ config: { importMaxBytes: 1024 * 1024, importMaxRows: 50 } });
    op = await env.login('community_op');
    grid = env.seed.city.grids[0]!.code;
  });
  after(() => env.close());

  async function refused(name: string, content: Buffer, status: number, code: string): Promise<ErrorBody> {
    const before = await residents(env);
    const res = await upload<ErrorBody>(env, op, name, content);
    assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, code, name);
    assert.equal(await residents(env), before, `${name}: nothing stored`);
    const [jobs] = await env.rt.database.db.select({ n: count() }).from(importJob);
    assert.equal(Number(jobs?.n), 0, `${name}: no import recorded`);
    const dir = path.join(env.rt.config.filesDir, 'imports');
    assert.deepEqual(fs.existsSync(dir) ? fs.readdirSync(dir) : [], [], `${name}: upload deleted`);
    return res.body;
  }

  it('refuses a zip bomb from its directory, before inflating anything', async () => {
    const bomb = zipBomb(300);
    assert.ok(bomb.length < 400 * 1024, `the bomb is tiny (${bomb.length} bytes)`);
    const started = performance.now();
    const body = await refused('bomb.xlsx', bomb, 400, 'IMPORT_ZIP_BOMB');
    assert.equal(body.error.details?.reason, 'compression ratio over the limit');
    assert.ok(performance.now() - started < 5000, 'refused without inflating 300 MB');
  });

  it('refuses a zip whose entry inflates beyond the size its directory declares', async () => {
    const parts = workbookParts([
      { data: Buffer.from('<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row>') },
      { data: Buffer.alloc(64 * 1024, 0x20), times: 16 },
      { data: Buffer.from('</sheetData></worksheet>') },
    ]);
    const honest = zipFile(parts);
    // Rewrite the declared uncompressed size of the sheet (the last entry) to 2 KB in both headers.
    const lying = Buffer.from(honest);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const local = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    lying.writeUInt32LE(2048, central + 24);
    lying.writeUInt32LE(2048, local + 22);
    await refused('lying.xlsx', lying, 400, 'IMPORT_FILE_CORRUPT');
  });

  it('refuses more rows than the limit, in .xlsx and in .csv', async () => {
    const header = ['姓名', '证件号码', '人口类型', '网格编码'];
    const rows = Array.from({ length: 51 }, (_, i) => [`居民${i}`, idNumber('430702', '19800101', String(100 + i)), '户籍', grid]);
    const xlsx = await xlsxFile([header, ...rows]);
    const body = await refused('many.xlsx', xlsx, 400, 'IMPORT_TOO_MANY_ROWS');
    assert.deepEqual(body.error.details, { maxRows: 50 });
    const csv = Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n'));
    await refused('many.csv', csv, 400, 'IMPORT_TOO_MANY_ROWS');
    // Exactly at the limit is fine.
    const ok = await upload<ImportJob>(env, op, 'fifty.csv', Buffer.from([header, ...rows.slice(0, 50)].map((r) => r.join(',')).join('\n')));
    assert.equal(ok.status, 201);
    assert.equal(ok.body.totalRows, 50);
    await env.rt.database.db.delete(importJob);
    fs.rmSync(path.join(env.rt.config.filesDir, 'imports'), { recursive: true, force: true });
  });

  it('refuses files that are not what their name says', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 0)]);
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n');
    await refused('setup.xlsx', exe, 400, 'IMPORT_FILE_TYPE');
    await refused('report.xlsx', pdf, 400, 'IMPORT_FILE_TYPE');
    await refused('report.csv', pdf, 400, 'IMPORT_FILE_TYPE');
    await refused('setup.csv', exe, 400, 'IMPORT_FILE_TYPE');
    // A zip, but a Word document rather than a workbook.
    const docx = zipFile([
      { name: '[Content_Types].xml', pieces: [{ data: Buffer.from('<Types/>') }] },
      { name: 'word/document.xml', pieces: [{ data: Buffer.from('<document/>') }] },
    ]);
    await refused('letter.xlsx', docx, 400, 'IMPORT_FILE_TYPE');
    await refused('names.xls', Buffer.from('姓名\n张三\n'), 400, 'IMPORT_FILE_TYPE');
    await refused('broken.xlsx', Buffer.from('PK\x03\x04 not really a zip'), 400, 'IMPORT_FILE_CORRUPT');
  });

  it('refuses an upload over the size limit while it streams', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    await refused('big.csv', big, 413, 'IMPORT_FILE_TOO_LARGE');
  });
});

describe('an import that breaks mid-way', () => {
  let env: TestEnv;

  before(async () => {
    env = await startTestEnv();
  });
  after(() => env.close());

  it('fails with the reason and keeps the rows of the batches that committed', async () => {
    const op = await env.login('community_op');
    const grid = env.seed.city.grids[0]!.code;
    const lines = ['姓名,证件号码,人口类型,网格编码'];
    for (let i = 0; i < 21000; i++) {
      const birth = `19${String(50 + (i % 40)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`;
      lines.push(`居民${i},${idNumber('430702', birth, String(100 + Math.floor(i / 360)).padStart(3, '0'))},户籍,${grid}`);
    }
    // A byte that is not UTF-8 in row 20,001: far past the head the upload checks, after batches have committed.
    const head = Buffer.from(`${lines.slice(0, 20001).join('\n')}\n`);
    const tail = Buffer.from(`${lines.slice(20001).join('\n')}\n`);
    const file = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x0a]), tail]);
    const uploaded = await upload<ImportJob>(env, op, 'broken.csv', file);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal((await op.post(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping })).status, 202);
    await env.rt.jobs.runDue();
    const job = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.equal(job.status, 'failed');
    assert.equal(job.failure?.code, 'IMPORT_FILE_CORRUPT');
    // Only whole batches committed (how many depends on how far the reader ran ahead of the
    // database before it met the undecodable chunk), each one complete, and nothing else.
    assert.ok(job.processedRows % 5000 === 0 && job.processedRows <= 20000, `processed ${job.processedRows}`);
    assert.equal(job.createdRows, job.processedRows);
    assert.equal(await residents(env), job.processedRows);
    assert.ok(!fs.existsSync(path.join(env.rt.config.filesDir, 'imports', job.id)), 'the upload is deleted when the import ends');
  });
});
