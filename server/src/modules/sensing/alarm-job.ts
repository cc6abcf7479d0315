/**
 * Alarms into the closed loop. The store raises an alarm (one per device, type and period) and
 * queues this job in the same transaction; the job files each new alarm:
 *  - SOS (a street light's button): an emergency ticket at the light, and the nearest on-duty
 *    grid worker told at once;
 *  - fever (a thermal camera or gate): a ticket for the epidemic follow-up visit, and, when the
 *    device recognised the resident, fever evidence for their health code (the code's rule decides);
 *  - smoke and water: a ticket at the device's position;
 *  - a watch-list capture: a risk warning at the level the entry names (the warnings engine's
 *    `sensing.watchlist_capture` rule, run for these alarms now rather than at night).
 * Filing is idempotent: the ticket's id is chosen and stored on the alarm before the ticket is
 * filed, so a retry finds the ticket instead of filing a second one.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_LIMITS, type LimitClass } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import { evidenceChanged, type EvidenceSource } from '../../platform/kit/evidence.js';
import { notify } from '../../platform/notifications/notify.js';
import { publishLive } from '../../platform/live/live.js';
import { defineWarningRule } from '../../platform/kit/warning-rules.js';
import { ticketDeps } from '../tickets/deps.js';
import { intakeTicket } from '../tickets/intake-ticket.js';
import { ticketNumbers } from '../tickets/queries.js';
import { runRules } from '../warnings/run-rules.js';
import { deviceAlarm } from './tables.js';

export const FILE_ALARMS_JOB = { name: 'sensing.file_alarms', payload: z.object({}) };

/** The ticket categories alarms are filed under, made on first use (a locality may rename them or set their departments). */
const ALARM_CATEGORIES: Record<string, { code: string; name: string; nameEn: string; limitClass: LimitClass; emergency: boolean; what: string }> = {
  sos: { code: 'alarm.sos', name: '一键求助报警', nameEn: 'SOS button alarm', limitClass: 'emergency', emergency: true, what: '一键求助（SOS）' },
  fever: { code: 'alarm.fever', name: '体温异常跟进', nameEn: 'Fever follow-up', limitClass: 'emergency', emergency: false, what: '体温异常' },
  smoke: { code: 'alarm.smoke', name: '烟感火警', nameEn: 'Smoke alarm', limitClass: 'emergency', emergency: true, what: '烟感报警' },
  water: { code: 'alarm.water', name: '水浸报警', nameEn: 'Water leak alarm', limitClass: 'emergency', emergency: false, what: '水浸报警' },
};
const ALARM_GROUP = { code: 'alarm', name: '设备报警', nameEn: 'Device alarms' };

async function alarmCategoryId(db: Db, type: string, now: Date): Promise<string> {
  const c = ALARM_CATEGORIES[type]!;
  const limits = DEFAULT_LIMITS[c.limitClass];
  await db.execute(sql`
    with g as (insert into ticket_category (id, code, name, name_en, parent_id, limit_class, dispatch_minutes, handle_minutes, created_at, updated_at)
               values (gen_random_uuid(), ${ALARM_GROUP.code}, ${ALARM_GROUP.name}, ${ALARM_GROUP.nameEn}, null, 'emergency', ${limits.dispatchMinutes}, ${limits.handleMinutes}, ${now}, ${now})
               on conflict (code) do nothing returning id)
    insert into ticket_category (id, code, name, name_en, parent_id, limit_class, dispatch_minutes, handle_minutes, created_at, updated_at)
    select gen_random_uuid(), ${c.code}, ${c.name}, ${c.nameEn}, coalesce((select id from g), (select id from ticket_category where code = ${ALARM_GROUP.code})), ${c.limitClass}, ${limits.dispatchMinutes}, ${limits.handleMinutes}, ${now}, ${now}
    on conflict (code) do nothing`);
  const [found] = await rows<{ id: string }>(db, sql`select id from ticket_category where code = ${c.code}`);
  return found!.id;
}

type AlarmRow = typeof deviceAlarm.$inferSelect;

/**
 * The grid worker to send to an SOS: the accounts of the alarm's grid first, those on an
 * emergency roster now before the others, then the nearest by their last reported position or
 * their grid's centre; within the alarm's community.
 */
export async function nearestGridWorker(db: Db, alarm: Pick<AlarmRow, 'gridId' | 'regionCode' | 'lng' | 'lat'>, now: Date): Promise<string | null> {
  const [hit] = await rows<{ id: string }>(db, sql`
    select u.id from app_user u
    left join grid g on g.id = u.scope_grid_id
    left join lateral (
      select t.last_lng, t.last_lat, exists (select 1 from emergency_roster r where r.member_id = m.id and r.starts_at <= ${now} and r.ends_at > ${now}) as on_duty
      from emergency_team_member m join emergency_team t on t.id = m.team_id
      where m.user_id = u.id order by 3 desc limit 1) duty on true
    where u.role = 'grid_worker' and not u.disabled and u.scope_region_code = ${alarm.regionCode}
    order by (u.scope_grid_id is not distinct from ${alarm.gridId}::uuid) desc, coalesce(duty.on_duty, false) desc,
      ${alarm.lng === null || alarm.lat === null ? sql`0` : sql`(coalesce(duty.last_lng, (g.min_lon + g.max_lon) / 2) - ${alarm.lng}) ^ 2 + (coalesce(duty.last_lat, (g.min_lat + g.max_lat) / 2) - ${alarm.lat}) ^ 2`} nulls last,
      u.username
    limit 1`);
  return hit?.id ?? null;
}

const DESCRIPTION = (a: AlarmRow, name: string, address: string | null) => {
  const c = ALARM_CATEGORIES[a.type]!;
  const facts = a.facts as { temperature?: number; level?: number; depthCm?: number };
  const measured = facts.temperature !== undefined ? `，体温 ${facts.temperature}℃` : facts.level !== undefined ? `，烟雾浓度 ${facts.level}` : facts.depthCm !== undefined ? `，水深 ${facts.depthCm} 厘米` : '';
  return `【设备报警】${name}（${a.deviceCode}）${c.what}${measured}${address ? `，位于${address}` : ''}。${a.repeats > 1 ? `同一时段内报警 ${a.repeats} 次。` : ''}`;
};

/** Files one alarm's ticket (once), tells whom it must, records what it made. */
async function fileTicketAlarm(kit: Kit, alarm: AlarmRow): Promise<void> {
  const now = kit.clock.now();
  const ticketId = alarm.ticketId ?? randomUUID();
  if (!alarm.ticketId) await kit.db.update(deviceAlarm).set({ ticketId }).where(eq(deviceAlarm.id, alarm.id));
  const [dev] = await rows<{ name: string; address: string | null }>(kit.db, sql`select name, address from device where id = ${alarm.deviceId}::uuid`);
  let number = (await ticketNumbers(kit.db, [ticketId])).get(ticketId);
  if (!number) {
    const ctx = systemContext(kit.clock, 'sensing.file_alarms');
    const categoryId = await alarmCategoryId(kit.db, alarm.type, now);
    // A category made just now is not in intake's short-lived copy yet.
    if (!(await ticketDeps(kit).categories.active({ id: categoryId }))) ticketDeps(kit).categories.forget();
    const input = {
      source: 'device' as const, categoryId, description: DESCRIPTION(alarm, dev?.name ?? alarm.deviceCode, dev?.address ?? null),
      emergency: ALARM_CATEGORIES[alarm.type]!.emergency, customFields: {}, photoIds: [], address: dev?.address ?? dev?.name ?? alarm.deviceCode,
    };
    const via = { id: ticketId, regionCode: alarm.regionCode, origin: { type: 'device_alarm', id: alarm.id, number: alarm.deviceCode } };
    try {
      number = (await intakeTicket(ticketDeps(kit), ctx, alarm.lng !== null && alarm.lat !== null ? { ...input, lon: alarm.lng, lat: alarm.lat } : input, via)).number;
    } catch (error) {
      // A device placed outside every grid still raises its ticket, at its region.
      if ((error as { code?: string }).code !== 'TICKET_OUTSIDE_AREA') throw error;
      number = (await intakeTicket(ticketDeps(kit), ctx, input, via)).number;
    }
  }
  await kit.db.transaction(async (tx) => {
    let notifiedUserId: string | null = null;
    if (alarm.type === 'sos') {
      notifiedUserId = await nearestGridWorker(tx, alarm, now);
      if (notifiedUserId) {
        await notify(tx, kit.registry.audiences, now, [{ subject: { type: 'ticket', id: ticketId }, kind: 'device_alarm.sos', params: { name: dev?.name ?? alarm.deviceCode, number: number! }, audiences: [{ kind: 'users', userIds: [notifiedUserId] }] }]);
      }
    }
    await tx.update(deviceAlarm).set({ status: 'filed', filedAt: now, notifiedUserId, error: null }).where(eq(deviceAlarm.id, alarm.id));
    if (alarm.type === 'fever' && alarm.personId) await evidenceChanged(kit, tx, [alarm.personId], now);
    await publishAlarm(tx, alarm, now);
  });
}

async function publishAlarm(tx: Db, alarm: AlarmRow, now: Date): Promise<void> {
  await publishLive(tx, {
    type: 'device_alarm.filed', regionCode: alarm.regionCode, gridId: alarm.gridId ?? undefined, id: alarm.id, at: now.toISOString(),
    data: { type: alarm.type, deviceCode: alarm.deviceCode, lng: alarm.lng, lat: alarm.lat, ticketId: alarm.ticketId },
    scope: { record: 'device_alarm', regionCode: alarm.regionCode, gridId: alarm.gridId },
  });
}

/** Watch-list captures: the warnings engine runs the capture rule now; the alarm links the warning it raised. */
async function fileWatchlistAlarms(kit: Kit, alarms: AlarmRow[]): Promise<void> {
  const now = kit.clock.now();
  await runRules(kit, systemContext(kit.clock, 'sensing.file_alarms'), 'schedule', { kinds: [WATCHLIST_RULE.kind] });
  await kit.db.transaction(async (tx) => {
    for (const alarm of alarms) {
      const [w] = await rows<{ id: string }>(tx, sql`select id from warning where kind = ${WATCHLIST_RULE.kind} and key = ${alarm.id} order by raised_at desc limit 1`);
      await tx.update(deviceAlarm).set({ status: 'filed', filedAt: now, warningId: w?.id ?? null, error: w ? null : 'no enabled watch-list warning rule' }).where(eq(deviceAlarm.id, alarm.id));
      await publishAlarm(tx, alarm, now);
    }
  });
}

/**
 * Files the new alarms, a batch at a time; answers how many it filed. An alarm that fails is
 * marked with the reason and left to the minute's run after next (a run stops at a batch where
 * something failed, so a lasting failure is not retried in a loop).
 */
export async function fileAlarms(kit: Kit, limit = 100): Promise<number> {
  let filed = 0;
  for (;;) {
    const batch = await kit.db.select().from(deviceAlarm).where(and(eq(deviceAlarm.status, 'new'), sql`${deviceAlarm.error} is null or ${deviceAlarm.createdAt} < ${new Date(kit.clock.now().getTime() - 60_000)}`)).orderBy(deviceAlarm.createdAt).limit(limit);
    if (batch.length === 0) return filed;
    const watch = batch.filter((a) => a.type === 'watchlist');
    if (watch.length) await fileWatchlistAlarms(kit, watch);
    let failed = 0;
    for (const alarm of batch.filter((a) => ALARM_CATEGORIES[a.type])) {
      try {
        await fileTicketAlarm(kit, alarm);
      } catch (error) {
        failed++;
        await kit.db.update(deviceAlarm).set({ error: error instanceof Error ? error.message.slice(0, 300) : 'failed' }).where(eq(deviceAlarm.id, alarm.id));
      }
    }
    for (const alarm of batch.filter((a) => a.type !== 'watchlist' && !ALARM_CATEGORIES[a.type])) {
      await kit.db.update(deviceAlarm).set({ status: 'filed', filedAt: kit.clock.now() }).where(eq(deviceAlarm.id, alarm.id));
    }
    filed += batch.length - failed;
    if (batch.length < limit || failed > 0) return filed;
  }
}

/** Queued by the store when it raised alarms, and every minute for the ones a failed run left. */
export const fileAlarmsJob = (kit: Kit) =>
  defineJob({
    ...FILE_ALARMS_JOB,
    repeatEveryMs: 60_000,
    async handle() {
      await fileAlarms(kit);
    },
  });

/** Fever a device measured (38.0 °C or more) on a resident it recognised, for 14 days: evidence for the health codes. */
export const FEVER_EVIDENCE: EvidenceSource = {
  kind: 'fever',
  select: (persons, at) => sql`
    select a.person_id as person_key, 'fever'::text as kind, a.id::text as ref, a.first_at as since, null::timestamptz as until,
           jsonb_build_object('temperature', a.facts->'temperature', 'source', 'device') as detail, a.region_code, a.grid_id
      from device_alarm a
     where a.type = 'fever' and a.person_id is not null and (a.facts->>'temperature')::numeric >= 38.0
       and a.first_at <= ${at} and a.first_at > ${at}::timestamptz - interval '14 days'
       ${persons ? sql`and a.person_id in (${persons})` : sql``}`,
};

/** A capture matched a watch-list entry: raised at the entry's region (its level), one warning per alarm. */
export const WATCHLIST_RULE = defineWarningRule({
  kind: 'sensing.watchlist_capture',
  label: { zh: '布控名单比中', en: 'Watch-list match' },
  description: { zh: '视频抓拍比中布控名单（{hours}小时内）', en: 'A camera capture matched the watch list (within {hours} hours)' },
  params: z.object({ hours: z.number().int().min(1).max(168) }),
  defaults: { hours: 24 },
  subjectType: 'device_alarm',
  detect: (params, now) => sql`
    select a.id::text as key, a.id::text as subject_id, coalesce(w.region_code, a.region_code) as region_code, a.grid_id,
           jsonb_build_object('records', jsonb_build_array(jsonb_build_object('type', 'device_alarm', 'id', a.id)), 'facts', jsonb_build_object('repeats', a.repeats, 'severity', a.facts->>'severity', 'hint', a.facts->>'hint')) as evidence
      from device_alarm a left join watch_entry w on w.id::text = a.facts->>'watchEntryId'
     where a.type = 'watchlist' and a.first_at > ${now}::timestamptz - make_interval(hours => ${(params as { hours: number }).hours})`,
});
