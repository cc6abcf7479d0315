/**
 * The tickets' rule kind: `tickets.rising_in_village`, reports of some categories (petitions,
 * disputes: category codes under `categoryPrefixes`) in a village or community rising: at least
 * `minCount` in the last `days` days and at least `factor` times the `days` days before.
 * Set-based: one aggregate over the tickets of the last 2×`days` days (ticket_created_idx).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineWarningRule } from '../../platform/kit/warning-rules.js';

const params = z.strictObject({
  categoryPrefixes: z.array(z.string().trim().regex(/^[a-z][a-z0-9_.]*$/, 'a category code')).min(1).max(20),
  days: z.number().int().min(1).max(365),
  factor: z.number().min(1).max(100),
  minCount: z.number().int().min(1).max(100_000),
});

export const risingInVillage = defineWarningRule({
  kind: 'tickets.rising_in_village',
  label: { zh: '村社区信访/纠纷上升', en: 'Petitions or disputes rising in a village' },
  description: {
    zh: '村社区近{days}天{categoryPrefixes}类事件不少于{minCount}件，且为前{days}天的{factor}倍以上',
    en: 'At least {minCount} {categoryPrefixes} reports in a village in the last {days} days, and {factor} times the {days} days before',
  },
  params,
  defaults: { categoryPrefixes: ['dispute'], days: 30, factor: 2, minCount: 5 },
  subjectType: 'region',
  detect: (p, now) => {
    const dayMs = 86_400_000;
    const end = now.toISOString();
    const mid = new Date(now.getTime() - p.days * dayMs).toISOString();
    const start = new Date(now.getTime() - 2 * p.days * dayMs).toISOString();
    // One warning per village per window: once handled it comes back only in a later window.
    const window = Math.floor(now.getTime() / (p.days * dayMs));
    const exact = sql`array[${sql.join(p.categoryPrefixes.map((c) => sql`${c}`), sql`, `)}]::text[]`;
    const below = sql`array[${sql.join(p.categoryPrefixes.map((c) => sql`${`${c.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`}`), sql`, `)}]::text[]`;
    return sql`select c.region_code || ':' || ${String(window)}::text as key, c.region_code as subject_id, c.region_code, null::uuid as grid_id,
        jsonb_build_object('records', (select coalesce(jsonb_agg(jsonb_build_object('type', 'ticket', 'id', x::text)), '[]'::jsonb) from unnest(c.ids[1:20]) x),
          'facts', jsonb_build_object('recent', c.recent, 'previous', c.previous, 'days', ${p.days}::int, 'factor', ${p.factor}::float8)) as evidence
      from (select t.region_code,
              count(*) filter (where t.created_at >= ${mid}::timestamptz) as recent,
              count(*) filter (where t.created_at < ${mid}::timestamptz) as previous,
              array_agg(t.id order by t.created_at desc) filter (where t.created_at >= ${mid}::timestamptz) as ids
            from ticket t join ticket_category k on k.id = t.category_id
            where t.created_at >= ${start}::timestamptz and t.created_at <= ${end}::timestamptz
              and substr(t.region_code, 10, 3) <> '000'
              and (k.code = any(${exact}) or k.code like any(${below}))
            group by t.region_code) c
      where c.recent >= ${p.minCount}::int and c.recent >= ${p.factor}::float8 * c.previous`;
  },
});
