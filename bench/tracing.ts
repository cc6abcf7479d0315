/**
 * Contact tracing over venue check-ins at city scale: `venueOverlaps` (the others at a case's
 * venues at overlapping times, with the evidence) for one case over its 14-day window, repeated
 * for random cases (p50, p95), and for 1,000 cases in total: one call after the other, and in one
 * statement (`venueOverlapsMany`, what a batch of cases should use; its time is the BENCH line's
 * `batch_s`), against a baseline of the bare index range scans that fetch
 * the same rows (the case's check-ins by person key, then for each the venue's check-ins in its
 * time range, in one statement), timed the same way.
 *
 * `npm run bench -- tracing [--quick] [--scale=F] [--keep] [--cases=200] [--batch=1000]`
 * Full size: 100,000,000 check-ins over the 14 days before today across 50,000 venues (about
 * 2.4 million people, each checking in at 1 to 5 venues a day near home, stays of 10 to 120
 * minutes, one check-in in twenty never checked out). `--quick`: 1,000,000 check-ins at 5,000
 * venues; `--scale=F`: F times the check-ins at √F times the venues (so a venue's day grows with
 * the city). Generated in the server (INSERT ... SELECT over generate_series) in a scratch
 * PostgreSQL database (127.0.0.1:5432, `GRIDGOV_BENCH_PG_URL` for another server), migrated by
 * the product's migrations, into the real partitioned `venue_checkin` with its day partitions
 * made by the module's own code; dropped at the end unless `--keep`. Load-only: the partitions
 * are unlogged and the key and person index are built after loading. Parallel query is off in
 * the scratch database (a worker's start-up would dominate a lookup of a few milliseconds).
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../server/src/platform/db/client.js';
import { dayStart, localDate } from '../server/src/platform/time-zone.js';
import { ensurePartitions, partitionName } from '../server/src/modules/checkins/partitions.js';
import { venueOverlaps, venueOverlapsMany } from '../server/src/modules/checkins/index.js';
import { benchLine, formatInt, parseBenchArgs } from './lib.js';

const { quick, rest } = parseBenchArgs();
const keep = rest.includes('--keep');
const arg = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scale = Number(arg('scale') ?? (quick ? 0.01 : 1));
const DAYS = 14;
const CHECKINS = Math.round(100_000_000 * scale);
const VENUES = Math.max(10, Math.round(50_000 * Math.sqrt(scale)));
/** 1 to 5 check-ins a person a day (3 on average). */
const PERSONS = Math.max(10, Math.round(CHECKINS / (DAYS * 3)));
/** A person's venues: the home venue and the next ones (a neighbourhood). */
const NEAR = 30;
const CASES = Number(arg('cases') ?? 200);
const BATCH = Number(arg('batch') ?? 1000);
const MIN_OVERLAP = 15;
/** The lookback the rule gives another person's stay (a stay is followed at most 24 hours). */
const MAX_STAY = "interval '24 hours'";

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};
const personKey = (p: number) => {
  const h = createHash('md5').update(`p${p}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
/** A small deterministic generator (mulberry32), so runs pick the same cases. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function timed(label: string, client: pg.PoolClient, text: string): Promise<void> {
  const t = performance.now();
  await client.query(text);
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/** Non-negative pseudo-random integer below `n` from the given bigint expression. */
const rnd = (expr: string, n: number) => `((hashint8(${expr}) & 2147483647) % ${n})`;
const VENUE_ID = (v: string) => `md5('v' || (${v})::text)::uuid`;
const GRID_ID = (v: string) => `md5('grid' || ((${v}) % 400)::text)::uuid`;
const REGION = (v: string) => `'430702' || lpad((1 + ((${v}) % 400) / 40)::text, 3, '0') || lpad((1 + ((${v}) % 40) / 4)::text, 3, '0')`;

async function load(client: pg.PoolClient, days: string[], now: Date): Promise<void> {
  const at = `'${now.toISOString()}'::timestamptz`;
  console.log(`generating ${formatInt(CHECKINS)} check-ins of ${formatInt(PERSONS)} people over ${DAYS} days at ${formatInt(VENUES)} venues`);
  await client.query(`set session_replication_role = replica`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`set jit = off`);
  await timed('venues', client, `insert into venue (id, grid_id, region_code, version, created_at, updated_at, name, kind, venue_code, key_place)
    select ${VENUE_ID('v')}, ${GRID_ID('v')}, ${REGION('v')}, 1, ${at}, ${at}, '场所' || v, 'supermarket', 'V' || lpad(v::text, 10, '0'), false
    from generate_series(0, ${VENUES - 1}) v`);
  // Load-only: the key and the person index go, the day partitions are unlogged; both are built after, as the migrations define them.
  const [key] = (await client.query<{ def: string }>(`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'venue_checkin_pkey' and conrelid = 'venue_checkin'::regclass`)).rows;
  const [person] = (await client.query<{ def: string }>(`select pg_get_indexdef('venue_checkin_person_idx'::regclass) as def`)).rows;
  await client.query(`alter table venue_checkin drop constraint venue_checkin_pkey`);
  await client.query(`drop index venue_checkin_person_idx`);
  for (const day of days) await client.query(`alter table "${partitionName(day)}" set unlogged`);
  // Per person and day: 1 to 5 visits at venues near home, 190 minutes apart from 07:00 (plus up to an hour),
  // each 10 to 120 minutes; one in twenty left open.
  const loadDays = days.slice(1, DAYS + 1);
  const t = performance.now();
  for (const [d, day] of loadDays.entries()) {
    const start = `'${dayStart(day).toISOString()}'::timestamptz`;
    await client.query(`insert into venue_checkin (venue_id, checked_in_at, person_key, person_kind, checked_out_at, source, region_code, grid_id)
      select ${VENUE_ID('v')}, t, md5('p' || p::text)::uuid, 'd', case when ${rnd(`p * 1000 + ${d} * 10 + j + 7`, 20)} = 0 then null else t + (10 + ${rnd(`p * 1000 + ${d} * 10 + j + 3`, 111)}) * interval '1 minute' end,
        case when ${rnd(`p * 1000 + ${d} * 10 + j + 5`, 3)} = 0 then 'g' else 'f' end, ${REGION('v')}, ${GRID_ID('v')}
      from generate_series(0::bigint, ${PERSONS - 1}) p,
        lateral generate_series(0, ${rnd(`p * 100 + ${d}`, 5)}) j,
        lateral (select (${rnd('p', VENUES)} + ${rnd(`p * 1000 + ${d} * 10 + j`, NEAR)}) % ${VENUES} as v,
                        ${start} + interval '7 hours' + (j * 190 + ${rnd(`p * 1000 + ${d} * 10 + j + 1`, 60)}) * interval '1 minute' + ${rnd(`p * 1000 + ${d} * 10 + j + 2`, 60)} * interval '1 second' as t) x`);
  }
  console.log(`  check-ins (${DAYS} statements, one a day): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await client.query(`set session_replication_role = origin`);
  await timed(`key: ${key!.def}`, client, `alter table venue_checkin add constraint venue_checkin_pkey ${key!.def}`);
  // pg_get_indexdef of a partitioned index says ON ONLY (the parent alone): built here on every partition.
  await timed('person index', client, person!.def.replace(' ON ONLY ', ' ON '));
  // Past days are settled: autovacuum (on inserts) has set their visibility map, which index-only scans need.
  await timed('vacuum analyze', client, `vacuum analyze venue_checkin`);
  await client.query(`analyze venue`);
}

/** The bare index range scans: the case's check-ins by person key, then each venue's check-ins from a stay's longest lookback to its end. */
const BASELINE = `with mine as (
    select venue_id, checked_in_at as s, least(coalesce(checked_out_at, checked_in_at + ${MAX_STAY}), checked_in_at + ${MAX_STAY}) as e
    from venue_checkin where person_key = $1::uuid and checked_in_at >= $2::timestamptz - ${MAX_STAY} and checked_in_at <= $3::timestamptz
  )
  select o.venue_id, o.person_key, o.checked_in_at, o.checked_out_at
  from mine m join venue_checkin o on o.venue_id = m.venue_id and o.checked_in_at >= m.s - ${MAX_STAY} and o.checked_in_at <= m.e`;

/** The same range scans for many cases in one statement. */
const BASELINE_MANY = BASELINE.replace('with mine as (', 'with cases as (select distinct unnest($1::uuid[]) as k), mine as (')
  .replace('select venue_id, checked_in_at as s,', 'select venue_id, checked_in_at as s, k,')
  .replace('from venue_checkin where person_key = $1::uuid', 'from cases join venue_checkin on person_key = k');

async function main(): Promise<void> {
  const name = `gridgov_bench_tracing_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
  await admin.query(`create database ${name}`);
  // Short lookups: a parallel plan's worker start-up (tens of ms on a busy 2-core machine) would
  // dominate either side, and the baseline's plain join is the one the planner would parallelise.
  await admin.query(`alter database ${name} set max_parallel_workers_per_gather = 0`);
  const started = performance.now();
  try {
    const database = await openDatabase({ databaseUrl: withDb(ADMIN_URL, name), dataDir: 'memory', poolSize: 2 });
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    try {
      const now = new Date();
      // Today (empty) and the 14 days before it, made by the module's partition code.
      const days = Array.from({ length: DAYS + 1 }, (_, i) => localDate(now, i));
      await ensurePartitions(database.db, days);
      const client = await pool.connect();
      try {
        await load(client, days, now);
        const [n] = (await client.query<{ n: string }>(`select count(*) as n from venue_checkin`)).rows;
        console.log(`loaded ${formatInt(Number(n!.n))} check-ins in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      } finally {
        client.release();
      }

      const from = dayStart(days[DAYS]!);
      const random = seeded(42);
      const pick = (k: number) => Array.from({ length: k }, () => personKey(Math.floor(random() * PERSONS)));
      const cases = pick(CASES);
      const batch = pick(BATCH);
      const ours = async (key: string) => (await venueOverlaps(database.db, { personKey: key, from, to: now, minOverlapMinutes: MIN_OVERLAP, now })).length;
      const bare = async (key: string) => (await pool.query(BASELINE, [key, from, now])).rowCount ?? 0;
      // Warm-up: plans, connections, the pages of a few cases.
      for (const key of pick(10)) {
        await ours(key);
        await bare(key);
      }

      const oursMs: number[] = [];
      const bareMs: number[] = [];
      let contacts = 0;
      let fetched = 0;
      for (const [i, key] of cases.entries()) {
        // Alternate which goes first, so neither always finds the other's pages cached.
        const runs: [() => Promise<number>, number[]][] = [
          [async () => (contacts += await ours(key)), oursMs],
          [async () => (fetched += await bare(key)), bareMs],
        ];
        if (i % 2) runs.reverse();
        for (const [run, into] of runs) {
          const t = performance.now();
          await run();
          into.push(performance.now() - t);
        }
      }
      oursMs.sort((a, b) => a - b);
      bareMs.sort((a, b) => a - b);
      const oursP95 = percentile(oursMs, 95);
      const bareP95 = percentile(bareMs, 95);
      console.log(`one case (${CASES} random cases, 14-day window, overlap >= ${MIN_OVERLAP} min): ${formatInt(contacts / CASES)} contacts (evidence rows) a case on average`);
      console.log(`  venueOverlaps: p50 ${percentile(oursMs, 50).toFixed(1)} ms, p95 ${oursP95.toFixed(1)} ms, max ${oursMs.at(-1)!.toFixed(1)} ms`);
      console.log(`  baseline (bare range scans, ${formatInt(fetched / CASES)} rows a case): p50 ${percentile(bareMs, 50).toFixed(1)} ms, p95 ${bareP95.toFixed(1)} ms, max ${bareMs.at(-1)!.toFixed(1)} ms`);

      let t = performance.now();
      let seqContacts = 0;
      for (const key of batch) seqContacts += await ours(key);
      const seqS = (performance.now() - t) / 1000;
      t = performance.now();
      for (const key of batch) await bare(key);
      const bareSeqS = (performance.now() - t) / 1000;
      t = performance.now();
      const many = await venueOverlapsMany(database.db, { personKeys: batch, from, to: now, minOverlapMinutes: MIN_OVERLAP, now });
      const batchS = (performance.now() - t) / 1000;
      const batchContacts = [...new Set(batch)].reduce((n, key) => n + (many.get(key)?.length ?? 0), 0);
      t = performance.now();
      const bareMany = await pool.query(BASELINE_MANY, [`{${batch.join(',')}}`, from, now]);
      const bareManyS = (performance.now() - t) / 1000;
      console.log(`${BATCH} cases, one after the other: venueOverlaps ${seqS.toFixed(2)} s (${formatInt(seqContacts)} evidence rows); baseline ${bareSeqS.toFixed(2)} s`);
      console.log(`${BATCH} cases in one statement: venueOverlapsMany ${batchS.toFixed(2)} s (${formatInt(batchContacts)} evidence rows of ${new Set(batch).size} distinct cases); baseline ${bareManyS.toFixed(2)} s (${formatInt(bareMany.rowCount ?? 0)} rows)`);
      console.log(`goals: one case under 200 ms p95, 1,000 cases under 30 s`);
      benchLine('tracing', { one_p95_ms: oursP95.toFixed(1), batch_s: batchS.toFixed(2), ratio: (oursP95 / bareP95).toFixed(2) });
    } finally {
      await database.close();
    }
  } finally {
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept ${name}`);
    await admin.end();
  }
}

await main();
