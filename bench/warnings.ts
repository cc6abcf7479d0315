/**
 * The nightly risk-warning run at city scale: every registered rule kind (tickets, gate access,
 * key persons, disputes) run by the engine (`runRules`: set-based insert of new warnings, notices,
 * live events, the run's record and audit entry, in one transaction) against the bare SQL of the
 * same rules (each kind's `detect` counted, nothing written).
 *
 * `npm run bench -- warnings [--quick] [--scale=F] [--keep] [--reuse=<kept database>]`
 * Data is generated in the server (INSERT ... SELECT over generate_series: no rows cross the
 * wire, which is what a COPY would at best approach) in a scratch PostgreSQL database
 * (127.0.0.1:5432, `GRIDGOV_BENCH_PG_URL` for another server), dropped at the end unless `--keep`.
 * Full size: 5,000,000 residents; 10,000,000 tickets over two years in 2,000 villages; 200,000 key
 * persons (one in ten high risk); 1,000,000 disputes over two years with two parties each; gate
 * passages of 1,000,000 residents over the last two weeks (4,000,000; among them the key persons,
 * some high-risk ones passing gates of another grid's compounds in the last day). `--quick` a
 * hundredth. Load-only: the bulk tables are unlogged without foreign keys, their secondary indexes
 * and the metric triggers are off while loading (the scratch database is not a product database); the indexes
 * the rules use are built after, and the warnings the run writes go to the ordinary logged table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/platform/config.js';
import { systemClock, type Clock } from '../server/src/platform/clock.js';
import { systemContext } from '../server/src/platform/context.js';
import { openDatabase } from '../server/src/platform/db/client.js';
import { startRuntime } from '../server/src/runtime.js';
import { runRules } from '../server/src/modules/warnings/run-rules.js';
import { benchLine, formatInt, parseBenchArgs } from './lib.js';

const { quick, rest } = parseBenchArgs();
const keep = rest.includes('--keep');
/** `--reuse=<database>`: run the rules again over a database a `--keep` run loaded (kept again), at the time it was loaded. */
const reuse = rest.find((a) => a.startsWith('--reuse='))?.slice(8);
const ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `--scale=0.1`: a fraction of the full size (the largest that fits a machine's time). */
const scale = Number(rest.find((a) => a.startsWith('--scale='))?.slice(8) ?? (quick ? 0.01 : 1));
const SIZE = {
  residents: Math.round(5_000_000 * scale),
  tickets: Math.round(10_000_000 * scale),
  movers: Math.round(1_000_000 * scale),
  keyPersons: Math.round(200_000 * scale),
  disputes: Math.round(1_000_000 * scale),
};
/** The tables the generator fills (unlogged in the scratch database, secondary indexes off while loading). */
const BULK = ['resident', 'ticket', 'access_record', 'key_person', 'dispute', 'dispute_party'];
const COUNTIES = 10;
const TOWNSHIPS = 20;
const VILLAGES = 10;
const GRIDS_PER_VILLAGE = 4;

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function timed<T>(label: string, pool: pg.PoolClient, text: string): Promise<T[]> {
  const t = performance.now();
  const res = await pool.query(text);
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return res.rows as T[];
}

/** Village i (0-based) as a 12-digit code: 4307 + county + township + village. */
const VILLAGE_CODE = (i: string) =>
  `'4307' || lpad((1 + (${i}) / ${TOWNSHIPS * VILLAGES})::text, 2, '0') || lpad((1 + ((${i}) / ${VILLAGES}) % ${TOWNSHIPS})::text, 3, '0') || lpad((1 + (${i}) % ${VILLAGES})::text, 3, '0')`;
const GRID_ID = (g: string) => `md5('grid' || (${g})::text)::uuid`;

async function load(pool: pg.PoolClient, now: Date): Promise<void> {
  const villages = COUNTIES * TOWNSHIPS * VILLAGES;
  const grids = villages * GRIDS_PER_VILLAGE;
  const at = `'${now.toISOString()}'::timestamptz`;
  console.log(
    `generating ${formatInt(SIZE.residents)} residents, ${formatInt(SIZE.tickets)} tickets, ${formatInt(SIZE.keyPersons)} key persons, ${formatInt(SIZE.disputes)} disputes, ` +
      `gate passages of ${formatInt(SIZE.movers)} residents in ${formatInt(villages)} villages`,
  );
  await pool.query(`set session_replication_role = replica`);
  // Foreign keys to or from the bulk tables go first (an unlogged table takes part in none with a logged one).
  const fks = await pool.query<{ tbl: string; name: string }>(
    `select conrelid::regclass::text as tbl, conname as name from pg_constraint where contype = 'f' and (conrelid::regclass::text = any($1) or confrelid::regclass::text = any($1))`,
    [BULK],
  );
  for (const { tbl, name } of fks.rows) await pool.query(`alter table ${tbl} drop constraint if exists "${name}"`);
  for (const t of BULK) await pool.query(`alter table ${t} set unlogged`);
  // Load-only: the product's secondary indexes are dropped in this scratch database (rebuilt below where a rule needs one).
  const drop = await pool.query<{ name: string }>(
    `select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     where t.relname = any($1) and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
    [BULK],
  );
  for (const { name } of drop.rows) await pool.query(`drop index if exists "${name}"`);
  await timed('categories', pool, `insert into ticket_category (id, code, name, limit_class, dispatch_minutes, handle_minutes, created_at, updated_at)
    select md5(c)::uuid, c, c, 'general', 60, 1440, ${at}, ${at} from unnest(array['dispute', 'dispute.neighbor', 'dispute.labor', 'dispute.property', 'petition', 'petition.land', 'city', 'city.road', 'city.garbage', 'env.noise']) c`);
  await timed('residents', pool, `insert into resident (id, grid_id, region_code, version, created_at, updated_at, name, name_pinyin, name_initials, id_type, id_cipher, id_hash, id_masked, kind)
    select md5('r' || i)::uuid, ${GRID_ID(`i % ${grids}`)}, ${VILLAGE_CODE(`(i % ${grids}) / ${GRIDS_PER_VILLAGE}`)}, 1, ${at}, ${at}, '居民', 'jumin', 'jm', 'id_card', '\\x00'::bytea, decode(md5('h' || i), 'hex'), '4307**********000X', 'registered'
    from generate_series(0, ${SIZE.residents - 1}) i`);
  // Tickets over two years; one in five villages (those with i % 5 = 0) sees disputes and petitions rise in the last 30 days.
  await timed('tickets', pool, `insert into ticket (id, number, source, category_id, description, grid_id, region_code, level, status, public_status, created_at, updated_at)
    select md5('t' || i)::uuid, 'B' || i, 'hotline',
      md5((array['dispute.neighbor', 'dispute.labor', 'petition.land', 'city.road', 'city.garbage', 'env.noise'])[1 + (i * 7) % 6])::uuid,
      '生成的事件', ${GRID_ID(`g`)}, ${VILLAGE_CODE(`g / ${GRIDS_PER_VILLAGE}`)}, 'community', 'closed', 'closed', t, t
    from (select i, (i * 31) % ${grids} as g,
            ${at} - (case when (i % 10) = 0 and ((i * 31) % ${grids}) / ${GRIDS_PER_VILLAGE} % 5 = 0 then (i % 30) else (i % 730) end) * interval '1 day' - (i % 86400) * interval '1 second' as t
          from generate_series(0, ${SIZE.tickets - 1}) i) s`);
  // Key persons: resident 25·i in the resident's own grid; one in ten high risk (visited weekly), three medium (monthly),
  // the rest low (quarterly); one in fifteen (high or medium) not visited for four months.
  await timed('key persons', pool, `insert into key_person (id, resident_id, category_code, form_key, form_version, answers, risk_level, status, region_code, grid_id,
      visit_interval_days, next_visit_due, last_visit_at, version, created_at, updated_at)
    select md5('k' || i)::uuid, md5('r' || r)::uuid, c, 'keypersons.' || c, 1, '{}'::jsonb, lvl, 'active', ${VILLAGE_CODE(`(r % ${grids}) / ${GRIDS_PER_VILLAGE}`)}, ${GRID_ID(`r % ${grids}`)},
      d, lv + d * interval '1 day', lv, 1, ${at} - interval '400 days', ${at}
    from generate_series(0, ${SIZE.keyPersons - 1}) i,
      lateral (select (i * 25)::bigint as r,
        (array['community_correction', 'released_prisoner', 'drug_rehab', 'mental_disorder', 'key_petitioner', 'elderly_alone'])[1 + i % 6] as c,
        case when i % 10 = 0 then 'high' when i % 10 < 4 then 'medium' else 'low' end as lvl,
        case when i % 10 = 0 then 7 when i % 10 < 4 then 30 else 90 end as d,
        ${at} - case when i % 30 in (1, 10) then interval '120 days' else (i % 7) * interval '1 day' end as lv) x`);
  // Disputes over two years in the villages, with the same rise in one village in five; two parties each, keyed by
  // the hash of their document number: one dispute in fifty has a party who is also in another dispute.
  await timed('disputes', pool, `insert into dispute (id, grid_id, region_code, name, category, scale, occurred_on, deadline, form_key, form_version, answers, status, version, created_at, updated_at)
    select md5('d' || i)::uuid, ${GRID_ID(`g`)}, ${VILLAGE_CODE(`g / ${GRIDS_PER_VILLAGE}`)}, '生成的纠纷', 'neighbor', 'ordinary', t::date, (t + interval '30 days')::date,
      'disputes.register', 1, '{}'::jsonb, case when t > ${at} - interval '30 days' then 'mediating' else 'closed' end, 1, t, t
    from (select i, (i * 37) % ${grids} as g,
            ${at} - (case when (i % 10) = 0 and ((i * 37) % ${grids}) / ${GRIDS_PER_VILLAGE} % 5 = 0 then (i % 30) else (i % 730) end) * interval '1 day' - (i % 86400) * interval '1 second' as t
          from generate_series(0, ${SIZE.disputes - 1}) i) s`);
  await timed('dispute parties', pool, `insert into dispute_party (dispute_id, seq, name, party_category, id_type, id_hash, id_masked)
    select md5('d' || i)::uuid, s, '当事人', 'person', '111',
      decode(md5(case when s = 1 and i % 50 = 0 then 'rep' || ((i / 50) % ${Math.max(1, Math.round(SIZE.disputes / 100))}) else 'p' || i || ':' || s end), 'hex'), '4307**********000X'
    from generate_series(0, ${SIZE.disputes - 1}) i, generate_series(1, 2) s`);
  // Gate passages of the last two weeks at the compound of the resident's grid (resident 5·m; the key persons among
  // them): three trips out and back in, the last three to five days ago; one in a hundred has not come back from the last.
  await timed('gate passages', pool, `insert into access_record (resident_id, compound_type, compound_id, region_code, grid_id, direction, at, gate_id, source_record_id, received_at)
    select md5('r' || r)::uuid, 'building', md5('b' || (r % ${grids}))::uuid, ${VILLAGE_CODE(`(r % ${grids}) / ${GRIDS_PER_VILLAGE}`)}, ${GRID_ID(`r % ${grids}`)},
      case when k % 2 = 0 then 'out' else 'in' end,
      ${at} - ((m % 3) + 3 + (2 - k / 2) * 3) * interval '1 day' + case when k % 2 = 0 then interval '8 hours' else interval '18 hours' end,
      'gate-' || (r % ${grids}), r || ':' || k, ${at}
    from generate_series(0, ${SIZE.movers - 1}) m, lateral (select (m * 5)::bigint as r) rr, generate_series(0, case when m % 100 = 1 then 4 else 5 end) k`);
  // One high-risk key person in ten passes the gate of a compound in the next grid in the last day (a hit of
  // keypersons.left_grid); as many more did so two days ago (outside the rule's 24 hours: no hit).
  await timed('key persons away', pool, `insert into access_record (resident_id, compound_type, compound_id, region_code, grid_id, direction, at, gate_id, source_record_id, received_at)
    select md5('r' || r)::uuid, 'building', md5('b' || ((r + 1) % ${grids}))::uuid, ${VILLAGE_CODE(`((r + 1) % ${grids}) / ${GRIDS_PER_VILLAGE}`)}, ${GRID_ID(`(r + 1) % ${grids}`)},
      case when k = 0 then 'in' else 'out' end, ${at} - case when i % 100 = 0 then interval '20 hours' else interval '50 hours' end + k * interval '2 hours',
      'gate-' || ((r + 1) % ${grids}), 'away:' || r || ':' || k, ${at}
    from generate_series(0, ${SIZE.keyPersons - 1}) i, lateral (select (i * 25)::bigint as r) rr, generate_series(0, 1) k
    where i % 50 = 0`);
  await pool.query(`set session_replication_role = origin`);
  await timed(
    'indexes the rules use',
    pool,
    `create index ticket_created_idx on ticket (created_at); create index access_record_resident_at_idx on access_record (resident_id, at);
     create unique index access_record_source_key on access_record (gate_id, source_record_id); create index dispute_party_id_hash_idx on dispute_party (id_hash)`,
  );
  await timed('analyze', pool, `analyze ticket; analyze ticket_category; analyze access_record; analyze resident; analyze key_person; analyze dispute; analyze dispute_party`);
}

async function main(): Promise<void> {
  if (reuse && !/^gridgov_bench_warnings_[0-9a-f]{8}$/.test(reuse)) throw new Error(`--reuse takes a database this bench kept, not ${reuse}`);
  const name = reuse ?? `gridgov_bench_warnings_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
  if (!reuse) await admin.query(`create database ${name}`);
  const url = withDb(ADMIN_URL, name);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-warnings-'));
  const started = performance.now();
  let clock: Clock = systemClock;
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir: 'memory' });
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    try {
      if (reuse) {
        // The data's time: the moment it was loaded, moving on from there; the last run's warnings go.
        const [{ loaded_at: loadedAt }] = (await client.query<{ loaded_at: Date }>(`select loaded_at from bench_meta`)).rows as [{ loaded_at: Date }];
        const offset = Date.now() - loadedAt.getTime();
        clock = { now: () => new Date(Date.now() - offset) };
        await client.query(`truncate warning, warning_event, warning_run`);
        console.log(`reusing ${name}, loaded at ${loadedAt.toISOString()}`);
      } else {
        const now = clock.now();
        await load(client, now);
        await client.query(`create table bench_meta (loaded_at timestamptz not null); insert into bench_meta values ('${now.toISOString()}')`);
      }
    } finally {
      client.release();
    }
    const now = clock.now();
    const loadS = (performance.now() - started) / 1000;
    const config = { ...loadConfig({}), logLevel: 'silent' as const, jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl: url };
    const rt = await startRuntime(config, { clock, database });
    try {
      const kinds = [...rt.kit.registry.warningRules.values()];
      const rules = await rt.kit.db.execute(sql`select kind, params from warning_rule where enabled`);
      const configured = (rules as unknown as { rows: { kind: string; params: unknown }[] }).rows.filter((r) => rt.kit.registry.warningRules.has(r.kind));
      console.log(`rules: ${configured.map((r) => `${r.kind} ${JSON.stringify(r.params)}`).join('; ')}`);

      // Bare SQL: each rule's detect, counted, nothing written (twice; the faster counts, the first warms the cache).
      const bare = async () => {
        const t = performance.now();
        const hits: Record<string, number> = {};
        for (const r of configured) {
          const kind = kinds.find((k) => k.kind === r.kind)!;
          const res = await rt.kit.db.execute(sql`select count(*)::int as n from (${kind.detect(kind.params.parse(r.params), now)}) h`);
          hits[r.kind] = (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
        }
        return { s: (performance.now() - t) / 1000, hits };
      };
      const bare1 = await bare();
      const bare2 = await bare();
      const bareS = Math.min(bare1.s, bare2.s);
      console.log(`bare SQL of the rules: ${bareS.toFixed(2)} s; hits ${JSON.stringify(bare2.hits)}`);

      const t = performance.now();
      const runId = await runRules(rt.kit, systemContext(clock, 'bench.warnings'), 'schedule');
      const oursS = (performance.now() - t) / 1000;
      const run = (await rt.kit.db.execute(sql`select hits, raised, rules from warning_run where id = ${runId}`)) as unknown as { rows: { hits: number; raised: number; rules: { kind: string; hits: number; raised: number; ms: number; error: string | null }[] }[] };
      const r = run.rows[0]!;
      for (const x of r.rules) console.log(`  ${x.kind}: ${formatInt(x.hits)} hits, ${formatInt(x.raised)} new warnings, ${(x.ms / 1000).toFixed(2)} s${x.error ? ` (error: ${x.error})` : ''}`);
      const notices = (await rt.kit.db.execute(sql`select count(*)::int as n from notification where subject_type = 'warning'`)) as unknown as { rows: { n: number }[] };
      console.log(`engine run: ${oursS.toFixed(2)} s; ${formatInt(r.hits)} hits, ${formatInt(r.raised)} new warnings, ${formatInt(notices.rows[0]!.n)} notices (no accounts in the scratch city)`);
      // The next night with nothing new: every key already has an open warning (the NOT EXISTS probes, no inserts).
      const t2 = performance.now();
      const nextId = await runRules(rt.kit, systemContext(clock, 'bench.warnings'), 'schedule');
      const nextS = (performance.now() - t2) / 1000;
      const next = (await rt.kit.db.execute(sql`select hits, raised from warning_run where id = ${nextId}`)) as unknown as { rows: { hits: number; raised: number }[] };
      console.log(`next run (same data, all open): ${nextS.toFixed(2)} s; ${formatInt(next.rows[0]!.hits)} hits, ${formatInt(next.rows[0]!.raised)} new warnings`);
      console.log(`load ${loadS.toFixed(0)} s; goal: every rule in one nightly run under 60 s`);
      benchLine('warnings', { rules: r.rules.filter((x) => !x.error).length, seconds: oursS.toFixed(2), ratio: (oursS / bareS).toFixed(2) });
    } finally {
      await rt.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!keep && !reuse) {
      await admin.query(`drop database if exists ${name} with (force)`);
    } else console.log(`kept ${name}`);
    await admin.end();
  }
}

await main();
