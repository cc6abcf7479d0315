/**
 * The monthly assessment (评定): for a month that has ended, every current village or community
 * under a region is measured (petitions from the tickets, disputes from the disputes, read
 * through their exported functions) against the criteria set that holds for it; its status, the
 * criteria as applied, the figures and the change from the month before are stored, one row per
 * village and month. Recomputing gives the same rows (the answer says how many changed); the
 * change of the month after is kept in step, and `latest` marks each village's newest month.
 */
import { sql } from 'drizzle-orm';
import { PETITION_METRIC_BOUND, type PetitionCriterion, type VillageCheck, type VillageComputeResult, type VillageFigures, type VillageStatus } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { currentRegionCodes } from '../regions/queries.js';
import { petitionsByVillage } from '../tickets/petition-facts.js';
import { disputesByVillage } from '../disputes/dispute-facts.js';
import { currentCriteriaSets, setFor } from './criteria.js';
import { monthBounds, shiftMonth } from './months.js';
import type { CriteriaRow } from './tables.js';

const VALUE: Record<PetitionCriterion['metric'], (f: VillageFigures) => number | null> = {
  beyond_township_petitions: (f) => f.beyondTownship,
  collective_petitions: (f) => f.collective,
  petitions: (f) => f.petitions,
  overdue_disputes: (f) => f.overdueDisputes,
  dispute_resolution_rate: (f) => f.resolutionRate,
};

/** One village's checks against a set: a `max` criterion holds at or under its threshold, a `min` one at or over it (or with nothing to rate). */
export function evaluate(figures: VillageFigures, set: Pick<CriteriaRow, 'criteria'>): { status: VillageStatus; checks: VillageCheck[]; failed: PetitionCriterion['metric'][] } {
  const checks = (set.criteria as PetitionCriterion[])
    .filter((c) => c.enabled)
    .map((c) => {
      const bound = PETITION_METRIC_BOUND[c.metric];
      const value = VALUE[c.metric](figures);
      const passed = value === null ? true : bound === 'max' ? value <= c.threshold : value >= c.threshold;
      return { metric: c.metric, label: c.label, bound, threshold: c.threshold, value, passed };
    });
  const failed = checks.filter((c) => !c.passed).map((c) => c.metric);
  return { status: failed.length ? 'not_met' : 'met', checks, failed };
}

export interface AssessOptions {
  /** The region whose villages are assessed ('' or a significant prefix: the whole platform, or a subtree). */
  regionPrefix: string;
  month: string;
}

export async function assessVillages(db: Db, ctx: RequestContext, { regionPrefix, month }: AssessOptions): Promise<VillageComputeResult> {
  const { from, to, nextFirstDay } = monthBounds(month);
  if (to.getTime() > ctx.clock.now().getTime()) throw new AppError('PETITION_MONTH_NOT_ENDED', { month });
  const [villages, sets, petitions, disputes] = await Promise.all([
    currentRegionCodes(db, ['community']).then((codes) => codes.filter((c) => c.startsWith(regionPrefix))),
    currentCriteriaSets(db),
    petitionsByVillage(db, { regionPrefix, from, to }),
    disputesByVillage(db, { regionPrefix, from, to, nextMonthFirstDay: nextFirstDay }),
  ]);
  const now = ctx.clock.now();
  const assessed = villages.map((code) => {
    const set = setFor(sets, code);
    const p = petitions.get(code);
    const d = disputes.get(code);
    const figures: VillageFigures = {
      petitions: p?.petitions ?? 0,
      beyondTownship: p?.beyondTownship ?? 0,
      collective: (p?.groupSizes ?? []).filter((n) => n >= set.collectiveMinPeople).length,
      overdueDisputes: d?.overdue ?? 0,
      disputesConcluded: d?.concluded ?? 0,
      disputesResolved: d?.resolved ?? 0,
      resolutionRate: d && d.concluded > 0 ? Math.round((10_000 * d.resolved) / d.concluded) / 100 : null,
    };
    return { code, set, figures, ...evaluate(figures, set) };
  });

  return db.transaction(async (tx) => {
    // One assessment at a time: two runs of the same month would race on `change` and `latest`.
    await rows(tx, sql`select pg_advisory_xact_lock(hashtext('petition_village.assess'))`);
    const input = JSON.stringify(assessed.map((a) => ({ r: a.code, s: a.status, f: a.failed, c: a.checks, g: a.figures, cr: a.set.regionCode, cv: a.set.version })));
    const [result] = await rows<{ changed: number }>(
      tx,
      sql`with input as (
          select x.r, x.s, x.f, x.c, x.g, x.cr, x.cv from jsonb_to_recordset(${input}::jsonb) as x(r text, s text, f text[], c jsonb, g jsonb, cr text, cv int)
        ), prior as (
          select region_code, status, failed, checks, figures, criteria_region, criteria_version from petition_village_status where month = ${month} and region_code like ${`${regionPrefix}%`}
        ), upserted as (
          insert into petition_village_status (region_code, month, status, failed, checks, figures, change, latest, criteria_region, criteria_version, computed_at)
          select i.r, ${month}, i.s, i.f, i.c, i.g,
            case when prev.status is null then 'first' when prev.status = 'met' and i.s = 'met' then 'kept' when prev.status = 'met' then 'lost' when i.s = 'met' then 'regained' else 'still_not_met' end,
            false, i.cr, i.cv, ${now.toISOString()}::timestamptz
          from input i left join petition_village_status prev on prev.region_code = i.r and prev.month = ${shiftMonth(month, -1)}
          on conflict (region_code, month) do update set status = excluded.status, failed = excluded.failed, checks = excluded.checks, figures = excluded.figures,
            change = excluded.change, criteria_region = excluded.criteria_region, criteria_version = excluded.criteria_version, computed_at = excluded.computed_at
          returning region_code
        )
        select ((select count(*) from upserted) - (select count(*) from input i join prior p on p.region_code = i.r
            and p.status = i.s and p.failed = i.f and p.checks = i.c and p.figures = i.g and p.criteria_region = i.cr and p.criteria_version = i.cv))::int as changed`,
    );
    // The month after compares with this one.
    await rows(
      tx,
      sql`update petition_village_status n set change = case when p.status = 'met' and n.status = 'met' then 'kept' when p.status = 'met' then 'lost' when n.status = 'met' then 'regained' else 'still_not_met' end
        from petition_village_status p
        where n.month = ${shiftMonth(month, 1)} and p.month = ${month} and p.region_code = n.region_code and n.region_code like ${`${regionPrefix}%`}
          and n.change is distinct from (case when p.status = 'met' and n.status = 'met' then 'kept' when p.status = 'met' then 'lost' when n.status = 'met' then 'regained' else 'still_not_met' end)`,
    );
    // Each village's newest month is its latest (only rows whose flag changes are written).
    await rows(
      tx,
      sql`update petition_village_status s set latest = (s.month = m.newest)
        from (select region_code, max(month) as newest from petition_village_status where region_code like ${`${regionPrefix}%`} group by region_code) m
        where s.region_code = m.region_code and s.latest is distinct from (s.month = m.newest)`,
    );
    const met = assessed.filter((a) => a.status === 'met').length;
    const summary = { month, villages: assessed.length, met, notMet: assessed.length - met, changed: result?.changed ?? 0 };
    await writeAudit(tx, ctx, {
      action: 'petition_village.compute',
      objectType: 'petition_village',
      objectId: month,
      ...(regionPrefix ? { regionCode: regionPrefix.padEnd(12, '0') } : {}),
      details: summary,
    });
    return summary;
  });
}
