/**
 * Supplies reservation over real HTTP: 100,000 people (quick: 10,000) reserving 20,000 items
 * (quick: 2,000) at 50 pickup points (quick: 10), each person once, through the whole
 * `POST /api/public/reservations` path (validation of the ID number and phone, encryption, the
 * batched transaction with its row locks, the reservation, the stock count, the audit entry and
 * the SMS in the outbox), against a baseline route on the same server and database that does one
 * plain INSERT of a reservation row per request. PostgreSQL (127.0.0.1:5432, user postgres).
 *
 * People choose points unevenly (as they do: the nearest pharmacy), so popular points sell out
 * early and later requests there are refused while others still have stock. The load comes from
 * a child process (bench/http-driver.ts), 64 keep-alive connections, closed loop, every person once
 * (admission control is off: this measures the reservations, not the shedding). After
 * the run the database is checked: reservations per point never over its stock, the stock
 * counts equal to the rows, one row per accepted answer and none for a refused one.
 *
 * `npm run bench -- reservation [--quick]`. Results: docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { idCheckChar } from '@gridgov/contracts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/modules/demo/seed-demo.js';
import { loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADMISSION } from '../server/src/platform/http/admission-limits.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, rows } from '../server/src/platform/db/client.js';
import { seededRandom } from '../server/src/modules/tickets/classifier/training-texts.js';
import { startRuntime, type Runtime } from '../server/src/runtime.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, withScratchDatabase } from './lib.js';
import { drive, type DriveResult } from './http-driver.js';

const { quick } = parseBenchArgs();
const PEOPLE = quick ? 10_000 : 100_000;
const ITEMS = quick ? 2_000 : 20_000;
const POINTS = quick ? 10 : 50;
const CONNECTIONS = 64;

// ---------------------------------------------------------------- the people and the drive

/** The n-th person: a name, a valid and unique ID number, a phone. */
function person(n: number) {
  const year = 1950 + (n % 50);
  const day = 1 + (Math.floor(n / 50) % 28);
  const month = 1 + (Math.floor(n / 1400) % 12);
  const seq = String(Math.floor(n / 16800) % 1000).padStart(3, '0');
  const first17 = `430702${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
  return { name: `居民${n}`, idNumber: first17 + idCheckChar(first17), phone: `13${String(n).padStart(9, '0')}` };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gg_sid='))?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie;
}

async function post<T>(base: string, cookie: string, url: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The baseline: one plain INSERT of a reservation-sized row a request, nothing else. */
function addBaselineRoute(rt: Runtime): void {
  rt.app.post('/bench/plain-insert', { config: { access: 'public' } }, async (req, reply) => {
    const b = req.body as { driveId: string; pointId: string; name: string; idNumber: string; phone: string };
    await rt.database.db.execute(sql`insert into bench_reservation (id, drive_id, point_id, name, id_number, phone, reserved_at) values (${randomUUID()}, ${b.driveId}, ${b.pointId}, ${b.name}, ${b.idNumber}, ${b.phone}, now())`);
    return reply.status(201).send({ ok: true });
  });
}

async function run(tmp: string, databaseUrl: string) {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory' });
  const config = { ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl, auditCheckpointFile: null, reservationsPerIp: 0, admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } };
  const rt = await startRuntime(config, { clock: systemClock, database });
  try {
    const seed = await seedDemo(database.db, rt.clock);
    await database.db.execute(sql`create table bench_reservation (id uuid primary key, drive_id uuid, point_id uuid, name text, id_number text, phone text, reserved_at timestamptz)`);
    addBaselineRoute(rt);
    await rt.app.listen({ host: '127.0.0.1', port: 0 });
    const address = rt.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${address.port}`;
    const city = seed.city.regions.find((r) => r.level === 'city')!;
    const communities = [...new Set(seed.city.grids.map((g) => g.regionCode))];
    const cookie = await login(base, 'city_op');
    const now = Date.now();
    const drive = await post<{ id: string; version: number; points: { id: string }[] }>(base, cookie, '/api/supply-drives', {
      regionCode: city.code, itemName: '一次性医用口罩', unit: '包', perPerson: 1,
      opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 6 * 3_600_000).toISOString(), pickupFrom: new Date(now).toISOString(), pickupUntil: new Date(now + 48 * 3_600_000).toISOString(),
      points: Array.from({ length: POINTS }, (_, i) => ({ name: `第${i + 1}领取点`, address: `人民路${i + 1}号`, regionCode: communities[i % communities.length]!, hours: '8:00-17:00', stock: ITEMS / POINTS })),
    });
    await post(base, cookie, `/api/supply-drives/${drive.id}/open`, { version: drive.version });
    // Uneven choice: the first points are the popular ones (a power law over the list).
    const random = seededRandom(5);
    const bodies = Array.from({ length: PEOPLE }, (_, n) => JSON.stringify({ driveId: drive.id, pointId: drive.points[Math.floor(POINTS * random() ** 2)]!.id, ...person(n) }));

    const baseline = await drive_(tmp, address.port, '/bench/plain-insert', bodies);
    const ours = await drive_(tmp, address.port, '/api/public/reservations', bodies);
    const [check] = await rows<{ over: number; miscounted: number; rows: number; reserved: number; stock: number; audits: number; sms: number }>(
      database.db,
      sql`select
            (select count(*)::int from supply_point p where p.drive_id = ${drive.id} and p.reserved > p.stock) as over,
            (select count(*)::int from supply_point p where p.drive_id = ${drive.id} and p.reserved <> (select count(*) from supply_reservation r where r.point_id = p.id)) as miscounted,
            (select count(*)::int from supply_reservation where drive_id = ${drive.id}) as rows,
            (select sum(reserved)::int from supply_point where drive_id = ${drive.id}) as reserved,
            (select sum(stock)::int from supply_point where drive_id = ${drive.id}) as stock,
            (select count(*)::int from audit_log where action = 'reservation.create') as audits,
            (select count(*)::int from outbox where kind = 'reservation.reserved') as sms`,
    );
    return { baseline, ours, check: check!, peakMb: peakRssMb() };
  } finally {
    await rt.close();
  }
}

function drive_(tmp: string, port: number, urlPath: string, bodies: string[]): Promise<DriveResult> {
  return drive(tmp, { port, method: 'POST', path: urlPath, bodies, connections: CONNECTIONS, keyPattern: '"code":"([A-Z_]+)"' });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-reservation-'));
try {
  const { baseline, ours, check, peakMb } = await withScratchDatabase((url) => run(tmp, url));
  const accepted = Object.entries(ours.answers).reduce((n, [k, v]) => (k.startsWith('201') ? n + v : n), 0);
  const oversold = Math.max(0, check.reserved - check.stock) + check.over;
  const lost = Math.abs(accepted - check.rows) + check.miscounted;
  const answers = (r: DriveResult) => Object.entries(r.answers).map(([k, v]) => `${k}: ${formatInt(v)}`).join(', ');
  console.log(`PostgreSQL, ${formatInt(PEOPLE)} people, ${formatInt(ITEMS)} items at ${POINTS} points, ${CONNECTIONS} connections, each person once:`);
  console.log(`  baseline (one plain INSERT a request): ${formatInt(baseline.perS)} req/s (p50 ${baseline.p50.toFixed(1)} ms, p99 ${baseline.p99.toFixed(1)} ms)`);
  console.log(`  our reservations:                     ${formatInt(ours.perS)} req/s (p50 ${ours.p50.toFixed(1)} ms, p99 ${ours.p99.toFixed(1)} ms) (goal: at least 2,000)`);
  console.log(`  answers: ${answers(ours)}`);
  console.log(`  checked in the database: ${formatInt(check.rows)} reservations for ${formatInt(check.stock)} items, stock counts ${check.miscounted === 0 ? 'equal to the rows' : `WRONG at ${check.miscounted} points`}, ${check.over} points over their stock, ${formatInt(check.audits)} audit entries, ${formatInt(check.sms)} SMS queued`);
  console.log(`  peak RSS of the server process ${peakMb} MB`);
  benchLine('reservation', { per_s: Math.round(ours.perS), oversold, lost, baseline_per_s: Math.round(baseline.perS), ratio: (ours.perS / baseline.perS).toFixed(2) });
  if (oversold > 0 || lost > 0 || accepted !== Math.min(ITEMS, PEOPLE)) process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
