/**
 * Health codes at city scale, two figures:
 *
 * - `per_s`: code verifications a second at the gate endpoint (`GET /api/public/health-codes/verify/:token`,
 *   the whole HTTP path: access hook, validation, the in-process cache, the lookups of concurrent
 *   misses batched into one prepared index lookup), against an empty public route on the same
 *   server (`ratio`). Load from a child process (bench/http-driver.ts): 64 keep-alive connections,
 *   closed loop; as many distinct issued codes as requests, drawn at random (as at a city's gates,
 *   where a person is scanned a few times a day, so the 2-second cache seldom answers), and one
 *   request in ten with an unknown token. Goal: at least 10,000 a second on 2 cores.
 * - `recompute_s`: every code recomputed after a rule change (one statement over the evidence
 *   sources, updating only the codes that changed), for 5,000,000 residents with codes, 0.1% of
 *   them cases, 1% contacts under follow-up (half secondary), 1% declared trips (one in ten from a
 *   high-risk area). Goal: under 5 minutes.
 *
 * `npm run bench -- health-code [--quick] [--residents=N] [--requests=N]`. `--quick`: 100,000
 * residents and 60,000 requests. A scratch PostgreSQL database (127.0.0.1:5432,
 * `GRIDGOV_BENCH_PG_URL` for another server), migrated by the product's migrations, dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DEFAULT_HEALTH_CODE_RULE } from '@gridgov/contracts';
import { loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADMISSION } from '../server/src/platform/http/admission-limits.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, rows } from '../server/src/platform/db/client.js';
import { startRuntime } from '../server/src/runtime.js';
import { recomputeCodes } from '../server/src/modules/healthcode/recompute.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, withScratchDatabase } from './lib.js';
import { drive } from './http-driver.js';

const { quick, rest } = parseBenchArgs();
const arg = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RESIDENTS = Number(arg('residents') ?? (quick ? 100_000 : 5_000_000));
const REQUESTS = Number(arg('requests') ?? (quick ? 60_000 : 300_000));
const SAMPLE = Math.min(RESIDENTS, REQUESTS);
const CONNECTIONS = 64;

// ---------------------------------------------------------------- the city and the runs

const KEY = (n: string) => sql.raw(`md5('p' || ${n})::uuid`);

async function run(tmp: string, databaseUrl: string) {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory' });
  const config = { ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl, auditCheckpointFile: null, admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } };
  const rt = await startRuntime(config, { clock: systemClock, database });
  const { db } = database;
  try {
    const loadStarted = performance.now();
    const actor = randomUUID();
    await db.execute(sql`
      insert into health_code (person_key, colour, rule_version, line, evidence, override, region_code, grid_id, computed_at, valid_until, token, issued_at)
      select ${KEY('n')}, 'green', 0, null, '[]'::jsonb, 0, '4307020010' || lpad((n % 100)::text, 2, '0'), null, now(), now() + interval '24 hours',
             rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '='), now()
        from generate_series(1, ${RESIDENTS}) n`);
    await db.execute(sql`
      insert into epi_case (id, person_key, status, region_code, version, created_by, created_at, updated_at, confirmed_at)
      select gen_random_uuid(), ${KEY('(n * 1000)')}, case when n % 2 = 0 then 'confirmed' else 'suspected' end, '430702001001', 1, ${actor}, now() - interval '2 days', now(), now() - interval '1 day'
        from generate_series(1, ${Math.max(1, Math.floor(RESIDENTS / 1000))}) n`);
    await db.execute(sql`
      insert into epi_contact (id, case_id, person_key, person_kind, degree, kinds, evidence, first_exposure_at, last_exposure_at, follow_until, status, region_code, created_at, updated_at)
      select gen_random_uuid(), (select id from epi_case limit 1), ${KEY('(n * 100 + 7)')}, 'r', 1 + n % 2, '{venue}', '[]'::jsonb, now() - interval '3 days', now() - interval '3 days',
             now() + interval '11 days', 'following', '430702001001', now() - interval '2 days', now()
        from generate_series(1, ${Math.floor(RESIDENTS / 100)}) n`);
    await db.execute(sql`
      insert into health_trip (id, person_key, origin, arrived_at, created_at)
      select gen_random_uuid(), ${KEY('(n * 100 + 13)')}, case when n % 10 = 0 then '高风险市' else '某市' end, now() - interval '2 days', now()
        from generate_series(1, ${Math.floor(RESIDENTS / 100)}) n`);
    await db.execute(sql`insert into health_risk_area (id, name, level, valid_from, created_at) values (gen_random_uuid(), '高风险市', 'high', now() - interval '30 days', now())`);
    await db.execute(sql`analyze`);
    const loadS = (performance.now() - loadStarted) / 1000;
    // The codes as the rule in force makes them (the state before the change).
    const firstStarted = performance.now();
    const first = await db.transaction((tx) => recomputeCodes(rt.kit, tx, null, new Date()));
    const firstS = (performance.now() - firstStarted) / 1000;
    // The change: secondary contacts become red; every code is recomputed.
    const lines = DEFAULT_HEALTH_CODE_RULE.lines.map((l) => (l.evidenceKind === 'contact' && l.degree === 2 ? { ...l, colour: 'red' as const } : l));
    await db.execute(sql`insert into health_code_rule (version, effective_from, lines, created_at) values (1, now(), ${JSON.stringify(lines)}::jsonb, now())`);
    const started = performance.now();
    const changed = await db.transaction((tx) => recomputeCodes(rt.kit, tx, null, new Date()));
    const recomputeS = (performance.now() - started) / 1000;
    const [colours] = await rows<{ red: number; yellow: number }>(db, sql`select count(*) filter (where colour = 'red')::int as red, count(*) filter (where colour = 'yellow')::int as yellow from health_code`);

    // The gate.
    rt.app.get('/bench/empty', { config: { access: 'public' } }, async () => ({}));
    await rt.app.listen({ host: '127.0.0.1', port: 0 });
    const address = rt.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const tokens = (await rows<{ token: string }>(db, sql`select token from health_code order by random() limit ${SAMPLE}`)).map((r) => r.token);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const paths = Array.from({ length: REQUESTS }, () =>
      random() < 0.1 ? `/api/public/health-codes/verify/${randomBytes(16).toString('base64url')}` : `/api/public/health-codes/verify/${tokens[Math.floor(random() * tokens.length)]!}`,
    );
    const plan = { port: address.port, connections: CONNECTIONS, method: 'GET' as const, keyPattern: '"colour":"(\\w+)"' };
    await drive(tmp, { ...plan, paths: paths.slice(0, Math.min(5_000, paths.length)) });
    const empty = await drive(tmp, { ...plan, paths: paths.map(() => '/bench/empty') });
    const ours = await drive(tmp, { ...plan, paths });
    return { loadS, firstS, first, recomputeS, changed, colours: colours!, empty, ours, peakMb: peakRssMb() };
  } finally {
    await rt.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-healthcode-'));
try {
  const r = await withScratchDatabase((url) => run(tmp, url));
  const answers = Object.entries(r.ours.answers).map(([k, v]) => `${k}: ${formatInt(v)}`).join(', ');
  console.log(`PostgreSQL, ${formatInt(RESIDENTS)} residents with codes (loaded in ${r.loadS.toFixed(1)} s):`);
  console.log(`  codes under the rule in force: ${r.firstS.toFixed(1)} s (${formatInt(r.first)} changed)`);
  console.log(`  after a rule change, every code recomputed: ${r.recomputeS.toFixed(1)} s (${formatInt(r.changed)} changed; now ${formatInt(r.colours.red)} red, ${formatInt(r.colours.yellow)} yellow) (goal: under 300 s)`);
  console.log(`  gate, ${formatInt(REQUESTS)} verifications over ${CONNECTIONS} connections:`);
  console.log(`    empty route:  ${formatInt(r.empty.perS)} req/s (p50 ${r.empty.p50.toFixed(1)} ms, p99 ${r.empty.p99.toFixed(1)} ms)`);
  console.log(`    verification: ${formatInt(r.ours.perS)} req/s (p50 ${r.ours.p50.toFixed(1)} ms, p99 ${r.ours.p99.toFixed(1)} ms) (goal: at least 10,000)`);
  console.log(`    answers: ${answers}`);
  console.log(`  peak RSS of the server process ${r.peakMb} MB`);
  benchLine('health-code', { per_s: Math.round(r.ours.perS), ratio: (r.ours.perS / r.empty.perS).toFixed(2), empty_per_s: Math.round(r.empty.perS), recompute_s: r.recomputeS.toFixed(1), residents: RESIDENTS });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
