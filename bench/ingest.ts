/**
 * Sustained durable ingest over MQTT on this machine: devices publish QoS 1 messages to the
 * embedded broker (aedes), each checked by the ingest pipeline (schema, replay window, duplicate
 * ids, rate) and group-committed before its PUBACK leaves through the store the server's gateways
 * use (`sensingStore`: one statement per commit writes the day-partitioned `device_event` rows
 * and what they make: devices marked seen, alarms, access records, command confirmations) into
 * a scratch PostgreSQL database where the devices are registered gates. The devices are real mqtt.js clients over TCP in
 * a worker thread (`ingest-devices.mjs`) (`--devices=N`, default 200), each keeping a few messages in
 * flight, for `--seconds=S` (default 60; quick 10). Measured: events stored per second, and the
 * p99 from publish (the payload's time) to committed. Baseline in the same run: the broker alone
 * (the same devices publishing for 5 s to one subscriber taking QoS 0, nothing checked or
 * stored). Goal: at least 20,000
 * events a second stored with p99 under 1 s. Prints `BENCH ingest per_s=... p99_ms=...
 * broker_per_s=... ratio=...`.
 *
 * `--jetstream`: the durable log in between, as with GRIDGOV_NATS_URL (a scratch Debian
 * `nats-server -js`, or GRIDGOV_BENCH_NATS_URL): devices are acknowledged once JetStream holds a
 * message and the store pulls batches from its consumer; the time runs until the store caught up.
 *
 * `npm run bench -- ingest [--quick] [--jetstream] [--devices=N] [--seconds=S]`. PostgreSQL at 127.0.0.1:5432
 * (`GRIDGOV_BENCH_PG_URL` for another server).
 */
import net, { type AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { sql } from 'drizzle-orm';
import { openDatabase, rows } from '../server/src/platform/db/client.js';
import { EmbeddedBroker, IngestPipeline, JetStreamLog, type DeviceEvent } from '../server/src/platform/protocols/mqtt/index.js';
import { ensureEventPartitions } from '../server/src/modules/sensing/events.js';
import { sensingStore } from '../server/src/modules/sensing/store.js';
import { DEVICE_PAYLOADS } from '../server/src/modules/sensing/payloads.js';
import { JobQueue } from '../server/src/platform/jobs/queue.js';
import { systemClock } from '../server/src/platform/clock.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, withScratchDatabase } from './lib.js';

const PASSWORD = 'bench-secret';
const { quick, rest } = parseBenchArgs();
const arg = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const DEVICES = Number(arg('devices') ?? 200);
const SECONDS = Number(arg('seconds') ?? (quick ? 10 : 60));
const IN_FLIGHT = 4;
const VIA_LOG = rest.includes('--jetstream');
const NATS = '/usr/sbin/nats-server';

/** A scratch JetStream server (Debian's nats-server) on a free port, or the one at GRIDGOV_BENCH_NATS_URL. */
async function startNats(): Promise<{ url: string; stop: () => void }> {
  if (process.env.GRIDGOV_BENCH_NATS_URL) return { url: process.env.GRIDGOV_BENCH_NATS_URL, stop: () => undefined };
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-js-'));
  const server = spawn(NATS, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' });
  for (let up = false; !up; ) {
    up = await new Promise<boolean>((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.end(); resolve(true); }).on('error', () => resolve(false)));
    if (!up) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `nats://127.0.0.1:${port}`, stop: () => { server.kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Runs the devices against a broker on `port`; resolves when they connected (`started`) and when they finished. */
function drive(port: number, seconds: number) {
  const worker = new Worker(new URL('./ingest-devices.mjs', import.meta.url), { workerData: { port, devices: DEVICES, seconds, inFlight: IN_FLIGHT, password: PASSWORD } });
  let connected!: () => void;
  const started = new Promise<void>((resolve) => (connected = resolve));
  const finished = new Promise<number>((resolve, reject) => {
    worker.on('message', (m: { connected?: boolean; acked?: number }) => (m.connected ? connected() : resolve(m.acked!)));
    worker.on('error', reject);
  });
  return { started, finished };
}

// The baseline: the broker alone, publishing to one subscriber.
const baseline = await (async () => {
  // Room for every message in flight: past aedes 1.2's default (100), its emitter queues them and
  // drains the queue in one ever-deeper call chain (each delivery to this subscriber completing at
  // once), which overflows the stack under load.
  const aedes = await Aedes.createBroker({ concurrency: DEVICES * IN_FLIGHT * 2 });
  const server = net.createServer((s) => aedes.handle(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'platform', reconnectPeriod: 0 });
  let received = 0;
  subscriber.on('message', () => received++);
  // The subscriber takes QoS 0 (the devices still publish QoS 1): aedes 1.2 overflows its stack delivering QoS 1 to one lagging subscriber.
  await subscriber.subscribeAsync('gridgov/#', { qos: 0 });
  const run = drive(port, 5);
  await run.started;
  const t0 = performance.now();
  const r0 = received;
  await run.finished;
  const perS = (received - r0) / ((performance.now() - t0) / 1000);
  await subscriber.endAsync(true);
  await new Promise<void>((resolve) => aedes.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return perS;
})();

const result = await withScratchDatabase(async (databaseUrl) => {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory', poolSize: 8 });
  try {
    await ensureEventPartitions(database.db, new Date());
    // The devices are registered gates of one community, online.
    await database.db.execute(sql`
      insert into device (id, code, name, kind, protocol, region_code, status, silence_seconds, version, created_at, updated_at)
      select gen_random_uuid(), 'GATE-' || lpad(i::text, 6, '0'), '门禁' || i, 'access_gate', 'mqtt', '430702001001', 'online', 600, 1, now(), now()
      from generate_series(0, ${DEVICES - 1}) as i`);
    const store = sensingStore({ db: database.db, jobs: new JobQueue(database.db, systemClock), clock: systemClock });
    const latencies: number[] = [];
    let batches = 0;
    let committed = 0;
    let lastCommit = 0;
    const timed = {
      async append(events: readonly DeviceEvent[]) {
        await store.append(events);
        const now = Date.now();
        batches++;
        committed += events.length;
        lastCommit = performance.now();
        for (const e of events) latencies.push(now - e.at.getTime());
      },
    };
    let refused = 0;
    // With --jetstream the devices are acknowledged once the log holds a message, and the store pulls from the log.
    const nats = VIA_LOG ? await startNats() : null;
    const log = nats ? await JetStreamLog.start({ url: nats.url, stream: `GRIDGOV_BENCH_${process.pid}`, subject: `gridgov.bench.${process.pid}`, durable: 'bench' }) : null;
    log?.consume(timed);
    const pipeline = new IngestPipeline({
      store: log ? log.store() : timed,
      schemas: DEVICE_PAYLOADS,
      maxPerSecond: 1_000,
      onRefusal: () => refused++,
    });
    const broker = await EmbeddedBroker.start({ port: 0, pipeline, authenticator: { authenticate: async (id, user, password) => (id === user && password === PASSWORD ? { code: id, kind: 'access_gate' } : null) } });
    const run = drive(broker.port, SECONDS);
    await run.started;
    const t0 = performance.now();
    const c0 = committed;
    latencies.length = 0;
    const acked = await run.finished;
    const ended = performance.now();
    // Through the log, the run ends when the store has caught up with what the devices were told is kept.
    for (let waited = 0; log && committed < c0 + acked && waited < 300_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = (Math.max(ended, log ? lastCommit : 0) - t0) / 1000;
    const stored = committed - c0;
    await broker.close();
    await log?.close();
    nats?.stop();
    const [row] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from device_event`);
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { stored, seconds, acked, refused, rows: row!.n, p50: p(0.5), p99: p(0.99), batches, all: pipeline.stored };
  } finally {
    await database.close();
  }
});

const perS = result.stored / result.seconds;
console.log(`MQTT ingest, ${formatInt(DEVICES)} devices × ${IN_FLIGHT} in flight, QoS 1, for ${result.seconds.toFixed(1)} s (embedded aedes, ${VIA_LOG ? 'NATS JetStream, then ' : ''}PostgreSQL):`);
console.log(`  stored ${formatInt(result.stored)} events = ${formatInt(perS)}/s in ${formatInt(result.batches)} commits; acknowledged to devices ${formatInt(result.acked)}; refused ${result.refused}`);
console.log(`  publish → committed: p50 ${result.p50} ms, p99 ${result.p99} ms (goal: at least 20,000/s with p99 under 1,000 ms)`);
console.log(`  rows in device_event ${formatInt(result.rows)} (every acknowledged message stored: ${result.rows >= result.acked ? 'yes' : 'NO'})`);
console.log(`  baseline, the broker alone (publish → subscriber, nothing stored): ${formatInt(baseline)}/s`);
console.log(`  peak RSS ${peakRssMb()} MB`);
if (result.rows < result.acked) throw new Error('a message was acknowledged but not stored');
benchLine(VIA_LOG ? 'ingest-jetstream' : 'ingest', { per_s: Math.round(perS), p99_ms: result.p99, broker_per_s: Math.round(baseline), ratio: (perS / baseline).toFixed(2), devices: DEVICES, seconds: result.seconds.toFixed(1) });
