/**
 * The epidemic situation (疫情态势): per child region of the reader's region (or of a region in
 * it) the WHO contact-tracing indicators over a period, the daily trend, and cases and contacts
 * per grid for the maps. Counts only, each over the records the reader may list: cases by
 * `CASE_VISIBILITY`, contacts by `CONTACT_VISIBILITY`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { divisionPrefix, padDivisionCode, type EpidemicSituation, type SituationFigures, type SituationQuery } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, underRegion } from '../../platform/scope.js';
import { dayBounds, localDate, timeZone } from '../../platform/time-zone.js';
import { currentChildRegions, currentRegionNames } from '../regions/queries.js';
import { epiCase, epiContact } from './tables.js';
import { CASE_VISIBILITY, CONTACT_VISIBILITY } from './workflow.js';
import { followUpSummary, type FollowUpFigures } from '../quarantine/exports.js';

const DEFAULT_DAYS = 14;
const MAX_DAYS = 92;

export interface SituationPeriod {
  from: string;
  to: string;
  region: string;
}

/** The period (default: the 14 days up to today) and the region (default: the reader's), checked. */
export function situationPeriod(actor: Actor, q: SituationQuery, now: Date): SituationPeriod {
  const to = q.to ?? localDate(now);
  const from = q.from ?? localDate(dayBounds(to)[0], DEFAULT_DAYS - 1);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (!(days >= 1 && days <= MAX_DAYS)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: q.from ? 'from' : 'to', code: 'EPIDEMIC_PERIOD_INVALID' }] });
  const region = q.region ?? actor.regionCode;
  if (!codeInSubtree(region, actor.regionPrefix)) throw notFound();
  return { from, to, region };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

interface RegionRow {
  key: string;
  new_cases: number;
  confirmed: number;
  from_contacts: number;
  traced_24h: number;
  new_contacts: number;
  following: number;
  ended: number;
  became_cases: number;
}

const NO_FOLLOW_UP: FollowUpFigures = { regionCode: '', active: 0, followedDaily: 0, completed: 0, lost: 0, ended: 0 };

function figures(r: Omit<RegionRow, 'key'> | undefined, q: FollowUpFigures = NO_FOLLOW_UP): SituationFigures {
  const z = { new_cases: 0, confirmed: 0, from_contacts: 0, traced_24h: 0, new_contacts: 0, following: 0, ended: 0, became_cases: 0, ...r };
  return {
    newCases: z.new_cases,
    confirmed: z.confirmed,
    fromContactsShare: share(z.from_contacts, z.new_cases),
    tracedWithin24hShare: share(z.traced_24h, z.new_cases),
    newContacts: z.new_contacts,
    contactsPerCase: z.new_cases > 0 ? Math.round((z.new_contacts / z.new_cases) * 10) / 10 : null,
    following: z.following,
    ended: z.ended,
    becameCases: z.became_cases,
    quarantined: q.active,
    followedDailyShare: share(q.followedDaily, q.active),
    completedShare: share(q.completed, q.ended),
    lost: q.lost,
  };
}

/** Per key (an expression over a `region_code` column) the period's figures, over what the actor may list. */
async function figuresBy(db: Db, actor: Actor, period: SituationPeriod, key: (regionCode: SQL) => SQL): Promise<RegionRow[]> {
  const start = dayBounds(period.from)[0].toISOString();
  const end = dayBounds(period.to)[1].toISOString();
  const inPeriod = (column: SQL) => sql`(${column} >= ${start}::timestamptz and ${column} < ${end}::timestamptz)`;
  return rows<RegionRow>(
    db,
    sql`with c as (
          select ${key(sql`epi_case.region_code`)} as key, epi_case.status,
            exists (select 1 from epi_contact k where k.person_key = epi_case.person_key and k.case_id <> epi_case.id and k.created_at <= epi_case.created_at) as from_contacts,
            coalesce(least(epi_case.traced_at, (select min(k.created_at) from epi_contact k where k.case_id = epi_case.id)) - coalesce(epi_case.confirmed_at, epi_case.created_at) <= interval '24 hours', false) as traced_24h
          from epi_case
          where ${inPeriod(sql`epi_case.created_at`)} and ${underRegion(epiCase.regionCode, period.region)} and ${recordVisible(actor, CASE_VISIBILITY)}
        ), k as (
          select ${key(sql`epi_contact.region_code`)} as key,
            ${inPeriod(sql`epi_contact.created_at`)} as new,
            (epi_contact.follow_until >= ${end}::timestamptz and (epi_contact.status = 'following' or epi_contact.updated_at >= ${end}::timestamptz)) as following,
            (epi_contact.status <> 'case' and (${inPeriod(sql`epi_contact.follow_until`)} or (epi_contact.status = 'ended' and ${inPeriod(sql`epi_contact.updated_at`)}))) as ended,
            (epi_contact.status = 'case' and ${inPeriod(sql`epi_contact.updated_at`)}) as became_case
          from epi_contact
          where epi_contact.created_at < ${end}::timestamptz and epi_contact.follow_until >= ${start}::timestamptz
            and ${underRegion(epiContact.regionCode, period.region)} and ${recordVisible(actor, CONTACT_VISIBILITY)}
        )
        select key, sum(new_cases)::int as new_cases, sum(confirmed)::int as confirmed, sum(from_contacts)::int as from_contacts, sum(traced_24h)::int as traced_24h,
          sum(new_contacts)::int as new_contacts, sum(following)::int as following, sum(ended)::int as ended, sum(became_cases)::int as became_cases
        from (
          select key, count(*) as new_cases, count(*) filter (where status in ('confirmed', 'closed')) as confirmed, count(*) filter (where from_contacts) as from_contacts,
            count(*) filter (where traced_24h) as traced_24h, 0 as new_contacts, 0 as following, 0 as ended, 0 as became_cases
          from c group by key
          union all
          select key, 0, 0, 0, 0, count(*) filter (where new), count(*) filter (where following), count(*) filter (where ended), count(*) filter (where became_case)
          from k group by key
        ) f
        group by key`,
  );
}

/** The region's figures in total and per child region (and its own, when records sit at the region itself), with the daily trend. */
export async function epidemicSituation(db: Db, actor: Actor, period: SituationPeriod): Promise<EpidemicSituation> {
  const children = await currentChildRegions(db, period.region);
  const cut = children[0] ? divisionPrefix(children[0].code).length : null;
  // Quarantine orders are read by region: an operator (the only reader here) may list every order in their subtree.
  const followUps = await followUpSummary(db, { regionCodes: [period.region, ...children.map((c) => c.code)], from: dayBounds(period.from)[0], to: dayBounds(period.to)[1] });
  const followUp = new Map(followUps.map((f) => [f.regionCode, f]));
  const [total, perRegion, trend, names] = await Promise.all([
    figuresBy(db, actor, period, () => sql`''`),
    cut ? figuresBy(db, actor, period, (code) => sql`left(${code}, ${cut})`) : Promise.resolve([]),
    dailyTrend(db, actor, period),
    currentRegionNames(db, [period.region]),
  ]);
  // A community has no child regions: its own figures are its one row.
  const byKey = new Map(cut ? perRegion.map((r) => [padDivisionCode(r.key), r] as const) : total[0] ? [[period.region, total[0]] as const] : []);
  const own = byKey.get(period.region);
  const regions = [
    ...(own ? [{ code: period.region, name: names.get(period.region) ?? period.region }] : []),
    ...children,
  ].map((c) => ({ regionCode: c.code, name: c.name, ...figures(byKey.get(c.code), c.code === period.region && cut ? ownFollowUp(followUp, period.region, children) : followUp.get(c.code)) }));
  return { from: period.from, to: period.to, regionCode: period.region, regionName: names.get(period.region) ?? period.region, total: figures(total[0], followUp.get(period.region)), regions, trend };
}

/** The region's own orders (placed at the region itself): its total less its children's. */
function ownFollowUp(followUp: Map<string, FollowUpFigures>, region: string, children: readonly { code: string }[]): FollowUpFigures {
  const own = { ...(followUp.get(region) ?? NO_FOLLOW_UP) };
  for (const c of children) {
    const f = followUp.get(c.code) ?? NO_FOLLOW_UP;
    for (const k of ['active', 'followedDaily', 'completed', 'lost', 'ended'] as const) own[k] -= f[k];
  }
  return own;
}

/** Per local day of the period: cases recorded and confirmed, contacts found, contacts under follow-up at the day's end. */
async function dailyTrend(db: Db, actor: Actor, period: SituationPeriod): Promise<EpidemicSituation['trend']> {
  const zone = timeZone();
  const start = dayBounds(period.from)[0].toISOString();
  const end = dayBounds(period.to)[1].toISOString();
  const day = (column: SQL) => sql`(${column} at time zone ${zone})::date`;
  const found = await rows<{ day: string; new_cases: number; confirmed: number; new_contacts: number; following: number }>(
    db,
    sql`with days as (
          select d::date as day, ((d::date + 1)::timestamp at time zone ${zone}) as day_end
          from generate_series(${period.from}::date, ${period.to}::date, interval '1 day') d
        ), c as (
          select ${day(sql`epi_case.created_at`)} as recorded, ${day(sql`epi_case.confirmed_at`)} as confirmed
          from epi_case
          where (epi_case.created_at < ${end}::timestamptz and (epi_case.created_at >= ${start}::timestamptz or epi_case.confirmed_at >= ${start}::timestamptz))
            and ${underRegion(epiCase.regionCode, period.region)} and ${recordVisible(actor, CASE_VISIBILITY)}
        ), k as (
          select epi_contact.created_at, epi_contact.follow_until, epi_contact.status, epi_contact.updated_at
          from epi_contact
          where epi_contact.created_at < ${end}::timestamptz and epi_contact.follow_until >= ${start}::timestamptz
            and ${underRegion(epiContact.regionCode, period.region)} and ${recordVisible(actor, CONTACT_VISIBILITY)}
        )
        select to_char(days.day, 'YYYY-MM-DD') as day,
          (select count(*) from c where c.recorded = days.day)::int as new_cases,
          (select count(*) from c where c.confirmed = days.day)::int as confirmed,
          (select count(*) from k where ${day(sql`k.created_at`)} = days.day)::int as new_contacts,
          (select count(*) from k where k.created_at < days.day_end and k.follow_until >= days.day_end and (k.status = 'following' or k.updated_at >= days.day_end))::int as following
        from days order by days.day`,
  );
  return found.map((r) => ({ day: r.day, newCases: r.new_cases, confirmed: r.confirmed, newContacts: r.new_contacts, following: r.following }));
}

/** Cases open (suspected or confirmed) per grid, and of them confirmed: a map layer. */
export async function casesByGrid(db: Db, actor: Actor, region: string | undefined) {
  return rows<{ gridId: string; open: number; confirmed: number }>(
    db,
    sql`select epi_case.grid_id as "gridId", count(*)::int as open, (count(*) filter (where epi_case.status = 'confirmed'))::int as confirmed
        from epi_case
        where epi_case.grid_id is not null and epi_case.status in ('suspected', 'confirmed') and ${recordVisible(actor, CASE_VISIBILITY)} ${region ? sql`and ${underRegion(epiCase.regionCode, region)}` : sql``}
        group by epi_case.grid_id`,
  );
}

/** Contacts under follow-up per grid, and of them close contacts: a map layer. */
export async function contactsByGrid(db: Db, actor: Actor, region: string | undefined, now: Date) {
  return rows<{ gridId: string; following: number; close: number }>(
    db,
    sql`select epi_contact.grid_id as "gridId", count(*)::int as following, (count(*) filter (where epi_contact.degree = 1))::int as close
        from epi_contact
        where epi_contact.grid_id is not null and epi_contact.status = 'following' and epi_contact.follow_until > ${now.toISOString()}::timestamptz
          and ${recordVisible(actor, CONTACT_VISIBILITY)} ${region ? sql`and ${underRegion(epiContact.regionCode, region)}` : sql``}
        group by epi_contact.grid_id`,
  );
}
