/**
 * Where device messages go when they are stored: one statement per group commit that writes the
 * events (a message already stored is skipped) and, from the ones that are new:
 *  - marks their devices seen (online again; a device already online at most every 30 s);
 *  - raises or counts the alarms (fever, SOS, smoke, water): one per device, type and period,
 *    repeats counted on it (ALARM_PERIOD_MINUTES);
 *  - keeps the gate passages of recognised residents as access records of the gate's compound,
 *    and, at a venue, checks them in and out (tracing reads those);
 *  - confirms the commands the devices answered on their `ack` topic.
 * New alarms queue the filing job in the same transaction, so an alarm stored is an alarm filed.
 */
import { sql } from 'drizzle-orm';
import type { Kit } from '../../platform/kit/kit.js';
import { rows, type Db } from '../../platform/db/client.js';
import type { DeviceEvent, EventStore } from '../../platform/protocols/mqtt/index.js';
import { ALARM_PERIOD_MINUTES } from './payloads.js';
import { FILE_ALARMS_JOB } from './alarm-job.js';

const ALARM_TYPES = sql.raw(`(values ${Object.entries(ALARM_PERIOD_MINUTES).map(([type, minutes]) => `('${type}', ${minutes})`).join(', ')}) as p(type, minutes)`);

export function sensingStore(kit: Pick<Kit, 'db' | 'jobs' | 'clock'>): EventStore {
  return {
    async append(events: readonly DeviceEvent[]) {
      if (events.length === 0) return;
      const lines = events.map((e) => ({ at: e.at.toISOString(), device_code: e.deviceCode, message_id: e.messageId, kind: e.kind, part: e.part, type: e.type, received_at: e.receivedAt.toISOString(), body: e.body }));
      const now = kit.clock.now().toISOString();
      await kit.db.transaction(async (tx) => {
        const [result] = await rows<{ alarms: number }>(tx, sql`
          with ins as (
            insert into device_event (at, device_code, message_id, kind, part, type, received_at, body)
            select at, device_code, message_id, kind, part, type, received_at, body
            from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as r(at timestamptz, device_code text, message_id text, kind text, part text, type text, received_at timestamptz, body jsonb)
            on conflict do nothing
            returning at, device_code, message_id, part, type, received_at, body),
          d as materialized (
            select ins.*, dv.id as device_id, dv.region_code, dv.grid_id, dv.lng, dv.lat, dv.compound_type, dv.compound_id
            from ins join device dv on dv.code = ins.device_code and dv.status <> 'disabled'),
          seen as (
            update device set last_seen_at = greatest(coalesce(device.last_seen_at, m.at), m.at), status = 'online', offline_notified_at = null
            from (select device_id, max(received_at) as at from d group by device_id) m
            -- Seen at most every 30 s per device (silence allowances are minutes): a busy device does not rewrite its row each commit.
            where device.id = m.device_id and device.status <> 'disabled'
              and (device.status <> 'online' or device.last_seen_at is null or device.last_seen_at < m.at - interval '30 seconds')
            returning 1),
          raised as (
            select d.device_id, d.device_code, d.type, date_bin(make_interval(mins => p.minutes), d.at, timestamptz '2000-01-01') as period_start,
              min(d.at) as first_at, max(d.at) as last_at, count(*)::int as repeats, min(d.region_code) as region_code, (array_agg(d.grid_id))[1] as grid_id,
              min(d.lng) as lng, min(d.lat) as lat, (array_agg((d.body->>'residentId')::uuid) filter (where d.body ? 'residentId'))[1] as person_id,
              (array_agg(d.body - 'residentId' order by d.at desc))[1] as facts
            from d join ${ALARM_TYPES} on p.type = d.type
            where d.part = 'event'
            group by d.device_id, d.device_code, d.type, 4),
          alarms as (
            insert into device_alarm (device_id, device_code, type, period_start, first_at, last_at, repeats, region_code, grid_id, lng, lat, person_id, facts, created_at)
            select device_id, device_code, type, period_start, first_at, last_at, repeats, region_code, grid_id, lng, lat, person_id, facts, ${now}::timestamptz from raised
            on conflict (device_code, type, period_start) do update set repeats = device_alarm.repeats + excluded.repeats,
              last_at = greatest(device_alarm.last_at, excluded.last_at), person_id = coalesce(device_alarm.person_id, excluded.person_id), facts = excluded.facts
            returning (xmax = 0) as inserted),
          passages as (
            select d.at, d.device_code, d.message_id, d.received_at, d.compound_type, d.compound_id, d.body->>'direction' as direction, (d.body->>'residentId')::uuid as resident_id,
              coalesce(b.region_code, v.region_code) as c_region, coalesce(b.grid_id, v.grid_id) as c_grid
            from d
            left join building b on d.compound_type = 'building' and b.id = d.compound_id and b.deleted_at is null
            left join venue v on d.compound_type = 'venue' and v.id = d.compound_id and v.deleted_at is null
            where d.part = 'event' and d.type = 'passage' and d.body ? 'residentId'
              and exists (select 1 from resident x where x.id = (d.body->>'residentId')::uuid and x.deleted_at is null)),
          access as (
            insert into access_record (resident_id, compound_type, compound_id, region_code, grid_id, direction, at, gate_id, source_record_id, received_at)
            select resident_id, compound_type, compound_id, c_region, c_grid, direction, at, device_code, message_id, received_at from passages where c_region is not null
            on conflict (gate_id, source_record_id) do nothing
            returning 1),
          checked_in as (
            insert into venue_checkin (venue_id, checked_in_at, person_key, person_kind, source, region_code, grid_id)
            select compound_id, at, resident_id, 'r', 'g', c_region, c_grid from passages where compound_type = 'venue' and direction = 'in' and c_region is not null
            on conflict do nothing
            returning 1),
          checked_out as (
            update venue_checkin c set checked_out_at = p.at
            from passages p
            where p.compound_type = 'venue' and p.direction = 'out' and c.venue_id = p.compound_id and c.person_key = p.resident_id
              and c.checked_out_at is null and c.checked_in_at <= p.at and c.checked_in_at > p.at - interval '1 day'
            returning 1),
          acks as (
            update device_command c set status = case when (d.body->>'ok')::boolean then 'confirmed' else 'failed' end, confirmed_at = d.at, result = left(d.body->>'detail', 200)
            from d
            where d.part = 'ack' and d.type = 'command_ack' and c.id = (d.body->>'commandId')::uuid and c.device_id = d.device_id and c.status in ('queued', 'sent')
            returning 1)
          select (select count(*) from alarms where inserted)::int as alarms`);
        if (result!.alarms > 0) await kit.jobs.enqueue(tx, FILE_ALARMS_JOB, {}, { singletonKey: FILE_ALARMS_JOB.name });
      });
    },
  };
}

/** Where an alarm was: its device. */
export interface AlarmDevice {
  id: string;
  code: string;
  regionCode: string;
  gridId: string | null;
  lng: number | null;
  lat: number | null;
}

/**
 * Raises an alarm another module detected (a watch-list capture), or counts it on the one of its
 * device, type and period, and queues the filing, in the caller's transaction.
 */
export async function raiseAlarm(kit: Pick<Kit, 'jobs' | 'clock'>, tx: Db, alarm: { device: AlarmDevice; type: string; at: Date; facts: Record<string, unknown> }): Promise<void> {
  const minutes = ALARM_PERIOD_MINUTES[alarm.type];
  if (!minutes) throw new Error(`${alarm.type} is not an alarm type`);
  const { device: d, at } = alarm;
  await tx.execute(sql`
    insert into device_alarm (device_id, device_code, type, period_start, first_at, last_at, repeats, region_code, grid_id, lng, lat, facts, created_at)
    values (${d.id}::uuid, ${d.code}, ${alarm.type}, date_bin(make_interval(mins => ${minutes}), ${at.toISOString()}::timestamptz, timestamptz '2000-01-01'), ${at.toISOString()}::timestamptz,
            ${at.toISOString()}::timestamptz, 1, ${d.regionCode}, ${d.gridId}::uuid, ${d.lng}, ${d.lat}, ${JSON.stringify(alarm.facts)}::jsonb, ${kit.clock.now().toISOString()}::timestamptz)
    on conflict (device_code, type, period_start) do update set repeats = device_alarm.repeats + 1,
      last_at = greatest(device_alarm.last_at, excluded.last_at), first_at = least(device_alarm.first_at, excluded.first_at)`);
  await kit.jobs.enqueue(tx, FILE_ALARMS_JOB, {}, { singletonKey: FILE_ALARMS_JOB.name });
}
