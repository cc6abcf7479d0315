/**
 * The command-centre dashboard at city scale: p50/p95 latency of every dashboard API at city,
 * county, township and grid level under 50 concurrent viewers, against the same figures computed
 * by direct SQL over the base tables in the same run, and the page's first render with data in a
 * real browser.
 *
 * `npx tsx bench/dashboard.ts [--quick] [--database-url=URL] [--no-browser]`
 * Full size reads the city-scale demo in PostgreSQL (default database gridgov_city, loaded with
 * `npm run demo:generate -- --scale city --create` when it is missing: see docs/city-scale.md).
 * Quick loads a small city with 200,000 tickets into a scratch database and drops it after.
 *
 * Viewers: 50 closed-loop connections from a child process (never the server's event loop), each
 * loading whole dashboard pages (every API once, accepting gzip as browsers do) for a random place of its level; the places are
 * drawn from all counties, townships and grids, so most answers are not in the server's one-second
 * cache. Baseline: each figure by direct SQL (the same numbers from ticket, resident, household,
 * app_user and ticket_assignment), run once per level and API with four at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SCALES } from '../server/src/modules/demo/generate-city.js';
import { generateDemoData } from '../server/src/modules/demo/generate-load.js';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADMISSION } from '../server/src/platform/http/admission-limits.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase } from '../server/src/platform/db/client.js';
import { startRuntime } from '../server/src/runtime.js';
import { benchLine, formatInt, parseBenchArgs } from './lib.js';

const { quick, rest } = parseBenchArgs();
const option = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const VIEWERS = 50;
const PHASE_MS = quick ? 5_000 : 30_000;
const WARMUP_MS = quick ? 1_000 : 3_000;
const ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LEVELS = ['city', 'county', 'township', 'grid'] as const;
type Level = (typeof LEVELS)[number];
const APIS = ['overview', 'trend', 'categories', 'departments', 'grid-ranking', 'map', 'points?layer=open', 'points?layer=overdue'] as const;

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// ---------------------------------------------------------------- the driver (a child process)

interface DriverPlan {
  port: number;
  cookie: string;
  /** Query strings of the places of each level. */
  places: Record<Level, string[]>;
  warmupMs: number;
  durationMs: number;
}

type Samples = Record<string, number[]>;

async function runDriver(file: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as DriverPlan;
  const agent = new http.Agent({ keepAlive: true, maxSockets: VIEWERS });
  const get = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get({ agent, host: '127.0.0.1', port: plan.port, path: url, headers: { cookie: plan.cookie, 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const samples: Samples = {};
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  const until = started + plan.warmupMs + plan.durationMs;
  let seed = 1;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  await Promise.all(
    Array.from({ length: VIEWERS }, async (_, viewer) => {
      const level = LEVELS[viewer % LEVELS.length]!;
      while (performance.now() < until) {
        // One page load: every API for one place.
        const places = plan.places[level];
        const place = places[Math.floor(random() * places.length)]!;
        for (const api of APIS) {
          const sent = performance.now();
          const status = await get(`/api/dashboard/${api}${api.includes('?') ? '&' : '?'}${place}`);
          const ms = performance.now() - sent;
          if (status !== 200) {
            errors++;
            firstError ||= `${status} ${api} ${place}`;
          } else if (sent > started + plan.warmupMs) (samples[`${level} ${api}`] ??= []).push(ms);
        }
      }
    }),
  );
  agent.destroy();
  console.log(JSON.stringify({ samples, errors, firstError }));
}

async function drive(tmp: string, plan: DriverPlan): Promise<{ samples: Samples; errors: number; firstError: string }> {
  const file = path.join(tmp, 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--driver=${file}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`driver failed (${code})`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { samples: Samples; errors: number; firstError: string };
}

// ---------------------------------------------------------------- the baseline: direct SQL

const OPEN = `status in ('reported', 'accepted', 'dispatched', 'handling', 'reported_back')`;

/** The figures of each API for one place, computed from the base tables. `$1`: region prefix, `$2`: grid id or null. */
const BASELINE: Record<(typeof APIS)[number], string> = {
  overview: `select
      (select count(*) from resident where deleted_at is null and region_code like $1 || '%' and ($2::uuid is null or grid_id = $2)) as residents,
      (select count(*) from household where deleted_at is null and region_code like $1 || '%' and ($2::uuid is null or grid_id = $2)) as households,
      (select count(*) from app_user where role = 'grid_worker' and not disabled and scope_region_code like $1 || '%' and ($2::uuid is null or scope_grid_id = $2)) as workers,
      t.*
    from (select count(*) filter (where created_at >= date_trunc('day', now())) as today, count(*) filter (where ${OPEN}) as open,
        count(*) filter (where ${OPEN} and overdue) as overdue,
        count(*) filter (where status = 'closed' and closed_at > now() - interval '30 days') as closed,
        count(*) filter (where status = 'closed' and not overdue and closed_at > now() - interval '30 days') as on_time,
        avg(rating) filter (where status = 'closed' and closed_at > now() - interval '30 days') as satisfaction
      from ticket where region_code like $1 || '%' and ($2::uuid is null or grid_id = $2)) t`,
  trend: `select d, count(*) filter (where created_at::date = d), count(*) filter (where closed_at::date = d)
    from ticket, generate_series(current_date - 29, current_date, interval '1 day') d
    where region_code like $1 || '%' and ($2::uuid is null or grid_id = $2) and (created_at > now() - interval '30 days' or closed_at > now() - interval '30 days')
    group by d`,
  categories: `select coalesce(c.parent_id, c.id), count(*) from ticket t join ticket_category c on c.id = t.category_id
    where t.region_code like $1 || '%' and ($2::uuid is null or t.grid_id = $2) and t.created_at >= date_trunc('month', now()) - interval '2 months' group by 1`,
  departments: `select a.department_id, count(*), count(*) filter (where a.status = 'reported'), count(*) filter (where a.status = 'reported' and a.updated_at <= a.due_at)
    from ticket_assignment a join ticket t on t.id = a.ticket_id
    where t.region_code like $1 || '%' and ($2::uuid is null or t.grid_id = $2) and a.assigned_at >= date_trunc('month', now()) - interval '1 month' group by 1`,
  'grid-ranking': `select grid_id, count(*) filter (where status = 'closed'), count(*) filter (where status = 'closed' and not overdue), count(*) filter (where ${OPEN})
    from ticket where region_code like $1 || '%' and ($2::uuid is null or grid_id = $2) and (closed_at >= date_trunc('month', now()) - interval '1 month' or ${OPEN}) group by grid_id`,
  map: `select g.id, g.boundary, (select count(*) from resident r where r.grid_id = g.id and r.deleted_at is null),
      (select count(*) from ticket t where t.grid_id = g.id and t.${OPEN})
    from grid g where g.deleted_at is null and g.region_code like $1 || '%' and ($2::uuid is null or g.id = $2)`,
  'points?layer=open': `select id, lon, lat, number from ticket where ${OPEN} and region_code like $1 || '%' and ($2::uuid is null or grid_id = $2) order by created_at desc limit 2001`,
  'points?layer=overdue': `select id, lon, lat, number from ticket where ${OPEN} and overdue and region_code like $1 || '%' and ($2::uuid is null or grid_id = $2) order by created_at desc limit 2001`,
};

async function baseline(url: string, places: Record<Level, { prefix: string; gridId: string | null }[]>, rounds: number): Promise<Samples> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const work: { key: string; sql: string; args: unknown[] }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const level of LEVELS) {
      const p = places[level][round % places[level].length]!;
      for (const api of APIS) work.push({ key: `${level} ${api}`, sql: BASELINE[api], args: [p.prefix, p.gridId] });
    }
  }
  const samples: Samples = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < work.length) {
        const w = work[next++]!;
        const started = performance.now();
        await pool.query(w.sql, w.args);
        (samples[w.key] ??= []).push(performance.now() - started);
      }
    }),
  );
  await pool.end();
  return samples;
}

// ---------------------------------------------------------------- the browser

async function firstRender(base: string, cookie: string): Promise<number | null> {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!chromium || rest.includes('--no-browser') || !fs.existsSync('web/dist/index.html')) return null;
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    // Ready: the residents tile has its number, the map is drawn and fitted, and all four charts have a canvas.
    const ready = () =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-testid="kpi-residents"]')?.getAttribute('data-value') &&
          document.querySelector('[data-testid="dashboard-map"][data-ready="true"] canvas.maplibregl-canvas') &&
          ['categories', 'trend', 'departments', 'ranking'].every((c) => document.querySelector(`[data-testid="chart-${c}"] canvas`)),
        undefined,
        { timeout: 60_000, polling: 20 },
      );
    // Once to warm the browser's cache of the app's files, as a wall display that reloads has it.
    await page.goto(`${base}/#/dashboard`);
    await ready();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await page.reload({ waitUntil: 'commit' });
      await ready();
      times.push(performance.now() - started);
    }
    return Math.min(...times);
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- the run

async function ensureCityData(url: string): Promise<{ url: string; scratch: string | null }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (quick) {
      const name = `gg_bench_dash_${process.pid}`;
      await admin.query(`create database ${name}`);
      return { url: withDb(ADMIN_URL, name), scratch: name };
    }
    const db = new URL(url).pathname.slice(1);
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [db])).rowCount;
    if (exists) return { url, scratch: null };
    await admin.query(`create database ${pg.escapeIdentifier(db)}`);
    return { url, scratch: null };
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const driverPlan = option('driver');
  if (driverPlan) return runDriver(driverPlan);

  const target = option('database-url') ?? withDb(ADMIN_URL, 'gridgov_city');
  const { url, scratch } = await ensureCityData(target);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bench-dash-'));
  const piiKey = randomBytes(32);
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory', poolSize: 20 });
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  try {
    const [{ n }] = (await pool.query<{ n: string }>('select count(*)::text as n from ticket')).rows as [{ n: string }];
    if (Number(n) === 0) {
      const t = performance.now();
      console.log(quick ? 'loading a small city with 200,000 tickets' : 'no city-scale data yet: generating it (see docs/city-scale.md; this takes a while)');
      await generateDemoData(database, { scale: quick ? SCALES.small : SCALES.city, seed: 1, tickets: quick ? 200_000 : 10_000_000, years: 2, piiKey, clock: systemClock, log: quick ? undefined : console.log });
      console.log(`loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    const counts = (await pool.query<{ tickets: string; residents: string; grids: string }>(
      `select (select count(*) from ticket)::text as tickets, (select count(*) from resident)::text as residents, (select count(*) from grid)::text as grids`,
    )).rows[0]!;
    console.log(`data: ${formatInt(Number(counts.tickets))} tickets, ${formatInt(Number(counts.residents))} residents, ${formatInt(Number(counts.grids))} grids (${url.replace(/\/\/[^@]*@/, '//')})`);

    // Admission control off: this measures the dashboard's reads at many viewers at once, not the shedding (`intake --overload` does).
    const config = { ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: piiKey.toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl: url, auditCheckpointFile: null, admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } };
    const rt = await startRuntime(config, { clock: systemClock, database });
    try {
      await rt.app.listen({ host: '127.0.0.1', port: 0 });
      const address = rt.app.server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const base = `http://127.0.0.1:${address.port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'city_op', password: DEMO_PASSWORD }) });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('gg_sid='))?.split(';')[0];
      if (!cookie) throw new Error(`login failed: ${login.status}`);

      const regions = (await pool.query<{ code: string; level: number }>('select code, level from region where valid_to is null and level between 2 and 4')).rows;
      const grids = (await pool.query<{ id: string; region_code: string }>('select id, region_code from grid where deleted_at is null')).rows;
      const prefix = (code: string, level: number) => code.slice(0, [0, 2, 4, 6, 9][level]);
      const byLevel = (level: number) => regions.filter((r) => r.level === level);
      const places: Record<Level, string[]> = {
        city: byLevel(2).map((r) => `region=${r.code}`),
        county: byLevel(3).map((r) => `region=${r.code}`),
        township: byLevel(4).map((r) => `region=${r.code}`),
        grid: grids.map((g) => `grid=${g.id}`),
      };
      const sqlPlaces: Record<Level, { prefix: string; gridId: string | null }[]> = {
        city: byLevel(2).map((r) => ({ prefix: prefix(r.code, 2), gridId: null })),
        county: byLevel(3).map((r) => ({ prefix: prefix(r.code, 3), gridId: null })),
        township: byLevel(4).map((r) => ({ prefix: prefix(r.code, 4), gridId: null })),
        grid: grids.map((g) => ({ prefix: g.region_code, gridId: g.id })),
      };
      // A shuffled sample of the places (same for every run), so the baseline meets varied ones.
      for (const level of LEVELS) sqlPlaces[level].sort((a, b) => (a.gridId ?? a.prefix).localeCompare(b.gridId ?? b.prefix));

      const ours = await drive(tmp, { port: address.port, cookie, places, warmupMs: WARMUP_MS, durationMs: PHASE_MS });
      if (ours.errors) throw new Error(`${ours.errors} dashboard requests failed, first: ${ours.firstError}`);
      const base_ = await baseline(url, sqlPlaces, quick ? 1 : 3);
      const render = await firstRender(base, cookie);

      console.log(`\n${VIEWERS} concurrent viewers, ${PHASE_MS / 1000} s; latency in ms (ours p50 / p95 | direct SQL p95)`);
      let worst = 0;
      let worstBaseline = 0;
      let total = 0;
      for (const level of LEVELS) {
        for (const api of APIS) {
          const key = `${level} ${api}`;
          const s = (ours.samples[key] ?? []).sort((a, b) => a - b);
          const b = (base_[key] ?? []).sort((a, b) => a - b);
          total += s.length;
          const p95 = percentile(s, 95);
          worst = Math.max(worst, p95);
          worstBaseline = Math.max(worstBaseline, percentile(b, 95));
          console.log(`  ${key.padEnd(32)} ${percentile(s, 50).toFixed(1).padStart(7)} / ${p95.toFixed(1).padStart(7)}  (${String(s.length).padStart(5)} requests) | ${percentile(b, 95).toFixed(0).padStart(7)}`);
        }
      }
      console.log(`  ${formatInt(total / (PHASE_MS / 1000))} dashboard requests a second in all`);
      console.log(render === null ? '  first render in the browser: not measured (no chromium or no web build)' : `  first render with data in the browser (1920x1080, city level): ${render.toFixed(0)} ms`);
      benchLine('dashboard', {
        p95_ms: worst.toFixed(1),
        baseline_p95_ms: worstBaseline.toFixed(0),
        ratio: (worstBaseline / worst).toFixed(1),
        ...(render === null ? {} : { first_render_ms: render.toFixed(0) }),
      });
    } finally {
      await rt.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (scratch) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${scratch} with (force)`);
      await admin.end();
    }
  }
}

await main();
