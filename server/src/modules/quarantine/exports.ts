/**
 * What other modules read of quarantine (the lead's WHO indicators, the epidemic map, the health
 * code), without its tables: follow-up figures per region, the sites with their occupancy, and
 * the SQL of active orders as health-code evidence.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { EvidenceSource } from '../../platform/kit/evidence.js';
import { evidenceChanged } from '../../platform/kit/evidence.js';
import type { TransitionReaction } from '../../platform/workflow/workflow.js';
import { divisionPrefix, QUARANTINE_ACTIONS } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import { localDate, timeZone } from '../../platform/time-zone.js';
import { occupancies } from './sites.js';
import { quarantineOrder, quarantineSite } from './tables.js';
import { SITE_VISIBILITY } from './workflow.js';

export interface FollowUpFigures {
  /** The region code asked for. */
  regionCode: string;
  /** Orders (not cancelled) whose quarantine overlaps the period. */
  active: number;
  /** Of those, orders with no missed follow-up in the period (every due day's follow-up done). */
  followedDaily: number;
  /** Orders released in the period whose every follow-up was done (followed for the whole quarantine). */
  completed: number;
  /** Orders that became lost to follow-up in the period. */
  lost: number;
  /** Orders that ended in the period (released or lost): what `completed` is a share of. */
  ended: number;
}

/**
 * Follow-up figures per region (each code matches the orders under it: its division prefix) for
 * the period [from, to) (local days). For the WHO indicators: % followed daily, % followed for
 * all n days, % lost to follow-up.
 */
export async function followUpSummary(db: Db, q: { regionCodes: readonly string[]; from: Date; to: Date }): Promise<FollowUpFigures[]> {
  const fromDay = localDate(q.from);
  const toDay = localDate(new Date(q.to.getTime() - 1));
  const out: FollowUpFigures[] = [];
  for (const code of [...new Set(q.regionCodes)]) {
    const prefix = /^\d{12}$/.test(code) ? divisionPrefix(code) : code;
    const [r] = await rows<{ active: number; followed: number; completed: number; lost: number; ended: number }>(db, sql`
      select
        count(*) filter (where o.status <> 'cancelled' and o.start_date <= ${toDay}::date and o.end_date >= ${fromDay}::date)::int as active,
        count(*) filter (where o.status <> 'cancelled' and o.start_date <= ${toDay}::date and o.end_date >= ${fromDay}::date
          and not exists (select 1 from quarantine_followup f where f.order_id = o.id and f.status = 'missed' and f.day between ${fromDay}::date and ${toDay}::date))::int as followed,
        count(*) filter (where o.status = 'released' and o.released_at >= ${q.from} and o.released_at < ${q.to}
          and not exists (select 1 from quarantine_followup f where f.order_id = o.id and f.status = 'missed'))::int as completed,
        count(*) filter (where o.status = 'lost' and o.released_at >= ${q.from} and o.released_at < ${q.to})::int as lost,
        count(*) filter (where o.status in ('released', 'lost') and o.released_at >= ${q.from} and o.released_at < ${q.to})::int as ended
      from quarantine_order o
      where o.region_code like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    out.push({ regionCode: code, active: Number(r?.active ?? 0), followedDaily: Number(r?.followed ?? 0), completed: Number(r?.completed ?? 0), lost: Number(r?.lost ?? 0), ended: Number(r?.ended ?? 0) });
  }
  return out;
}

export interface ActiveSite {
  id: string;
  name: string;
  regionCode: string;
  lng: number;
  lat: number;
  capacity: number;
  /** Active orders in their centralised phase there today or later. */
  occupancy: number;
}

/** The quarantine sites the actor may see (for the epidemic map), with location, capacity and occupancy. */
export async function activeSites(db: Db, actor: Actor, now: Date): Promise<ActiveSite[]> {
  const found = await db.select().from(quarantineSite).where(recordVisible(actor, SITE_VISIBILITY)).orderBy(quarantineSite.regionCode, quarantineSite.name).limit(5000);
  const occ = await occupancies(db, found.map((s) => s.id), localDate(now));
  return found.map((s) => ({ id: s.id, name: s.name, regionCode: s.regionCode, lng: s.lng, lat: s.lat, capacity: s.capacity, occupancy: occ.get(s.id) ?? 0 }));
}

/**
 * Active orders as health-code evidence: rows `(person_key uuid, kind text 'quarantine', ref text
 * (the order id), since timestamptz (day 1's start), until timestamptz (the day after the last
 * day's start), detail jsonb ({ kind: 'centralised' | 'home' }, where the person is at `at`))`.
 * `at` defaults to the database's now().
 */
export function activeQuarantineEvidence(at?: Date, persons: SQL | null = null): SQL {
  const tz = timeZone();
  const now = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  return sql`
    select o.person_key, 'quarantine'::text as kind, o.id::text as ref,
      (o.start_date::timestamp at time zone ${tz}) as since,
      ((o.end_date + 1)::timestamp at time zone ${tz}) as until,
      jsonb_build_object('kind', case when o.centralised_until is not null and o.centralised_until >= (${now} at time zone ${tz})::date then 'centralised' else 'home' end) as detail,
      o.region_code, o.grid_id
    from quarantine_order o
    where o.status in ('ordered', 'in_quarantine') and o.created_at <= ${now} ${persons ? sql`and o.person_key in (${persons})` : sql``}`;
}

/**
 * What quarantine says about people for their health codes (platform/kit/evidence.ts): an active
 * order (`quarantine`, ref the order id, until the day after its last day) and a follow-up that
 * found a temperature at or above the rule's threshold (`fever`, since it was recorded). Nothing
 * personal: the detail holds the kind of quarantine or the temperature.
 */
export const quarantineEvidence: EvidenceSource[] = [
  { kind: 'quarantine', select: (persons, at) => activeQuarantineEvidence(at, persons) },
  {
    kind: 'fever',
    select: (persons, at) => sql`
      select o.person_key, 'fever'::text as kind, 'Q' || o.order_no as ref, f.recorded_at as since, null::timestamptz as until,
             jsonb_build_object('temperature', f.temperature) as detail, o.region_code, o.grid_id
        from quarantine_followup f join quarantine_order o on o.id = f.order_id
       where f.fever and f.recorded_at <= ${at} and f.recorded_at > ${at}::timestamptz - interval '14 days' ${persons ? sql`and o.person_key in (${persons})` : sql``}`,
  },
];

/** An order's step changed what its person's code rests on: their code is recomputed in the same transaction. */
export const orderStepped: TransitionReaction = {
  on: QUARANTINE_ACTIONS.map((a) => `quarantine.${a}`),
  react: async (kit, event) => {
    const [o] = await kit.db.select({ personKey: quarantineOrder.personKey }).from(quarantineOrder).where(eq(quarantineOrder.id, event.id));
    await evidenceChanged(kit, kit.db, [o?.personKey], event.now);
  },
};
