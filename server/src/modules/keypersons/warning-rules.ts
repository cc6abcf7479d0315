/**
 * The risk-warning rule kinds the key-persons' data answers (platform/kit/warning-rules.ts), and
 * the SQL other modules use to join key persons' risk levels (a high-risk person leaving their
 * grid, from access records).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { KP_RISK_LEVELS } from '@gridgov/contracts';
import { defineWarningRule } from '../../platform/kit/warning-rules.js';
import { exitsOutsideGrid } from '../access/queries.js';
import { keyPerson } from './tables.js';

/**
 * A key person missed at least `minMissed` due visits in a row (due dates passed since the last
 * visit, or enrolment). One hit per person; evidence: the archive, the missed due dates and the last visit.
 */
export const visitsMissedRule = defineWarningRule({
  kind: 'keypersons.visits_missed',
  label: { zh: '重点人员漏访', en: 'Key person missing visits' },
  description: { zh: '风险等级为{riskLevels}的重点人员连续{minMissed}次未按期走访', en: 'A key person of risk {riskLevels} missed {minMissed} due visits in a row' },
  params: z.strictObject({ minMissed: z.number().int().min(1).max(52), riskLevels: z.array(z.enum(KP_RISK_LEVELS)).min(1) }),
  defaults: { minMissed: 2, riskLevels: ['high', 'medium'] },
  subjectType: 'key_person',
  detect(params, now): SQL {
    const since = sql`coalesce(${keyPerson.lastVisitAt}, ${keyPerson.createdAt})`;
    const missed = sql`floor(extract(epoch from (${now.toISOString()}::timestamptz - ${since})) / (${keyPerson.visitIntervalDays} * 86400))::int`;
    const levels = sql.join(params.riskLevels.map((l) => sql`${l}`), sql`, `);
    return sql`
      select 'keypersons.visits_missed:' || k.id::text as key, k.id::text as subject_id, k.region_code, k.grid_id,
        jsonb_build_object(
          'records', jsonb_build_array(jsonb_build_object('type', 'key_person', 'id', k.id::text)),
          'facts', jsonb_build_object(
            'riskLevel', k.risk_level, 'intervalDays', k.visit_interval_days, 'missed', k.missed, 'lastVisitAt', k.last_visit_at,
            'dueDates', (select jsonb_agg(to_char((k.since + make_interval(days => n * k.visit_interval_days)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') order by n) from generate_series(1, least(k.missed, 52)) n))
        ) as evidence
      from (
        select ${keyPerson.id} as id, ${keyPerson.regionCode} as region_code, ${keyPerson.gridId} as grid_id, ${keyPerson.riskLevel} as risk_level,
          ${keyPerson.visitIntervalDays} as visit_interval_days, ${keyPerson.lastVisitAt} as last_visit_at, ${since} as since, ${missed} as missed
        from ${keyPerson}
        where ${keyPerson.riskLevel} in (${levels})
      ) k
      where k.missed >= ${params.minMissed}`;
  },
});

/**
 * A key person of risk `riskLevels` (high by default) left their grid per gate access records:
 * at least `minExits` exits through gates of compounds outside the person's grid within the last
 * `hours` hours (a nightly run: since the last run). An exit at the receiving grid of a pending
 * hand-over is not leaving. One statement: the persons of those levels joined laterally to their
 * exits (`exitsOutsideGrid`, one probe of the (resident_id, at) index each). One hit per person
 * and window (`floor(now / hours)`): a new episode in a later window is a new warning, a false
 * positive silences only its own window. Evidence: the gate records (up to 20) and counts.
 */
const leftGridParams = z.strictObject({
  hours: z.number().int().min(1).max(24 * 14),
  minExits: z.number().int().min(1).max(100),
  riskLevels: z.array(z.enum(KP_RISK_LEVELS)).min(1),
});

export const leftGridRule = defineWarningRule({
  kind: 'keypersons.left_grid',
  label: { zh: '高风险人员离开网格', en: 'High-risk person left their grid' },
  description: {
    zh: '风险等级为{riskLevels}的重点人员{hours}小时内在本网格以外的小区门禁出入{minExits}次以上',
    en: 'A key person of risk {riskLevels} passed {minExits} or more gates of compounds outside their grid within {hours} hours',
  },
  params: leftGridParams,
  defaults: { hours: 24, minExits: 1, riskLevels: ['high'] },
  subjectType: 'key_person',
  detect(p: z.infer<typeof leftGridParams>, now: Date): SQL {
    const since = new Date(now.getTime() - p.hours * 3_600_000);
    const window = Math.floor(now.getTime() / (p.hours * 3_600_000));
    const exits = exitsOutsideGrid({ residentId: sql`kp.resident_id`, gridId: sql`kp.grid_id`, since });
    return sql`
      select 'keypersons.left_grid:' || kp.key_person_id::text || ':' || ${String(window)}::text as key, kp.key_person_id::text as subject_id, kp.region_code, kp.grid_id,
        jsonb_build_object(
          'records', (select jsonb_agg(jsonb_build_object('type', 'access_record', 'id', x::text) order by n) from unnest(e.ids[1:20]) with ordinality u(x, n)),
          'facts', jsonb_build_object('exits', e.exits, 'grids', e.grids, 'firstAt', e.first_at, 'lastAt', e.last_at, 'hours', ${p.hours}::int, 'riskLevel', kp.risk_level)
        ) as evidence
      from (${keyPersonRiskSql(p.riskLevels)}) kp
      cross join lateral (
        select count(*)::int as exits, count(distinct x.grid_id)::int as grids, min(x.at) as first_at, max(x.at) as last_at, array_agg(x.id order by x.at, x.id) as ids
        from (${exits}) x
        where x.at <= ${now.toISOString()}::timestamptz and x.grid_id is distinct from kp.handover_grid_id
      ) e
      where e.exits >= ${p.minExits}::int`;
  },
});

export const KEYPERSON_WARNING_RULES = [visitsMissedRule, leftGridRule];

/**
 * Key persons' risk levels as a subquery with the columns (resident_id, key_person_id, grid_id,
 * region_code, risk_level, status, handover_grid_id), one row per archive, for other modules' rules (join on resident_id):
 * `select ... from access_record a join (${keyPersonRiskSql()}) kp on kp.resident_id = a.resident_id`.
 * Optionally only some levels.
 */
export function keyPersonRiskSql(levels?: readonly string[]): SQL {
  const where = levels && levels.length > 0 ? sql` where ${keyPerson.riskLevel} in (${sql.join(levels.map((l) => sql`${l}`), sql`, `)})` : sql``;
  return sql`select ${keyPerson.residentId} as resident_id, ${keyPerson.id} as key_person_id, ${keyPerson.gridId} as grid_id, ${keyPerson.regionCode} as region_code, ${keyPerson.riskLevel} as risk_level, ${keyPerson.status} as status, ${keyPerson.handoverGridId} as handover_grid_id from ${keyPerson}${where}`;
}
