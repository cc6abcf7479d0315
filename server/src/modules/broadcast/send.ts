/**
 * Sending a broadcast. Approval queues the durable job `broadcast.enqueue`: it takes the
 * broadcast to `sending` and writes the recipients' messages into the outbox step by step
 * (channel × audience part), a batch of ids per transaction through the outbox's bulk enqueue
 * (INSERT ... SELECT over the registers), committing the cursor with each batch: a restart or a
 * lost lease resumes after the last batch, and a batch written twice adds nothing (the outbox's
 * dedup key per broadcast, channel and recipient). The outbox's bulk worker drains them. The
 * timer `broadcast.settle` marks a broadcast `sent` once every message is queued and none is
 * waiting or being retried.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import { enqueueOutboxBulk, outboxTallies } from '../../platform/outbox/outbox.js';
import { runTransition } from '../../platform/workflow/workflow.js';
import { cursorOf, enqueueSteps, stepRows } from './audience.js';
import { broadcast } from './tables.js';
import { broadcastWorkflow } from './workflow.js';

export const ENQUEUE_JOB = { name: 'broadcast.enqueue', payload: z.object({ broadcastId: z.string() }) };
export const ENQUEUE_BATCH = 20_000;

type SendKit = Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>;

/** One batch of the step under way; answers whether there is more to write. */
export async function enqueueBatch(db: Db, clock: Clock, id: string, batch = ENQUEUE_BATCH): Promise<{ inserted: number; more: boolean }> {
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(broadcast).where(eq(broadcast.id, id)).for('update');
    if (!b || b.status !== 'sending' || b.queuedAll) return { inserted: 0, more: false };
    const steps = enqueueSteps(b);
    const step = steps[b.enqueueStep];
    const now = clock.now();
    if (!step) {
      await tx.update(broadcast).set({ queuedAll: true, enqueueCursor: null, updatedAt: now }).where(eq(broadcast.id, id));
      return { inserted: 0, more: false };
    }
    // The planner's estimate of the filters is far above what they cost: no JIT for a batch.
    await tx.execute(sql`set local jit = off`);
    const r = await enqueueOutboxBulk(tx, now, { channel: step.channel, subject: { type: 'broadcast', id }, rows: stepRows(b, step, b.enqueueCursor, batch) });
    const stepDone = r.taken < batch;
    const last = stepDone && b.enqueueStep + 1 >= steps.length;
    await tx
      .update(broadcast)
      .set(stepDone ? { enqueueStep: b.enqueueStep + 1, enqueueCursor: null, queuedAll: last, updatedAt: now } : { enqueueCursor: cursorOf(r.last), updatedAt: now })
      .where(eq(broadcast.id, id));
    return { inserted: r.inserted, more: !last };
  });
}

/** The whole enqueue: `start` (approved → sending), then every batch until all are queued or the broadcast is cancelled. */
export async function enqueueBroadcast(kit: SendKit & Pick<Kit, 'clock'>, id: string, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const ctx = systemContext(kit.clock, ENQUEUE_JOB.name);
  const [b] = await kit.db.select({ status: broadcast.status }).from(broadcast).where(eq(broadcast.id, id));
  if (!b) return 0;
  if (b.status === 'approved') await runTransition(kit, ctx, broadcastWorkflow, id, 'start', {}, async () => ({ status: 'sending' }));
  let inserted = 0;
  for (;;) {
    if (options.signal?.aborted) return inserted;
    const step = await enqueueBatch(kit.db, kit.clock, id, options.batch);
    inserted += step.inserted;
    if (!step.more) return inserted;
  }
}

export const enqueueJob = (kit: Kit) =>
  defineJob({
    ...ENQUEUE_JOB,
    async handle(p, { db, clock, signal }) {
      await enqueueBroadcast({ ...kit, db, clock }, p.broadcastId, { signal });
    },
  });

/** Marks `sent` the broadcasts whose messages are all queued and none waits or is being retried. */
export async function settleBroadcasts(kit: SendKit & Pick<Kit, 'clock'>): Promise<number> {
  const sending = await kit.db.select({ id: broadcast.id }).from(broadcast).where(sql`${broadcast.status} = 'sending' and ${broadcast.queuedAll}`);
  let settled = 0;
  for (const { id } of sending) {
    const tallies = await outboxTallies(kit.db, { type: 'broadcast', id });
    const open = [...tallies.values()].reduce((n, t) => n + t.queued + t.retrying, 0);
    if (open > 0) continue;
    const counts = Object.fromEntries([...tallies].map(([channel, t]) => [channel, t]));
    await runTransition(kit, systemContext(kit.clock, 'broadcast.settle'), broadcastWorkflow, id, 'finish', {}, async ({ now }) => ({ status: 'sent', patch: { finishedAt: now }, data: { counts } }));
    settled++;
  }
  return settled;
}

export const settleJob = (kit: Kit) =>
  defineJob({
    name: 'broadcast.settle',
    payload: z.object({}),
    repeatEveryMs: 5_000,
    async handle(_p, { db, clock }) {
      await settleBroadcasts({ ...kit, db, clock });
    },
  });
