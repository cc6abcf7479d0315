/**
 * Spreadsheet import into the resident register (and a buildings phase: the path of every
 * other register kind): our whole path (upload, sniff and count,
 * parse, validate, encrypt, hash, upsert, job bookkeeping) against a plain COPY of the same rows
 * already in stored form (ciphertexts and hashes computed beforehand, not timed) into a table
 * with exactly the resident table's columns, constraints and indexes. Same run, same database.
 *
 * `npx tsx bench/import.ts [--quick]`: 1,000,000 residents on PostgreSQL (127.0.0.1:5432, user
 * postgres) and 100,000 on the embedded PGlite; quick: 50,000 and 10,000. `--rows=N` sets the
 * PostgreSQL size, `--no-pglite` skips the embedded run. The import runs in a process of its own
 * (as a server would run it), so its peak RSS is its own, not the preparation's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import { generateCity, generateResidents, parseScale, type DemoCity, type DemoResident } from '../server/src/modules/demo/generate-city.js';
import { seedDemo } from '../server/src/modules/demo/seed-demo.js';
import { loadConfig } from '../server/src/platform/config.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, type Database } from '../server/src/platform/db/client.js';
import { accountByUsername } from '../server/src/platform/accounts/accounts.js';
import { actorFromUser } from '../server/src/platform/auth/sessions.js';
import type { ActorContext } from '../server/src/platform/http/types.js';
import { startRuntime, type Runtime } from '../server/src/runtime.js';
import { residentColumns } from '../server/src/modules/registers/resident-columns.js';
import { copyBytes, copyText } from '../server/src/modules/imports/bulk-tx.js';
import { uploadImport } from '../server/src/modules/imports/upload-import.js';
import { startImport } from '../server/src/modules/imports/start-import.js';
import { findImport } from '../server/src/modules/imports/queries.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb } from './lib.js';

const { quick, rest } = parseBenchArgs();
const liteChild = rest.includes('--pglite-child');
const oursChild = rest.find((a) => a.startsWith('--ours-child='));
const rowsArg = rest.find((a) => a.startsWith('--rows='));
const PG_ROWS = rowsArg ? Number(rowsArg.slice(7)) : quick ? 50_000 : 1_000_000;
const LITE_ROWS = quick ? 10_000 : 100_000;
const PG_ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KIND_WORDS = { registered: '户籍', floating: '流动', overseas: '境外' } as const;
const BASELINE_COLUMNS = [
  'id', 'grid_id', 'region_code', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by', 'import_job_id', 'name', 'name_pinyin', 'name_initials', 'id_type', 'id_cipher', 'id_hash',
  'id_masked', 'phone_cipher', 'phone_hash', 'phone_masked', 'sex', 'birth_date', 'kind', 'address', 'tags',
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-import-'));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The city holding at least `rows` residents (the generator's own scale for that many). */
function cityFor(rows: number): DemoCity {
  const city = generateCity({ seed: 1, scale: parseScale(String(rows)) });
  if (city.residentCount < rows) throw new Error(`the city holds ${city.residentCount} residents, fewer than ${rows}`);
  return city;
}

async function writeLines(file: string, rows: number, city: DemoCity, line: (r: DemoResident) => string, header?: string): Promise<void> {
  const out = fs.createWriteStream(file);
  if (header) out.write(`${header}\n`);
  let n = 0;
  let chunk: string[] = [];
  for (const r of generateResidents(city)) {
    if (n++ >= rows) break;
    chunk.push(line(r));
    if (chunk.length === 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

/** The import file as an operator would have it: Chinese headers, one resident a line. */
async function writeCsv(file: string, rows: number, city: DemoCity): Promise<void> {
  await writeLines(
    file,
    rows,
    city,
    (r) => `${r.name},居民身份证,${r.idNumber},${r.phone},${KIND_WORDS[r.kind]},${r.gridCode},${r.address}`,
    '姓名,证件类型,证件号码,联系电话,人口类型,网格编码,现住址',
  );
}

/** The same rows in stored form for COPY: encrypted, hashed, masked, keyed. Not timed. */
async function writeStoredRows(file: string, rows: number, city: DemoCity, rt: Runtime, gridIds: Map<string, string>): Promise<void> {
  const now = new Date().toISOString();
  const [actor, job] = [randomUUID(), randomUUID()];
  const today = new Date();
  await writeLines(file, rows, city, (r) => {
    const checked = residentColumns(rt.vault, { name: r.name, idType: 'id_card', idNumber: r.idNumber, phone: r.phone, kind: r.kind, address: r.address }, null, today);
    if (!checked.ok) throw new Error(`generated resident does not validate: ${checked.errors[0]?.code}`);
    const c = checked.value;
    return [
      randomUUID(), gridIds.get(r.gridCode), r.regionCode, '1', now, now, actor, actor, job, copyText(c.name), copyText(c.namePinyin), copyText(c.nameInitials), 'id_card',
      copyBytes(c.idCipher), copyBytes(c.idHash), copyText(c.idMasked), copyBytes(c.phoneCipher), copyBytes(c.phoneHash), copyText(c.phoneMasked),
      copyText(c.sex), copyText(c.birthDate), c.kind, copyText(c.address), '{}',
    ].join('\t');
  });
}

async function operator(rt: Runtime): Promise<ActorContext> {
  const user = await accountByUsername(rt.database.db, 'city_op');
  if (!user) throw new Error('no city_op');
  return { actor: actorFromUser(user, null), ip: null, requestId: 'bench', locale: 'zh-CN', clock: rt.clock };
}

/** Our path, timed from the upload to the job's end. */
async function timeOurs(rt: Runtime, csv: string, rows: number): Promise<{ ms: number; uploadMs: number; cpuUs: number }> {
  const ctx = await operator(rt);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const job = await uploadImport(rt.kit, ctx, { register: 'resident', fileName: 'residents.csv', stream: fs.createReadStream(csv) });
  const uploadMs = performance.now() - started;
  await startImport(rt.kit, ctx, job.id, job.mapping, { by: 'code' });
  await rt.jobs.runDue();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const done = await findImport(rt.database.db, ctx.actor, job.id);
  if (done.status !== 'done' || done.createdRows !== rows || done.failedRows !== 0) {
    throw new Error(`import ended ${done.status}: created ${done.createdRows}, failed ${done.failedRows}, ${JSON.stringify(done.failure)}`);
  }
  return { ms, uploadMs, cpuUs: (used.user + used.system) / rows };
}

const BUILDING_ROWS = quick ? 20_000 : 200_000;

/** A buildings import (the generic path every register kind but residents takes), timed from the upload to the job's end. */
async function timeBuildings(rt: Runtime, city: DemoCity, rows: number): Promise<{ ms: number; rate: number }> {
  const csv = path.join(tmp, 'buildings.csv');
  const lines = ['楼栋名称,楼栋类型,网格编码,地址,层数,单元数,经度,纬度'];
  for (let i = 0; i < rows; i++) {
    const grid = city.grids[i % city.grids.length]!;
    lines.push(`${i + 1}栋,${i % 7 === 0 ? '商住' : '住宅'},${grid.code},幸福路 ${i + 1} 号,${(i % 30) + 1},${(i % 4) + 1},112.${String(i % 10000).padStart(4, '0')},28.${String(i % 9973).padStart(4, '0')}`);
  }
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  const ctx = await operator(rt);
  const started = performance.now();
  const job = await uploadImport(rt.kit, ctx, { register: 'building', fileName: 'buildings.csv', stream: fs.createReadStream(csv) });
  await startImport(rt.kit, ctx, job.id, job.mapping, { by: 'code' });
  await rt.jobs.runDue();
  const ms = performance.now() - started;
  const done = await findImport(rt.database.db, ctx.actor, job.id);
  if (done.status !== 'done' || done.createdRows !== rows) throw new Error(`buildings import ended ${done.status}: created ${done.createdRows}, failed ${done.failedRows}`);
  return { ms, rate: (rows * 1000) / ms };
}

async function runtimeOn(database: Database): Promise<Runtime> {
  const config = { ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), auditCheckpointFile: null };
  return startRuntime(config, { clock: systemClock, database });
}

async function postgres(): Promise<void> {
  const city = cityFor(PG_ROWS);
  const csv = path.join(tmp, 'residents.csv');
  let t = performance.now();
  await writeCsv(csv, PG_ROWS, city);
  console.log(`PostgreSQL: ${formatInt(PG_ROWS)} residents in ${formatInt(city.grids.length)} grids; CSV ${(fs.statSync(csv).size / 1e6).toFixed(0)} MB written in ${seconds(performance.now() - t)} s`);

  const name = `gridgov_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' });
  const rt = await runtimeOn(database);
  const conn = new pg.Client({ connectionString: url.toString() });
  await conn.connect();
  try {
    const seed = await seedDemo(database.db, rt.clock, { scale: parseScale(String(PG_ROWS)) });
    await conn.query('create table resident_baseline (like resident including all)');
    const stored = path.join(tmp, 'stored.tsv');
    t = performance.now();
    await writeStoredRows(stored, PG_ROWS, city, rt, seed.gridIds);
    console.log(`baseline rows prepared (encrypted, hashed) in ${seconds(performance.now() - t)} s, not timed`);

    await conn.query('checkpoint');
    t = performance.now();
    await pipeline(fs.createReadStream(stored, { highWaterMark: 1 << 20 }), conn.query(copyFrom(`copy resident_baseline (${BASELINE_COLUMNS.join(', ')}) from stdin`)));
    const copyMs = performance.now() - t;
    fs.rmSync(stored);

    await conn.query('checkpoint');
    const ours = child<{ ms: number; uploadMs: number; cpuUs: number; peak: number }>([`--ours-child=${url.toString()}`, `--csv=${csv}`, `--rows=${PG_ROWS}`]);
    const oursRate = (PG_ROWS * 1000) / ours.ms;
    const copyRate = (PG_ROWS * 1000) / copyMs;
    const peak = ours.peak;
    console.log(`COPY baseline: ${seconds(copyMs)} s -> ${formatInt(copyRate)} rows/s`);
    console.log(`our import:    ${seconds(ours.ms)} s (upload, sniff and count ${seconds(ours.uploadMs)} s) -> ${formatInt(oursRate)} rows/s; ${ours.cpuUs.toFixed(0)} µs of CPU a row in the importing process`);
    console.log(`ratio ${(oursRate / copyRate).toFixed(2)} (goal: at least 0.40); peak RSS of the importing process ${peak} MB (goal: under 500)`);
    const buildings = await timeBuildings(rt, city, BUILDING_ROWS);
    console.log(`buildings:     ${formatInt(BUILDING_ROWS)} in ${seconds(buildings.ms)} s -> ${formatInt(buildings.rate)} rows/s (the ImportTarget path of every kind but residents: batched inserts through the registers' bulk writer)`);
    if (!rest.includes('--no-pglite')) console.log(child<{ line: string }>(['--pglite-child']).line);
    benchLine('import', {
      rows_per_s: Math.round(oursRate),
      copy_rows_per_s: Math.round(copyRate),
      ratio: (oursRate / copyRate).toFixed(2),
      peak_mb: peak,
      building_rows_per_s: Math.round(buildings.rate),
    });
  } finally {
    await conn.end();
    await rt.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * Runs a part of the bench in a fresh process (the import as a server process would run it, or
 * the embedded database), so the peak RSS it reports is that process's own; it answers JSON.
 */
function child<T>(args: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', self, ...args, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

/** Our import against the database the parent prepared. */
async function oursOnly(databaseUrl: string, csv: string, rows: number): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory' });
  const rt = await runtimeOn(database);
  try {
    const ours = await timeOurs(rt, csv, rows);
    console.log(JSON.stringify({ ...ours, peak: peakRssMb() }));
  } finally {
    await rt.close();
  }
}

async function pglite(): Promise<void> {
  const city = cityFor(LITE_ROWS);
  const csv = path.join(tmp, 'residents.csv');
  await writeCsv(csv, LITE_ROWS, city);
  const database = await openDatabase({ databaseUrl: null, dataDir: path.join(tmp, 'pglite') });
  const rt = await runtimeOn(database);
  try {
    const seed = await seedDemo(database.db, rt.clock, { scale: parseScale(String(LITE_ROWS)) });
    const lite = (database.db as unknown as { $client: PGlite }).$client;
    await lite.exec('create table resident_baseline (like resident including all)');
    const stored = path.join(tmp, 'stored.tsv');
    await writeStoredRows(stored, LITE_ROWS, city, rt, seed.gridIds);
    const blob = new Blob([fs.readFileSync(stored)]);
    const t = performance.now();
    await lite.query(`copy resident_baseline (${BASELINE_COLUMNS.join(', ')}) from '/dev/blob'`, [], { blob });
    const copyMs = performance.now() - t;
    const ours = await timeOurs(rt, csv, LITE_ROWS);
    const oursRate = (LITE_ROWS * 1000) / ours.ms;
    const copyRate = (LITE_ROWS * 1000) / copyMs;
    const line =
      `PGlite (embedded, on disk, ${formatInt(LITE_ROWS)} residents): our import ${seconds(ours.ms)} s -> ${formatInt(oursRate)} rows/s; ` +
      `COPY baseline ${formatInt(copyRate)} rows/s; ratio ${(oursRate / copyRate).toFixed(2)}; peak RSS ${peakRssMb()} MB`;
    console.log(JSON.stringify({ line }));
  } finally {
    await rt.close();
  }
}

try {
  if (oursChild) {
    const csvArg = rest.find((a) => a.startsWith('--csv='))?.slice(6) ?? '';
    await oursOnly(oursChild.slice('--ours-child='.length), csvArg, PG_ROWS);
  } else {
    await (liteChild ? pglite() : postgres());
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
