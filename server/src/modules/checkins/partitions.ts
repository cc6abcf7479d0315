/**
 * The day partitions of `venue_checkin`. One partition per local day (the deployment's time
 * zone), named `venue_checkin_pYYYYMMDD`, holding check-ins from that day's start to the next
 * day's start. The `checkins.partitions` timer creates today's and the next days' ahead; a row
 * that falls in a missing day (a late feed, a clock far off) has its day created on demand, in
 * the writer's transaction. The retention rule `venue-checkins` drops, as a whole, each day that
 * ended before the retention period (`GRIDGOV_RETAIN_VENUE_CHECKINS_DAYS`, default 28): one
 * `DROP TABLE` instead of deleting millions of rows. Both are audited (`checkin.partitions`; the
 * retention job's `retention.purge` with the count of rows dropped).
 *
 * Creating and dropping partitions take turns on an advisory lock, so two processes creating the
 * same day do not race. Creating a partition locks the parent briefly: that is why days are made
 * ahead, and on demand only for the rare row outside them.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/write-audit.js';
import { systemContext } from '../../platform/context.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { dayStart, localDate } from '../../platform/time-zone.js';

const PARENT = 'venue_checkin';
const PREFIX = `${PARENT}_p`;
/** pg_advisory_xact_lock key for partition changes. */
const PARTITION_LOCK = 7_301_033;
/** Days made ahead of today by the timer. */
export const DAYS_AHEAD = 3;

export const partitionName = (day: string) => `${PREFIX}${day.replaceAll('-', '')}`;
const dayOf = (name: string) => `${name.slice(PREFIX.length, PREFIX.length + 4)}-${name.slice(PREFIX.length + 4, PREFIX.length + 6)}-${name.slice(PREFIX.length + 6)}`;
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The local days that have a partition, oldest first. */
export async function partitionDays(db: Db): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${PARENT}::regclass order by c.relname`,
  );
  return found.map((r) => r.name).filter((n) => /^venue_checkin_p\d{8}$/.test(n)).map(dayOf);
}

/** Days this process has seen exist, per database (a partition is dropped only once its day is past the retention, and rows that old are refused). */
const knownDays = new WeakMap<Db, Set<string>>();
const knownOf = (db: Db) => {
  let days = knownDays.get(db);
  if (!days) knownDays.set(db, (days = new Set()));
  return days;
};

/**
 * Makes sure each local day has its partition; answers the days it created. Runs in the caller's
 * transaction when given one (a writer's on-demand day; then nothing is remembered, since that
 * transaction may roll back: `inTransaction`), else in its own.
 */
export async function ensurePartitions(db: Db, days: Iterable<string>, options: { inTransaction?: boolean } = {}): Promise<string[]> {
  const cached = !options.inTransaction;
  const known = knownOf(db);
  const wanted = [...new Set(days)].filter((d) => !cached || !known.has(d)).sort();
  if (wanted.length === 0) return [];
  const created: string[] = [];
  const work = async (tx: Db) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    const existing = new Set(await partitionDays(tx));
    for (const day of wanted) {
      if (existing.has(day)) continue;
      const from = dayStart(day).toISOString();
      const to = dayStart(nextDay(day)).toISOString();
      await tx.execute(sql.raw(`create table "${partitionName(day)}" partition of "${PARENT}" for values from ('${from}') to ('${to}')`));
      created.push(day);
    }
  };
  if (options.inTransaction) await work(db);
  else await db.transaction(work);
  // Made in a caller's transaction that may still roll back (a dry run): not remembered.
  if (cached) for (const day of wanted) known.add(day);
  return created;
}

/** Forgets what this process knows (tests that drop partitions behind its back). */
export function forgetPartitions(db: Db): void {
  knownDays.delete(db);
}

/** Today's partition and the next days', made ahead; audited when it made any. */
export async function makePartitionsAhead(db: Db, now: Date, clock: Kit['clock']): Promise<string[]> {
  const days: string[] = [];
  for (let i = 0; i <= DAYS_AHEAD; i++) days.push(localDate(now, -i));
  const created = await ensurePartitions(db, days);
  if (created.length) await recordAudit(db, systemContext(clock, 'checkins.partitions'), { action: 'checkin.partitions', objectType: 'venue_checkin', details: { created } });
  return created;
}

/** Drops the partitions of days that ended at or before `before`; answers the days and the rows they held. */
export async function dropPartitionsBefore(db: Db, before: Date): Promise<{ days: string[]; rows: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    const old = (await partitionDays(tx)).filter((day) => dayStart(nextDay(day)).getTime() <= before.getTime());
    let count = 0;
    for (const day of old) {
      const [n] = await rows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from "${partitionName(day)}"`));
      count += Number(n?.n ?? 0);
      await tx.execute(sql.raw(`drop table "${partitionName(day)}"`));
      knownOf(db).delete(day);
    }
    return { days: old, rows: count };
  });
}

/** The timer: every six hours, today's and the next three days' partitions exist. */
export function partitionsJob(kit: Pick<Kit, 'clock'>) {
  return defineJob({
    name: 'checkins.partitions',
    payload: z.object({}),
    repeatEveryMs: 6 * 3_600_000,
    handle: async (_payload, { db, clock }) => {
      await makePartitionsAhead(db, clock.now(), kit.clock);
    },
  });
}

/** Retention: whole days of check-ins dropped once they ended longer ago than the period. */
export const checkinRetention: RetentionRule = {
  kind: 'venue-checkins',
  what: 'venue check-ins (who was where), dropped by day partition',
  defaultDays: 28,
  purge: async (kit, before) => (await dropPartitionsBefore(kit.db, before)).rows,
};
