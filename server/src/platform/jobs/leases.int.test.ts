/**
 * Job and outbox leases: a long job's lease is renewed while it runs (a second worker claims
 * nothing), a job whose lease ran out is taken over (`takenOver`), a worker that lost its claim
 * cannot end the job, and an outbox message claimed again by another sender is skipped by the
 * first one and its result recorded only under the newer claim.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { systemClock } from '../clock.js';
import { rows, type Database } from '../db/client.js';
import { defineJob, JobQueue, type JobContext } from './queue.js';
import { deliverOutbox, enqueueOutbox, type OutboxChannel } from '../outbox/outbox.js';

describe('job and outbox leases', () => {
  let testDb: TestDatabase;
  let database: Database;
  before(async () => {
    testDb = await createTestDatabase();
    database = await testDb.open();
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  async function jobRow(id: string) {
    const [row] = await rows<{ attempts: number; locked_by: string | null; done_at: Date | null; done_by: string | null }>(
      database.db,
      sql`select attempts, locked_by, done_at, done_by from job where id = ${id}`,
    );
    return row!;
  }

  it('renews a running job\'s lease: another worker claims nothing; the job ends once', async () => {
    const runs: JobContext[] = [];
    const slow = defineJob({
      name: 'test.slow',
      payload: z.object({}),
      async handle(_p, ctx) {
        runs.push(ctx);
        await new Promise((resolve) => setTimeout(resolve, 2500));
      },
    });
    const a = new JobQueue(database.db, systemClock, 'worker-a', 1000);
    const b = new JobQueue(database.db, systemClock, 'worker-b', 1000);
    for (const q of [a, b]) q.register(slow);
    await a.enqueue(database.db, slow, {});
    const [{ id }] = await rows<{ id: string }>(database.db, sql`select id from job where name = 'test.slow'`) as [{ id: string }];
    const running = a.runDue();
    await new Promise((resolve) => setTimeout(resolve, 1800));
    assert.equal(await b.runDue(), 0, 'past its first lease the job is still held');
    await running;
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.takenOver, false);
    const row = await jobRow(id);
    assert.deepEqual([row.attempts, row.locked_by, row.done_by], [1, 'worker-a', 'worker-a'], 'claimed once, ended by its worker');
    assert.ok(row.done_at);
  });

  it('takes over a job whose lease ran out; the worker that lost it cannot end it', async () => {
    let release!: () => void;
    const seen: { takenOver: boolean; aborted: () => boolean }[] = [];
    const held = defineJob({
      name: 'test.held',
      payload: z.object({}),
      async handle(_p, ctx) {
        seen.push({ takenOver: ctx.takenOver, aborted: () => ctx.signal.aborted });
        if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const a = new JobQueue(database.db, systemClock, 'worker-a', 1000);
    const b = new JobQueue(database.db, systemClock, 'worker-b', 1000);
    for (const q of [a, b]) q.register(held);
    await a.enqueue(database.db, held, {});
    const [{ id }] = await rows<{ id: string }>(database.db, sql`select id from job where name = 'test.held'`) as [{ id: string }];
    const first = a.runDue();
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    // As if worker A stalled past its lease (a frozen VM): the lease ends under it.
    await database.db.execute(sql`update job set locked_until = now() - interval '1 second' where id = ${id}`);
    assert.equal(await b.runDue(), 1, 'worker B takes it over');
    assert.equal(seen[1]!.takenOver, true);
    assert.equal((await jobRow(id)).done_by, 'worker-b');
    // A wakes up: its renewal finds the claim gone (its signal aborts), and it cannot end the job again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(seen[0]!.aborted(), true, 'A learns it lost the lease');
    release();
    await first;
    const row = await jobRow(id);
    assert.deepEqual([row.attempts, row.locked_by, row.done_by], [2, 'worker-b', 'worker-b']);
  });

  it('an outbox sender whose claim was taken skips the message; only the newer claim records it', async () => {
    const sent: string[] = [];
    let holding = true;
    const held: (() => void)[] = [];
    const channel: OutboxChannel = {
      name: 'test',
      async deliver(m) {
        sent.push(m.id);
        if (holding) await new Promise<void>((resolve) => held.push(resolve));
        return { status: 'sent' };
      },
    };
    const channels = new Map([['test', channel]]);
    await enqueueOutbox(database.db, new Date(systemClock.now().getTime() - 1000), Array.from({ length: 9 }, (_, i) => ({ channel: 'test', recipient: `r${i}`, params: { text: String(i) } })));
    // Sender A claims all nine; its eight parallel sends stall at the gateway, the ninth waits.
    const a = deliverOutbox(database.db, systemClock, channels, 50, 1000);
    while (sent.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    const inHands = new Set(sent);
    // A stalls past its lease; sender B claims all nine again and sends them.
    await database.db.execute(sql`update outbox set locked_until = now() - interval '1 second' where status = 'sending'`);
    holding = false;
    assert.equal(await deliverOutbox(database.db, systemClock, channels, 50, 1000), 9);
    for (const resolve of held) resolve();
    await a;
    const messages = await rows<{ id: string; status: string; attempts: number }>(database.db, sql`select id, status, attempts from outbox where channel = 'test'`);
    assert.deepEqual(messages.map((m) => [m.status, m.attempts]), Array.from({ length: 9 }, () => ['sent', 2]), 'recorded under B\'s claim');
    const waiting = messages.find((m) => !inHands.has(m.id))!;
    assert.equal(sent.filter((id) => id === waiting.id).length, 1, 'A skipped the message it had not sent: B\'s claim holds it');
    assert.equal(sent.length, 17, 'twice only the eight that were in the gateway\'s hands');
  });
});
