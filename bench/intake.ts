/**
 * Ticket intake over real HTTP: the whole `POST /api/tickets` path (session, validation, grid
 * lookup, category suggestion, duplicate check, ticket row, timeline, audit entry, notifications,
 * SMS outbox, dispatch-limit timer, live event, the ticket answered back) against a baseline route
 * on the same server and database that does one plain INSERT of a ticket row per request.
 *
 * `npx tsx bench/intake.ts [--quick] [--tickets=N] [--no-pglite]`: PostgreSQL (127.0.0.1:5432,
 * user postgres) with 1,000,000 existing tickets over 10,000 grids, then the embedded PGlite (on
 * disk, in a child process) with 100,000; quick: 50,000 and 10,000 tickets over 1,000 grids.
 *
 * Throughput: closed loop, 16 keep-alive connections, 30 s (quick: 5 s) for the baseline, then
 * for ours. Latency: open loop at 200 requests a second for 30 s (quick: 5 s) against our intake,
 * measured from each request's scheduled send time (no coordinated omission), and again at half
 * our throughput when that is under 400 a second. Then the baseline once more: the ratio is to
 * the mean of its two phases. The load comes from a child process (the driver, on plain
 * keep-alive sockets: bench/http-driver.ts), so it never shares the server's event loop. CPU a
 * request is the server's, PostgreSQL's and the whole machine's (Linux). `--profile=FILE`: a CPU profile of the server during our closed loop.
 *
 * Admission control is off except with `--overload` (PostgreSQL only): admission control at twice the capacity. Our closed loop
 * measures the capacity, then an open loop offers twice that (no client retries): the accepted
 * reports' latency from their scheduled send, the shed ones (503 OVERLOADED) counted apart, and
 * every report answered 201 looked up in the database afterwards (`lost` = acknowledged but not
 * stored; the rows filed in the phase must equal the 201s). `--adaptive-admission`: the shared
 * slots adapt to the latency they cause (GRIDGOV_ADMISSION_ADAPTIVE=on) instead of being fixed.
 * Results: docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { from as copyFrom } from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';
import { SCALES, type DemoScale } from '../server/src/modules/demo/generate-city.js';
import { DEMO_PASSWORD, seedDemo, type DemoSeed } from '../server/src/modules/demo/seed-demo.js';
import { placeIn, TICKET_COPY_COLUMNS, ticketCopyText } from '../server/src/modules/demo/generate-tickets.js';
import type { PiiVault } from '../server/src/platform/pii/vault.js';
import { generateLabelledTickets, generateTicketText, pickTicketCategory, seededRandom, type RandomFn } from '../server/src/modules/tickets/classifier/training-texts.js';
import { ticket } from '../server/src/modules/tickets/tables.js';
import { admissionOf, loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADAPTIVE } from '../server/src/platform/http/adaptive-limit.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, rows, type Database } from '../server/src/platform/db/client.js';
import { bbox, pointInPolygon } from '../server/src/platform/geo/polygon.js';
import { categorySuggester } from '../server/src/modules/tickets/category-suggester.js';
import { startRuntime, type Runtime } from '../server/src/runtime.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb } from './lib.js';
import { ConnectionPool, requestBytes } from './http-driver.js';

const { quick, rest } = parseBenchArgs();
const option = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const driverPlan = option('driver');
const liteChild = rest.includes('--pglite-child');
/** `--profile=FILE`: a CPU profile of the server process during our closed-loop phase on PostgreSQL. */
const profileFile = option('profile');
const overload = rest.includes('--overload');
/** `--adaptive-admission`: the shared slots adapt (GRIDGOV_ADMISSION_ADAPTIVE=on), to compare with fixed ones. */
const adaptiveAdmission = rest.includes('--adaptive-admission');
const PG_TICKETS = Number(option('tickets') ?? (quick ? 50_000 : 1_000_000));
const LITE_TICKETS = quick ? 10_000 : 100_000;
const PHASE_MS = quick ? 5_000 : 30_000;
const WARMUP_MS = quick ? 1_000 : 3_000;
const CONNECTIONS = 16;
const RATE = 200;
/**
 * Grid workers who file some of the reports in their own grid (the rest come from the city
 * hotline): the demo city's 200 (its first 200 grids). Until 2026-11-24 it was 16, whose grids
 * each took 70 reports a second and held about 600 open tickets within 300 m by the end, a spot
 * no city has; the duplicate check's cost grows with the open tickets around a report.
 */
const WORKERS = 200;
const WORKER_SHARE = 0.2;
const DUPLICATE_SHARE = 0.05;
const SCALE: DemoScale = quick ? { ...SCALES.bench, communitiesPerTownship: 2 } : SCALES.bench;
const PG_ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------- the existing tickets

interface BenchGrid {
  id: string;
  code: string;
  regionCode: string;
  box: [number, number, number, number];
  ring: number[][];
}

function benchGrids(seed: DemoSeed): BenchGrid[] {
  return seed.city.grids.map((g) => ({ id: seed.gridIds.get(g.code)!, code: g.code, regionCode: g.regionCode, box: bbox(g.boundary.coordinates) as BenchGrid['box'], ring: g.boundary.coordinates[0]! }));
}


const pick = <T>(random: RandomFn, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const mobile = (random: RandomFn) => `1${pick(random, ['33', '35', '38', '39', '50', '58', '77', '86', '88'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;

/**
 * Tickets of the last two years, as the demo city has them (server/src/modules/demo/generate-tickets.ts):
 * in order of time, each as far along the closed loop as it would be by now, so nearly all older
 * ones are closed (or rejected or merged) and many of the last days' still open.
 */
async function loadTickets(database: Database, databaseUrl: string | null, count: number, grids: BenchGrid[], categoryIds: Map<string, string>, vault: PiiVault): Promise<void> {
  const copy = `copy ticket (${TICKET_COPY_COLUMNS.join(', ')}) from`;
  const rows = ticketCopyText({ seed: 7, count, until: Date.now(), days: 730, grids, categoryIds, vault });
  if (databaseUrl) {
    const conn = new pg.Client({ connectionString: databaseUrl });
    await conn.connect();
    try {
      await pipeline(Readable.from(rows), conn.query(copyFrom(`${copy} stdin`)));
      await conn.query('select setval(\'ticket_number_seq\', $1)', [count]);
      await conn.query('vacuum analyze ticket');
      await conn.query('checkpoint');
    } finally {
      await conn.end();
    }
    return;
  }
  const lite = (database.db as unknown as { $client: PGlite }).$client;
  await lite.query(`${copy} '/dev/blob'`, [], { blob: new Blob([...rows]) });
  await lite.query('select setval(\'ticket_number_seq\', $1)', [count]);
  await lite.exec('vacuum analyze ticket');
  await lite.exec('checkpoint');
}

// ---------------------------------------------------------------- the server side

/** The baseline: one plain INSERT of a ticket row from the body, nothing else. Bench only. */
const plainTicket = z.object({
  categoryId: z.string(),
  description: z.string(),
  lon: z.number(),
  lat: z.number(),
  gridId: z.string(),
  regionCode: z.string(),
  reporterName: z.string().optional(),
});

function addBaselineRoute(rt: Runtime): void {
  rt.app.post('/bench/plain-insert', {
    config: { access: 'public' },
    schema: { body: plainTicket, response: { 201: z.object({ id: z.string() }) } },
    handler: async (req, reply) => {
      const now = new Date();
      const id = randomUUID();
      await rt.database.db.insert(ticket).values({
        id,
        number: sql`(select to_char(now(), 'YYYYMMDD') || '-' || lpad(n, greatest(6, length(n)), '0') from (select nextval('ticket_number_seq')::text as n) s)`,
        source: 'hotline',
        ...req.body,
        level: 'community',
        status: 'reported',
        publicStatus: 'received',
        dispatchDueAt: new Date(now.getTime() + 60 * 60_000),
        createdAt: now,
        updatedAt: now,
      });
      return reply.status(201).send({ id });
    },
  });
}

async function login(base: string, username: string, attempt = 1): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  // Shed (the sign-in's reserve and the shared slots taken, as a client may find them): retry after Retry-After, as clients do.
  const retryAfter = Number(res.headers.get('retry-after'));
  if (res.status === 503 && retryAfter > 0 && attempt < 10) {
    await res.text();
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    return login(base, username, attempt + 1);
  }
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gg_sid='))?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie;
}

interface PlanBody {
  cookie: number;
  json: string;
}

interface DriverPlan {
  port: number;
  path: string;
  cookies: string[];
  bodies: PlanBody[];
  mode: 'closed' | 'open';
  connections: number;
  rate: number;
  warmupMs: number;
  durationMs: number;
  /** Keep the ids of the tickets answered 201 (warm-up included), for the overload's loss check. */
  collectIds?: boolean;
}

interface PhaseResult {
  /** Requests sent, the warm-up's included. */
  sent: number;
  /** Requests sent in the measured phase (the warm-up's left out). */
  offered: number;
  ok: number;
  /** Answered 503 OVERLOADED with a Retry-After (admission control), in the measured phase. */
  shed: number;
  errors: number;
  /** With `collectIds`: every ticket answered 201, the warm-up's included. */
  ids: string[];
  firstError: string | null;
  withDuplicates: number;
  ms: number;
  perS: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of the server process a request (user + system), the warm-up's included. */
  cpuUs: number;
  /** CPU time of the PostgreSQL server's processes a request, and of the whole machine (Linux only; else null). */
  postgresCpuUs: number | null;
  machineCpuUs: number | null;
}

/**
 * Reports as the city hotline (any grid, with the caller's phone) or as a grid worker in their own
 * grid; one in twenty repeats a recent report (same words, a few metres away), as callers do.
 */
function intakeBodies(seed: number, count: number, grids: BenchGrid[], workerGrids: BenchGrid[]): PlanBody[] {
  const random = seededRandom(seed);
  const reports: Array<{ worker: number; grid: BenchGrid; description: string; at: [number, number] }> = [];
  return Array.from({ length: count }, () => {
    const earlier = reports.length > 100 && random() < DUPLICATE_SHARE ? reports[reports.length - 1 - Math.floor(random() * 100)]! : null;
    const worker = earlier ? earlier.worker : random() < WORKER_SHARE ? Math.floor(random() * workerGrids.length) : -1;
    const grid = earlier?.grid ?? (worker >= 0 ? workerGrids[worker]! : pick(random, grids));
    const description = earlier?.description ?? reportText(random, pickTicketCategory(random));
    // A repeat lands a few metres from the earlier report, or on it where that would leave the grid.
    const moved = earlier ? ([earlier.at[0] + (random() - 0.5) * 0.0004, earlier.at[1] + (random() - 0.5) * 0.0004] as [number, number]) : null;
    const [lon, lat] = !earlier ? placeIn(random, grid) : pointInPolygon(moved![0], moved![1], [grid.ring]) ? moved! : earlier.at;
    reports.push({ worker, grid, description, at: [lon, lat] });
    const caller = worker < 0 ? { reporterName: pick(random, ['张先生', '李女士', '王师傅', '刘阿姨', '陈先生']), reporterPhone: mobile(random) } : {};
    return { cookie: worker + 1, json: JSON.stringify({ description, lon, lat, emergency: random() < 0.01, ...caller }) };
  });
}

/** A generated report as a resident would send it: the API refuses descriptions under 5 characters, so a very short one asks for help too. */
function reportText(random: RandomFn, code: Parameters<typeof generateTicketText>[1]): string {
  const text = generateTicketText(random, code);
  return [...text].length >= 5 ? text : `${text}请尽快处理`;
}

function baselineBodies(count: number, grids: BenchGrid[], categoryIds: Map<string, string>): PlanBody[] {
  const random = seededRandom(21);
  return Array.from({ length: count }, () => {
    const g = pick(random, grids);
    const [lon, lat] = placeIn(random, g);
    const code = pickTicketCategory(random);
    return { cookie: 0, json: JSON.stringify({ categoryId: categoryIds.get(code)!, description: reportText(random, code), lon, lat, gridId: g.id, regionCode: g.regionCode, reporterName: '张先生' }) };
  });
}

/** Busy CPU time of the whole machine and of the processes named `postgres`, in µs (Linux /proc; clock ticks of 10 ms). */
function machineCpu(): { busyUs: number; postgresUs: number } | null {
  try {
    const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    let postgres = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Own time, and (the postmaster's) that of children already ended: backends come and go.
        postgres += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      } catch {
        // The process ended meanwhile.
      }
    }
    return { busyUs: (user! + nice! + system! + irq! + softirq! + steal!) * 10_000, postgresUs: postgres * 10_000 };
  } catch {
    return null;
  }
}

let planSeq = 0;

/** Runs one load phase from a driver child process; the server keeps serving meanwhile. */
async function drive(tmp: string, plan: DriverPlan): Promise<PhaseResult> {
  const file = path.join(tmp, `plan-${planSeq++}.json`);
  fs.writeFileSync(file, JSON.stringify(plan));
  const self = fileURLToPath(import.meta.url);
  const cpu = process.cpuUsage();
  const machine = machineCpu();
  const child = spawn(process.execPath, ['--import', 'tsx', self, `--driver=${file}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`driver failed (${code}): ${out}`);
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as PhaseResult;
  result.cpuUs = (used.user + used.system) / Math.max(1, result.sent);
  const after = machineCpu();
  result.postgresCpuUs = machine && after ? (after.postgresUs - machine.postgresUs) / Math.max(1, result.sent) : null;
  result.machineCpuUs = machine && after ? (after.busyUs - machine.busyUs) / Math.max(1, result.sent) : null;
  if (result.errors > 0) throw new Error(`${plan.path}: ${result.errors} failed requests, first: ${result.firstError}`);
  return result;
}

interface ServerFigures {
  kind: string;
  existing: number;
  grids: number;
  setupMs: number;
  loadMs: number;
  /** The baseline before our phases, and again after them. */
  baseline: PhaseResult;
  baselineAfter: PhaseResult;
  ours: PhaseResult;
  /** The open loop at the goal rate; not run on the embedded database when that is over twice its throughput. */
  latency: PhaseResult | null;
  /** When our throughput is under twice the goal rate: the open loop again at half our throughput. */
  relaxed: (PhaseResult & { rate: number }) | null;
  peakMb: number;
}

interface OverloadFigures {
  existing: number;
  /** Our closed loop: the capacity. */
  capacity: PhaseResult;
  /** The open loop at twice the capacity. */
  overload: PhaseResult & { rate: number };
  /** Tickets filed during the phase (warm-up included) and how many of the 201s are not in the database. */
  rows: number;
  acknowledged: number;
  lost: number;
  admission: string;
}

async function serve(database: Database, databaseUrl: string | null, existing: number, tmp: string): Promise<ServerFigures>;
async function serve(database: Database, databaseUrl: string | null, existing: number, tmp: string, mode: 'overload'): Promise<OverloadFigures>;
async function serve(database: Database, databaseUrl: string | null, existing: number, tmp: string, mode?: 'overload'): Promise<ServerFigures | OverloadFigures> {
  let t = performance.now();
  const defaults = loadConfig({});
  // --overload measures admission control, with GRIDGOV_ADMISSION_* as in the server (settings can be
  // compared here before they are deployed); the other phases measure the intake path itself, so
  // admission control is off there (as in the reservation benchmark): a closed loop of more
  // connections than shared slots would otherwise measure the shedding.
  const fromEnv = admissionOf(process.env);
  const admission = mode !== 'overload' ? { ...fromEnv, maxInFlight: 0 } : adaptiveAdmission ? { ...fromEnv, adaptive: DEFAULT_ADAPTIVE } : fromEnv;
  const config = { ...defaults, admission, logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl, auditCheckpointFile: null };
  const rt = await startRuntime(config, { clock: systemClock, database });
  try {
    const seed = await seedDemo(database.db, rt.clock, { scale: SCALE });
    categorySuggester(rt.kit).train(generateLabelledTickets(seededRandom(1), 4000));
    const grids = benchGrids(seed);
    const categoryIds = seed.tickets.categoryIds;
    const setupMs = performance.now() - t;
    t = performance.now();
    await loadTickets(database, databaseUrl, existing, grids, categoryIds, rt.vault);
    const loadMs = performance.now() - t;
    console.log(`${database.kind}: ${formatInt(existing)} existing tickets over ${formatInt(grids.length)} grids loaded in ${seconds(loadMs)} s (demo seed and suggester ${seconds(setupMs)} s)`);

    addBaselineRoute(rt);
    await rt.app.listen({ host: '127.0.0.1', port: 0 });
    const address = rt.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${address.port}`;
    const workers = seed.accounts.filter((a) => a.role === 'grid_worker').slice(0, WORKERS);
    // Eight sign-ins at a time: two hundred at once is a burst admission control sheds (sign-in's share is small).
    const cookies = [await login(base, 'city_op')];
    for (let i = 0; i < workers.length; i += 8) cookies.push(...(await Promise.all(workers.slice(i, i + 8).map((w) => login(base, w.username)))));
    const byCode = new Map(grids.map((g) => [g.code, g]));
    const workerGrids = workers.map((w) => byCode.get(w.gridCode!)!);
    const common = { port: address.port, cookies, connections: CONNECTIONS, rate: RATE, warmupMs: WARMUP_MS, durationMs: PHASE_MS };
    if (mode === 'overload') return await overloadPhases(rt, database, common, tmp, existing, grids, workerGrids);

    const baselineFrom = new Date();
    const baseline = await drive(tmp, { ...common, path: '/bench/plain-insert', bodies: baselineBodies(20_000, grids, categoryIds), mode: 'closed' });
    // The baseline's rows are deleted again: our intake meets the same existing tickets it would have met alone.
    await database.db.execute(sql`delete from ${ticket} where ${ticket.createdAt} >= ${baselineFrom.toISOString()}`);
    await database.db.execute(sql`vacuum analyze ticket`);
    // Fresh reports in every phase (a report sent twice would find itself as a duplicate).
    const openLoopReports = Math.ceil((RATE * (WARMUP_MS + PHASE_MS)) / 1000);
    const stopProfile = profileFile && database.kind === 'postgres' ? await startProfile(profileFile) : null;
    const ours = await drive(tmp, { ...common, path: '/api/tickets', bodies: intakeBodies(11, quick ? 20_000 : 60_000, grids, workerGrids), mode: 'closed' });
    await stopProfile?.();
    // The embedded database at many times its capacity would only pile up minutes of queue: it gets the relaxed loop alone.
    const atGoalRate = database.kind === 'postgres' || ours.perS >= RATE / 2;
    const latency = atGoalRate ? await drive(tmp, { ...common, path: '/api/tickets', bodies: intakeBodies(12, openLoopReports, grids, workerGrids), mode: 'open' }) : null;
    const halfRate = Math.max(1, Math.round(ours.perS / 2));
    const relaxed =
      ours.perS < 2 * RATE ? { ...(await drive(tmp, { ...common, rate: halfRate, path: '/api/tickets', bodies: intakeBodies(13, openLoopReports, grids, workerGrids), mode: 'open' })), rate: halfRate } : null;
    // The baseline once more at the end, after everything of ours: one phase of it swings by a fifth from run to run on a shared machine.
    const baselineAfter = await drive(tmp, { ...common, path: '/bench/plain-insert', bodies: baselineBodies(20_000, grids, categoryIds), mode: 'closed' });
    return { kind: database.kind, existing, grids: grids.length, setupMs, loadMs, baseline, baselineAfter, ours, latency, relaxed, peakMb: peakRssMb() };
  } finally {
    await rt.close();
  }
}

/** Capacity (closed loop), then an open loop at twice it; every acknowledged report looked up. */
async function overloadPhases(rt: Runtime, database: Database, common: Omit<DriverPlan, 'path' | 'bodies' | 'mode'>, tmp: string, existing: number, grids: BenchGrid[], workerGrids: BenchGrid[]): Promise<OverloadFigures> {
  const capacity = await drive(tmp, { ...common, path: '/api/tickets', bodies: intakeBodies(11, quick ? 20_000 : 60_000, grids, workerGrids), mode: 'closed' });
  const rate = Math.max(2, Math.round(2 * capacity.perS));
  const from = new Date();
  const reports = Math.ceil((rate * (WARMUP_MS + PHASE_MS)) / 1000);
  const phase = await drive(tmp, { ...common, rate, path: '/api/tickets', bodies: intakeBodies(15, reports, grids, workerGrids), mode: 'open', collectIds: true });
  const [filed] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from ${ticket} where ${ticket.createdAt} >= ${from.toISOString()}`);
  let found = 0;
  for (let i = 0; i < phase.ids.length; i += 1000) {
    const chunk = phase.ids.slice(i, i + 1000);
    const [row] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from ${ticket} where ${ticket.id} in ${sql.raw(`('${chunk.join("','")}')`)}`);
    found += row?.n ?? 0;
  }
  const limits = rt.config.admission;
  const adaptive = limits.adaptive
    ? `; adaptive shared limit (service p90 target ${limits.adaptive.latencyTargetMs} ms, event loop p99 target ${limits.adaptive.loopDelayTargetMs} ms): ${rt.kit.admission.adaptive?.limit} at the end, ${rt.kit.admission.adaptive?.decreases} decreases`
    : '; static shared limit';
  const admission = `max in flight ${limits.maxInFlight} (reserved: sign-in ${limits.reserve['sign-in']}, console ${limits.reserve.console}, jobs ${limits.reserve.jobs}), queue ${limits.queueLength}, ${limits.queueMs} ms (reports ${limits.intakeQueueMs} ms) / ${limits.targetMs} ms standing${adaptive}`;
  return { existing, capacity, overload: { ...phase, rate }, rows: filed?.n ?? 0, acknowledged: phase.ids.length, lost: phase.ids.length - found, admission };
}

function reportOverload(f: OverloadFigures): void {
  const o = f.overload;
  const perS = (n: number) => (n * 1000) / o.ms;
  console.log(`PostgreSQL, ${formatInt(f.existing)} existing tickets; admission control: ${f.admission}`);
  console.log(`  capacity (closed loop, ${CONNECTIONS} connections): ${formatInt(f.capacity.perS)} req/s (p50 ${f.capacity.p50.toFixed(1)} ms, p99 ${f.capacity.p99.toFixed(1)} ms), ${formatInt(f.capacity.shed)} shed`);
  console.log(`  open loop at ${formatInt(o.rate)} req/s (twice that) for ${seconds(PHASE_MS)} s: offered ${formatInt(perS(o.offered))}/s, accepted ${formatInt(perS(o.ok))}/s (${formatInt(o.ok)}), shed ${formatInt(perS(o.shed))}/s (${formatInt(o.shed)}, 503 with Retry-After)`);
  console.log(`  accepted reports' latency from the scheduled send: p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, max ${o.max.toFixed(1)} ms (goal: p99 under 50 ms)`);
  console.log(`  acknowledged (201, warm-up included) ${formatInt(f.acknowledged)}, tickets filed in the phase ${formatInt(f.rows)}, acknowledged but not stored ${f.lost}`);
  console.log(`  CPU a request offered: server ${formatInt(o.cpuUs)} µs${o.postgresCpuUs !== null ? `, PostgreSQL ${formatInt(o.postgresCpuUs)} µs` : ''}${o.machineCpuUs !== null ? `, whole machine ${formatInt(o.machineCpuUs)} µs` : ''}`);
}

const baselinePerS = (f: ServerFigures) => (f.baseline.perS + f.baselineAfter.perS) / 2;

function report(f: ServerFigures): void {
  const name = f.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded, on disk)';
  const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(0)}%`;
  console.log(`${name}, ${formatInt(f.existing)} existing tickets, ${CONNECTIONS} connections, ${seconds(PHASE_MS)} s a phase:`);
  const cpu = (r: PhaseResult) =>
    `CPU a request: server ${formatInt(r.cpuUs)} µs${f.kind === 'pglite' ? ' (the embedded database included)' : ''}` +
    (r.postgresCpuUs !== null && f.kind === 'postgres' ? `, PostgreSQL ${formatInt(r.postgresCpuUs)} µs` : '') +
    (r.machineCpuUs !== null ? `, whole machine ${formatInt(r.machineCpuUs)} µs` : '');
  console.log(`  baseline (one plain INSERT a request): ${formatInt(f.baseline.perS)} req/s (p50 ${f.baseline.p50.toFixed(1)} ms, p99 ${f.baseline.p99.toFixed(1)} ms); ${cpu(f.baseline)}`);
  console.log(`  baseline again after ours:             ${formatInt(f.baselineAfter.perS)} req/s (p50 ${f.baselineAfter.p50.toFixed(1)} ms, p99 ${f.baselineAfter.p99.toFixed(1)} ms); ${cpu(f.baselineAfter)}`);
  console.log(`  our intake:                           ${formatInt(f.ours.perS)} req/s (p50 ${f.ours.p50.toFixed(1)} ms, p99 ${f.ours.p99.toFixed(1)} ms); ${cpu(f.ours)}`);
  console.log(`  ${share(f.ours.withDuplicates, f.ours.ok)} of our reports were answered with possible duplicates`);
  const goal = (text: string) => (f.kind === 'postgres' ? ` (goal: ${text})` : '');
  console.log(`  ratio ${(f.ours.perS / baselinePerS(f)).toFixed(2)} (to the mean of the two baseline phases)${goal('at least 0.50')}`);
  const l = f.latency;
  console.log(
    l
      ? `  open loop at ${RATE} req/s: ${formatInt(l.ok)} reports at ${l.perS.toFixed(0)}/s, latency from the scheduled send p50 ${l.p50.toFixed(1)} ms, ` +
          `p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms${goal('p99 under 50 ms')}`
      : `  open loop at ${RATE} req/s: not run (over twice the throughput above)`,
  );
  if (f.relaxed) {
    const r = f.relaxed;
    console.log(`  open loop at ${r.rate} req/s (half our throughput): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
  }
  console.log(`  peak RSS of the server process ${f.peakMb} MB`);
}

/** Starts the V8 CPU profiler in this process; the returned function stops it and writes the profile. */
async function startProfile(file: string): Promise<() => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

// ---------------------------------------------------------------- the driver (a child process)

async function runDriver(file: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as DriverPlan;
  const pool = new ConnectionPool(plan.port, plan.mode === 'closed' ? plan.connections : 1024);
  const payloads = plan.bodies.map((b) => requestBytes('POST', plan.path, b.json, plan.cookies[b.cookie] ? { Cookie: plan.cookies[b.cookie]! } : {}));
  let next = 0;

  const send = async (): Promise<{ status: number; body: string; retryAfter?: string }> => {
    const { status, head, body } = await pool.send(payloads[next++ % payloads.length]!);
    if (pool.failed) throw pool.failed;
    return { status, body, retryAfter: /\r\nretry-after: *([^\r]+)/i.exec(head)?.[1] };
  };

  const latencies: number[] = [];
  const tally = { offered: 0, ok: 0, shed: 0, errors: 0, firstError: null as string | null, withDuplicates: 0, ids: [] as string[] };
  const record = (r: { status: number; body: string; retryAfter?: string }, ms: number, counted: boolean) => {
    if (plan.collectIds && r.status === 201) tally.ids.push((JSON.parse(r.body) as { ticket: { id: string } }).ticket.id);
    if (!counted) return;
    tally.offered++;
    if (r.status === 503 && r.body.includes('"OVERLOADED"') && r.retryAfter) {
      tally.shed++;
      return;
    }
    if (r.status !== 201) {
      tally.errors++;
      tally.firstError ??= `${r.status} ${r.body.slice(0, 300)}`;
      return;
    }
    tally.ok++;
    latencies.push(ms);
    if (r.body.includes('"duplicates":[{')) tally.withDuplicates++;
  };

  async function closedLoop(ms: number, counted: boolean): Promise<number> {
    const started = performance.now();
    const until = started + ms;
    await Promise.all(
      Array.from({ length: plan.connections }, async () => {
        while (performance.now() < until) {
          const sent = performance.now();
          record(await send(), performance.now() - sent, counted);
        }
      }),
    );
    return performance.now() - started;
  }

  async function openLoop(ms: number, counted: boolean): Promise<number> {
    const interval = 1000 / plan.rate;
    const total = Math.round((ms / 1000) * plan.rate);
    const started = performance.now();
    const pending: Array<Promise<void>> = [];
    let i = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        while (i < total && started + i * interval <= performance.now()) {
          const scheduled = started + i++ * interval;
          pending.push(send().then((r) => record(r, performance.now() - scheduled, counted)));
        }
        if (i >= total) resolve();
        else setTimeout(tick, Math.max(0, started + i * interval - performance.now()));
      };
      tick();
    });
    await Promise.all(pending);
    return performance.now() - started;
  }

  const loop = plan.mode === 'closed' ? closedLoop : openLoop;
  await loop(plan.warmupMs, false);
  const ms = await loop(plan.durationMs, true);
  pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const result: PhaseResult = { ...tally, sent: next, cpuUs: 0, postgresCpuUs: null, machineCpuUs: null, ms, perS: (tally.ok * 1000) / ms, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? 0 };
  console.log(JSON.stringify(result));
}

// ---------------------------------------------------------------- the two databases

async function postgres(tmp: string): Promise<ServerFigures>;
async function postgres(tmp: string, mode: 'overload'): Promise<OverloadFigures>;
async function postgres(tmp: string, mode?: 'overload'): Promise<ServerFigures | OverloadFigures> {
  const name = `gridgov_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' });
    return mode === 'overload' ? await serve(database, url.toString(), PG_TICKETS, tmp, mode) : await serve(database, url.toString(), PG_TICKETS, tmp);
  } finally {
    await dropDatabase(admin, name);
    await admin.end();
  }
}

/** The pool ends its connections without waiting for them: give them a moment before forcing. */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}

async function pglite(tmp: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: null, dataDir: path.join(tmp, 'pglite') });
  const figures = await serve(database, null, LITE_TICKETS, tmp);
  console.log(JSON.stringify(figures));
}

/** The embedded database in a fresh process, so its figures and peak RSS are its own. */
function pgliteChild(): ServerFigures {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', self, '--pglite-child', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`PGlite run failed: ${result.stdout}`);
  const lines = result.stdout.trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(line);
  return JSON.parse(lines.at(-1) ?? '{}') as ServerFigures;
}

if (driverPlan) {
  await runDriver(driverPlan);
} else {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-intake-'));
  try {
    if (liteChild) {
      await pglite(tmp);
    } else if (overload) {
      const f = await postgres(tmp, 'overload');
      reportOverload(f);
      const perS = (n: number) => Math.round((n * 1000) / f.overload.ms);
      benchLine('intake-overload', { offered_per_s: perS(f.overload.offered), accepted_per_s: perS(f.overload.ok), p99_ms: f.overload.p99.toFixed(1), lost: f.lost + Math.max(0, f.acknowledged - f.rows), ratio: (f.overload.ok / Math.max(1, f.overload.ms) * 1000 / Math.max(1, f.capacity.perS)).toFixed(2) });
    } else {
      const figures = await postgres(tmp);
      report(figures);
      if (!rest.includes('--no-pglite')) report(pgliteChild());
      benchLine('intake', {
        per_s: Math.round(figures.ours.perS),
        baseline_per_s: Math.round(baselinePerS(figures)),
        ratio: (figures.ours.perS / baselinePerS(figures)).toFixed(2),
        p99_ms: figures.latency?.p99.toFixed(1) ?? 'n/a',
      });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
