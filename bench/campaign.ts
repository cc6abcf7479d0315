/**
 * Survey campaign task generation for a city: 2,000,000 households (quick: 200,000) are written
 * set-based into the households register across every grid of the demo city, then a campaign over
 * the whole city is opened over HTTP and its tasks generated (the job's own code: batches of
 * INSERT ... SELECT over the registers' target set, assignment to the grids' workers, the per-grid
 * progress counts, the cursor), timed; then the progress tiles are read over HTTP at every level
 * (grid, community, township, county, and the campaign's totals), p95 timed. The baseline is one
 * plain INSERT ... SELECT of the same rows into a copy of the task table (same indexes), in the
 * same run and database. PostgreSQL (127.0.0.1:5432, user postgres).
 *
 * `npm run bench -- campaign [--quick]`. Results: docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, seedDemo } from '../server/src/modules/demo/seed-demo.js';
import { loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADMISSION } from '../server/src/platform/http/admission-limits.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, rows } from '../server/src/platform/db/client.js';
import { startRuntime } from '../server/src/runtime.js';
import { generateTasks } from '../server/src/modules/campaigns/generate-tasks.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, withScratchDatabase } from './lib.js';

const { quick } = parseBenchArgs();
const HOUSEHOLDS = quick ? 200_000 : 2_000_000;
const READS = quick ? 200 : 500;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function run(tmp: string, databaseUrl: string) {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory' });
  const config = { ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl, auditCheckpointFile: null, admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } };
  const rt = await startRuntime(config, { clock: systemClock, database });
  const db = database.db;
  try {
    const seed = await seedDemo(db, rt.clock);
    const city = seed.city.regions.find((r) => r.level === 'city')!;
    const t0 = performance.now();
    await db.execute(sql`insert into household (id, grid_id, region_code, number, kind, address, created_at, updated_at)
      select gen_random_uuid(), g.id, g.region_code, 'B' || n, 'family', '幸福路' || n || '号', now(), now()
      from generate_series(1, ${HOUSEHOLDS}) n
      join (select id, region_code, row_number() over (order by id) - 1 as i, count(*) over () as k from grid where deleted_at is null) g on g.i = n % g.k`);
    await db.execute(sql`analyze household`);
    const insertS = (performance.now() - t0) / 1000;
    const [{ grids } = { grids: 0 }] = await rows<{ grids: number }>(db, sql`select count(distinct grid_id)::int as grids from household`);

    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'city_op', password: DEMO_PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'gg_sid')!.value;
    const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
      const res = await rt.app.inject({ method, url, headers: { cookie: `gg_sid=${cookie}` }, ...(payload ? { payload: payload as object } : {}) });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return JSON.parse(res.body) as T;
    };
    const now = Date.now();
    const made = await call<{ id: string }>('POST', '/api/survey-campaigns', {
      name: '全市入户走访摸排', regionCode: city.code, formKey: 'epidemic.household_survey', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(),
      target: { kind: 'region' }, alertRules: [],
    });
    await call('POST', `/api/survey-campaigns/${made.id}/open`, { version: 1 });

    // The baseline: the same rows in one plain INSERT ... SELECT into a copy of the task table.
    await db.execute(sql`create table bench_task (like survey_task including defaults including indexes)`);
    const b0 = performance.now();
    await db.execute(sql`insert into bench_task (id, campaign_id, kind, household_id, household_number, address, grid_id, region_code, assignee_id, status, created_at)
      select gen_random_uuid(), ${made.id}::uuid, 'visit', h.id, h.number, h.address, h.grid_id, h.region_code, null, 'pending', now() from household h where h.deleted_at is null`);
    const baselineS = (performance.now() - b0) / 1000;

    const g0 = performance.now();
    const tasks = await generateTasks(rt.kit, made.id);
    const generateS = (performance.now() - g0) / 1000;

    // Some answers in (progress counts move), then the tiles read over HTTP at every level.
    await db.execute(sql`update survey_progress set done = total / 3, alerts = total / 50 where campaign_id = ${made.id}`);
    const urls = ['grid', 'community', 'township', 'county'].map((level) => `/api/survey-campaigns/${made.id}/progress?level=${level}`).concat(`/api/survey-campaigns/${made.id}`);
    const times: number[] = [];
    for (let i = 0; i < READS; i++) {
      const r0 = performance.now();
      await call('GET', urls[i % urls.length]!);
      times.push(performance.now() - r0);
    }
    const [check] = await rows<{ tasks: number; households: number; unassigned: number; progress: number }>(
      db,
      sql`select (select count(*)::int from survey_task where campaign_id = ${made.id}) as tasks, (select count(*)::int from household) as households,
                 (select count(*)::int from survey_task where campaign_id = ${made.id} and assignee_id is null) as unassigned,
                 (select sum(total)::int from survey_progress where campaign_id = ${made.id}) as progress`,
    );
    return { insertS, baselineS, generateS, tasks, grids, p95: percentile(times, 0.95), p50: percentile(times, 0.5), check: check!, peakMb: peakRssMb() };
  } finally {
    await rt.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-campaign-'));
try {
  const r = await withScratchDatabase((url) => run(tmp, url));
  console.log(`PostgreSQL, ${formatInt(HOUSEHOLDS)} households in ${formatInt(r.grids)} grids (written set-based in ${r.insertS.toFixed(1)} s):`);
  console.log(`  baseline (one plain INSERT ... SELECT of the same rows): ${r.baselineS.toFixed(1)} s`);
  console.log(`  our generation (batches, assignment, progress counts, cursor): ${r.generateS.toFixed(1)} s for ${formatInt(r.tasks)} tasks (goal: under 60 s)`);
  console.log(`  progress tiles over HTTP: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (goal: p95 under 100 ms)`);
  console.log(`  checked: ${formatInt(r.check.tasks)} tasks for ${formatInt(r.check.households)} households, ${formatInt(r.check.unassigned)} without a worker (grids with none), progress counts ${formatInt(r.check.progress)}`);
  console.log(`  peak RSS ${r.peakMb} MB`);
  benchLine('campaign', { households: HOUSEHOLDS, generate_s: r.generateS.toFixed(1), progress_p95_ms: r.p95.toFixed(1), baseline_s: r.baselineS.toFixed(1), ratio: (r.generateS / r.baselineS).toFixed(2) });
  if (r.check.tasks !== r.check.households || r.check.progress !== r.check.tasks) process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
