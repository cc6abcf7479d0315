/**
 * The device events' store in the database: the MQTT pipeline's `EventStore` (one statement per
 * group commit; a message already stored is skipped), the daily partitions, and their retention.
 * Status reports (a device's periodic "I am here") are kept for a short time, everything else
 * longer, each a retention rule of the kit (`GRIDGOV_RETAIN_DEVICE_STATUS_DAYS`,
 * `GRIDGOV_RETAIN_DEVICE_EVENT_DAYS`).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { RetentionRule } from '../../platform/retention/retention.js';
import { dayBounds, localDate } from '../../platform/time-zone.js';
import type { DeviceEvent, EventStore } from '../../platform/protocols/mqtt/index.js';

export function pgEventStore(db: Db): EventStore {
  return {
    async append(events) {
      await appendNew(db, events);
    },
  };
}

/** Stores the events not stored yet (device, time, message id) and answers those, in the caller's transaction. */
export async function appendNew<E extends DeviceEvent>(db: Db, events: readonly E[]): Promise<E[]> {
  if (events.length === 0) return [];
  const lines = events.map((e, i) => ({ i, at: e.at.toISOString(), device_code: e.deviceCode, message_id: e.messageId, kind: e.kind, part: e.part, type: e.type, received_at: e.receivedAt.toISOString(), body: e.body }));
  const stored = await rows<{ i: number }>(db, sql`
    with r as (select * from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as r(i int, at timestamptz, device_code text, message_id text, kind text, part text, type text, received_at timestamptz, body jsonb)),
    ins as (
      insert into device_event (at, device_code, message_id, kind, part, type, received_at, body)
      select at, device_code, message_id, kind, part, type, received_at, body from r
      on conflict do nothing
      returning at, device_code, message_id)
    select min(r.i) as i from ins join r using (at, device_code, message_id) group by ins.at, ins.device_code, ins.message_id`);
  return stored.map((s) => events[s.i]!);
}

const partitionName = (day: string) => `device_event_${day.replaceAll('-', '')}`;

/**
 * Creates the partitions of the local days from yesterday to `daysAhead` days on (those missing).
 * Processes starting together take turns: `create table if not exists` alone is not safe against
 * a concurrent create of the same table.
 */
export async function ensureEventPartitions(db: Db, now: Date, daysAhead = 2): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sensing:partitions'))`);
    for (let back = 1; back >= -daysAhead; back--) {
      const day = localDate(now, back);
      const [from, to] = dayBounds(day);
      await tx.execute(sql.raw(`create table if not exists ${partitionName(day)} partition of device_event for values from ('${from.toISOString()}') to ('${to.toISOString()}')`));
    }
  });
}

/** Drops the day partitions that ended before `before`; answers how many rows went with them. */
async function dropPartitionsBefore(db: Db, before: Date): Promise<number> {
  const found = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname = 'device_event' and c.relname ~ '^device_event_[0-9]{8}$' order by 1`,
  );
  let dropped = 0;
  for (const { name } of found) {
    const day = `${name.slice(13, 17)}-${name.slice(17, 19)}-${name.slice(19, 21)}`;
    if (dayBounds(day)[1] > before) continue;
    const [n] = await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${name}`));
    await db.execute(sql.raw(`drop table ${name}`));
    dropped += n?.n ?? 0;
  }
  return dropped;
}

export const EVENT_RETENTION: RetentionRule[] = [
  {
    kind: 'device-status',
    what: 'device status reports',
    defaultDays: 7,
    async purge(kit, before) {
      const [r] = await rows<{ n: number }>(kit.db, sql`with d as (delete from device_event where type = 'status' and at < ${before.toISOString()} returning 1) select count(*)::int as n from d`);
      return r?.n ?? 0;
    },
  },
  {
    kind: 'device-event',
    what: 'device events and command confirmations',
    defaultDays: 180,
    async purge(kit, before) {
      const dropped = await dropPartitionsBefore(kit.db, before);
      const [r] = await rows<{ n: number }>(kit.db, sql`with d as (delete from device_event where at < ${before.toISOString()} returning 1) select count(*)::int as n from d`);
      return dropped + (r?.n ?? 0);
    },
  },
  {
    kind: 'device-alarm',
    what: 'device alarms (with the resident a fever alarm recognised) and device commands',
    defaultDays: 180,
    async purge(kit, before) {
      const [r] = await rows<{ n: number }>(kit.db, sql`
        with a as (delete from device_alarm where last_at < ${before.toISOString()} and status = 'filed' returning 1),
             c as (delete from device_command where created_at < ${before.toISOString()} returning 1)
        select ((select count(*) from a) + (select count(*) from c))::int as n`);
      return r?.n ?? 0;
    },
  },
];

/** Keeps the next days' partitions made (hourly; every process may run it, creation is idempotent). */
export const partitionJob = defineJob({
  name: 'sensing.partitions',
  payload: z.object({}),
  repeatEveryMs: 3_600_000,
  async handle(_p, { db, clock }) {
    await ensureEventPartitions(db, clock.now());
  },
});
