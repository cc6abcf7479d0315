/**
 * Crash safety (docs/operations.md): the real server, started as `npm start` starts it, is
 * killed with SIGKILL in the middle of an import, an export, a burst of intake, ticket
 * transitions and a run of timers, and started again. Afterwards every acknowledged write is
 * there exactly once, nothing half-written is visible, the import resumes without duplicates,
 * each timer's effect happened once and the audit chain verifies. Runs on the embedded database
 * (a data folder) in the integration tier and on PostgreSQL in `npm run test:pg`.
 *
 * Kill points are observed from outside, never arranged inside the server: N answers received,
 * an import's committed progress, an export's part file on disk, timers under a lease in /metrics.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ExportJob, ImportJob, Ticket } from '@gridgov/contracts';
import { rows } from './platform/db/client.js';
import { gridCentroid } from '../test/harness.js';
import { createTestBed, HttpClient, metric, until, type ServerProcess, type TestBed } from '../test/child-server.js';

const BUILDINGS = 16_000;
const BURST = 160;
const KILL_AFTER_ACKS = 40;

describe('crash safety: kill -9 and restart', () => {
  let bed: TestBed;
  let server: ServerProcess;
  let op: HttpClient;
  let gw: HttpClient;
  const base = () => server.url;
  /** Tickets acknowledged (201) in the burst: marker -> ticket. */
  const acked = new Map<string, Ticket>();
  /** Tickets whose acceptance was acknowledged (200). */
  const accepted = new Set<string>();

  /** How long the last start took (the machine's load decides it). */
  let lastStartMs = 10_000;

  async function restart(): Promise<void> {
    const t0 = Date.now();
    server = await bed.start();
    lastStartMs = Date.now() - t0;
  }

  before(async () => {
    bed = await createTestBed();
    await restart();
    op = await HttpClient.login(base, 'community_op');
    gw = await HttpClient.login(base, 'gw1');
  });
  after(async () => {
    await server?.stop();
    await bed?.close();
  });

  it('an import killed mid-way resumes after its last committed batch: every row once', async () => {
    const grid = bed.seed.city.grids[0]!.code;
    const csv = Buffer.from(['楼栋名称,网格编码,层数', ...Array.from({ length: BUILDINGS }, (_, i) => `崩溃楼${i},${grid},${(i % 30) + 1}`)].join('\n'));
    const uploaded = await op.upload<ImportJob>('/api/imports?register=building', 'crash.csv', csv);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const started = await op.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));

    // Kill once a batch has committed and the import is still running.
    const seen = await until('a committed batch of a running import', 60_000, async () => {
      const job = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
      assert.notEqual(job.status, 'done', 'the import ended before the kill: make it larger');
      return job.status === 'running' && job.processedRows > 0 ? job : undefined;
    }, 10);
    await server.kill9();
    assert.ok(seen.processedRows < BUILDINGS);

    await restart();
    const done = await until('the import to end after the restart', 90_000, async () => {
      const job = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
      return job.status === 'done' || job.status === 'failed' ? job : undefined;
    }, 100);
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    assert.deepEqual([done.processedRows, done.createdRows, done.updatedRows, done.failedRows], [BUILDINGS, BUILDINGS, 0, 0], 'each row stored once, none read again as an update');
  });

  it('an export killed while writing its file leaves no file; after the restart it is complete', async () => {
    const requested = await op.post<ExportJob>('/api/exports', { register: 'building', format: 'csv' });
    assert.equal(requested.status, 201, JSON.stringify(requested.body));
    const id = requested.body.id;
    const dir = path.join(bed.filesDir, 'exports');
    const parts = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(id) && n.endsWith('.part')) : []);
    await until('the export part file', 60_000, async () => {
      assert.ok(!fs.existsSync(path.join(dir, `${id}.csv`)), 'the export was written before the kill');
      return parts().length > 0 ? true : undefined;
    }, 2);
    await server.kill9();
    assert.ok(!fs.existsSync(path.join(dir, `${id}.csv`)), 'no complete-looking file from the killed run');
    assert.equal(parts().length, 1, 'the killed run left its part file');

    await restart();
    // Until the restarted server ends the export, nothing can be downloaded.
    const ready = await until('the export to be rebuilt', 60_000, async () => {
      const row = (await op.get<ExportJob>(`/api/exports/${id}`)).body;
      if (row.status !== 'ready') assert.notEqual((await op.get(`/api/exports/${id}/file`)).status, 200);
      return row.status === 'ready' || row.status === 'failed' ? row : undefined;
    }, 50);
    assert.equal(ready.status, 'ready');
    const file = await op.request<string>('GET', `/api/exports/${id}/file`);
    assert.equal(file.status, 200);
    const lines = String(file.body).trim().split(/\r?\n/);
    assert.equal(lines.length, BUILDINGS + 1, 'the header and every row (the seeded city has no buildings)');
    assert.equal(ready.rowCount, lines.length - 1);
    assert.equal(new Set(lines.slice(1)).size, lines.length - 1, 'no row twice');
    assert.deepEqual(parts(), [], 'the killed run\'s part file (personal data) is gone');
  });

  it('a burst of intake killed after 40 answers: every acknowledged report is there, once', async () => {
    const [lon, lat] = gridCentroid(bed.seed.city.grids[0]!);
    const categoryId = bed.seed.tickets.categoryIds.get('city.manhole')!;
    const bodies = Array.from({ length: BURST }, (_, i) => ({ marker: `crash-${i}-${randomUUID().slice(0, 8)}`, i }));
    let next = 0;
    let killing: Promise<void> | null = null;
    const worker = async (): Promise<void> => {
      while (next < bodies.length && !killing) {
        const { marker, i } = bodies[next++]!;
        try {
          const res = await gw.post<{ ticket: Ticket }>('/api/tickets', { description: `井盖缺失 崩溃演练 ${marker}`, lon, lat, categoryId }, { 'idempotency-key': marker });
          if (res.status === 201) {
            acked.set(marker, res.body.ticket);
            if (acked.size >= KILL_AFTER_ACKS) killing ??= server.kill9();
          } else if (!killing) assert.fail(`report ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (error) {
          // The connection died with the server: not acknowledged.
          if (!(error instanceof TypeError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await killing;
    assert.ok(acked.size >= KILL_AFTER_ACKS && acked.size < BURST, `${acked.size} acknowledged`);

    await restart();
    for (const [marker, filed] of acked) {
      const read = await gw.get<Ticket>(`/api/tickets/${filed.id}`);
      assert.equal(read.status, 200, `acknowledged ${filed.number} is there`);
      assert.equal(read.body.number, filed.number);
      // The phone's offline queue sends it again: the stored answer, not a second ticket.
      const replay = await gw.post<{ ticket: Ticket }>('/api/tickets', { description: `井盖缺失 崩溃演练 ${marker}`, lon, lat, categoryId }, { 'idempotency-key': marker });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.body.ticket.id, filed.id);
    }
  });

  it('ticket transitions killed after 15 answers: each acknowledged one applied once, none half', async () => {
    const tickets = [...acked.values()].slice(0, 40);
    let next = 0;
    let killing: Promise<void> | null = null;
    const worker = async (): Promise<void> => {
      while (next < tickets.length && !killing) {
        const t = tickets[next++]!;
        try {
          const res = await gw.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: t.version });
          if (res.status === 200) {
            accepted.add(t.id);
            if (accepted.size >= 15) killing ??= server.kill9();
          } else if (!killing) assert.fail(`accept ${t.number}: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (error) {
          // The connection died with the server: not acknowledged.
          if (!(error instanceof TypeError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await killing;
    assert.ok(accepted.size >= 15 && accepted.size < tickets.length, `${accepted.size} acknowledged`);

    await restart();
    for (const id of accepted) {
      const read = await gw.get<Ticket>(`/api/tickets/${id}`);
      assert.equal(read.body.status, 'accepted');
    }
    // An accept that was not acknowledged either happened whole or not at all: it can be sent again.
    for (const t of tickets.filter((x) => !accepted.has(x.id))) {
      const read = (await gw.get<Ticket>(`/api/tickets/${t.id}`)).body;
      if (read.status === 'reported') {
        const again = await gw.post<Ticket>(`/api/tickets/${t.id}/accept`, { version: read.version });
        assert.equal(again.status, 200, JSON.stringify(again.body));
      } else {
        assert.equal(read.status, 'accepted');
      }
      accepted.add(t.id);
    }
  });

  it('timers killed while firing: each fires once after the restart', async () => {
    const ids = [...acked.values()].map((t) => t.id);
    // The burst's dispatch-limit timers made due one after another over twice a start-up's time
    // from now (the embedded database only while no server holds it): the restarted server finds
    // about half due, and the others come due while it runs.
    const spreadS = Math.max(10, (2 * lastStartMs) / 1000);
    const due = async (): Promise<string[]> => {
      const database = await bed.open();
      try {
        const moved = await rows<{ ticket_id: string }>(
          database.db,
          sql`update job j set run_at = now() + make_interval(secs => ${spreadS}::float8 * x.ord / ${ids.length})
              from (select id, row_number() over (order by id) as ord from job
                    where name = 'ticket.limit' and done_at is null and payload->>'ticketId' in ${ids}) x
              where j.id = x.id
              returning j.payload->>'ticketId' as ticket_id, j.run_at`,
        );
        return moved.sort((a, b) => String((a as unknown as { run_at: string }).run_at).localeCompare(String((b as unknown as { run_at: string }).run_at))).map((m) => m.ticket_id);
      } finally {
        await database.close();
      }
    };
    let order: string[];
    if (bed.kind === 'pglite') {
      await server.stop();
      order = await due();
      await restart();
    } else {
      order = await due();
    }
    assert.equal(order.length, ids.length, 'one pending dispatch-limit timer per reported ticket');
    const escalated = async (id: string) => (await gw.get<Ticket>(`/api/tickets/${id}`)).body.level === 'community';
    // Kill once some timers have fired and others have not.
    await until('some timers fired, the last not yet', 120_000, async () => ((await escalated(order[0]!)) && !(await escalated(order.at(-1)!)) ? true : undefined), 20);
    await server.kill9();

    await restart();
    await until('every timer to fire', 120_000, async () => {
      if (!(await escalated(order.at(-1)!))) return undefined;
      const [waiting, running] = await Promise.all([metric(base(), 'gridgov_jobs_due{state="waiting"}'), metric(base(), 'gridgov_jobs_due{state="running"}')]);
      return waiting === 0 && running === 0 ? true : undefined;
    }, 100);
    for (const id of ids) assert.ok(await escalated(id), 'escalated by its timer');
  });

  it('after all of it: each write once in the database, and the audit chain verifies', async () => {
    await server.stop();
    const database = await bed.open();
    try {
      const ids = [...acked.values()].map((t) => t.id);
      const [buildings] = await rows<{ n: number; names: number }>(database.db, sql`select count(*)::int as n, count(distinct name)::int as names from building where name like '崩溃楼%'`);
      assert.deepEqual(buildings, { n: BUILDINGS, names: BUILDINGS }, 'every imported building once');
      const markers = await rows<{ marker: string; n: number }>(
        database.db,
        sql`select substring(description from 'crash-[0-9]+-[0-9a-f]+') as marker, count(*)::int as n from ticket where description like '%崩溃演练%' group by 1`,
      );
      assert.ok(markers.every((m) => m.n === 1), 'no report stored twice');
      const stored = new Set(markers.map((m) => m.marker));
      assert.ok([...acked.keys()].every((m) => stored.has(m)), 'every acknowledged report stored');
      // Per ticket: one accept, one timer escalation, and the ticket's state is its timeline's last step.
      const events = await rows<{ ticket_id: string; accepts: number; escalations: number; last: string; status: string; level: string }>(
        database.db,
        sql`select t.id as ticket_id, t.status, t.level,
                   count(*) filter (where e.action = 'accept')::int as accepts,
                   count(*) filter (where e.action = 'escalate')::int as escalations,
                   (array_agg(e.to_status order by e.seq desc) filter (where e.to_status is not null))[1] as last
            from ticket t join ticket_event e on e.ticket_id = t.id
            where t.id in ${ids} group by t.id`,
      );
      assert.equal(events.length, ids.length);
      for (const e of events) {
        assert.equal(e.accepts, accepted.has(e.ticket_id) ? 1 : 0, `accepts of ${e.ticket_id}`);
        assert.equal(e.escalations, 1, `escalations of ${e.ticket_id}`);
        assert.equal(e.last, e.status, 'the ticket is where its timeline says');
      }
      const [audits] = await rows<{ accepts: number }>(database.db, sql`select count(*)::int as accepts from audit_log where action = 'ticket.accept' and object_id in ${ids}`);
      assert.equal(audits?.accepts, accepted.size, 'one audit entry per accept');
      const jobs = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from job where name = 'ticket.limit' and payload->>'ticketId' in ${ids} and run_at < now() and done_at is null`);
      assert.equal(jobs[0]?.n, 0, 'every due timer ended');
    } finally {
      await database.close();
    }
    const verified = bed.auditVerify();
    assert.equal(verified.status, 0, verified.output);
    assert.match(verified.output, /Audit chain intact/);
  });
});

