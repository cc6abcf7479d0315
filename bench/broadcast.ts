/**
 * Broadcast at city scale: messages queued and handed to a local channel per second.
 *
 * A city of 5,000,000 residents with phones (`--quick`: 100,000) in one scratch PostgreSQL
 * database; one approved broadcast to all of them by SMS. Timed from the first enqueue batch to
 * the last message recorded as sent: the broadcast's enqueue job (`enqueueBroadcast`: INSERT ...
 * SELECT over the registers, 20,000 ids per transaction, the dedup key) and, running beside it
 * as in the server, the outbox's bulk worker (`drainOutboxBulk`: claims of 2,000 per channel
 * held as row locks, three lanes, the SMS channel's `deliverBatch` decrypting the phones and
 * POSTing each batch to a local HTTP gateway in this process that answers 200). Baseline in the same run: the existing per-message path
 * (`enqueueOutbox` of the same messages in transactions of 1,000, `deliverOutbox` claiming 50 and
 * sending 8 at a time, one POST per message) over a sample (`--baseline=N`, default 20,000;
 * quick 2,000). Goal: at least 20,000 a second. Prints `BENCH broadcast per_s=... ratio=...`.
 *
 * `npm run bench -- broadcast [--quick] [--residents=N] [--baseline=N]`. PostgreSQL at
 * 127.0.0.1:5432 (`GRIDGOV_BENCH_PG_URL` for another server).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/platform/config.js';
import { DEFAULT_ADMISSION } from '../server/src/platform/http/admission-limits.js';
import { systemClock } from '../server/src/platform/clock.js';
import { openDatabase, rows } from '../server/src/platform/db/client.js';
import { deliverOutbox, drainOutboxBulk, enqueueOutbox, outboxTallies, type OutboxMessage } from '../server/src/platform/outbox/outbox.js';
import { startRuntime } from '../server/src/runtime.js';
import { enqueueBroadcast } from '../server/src/modules/broadcast/send.js';
import { shippedTemplateId } from '../server/src/modules/broadcast/templates.js';
import { seededRandom } from '../server/src/modules/tickets/classifier/training-texts.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, withScratchDatabase } from './lib.js';

const { quick, rest } = parseBenchArgs();
const arg = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RESIDENTS = Number(arg('residents') ?? (quick ? 100_000 : 5_000_000));
const BASELINE = Math.min(RESIDENTS, Number(arg('baseline') ?? (quick ? 2_000 : 20_000)));
const COUNTY = '430702';
const random = seededRandom(43);

/** The local channel: an HTTP gateway that takes every message and counts them (and any id seen twice). */
function gateway() {
  const ids = new Set<string>();
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: boolean; messages?: { id: string }[]; id?: string };
      for (const m of body.batch ? body.messages! : [{ id: body.id! }]) {
        if (ids.has(m.id)) duplicates++;
        ids.add(m.id);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 120_000;
  return { server, ids, duplicates: () => duplicates };
}

async function run(tmp: string, databaseUrl: string) {
  const gw = gateway();
  await new Promise<void>((resolve) => gw.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gw.server.address() as AddressInfo).port}/sms`;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory' });
  const config = {
    ...loadConfig({}), logLevel: 'silent', jobPollMs: 0, piiKey: randomBytes(32).toString('base64'), filesDir: path.join(tmp, 'files'), databaseUrl, auditCheckpointFile: null,
    admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 }, smsWebhookUrl: url,
  };
  const rt = await startRuntime(config, { clock: systemClock, database });
  const { db } = database;
  try {
    // The city: residents spread over 100 communities and 1,000 grids, 2% foreign (English).
    const loadStarted = performance.now();
    const phones = Array.from({ length: 64 }, () => rt.vault.encrypt('phone', `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`).toString('base64'));
    await db.execute(sql`create temporary table bench_phone as select k::int - 1 as k, decode(v, 'base64') as c from jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb) with ordinality as p(v, k)`);
    for (let from = 0; from < RESIDENTS; from += 500_000) {
      const to = Math.min(RESIDENTS, from + 500_000);
      await db.execute(sql`
        insert into resident (id, grid_id, region_code, version, created_at, updated_at, name, name_pinyin, name_initials, id_type, id_cipher, id_hash, id_masked,
                              phone_cipher, phone_hash, phone_masked, kind, nationality, tags)
        select gen_random_uuid(), md5('g' || (n % 1000))::uuid, ${COUNTY} || '001' || lpad((n % 100)::text, 3, '0'), 1, now(), now(), '居民', 'jumin', 'jm', '111', '\\x00'::bytea,
               decode(md5('i' || n), 'hex'), '11**************1X', p.c, decode(md5('p' || n), 'hex'), '139****' || lpad((n % 10000)::text, 4, '0'), 'registered',
               case when n % 50 = 0 then '美国' else '中国' end, '{}'
        from generate_series(${from + 1}::int, ${to}::int) n join bench_phone p on p.k = n % 64`);
    }
    await db.execute(sql`analyze resident`);
    const loadS = (performance.now() - loadStarted) / 1000;

    // The broadcast, approved (the workflow is not what is measured).
    const id = crypto.randomUUID();
    await db.execute(sql`insert into broadcast (id, title, region_code, template_id, template_name, params, text_zh, text_en, audience, channels, status, version, created_by, created_at, updated_at, approved_at)
      values (${id}, '台风预警', ${`${COUNTY}000000`}, ${shippedTemplateId('typhoon_warning')}, '台风预警', '{}'::jsonb,
              '台风“海燕”预计今晚影响本地，最大风力12级。请关好门窗，非必要不外出。', 'Typhoon Haiyan is expected tonight, with winds up to force 12. Stay indoors.',
              ${JSON.stringify({ residents: true, enterprises: false, gridIds: [], tag: null })}::jsonb, '{sms}', 'approved', 3, ${crypto.randomUUID()}, now(), now(), now())`);
    const started = performance.now();
    // The enqueue job and the bulk delivery timer run side by side, as in the server.
    let enqueueS = 0;
    const enqueuing = enqueueBroadcast(rt.kit, id).then((n) => {
      enqueueS = (performance.now() - started) / 1000;
      return n;
    });
    let handed = 0;
    for (;;) {
      const enqueued = enqueueS > 0;
      const n = await drainOutboxBulk(db, systemClock, rt.kit.registry.channels, { hold: true });
      handed += n;
      if (enqueued && n === 0) break;
      if (n === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const queued = await enqueuing;
    const totalS = (performance.now() - started) / 1000;
    const tallies = (await outboxTallies(db, { type: 'broadcast', id })).get('sms')!;

    // The baseline: the per-message path over a sample of the same messages.
    const sample = await rows<{ phone_masked: string; phone_cipher: Buffer | Uint8Array; locale: string }>(
      db,
      sql`select phone_masked, phone_cipher, case when nationality = '中国' then 'zh-CN' else 'en' end as locale from resident limit ${BASELINE}`,
    );
    const before = gw.ids.size;
    const baseStarted = performance.now();
    for (let i = 0; i < sample.length; i += 1_000) {
      const messages: OutboxMessage[] = sample.slice(i, i + 1_000).map((r) => ({
        channel: 'sms', recipient: r.phone_masked, targetCipher: Buffer.from(r.phone_cipher), params: { text: r.locale === 'en' ? 'Typhoon Haiyan is expected tonight.' : '台风“海燕”预计今晚影响本地。' },
        locale: r.locale as 'zh-CN' | 'en', subject: { type: 'bench', id: 'baseline' },
      }));
      await db.transaction((tx) => enqueueOutbox(tx, new Date(), messages));
    }
    while ((await deliverOutbox(db, systemClock, rt.kit.registry.channels)) > 0) {
      // until none is due
    }
    const baseS = (performance.now() - baseStarted) / 1000;
    const baseHanded = gw.ids.size - before;
    return { loadS, queued, enqueueS, handed, totalS, tallies, baseS, baseHanded, duplicates: gw.duplicates(), peakMb: peakRssMb() };
  } finally {
    await rt.close();
    gw.server.closeAllConnections();
    gw.server.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-bench-broadcast-'));
try {
  const r = await withScratchDatabase((url) => run(tmp, url));
  const perS = r.handed / r.totalS;
  const basePerS = r.baseHanded / r.baseS;
  console.log(`PostgreSQL, ${formatInt(RESIDENTS)} residents with phones (loaded in ${r.loadS.toFixed(1)} s); one SMS broadcast to all of them:`);
  console.log(`  queued ${formatInt(r.queued)} messages in ${r.enqueueS.toFixed(1)} s (${formatInt(r.queued / r.enqueueS)}/s)`);
  console.log(`  queued and handed to the local gateway: ${formatInt(r.handed)} in ${r.totalS.toFixed(1)} s = ${formatInt(perS)}/s (goal: at least 20,000)`);
  console.log(`  tallies: sent ${formatInt(r.tallies.sent)}, queued ${formatInt(r.tallies.queued)}, retrying ${formatInt(r.tallies.retrying)}, failed ${formatInt(r.tallies.failed)}; ids seen twice by the gateway: ${r.duplicates}`);
  console.log(`  baseline, the per-message path: ${formatInt(r.baseHanded)} in ${r.baseS.toFixed(1)} s = ${formatInt(basePerS)}/s`);
  console.log(`  peak RSS ${r.peakMb} MB`);
  if (r.tallies.sent !== r.queued || r.duplicates > 0) throw new Error('not every message was handed over exactly once');
  benchLine('broadcast', { per_s: Math.round(perS), ratio: (perS / basePerS).toFixed(2), baseline_per_s: Math.round(basePerS), enqueue_per_s: Math.round(r.queued / r.enqueueS), seconds: r.totalS.toFixed(1), residents: RESIDENTS });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
