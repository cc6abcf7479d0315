/**
 * Durable jobs and timers. A job is a name, a payload and a run time; any process may claim a
 * due job (FOR UPDATE SKIP LOCKED), so a restart or a second process loses nothing and runs
 * nothing twice. Handlers are registered per name with a payload schema.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import { rows, type Db } from '../db/client.js';
import { job } from './tables.js';

export interface JobDefinition<S extends z.ZodType> {
  name: string;
  payload: S;
  /** A recurring timer: after each run the next one is queued this far ahead, under the job's name. */
  repeatEveryMs?: number;
  handle(payload: z.infer<S>, ctx: { db: Db; clock: Clock; jobId: string }): Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job per key: a second enqueue with the same key is ignored. */
  singletonKey?: string;
  maxAttempts?: number;
}

interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

const LEASE_MS = 60_000;

export class JobQueue {
  private readonly handlers = new Map<string, JobDefinition<z.ZodType>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly workerId: string = `${process.pid}-${randomUUID().slice(0, 8)}`,
  ) {}

  register<S extends z.ZodType>(definition: JobDefinition<S>): void {
    this.handlers.set(definition.name, definition as unknown as JobDefinition<z.ZodType>);
  }

  async enqueue<S extends z.ZodType>(tx: Db, definition: Pick<JobDefinition<S>, 'name' | 'payload'>, payload: z.infer<S>, options: EnqueueOptions = {}): Promise<void> {
    const now = this.clock.now();
    await tx
      .insert(job)
      .values({
        id: randomUUID(),
        name: definition.name,
        payload: definition.payload.parse(payload) as object,
        runAt: options.runAt ?? now,
        singletonKey: options.singletonKey ?? null,
        maxAttempts: options.maxAttempts ?? 5,
        createdAt: now,
      })
      .onConflictDoNothing();
  }

  /** Queues the next run of a recurring timer (one pending run per name). */
  schedule<S extends z.ZodType>(tx: Db, definition: JobDefinition<S>, payload: z.infer<S>): Promise<void> {
    const runAt = new Date(this.clock.now().getTime() + (definition.repeatEveryMs ?? 0));
    return this.enqueue(tx, definition, payload, { runAt, singletonKey: `repeat:${definition.name}` });
  }

  /** Claims and runs every due job once; returns how many ran. */
  runDue(limit = 20): Promise<number> {
    // One pass at a time per process; a second caller waits for the pass under way.
    this.running ??= this.runPass(limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runPass(limit: number): Promise<number> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const claimed = await rows<ClaimedJob>(
      this.db,
      sql`update job set locked_by = ${this.workerId}, locked_until = ${leaseUntil.toISOString()}, attempts = attempts + 1
          where id in (
            select id from job
            where done_at is null and failed_at is null and run_at <= ${now.toISOString()}
              and (locked_until is null or locked_until < ${now.toISOString()})
            order by run_at
            limit ${limit}
            for update skip locked)
          returning id, name, payload, attempts, max_attempts`,
    );
    for (const row of claimed) await this.runOne(row);
    return claimed.length;
  }

  private async runOne(row: ClaimedJob): Promise<void> {
    const definition = this.handlers.get(row.name);
    try {
      if (!definition) throw new Error(`No handler for job ${row.name}`);
      const payload = definition.payload.parse(row.payload);
      await definition.handle(payload, { db: this.db, clock: this.clock, jobId: row.id });
      await this.db.transaction(async (tx) => {
        await tx.execute(
          sql`update job set done_at = ${this.clock.now().toISOString()}, done_by = ${this.workerId}, locked_until = null where id = ${row.id}`,
        );
        if (definition.repeatEveryMs) await this.schedule(tx, definition, payload);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = row.attempts >= row.max_attempts;
      const retryAt = new Date(this.clock.now().getTime() + 2 ** row.attempts * 1000);
      await this.db.execute(
        finalAttempt
          ? sql`update job set failed_at = ${this.clock.now().toISOString()}, last_error = ${message}, locked_until = null where id = ${row.id}`
          : sql`update job set run_at = ${retryAt.toISOString()}, last_error = ${message}, locked_until = null where id = ${row.id}`,
      );
    }
  }

  start(pollMs: number): void {
    if (pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => console.error('job worker:', error));
    }, pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
