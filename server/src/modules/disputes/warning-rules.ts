/**
 * The risk-warning rule kinds the disputes answer (platform/kit/warning-rules.ts):
 * - `disputes.repeat_parties`: the same party — matched by the keyed hash of their document
 *   number, never the number — in `count` or more disputes registered within `days` days;
 * - `disputes.rising_in_village`: the disputes registered in a village or community in the last
 *   `days` days are at least `factor` times those of the `days` before, and at least `min`.
 * Evidence (`{ records, facts }`) is dispute ids (up to 20, shown through the disputes' describer
 * to readers who may read them) and counts only.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineWarningRule } from '../../platform/kit/warning-rules.js';

const days = z.number().int().min(1).max(3650);

const repeatParams = z.strictObject({ days, count: z.number().int().min(2).max(1000) });
const risingParams = z.strictObject({ days, factor: z.number().min(1).max(100), min: z.number().int().min(1).max(100_000) });

export const repeatPartiesRule = defineWarningRule({
  kind: 'disputes.repeat_parties',
  label: { zh: '同一当事人重复纠纷', en: 'Repeat disputes of one party' },
  description: { zh: '同一当事人{days}天内纠纷达{count}起', en: 'The same party in {count} or more disputes within {days} days' },
  params: repeatParams,
  defaults: { days: 90, count: 2 },
  subjectType: 'dispute',
  detect: (p: z.infer<typeof repeatParams>, now: Date) => sql`
    with recent as (
      select p.id_hash, d.id, d.region_code, d.grid_id, d.created_at
      from dispute_party p join dispute d on d.id = p.dispute_id
      where p.id_hash is not null and d.created_at <= ${now.toISOString()}::timestamptz
        and d.created_at > ${now.toISOString()}::timestamptz - make_interval(days => ${p.days}::int)
    ), parties as (
      select id_hash, count(distinct id)::int as n, array_agg(distinct id::text) as ids,
        (array_agg(id::text order by created_at desc, id))[1] as latest,
        (array_agg(region_code order by created_at desc, id))[1] as region_code,
        (array_agg(grid_id order by created_at desc, id))[1] as grid_id
      from recent group by id_hash having count(distinct id) >= ${p.count}::int
    )
    select 'party:' || encode(id_hash, 'hex') as key, latest as subject_id, region_code, grid_id,
      jsonb_build_object('records', (select jsonb_agg(jsonb_build_object('type', 'dispute', 'id', x) order by x) from unnest(ids[1:20]) x),
        'facts', jsonb_build_object('count', n, 'days', ${p.days}::int)) as evidence
    from parties`,
});

export const risingInVillageRule = defineWarningRule({
  kind: 'disputes.rising_in_village',
  label: { zh: '村（社区）纠纷上升', en: 'Disputes rising in a village' },
  description: { zh: '村（社区）近{days}天纠纷数达前{days}天的{factor}倍且不少于{min}起', en: 'A village\'s disputes of the last {days} days at least {factor} times the {days} before, and at least {min}' },
  params: risingParams,
  defaults: { days: 30, factor: 2, min: 3 },
  subjectType: 'region',
  detect: (p: z.infer<typeof risingParams>, now: Date) => sql`
    with bounds as (
      select ${now.toISOString()}::timestamptz as now_at, make_interval(days => ${p.days}::int) as span
    ), counts as (
      select d.region_code,
        count(*) filter (where d.created_at > b.now_at - b.span)::int as current,
        count(*) filter (where d.created_at <= b.now_at - b.span)::int as previous,
        (array_agg(d.id::text order by d.created_at desc, d.id) filter (where d.created_at > b.now_at - b.span))[1:20] as ids
      from dispute d, bounds b
      where d.created_at <= b.now_at and d.created_at > b.now_at - 2 * b.span
      group by d.region_code
    )
    select 'village:' || region_code as key, region_code as subject_id, region_code, null::uuid as grid_id,
      jsonb_build_object('records', (select jsonb_agg(jsonb_build_object('type', 'dispute', 'id', x)) from unnest(ids) x),
        'facts', jsonb_build_object('current', current, 'previous', previous, 'days', ${p.days}::int, 'factor', ${p.factor}::float8)) as evidence
    from counts
    where current >= ${p.min}::int and current >= ${p.factor}::float8 * previous`,
});

export const DISPUTE_WARNING_RULES = [repeatPartiesRule, risingInVillageRule];
