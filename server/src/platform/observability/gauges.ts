/**
 * What /metrics reads from the running process and the database when it is scraped: the pool,
 * the job queue, the outbox, the live channel, the process. Modules add their own (imports'
 * progress) through `gauges` in their definition.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import type { Kit } from '../kit/kit.js';
import type { GaugeFamily } from './prometheus.js';

/** A module's or the platform's gauges, read at scrape time. */
export type GaugeSource = (kit: Kit) => Promise<GaugeFamily[]> | GaugeFamily[];

export const poolGauges: GaugeSource = (kit) => {
  const pool = kit.database.poolStats();
  if (!pool) return [];
  return [
    { name: 'gridgov_db_pool_connections', help: 'Database connections in the pool, by state', samples: [{ labels: { state: 'total' }, value: pool.total }, { labels: { state: 'idle' }, value: pool.idle }] },
    { name: 'gridgov_db_pool_waiting', help: 'Queries waiting for a pooled connection', samples: [{ value: pool.waiting }] },
    { name: 'gridgov_db_pool_max', help: 'The pool\'s size limit', samples: [{ value: pool.max }] },
  ];
};

export const jobGauges: GaugeSource = async (kit) => {
  const now = kit.clock.now().toISOString();
  const [row] = await rows<{ waiting: number; running: number; oldest_s: number | null }>(
    kit.db,
    sql`select count(*) filter (where locked_until is null or locked_until < ${now}::timestamptz)::int as waiting,
               count(*) filter (where locked_until >= ${now}::timestamptz)::int as running,
               extract(epoch from (${now}::timestamptz - min(run_at) filter (where locked_until is null or locked_until < ${now}::timestamptz)))::float8 as oldest_s
        from job where done_at is null and failed_at is null and run_at <= ${now}::timestamptz`,
  );
  const health = kit.jobs.health();
  return [
    { name: 'gridgov_jobs_due', help: 'Jobs and timers that are due, by state (waiting for a worker, running under a lease)', samples: [{ labels: { state: 'waiting' }, value: row?.waiting ?? 0 }, { labels: { state: 'running' }, value: row?.running ?? 0 }] },
    { name: 'gridgov_jobs_oldest_due_seconds', help: 'How long the oldest waiting due job has been due (0: none)', samples: [{ value: Math.max(0, row?.oldest_s ?? 0) }] },
    { name: 'gridgov_job_worker_last_beat_seconds', help: 'Seconds since this process\'s job worker last completed or was busy with a pass (-1: worker off)', samples: [{ value: health.sinceBeatMs === null ? -1 : health.sinceBeatMs / 1000 }] },
  ];
};

export const outboxGauges: GaugeSource = async (kit) => {
  const now = kit.clock.now().toISOString();
  const [row] = await rows<{ pending: number; sending: number; oldest_s: number | null }>(
    kit.db,
    sql`select count(*) filter (where status = 'pending')::int as pending,
               count(*) filter (where status = 'sending')::int as sending,
               extract(epoch from (${now}::timestamptz - min(created_at)))::float8 as oldest_s
        from outbox where status in ('pending', 'sending')`,
  );
  return [
    { name: 'gridgov_outbox_backlog', help: 'Outbox messages not yet delivered, by status', samples: [{ labels: { status: 'pending' }, value: row?.pending ?? 0 }, { labels: { status: 'sending' }, value: row?.sending ?? 0 }] },
    { name: 'gridgov_outbox_oldest_seconds', help: 'Age of the oldest undelivered outbox message (0: none)', samples: [{ value: Math.max(0, row?.oldest_s ?? 0) }] },
  ];
};

export const liveGauges: GaugeSource = (kit) => [
  { name: 'gridgov_live_connections', help: 'Open live-feed (server-sent events) connections on this process', samples: [{ value: kit.live.streams }] },
  { name: 'gridgov_live_listener_up', help: 'Whether this process listens to the database\'s live channel (1) or is reconnecting (0)', samples: [{ value: kit.database.listening() ? 1 : 0 }] },
  { name: 'gridgov_live_listener_reconnects_total', help: 'Times the live listener reconnected to the database', samples: [{ value: kit.database.listenerReconnects() }] },
];

export const processGauges: GaugeSource = () => {
  const memory = process.memoryUsage();
  return [
    { name: 'gridgov_process_resident_memory_bytes', help: 'Resident memory of the process', samples: [{ value: memory.rss }] },
    { name: 'gridgov_process_heap_used_bytes', help: 'V8 heap in use', samples: [{ value: memory.heapUsed }] },
    { name: 'gridgov_process_uptime_seconds', help: 'Seconds since the process started', samples: [{ value: Math.round(process.uptime()) }] },
  ];
};

export const PLATFORM_GAUGES: GaugeSource[] = [poolGauges, jobGauges, outboxGauges, liveGauges, processGauges];
