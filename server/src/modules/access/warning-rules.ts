/**
 * The gate-access rule kind: `access.absent_from_home`, a resident whose last passage through a
 * compound's gate is an exit at least `hours` ago (no entry since). Set-based: the last passage of
 * each resident with a recent record, from the (resident_id, at) index.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineWarningRule } from '../../platform/kit/warning-rules.js';

const params = z.strictObject({
  hours: z.number().int().min(1).max(24 * 30),
  /** How far back a last exit is looked for (days): older absences are not news. */
  lookbackDays: z.number().int().min(1).max(90).default(14),
});

export const absentFromHome = defineWarningRule({
  kind: 'access.absent_from_home',
  label: { zh: '离开小区后长时间未返回', en: 'Left the compound and not back' },
  description: { zh: '人员离开小区超过{hours}小时未再进入', en: 'A resident left a compound and has not come back in for {hours} hours' },
  params,
  defaults: { hours: 72, lookbackDays: 14 },
  subjectType: 'resident',
  detect: (p, now) => {
    const until = new Date(now.getTime() - p.hours * 3_600_000).toISOString();
    const from = new Date(now.getTime() - p.lookbackDays * 86_400_000).toISOString();
    return sql`select last.resident_id::text || ':' || last.id::text as key, last.resident_id::text as subject_id, last.region_code, last.grid_id,
        jsonb_build_object('records', jsonb_build_array(jsonb_build_object('type', 'access_record', 'id', last.id::text)),
          'facts', jsonb_build_object('exitAt', last.at, 'hours', ${p.hours}::int)) as evidence
      from (select distinct on (resident_id) id, resident_id, region_code, grid_id, direction, at from access_record
            where at >= ${from}::timestamptz and at <= ${now.toISOString()}::timestamptz order by resident_id, at desc, id desc) last
      where last.direction = 'out' and last.at <= ${until}::timestamptz`;
  },
});
