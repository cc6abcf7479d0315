/**
 * Durable jobs and timers. A job is a name, a payload and a run time; any process may claim a
 * due job (FOR UPDATE SKIP LOCKED) with a lease, so a restart or a second process loses nothing
 * and runs nothing twice. The worker renews the lease while the handler runs (every third of
 * it), so a long job is never taken over from a live worker; a worker that dies stops renewing,
 * and another process takes the job over when the lease ends (`takenOver` tells the handler).
 * Ending a job is fenced by the claim (worker and attempt): a worker that lost its lease cannot
 * mark the job done or queue the next run of a timer. Handlers are registered per name with a
 * payload schema.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import { rows, type Db } from '../db/client.js';
import { job } from './tables.js';
import { safeErrorText } from '../observability/redact.js';

export interface JobDefinition<S extends z.ZodType> {
  name: string;
  payload: S;
  /** A recurring timer: after each run the next one is queued this far ahead, under the job's name. */
  repeatEveryMs?: number;
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export interface JobContext {
  db: Db;
  clock: Clock;
  jobId: string;
  /**
   * This run takes the job over from a worker whose lease ran out (it died, or stalled past its
   * lease) without ending the job: work that worker marked as its own is abandoned.
   */
  takenOver: boolean;
  /** Aborted when this worker loses the job's lease (another process may be running it now). */
  signal: AbortSignal;
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
  taken_over: boolean;
}

/** The default lease (`GRIDGOV_JOB_LEASE_MS`). */
export const JOB_LEASE_MS = 60_000;

/** Where a job takes its slot among the HTTP requests (admission control's `jobs` class): it waits, never shed. */
export type JobGate = () => Promise<() => void>;

export class JobQueue {
  private readonly handlers = new Map<string, JobDefinition<z.ZodType>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** When the worker loop last completed a pass or found one under way (performance.now); null: worker off. */
  private beatAt: number | null = null;
  /** Admission control's reserved share for jobs; none: jobs run as they come. */
  gate: JobGate | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly workerId: string = `${process.pid}-${randomUUID().slice(0, 8)}`,
    private readonly leaseMs: number = JOB_LEASE_MS,
  ) {}

  /**
   * Ends every lease at once: only for a database no other process can reach (the embedded one,
   * whose folder lock this process holds), at start, so the jobs a killed predecessor held run
   * now instead of when their leases would have ended. They run as taken over.
   */
  async releaseLeases(): Promise<number> {
    const ended = new Date(this.clock.now().getTime() - 1).toISOString();
    const released = await rows<{ id: string }>(
      this.db,
      sql`update job set locked_until = ${ended} where locked_until > ${ended} and done_at is null and failed_at is null returning id`,
    );
    return released.length;
  }

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
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    // `taken_over`: the row still carried another claim's lease (it ran out without the job ending).
    const claimed = await rows<ClaimedJob>(
      this.db,
      sql`with due as (
            select id, locked_until from job
            where done_at is null and failed_at is null and run_at <= ${now.toISOString()}
              and (locked_until is null or locked_until < ${now.toISOString()})
            order by run_at
            limit ${limit}
            for update skip locked)
          update job set locked_by = ${this.workerId}, locked_until = ${leaseUntil.toISOString()}, attempts = job.attempts + 1
          from due where job.id = due.id
          returning job.id, job.name, job.payload, job.attempts, job.max_attempts, (due.locked_until is not null) as taken_over`,
    );
    for (const row of claimed) {
      const release = this.gate ? await this.gate() : null;
      try {
        await this.runOne(row);
      } finally {
        release?.();
      }
    }
    return claimed.length;
  }

  /** This worker's claim on a job: its worker id and the attempt it claimed (a fencing token). */
  private held(row: ClaimedJob) {
    return sql`id = ${row.id} and locked_by = ${this.workerId} and attempts = ${row.attempts}`;
  }

  /** Renews the lease every third of it while the handler runs; aborts `lost` when it cannot. */
  private keepLease(row: ClaimedJob, lost: AbortController): () => void {
    const renew = async (): Promise<void> => {
      const until = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
      try {
        const renewed = await rows(this.db, sql`update job set locked_until = ${until} where ${this.held(row)} and done_at is null and failed_at is null returning id`);
        if (renewed.length === 0) lost.abort(new Error(`job ${row.name} ${row.id}: lease lost to another worker`));
      } catch (error) {
        // The database is away: try again at the next tick; the lease may still hold.
        console.error(`job worker: could not renew the lease of ${row.name} (${safeErrorText(error)})`);
      }
    };
    let renewing: Promise<void> | null = null;
    const timer = setInterval(() => {
      renewing ??= renew().finally(() => (renewing = null));
    }, Math.max(250, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  private async runOne(row: ClaimedJob): Promise<void> {
    const definition = this.handlers.get(row.name);
    const lost = new AbortController();
    const stopRenewing = this.keepLease(row, lost);
    try {
      if (!definition) throw new Error(`No handler for job ${row.name}`);
      const payload = definition.payload.parse(row.payload);
      await definition.handle(payload, { db: this.db, clock: this.clock, jobId: row.id, takenOver: row.taken_over, signal: lost.signal });
      stopRenewing();
      await this.db.transaction(async (tx) => {
        const ended = await rows(tx, sql`update job set done_at = ${this.clock.now().toISOString()}, done_by = ${this.workerId}, locked_until = null where ${this.held(row)} returning id`);
        // Lost the lease: the worker that took the job over ends it (and queues the next run).
        if (ended.length > 0 && definition.repeatEveryMs) await this.schedule(tx, definition, payload);
      });
    } catch (error) {
      stopRenewing();
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = row.attempts >= row.max_attempts;
      const retryAt = new Date(this.clock.now().getTime() + 2 ** row.attempts * 1000);
      await this.db.execute(
        finalAttempt
          ? sql`update job set failed_at = ${this.clock.now().toISOString()}, last_error = ${message}, locked_until = null where ${this.held(row)}`
          : sql`update job set run_at = ${retryAt.toISOString()}, last_error = ${message}, locked_until = null where ${this.held(row)}`,
      );
    }
  }

  start(pollMs: number): void {
    if (pollMs <= 0 || this.timer) return;
    this.beatAt = performance.now();
    this.timer = setInterval(() => {
      // A pass under way (a long import) is a live loop too.
      if (this.running) this.beatAt = performance.now();
      // A failed pass (the database went away) is logged and the loop goes on; a job claimed
      // in it is taken again when its lease ends.
      this.runDue().then(
        () => void (this.beatAt = performance.now()),
        (error: unknown) => console.error(`job worker: a pass failed (${safeErrorText(error)}); the loop goes on`),
      );
    }, pollMs);
    this.timer.unref();
  }

  /** How long since the worker loop's last beat (for readiness and /metrics); null when the worker is off. */
  health(): { sinceBeatMs: number | null } {
    return { sinceBeatMs: this.timer && this.beatAt !== null ? performance.now() - this.beatAt : null };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.beatAt = null;
    await this.running;
  }
}
