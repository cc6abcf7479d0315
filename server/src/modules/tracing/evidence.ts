/**
 * What tracing says about people for their health codes (platform/kit/evidence.ts): a suspected
 * or confirmed case (by its person key; ref the case number), and a contact under follow-up
 * until `follow_until` (degree 1 close, 2 secondary; ref the case number). Nothing personal:
 * the detail holds the status or the degree only.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EvidenceSource } from '../../platform/kit/evidence.js';

const among = (col: SQL, persons: SQL | null) => (persons ? sql`and ${col} in (${persons})` : sql``);

export const tracingEvidence: EvidenceSource[] = [
  {
    kind: 'case',
    select: (persons, at) => sql`
      select c.person_key, 'case'::text as kind, 'C' || c.case_no as ref, coalesce(c.confirmed_at, c.created_at) as since, null::timestamptz as until,
             jsonb_build_object('status', c.status) as detail, c.region_code, c.grid_id
        from epi_case c
       where c.status in ('suspected', 'confirmed') and c.created_at <= ${at} ${among(sql`c.person_key`, persons)}`,
  },
  {
    kind: 'contact',
    select: (persons, at) => sql`
      select k.person_key, 'contact'::text as kind, 'C' || c.case_no as ref, k.first_exposure_at as since, k.follow_until as until,
             jsonb_build_object('degree', k.degree) as detail, k.region_code, k.grid_id
        from epi_contact k join epi_case c on c.id = k.case_id
       where k.status = 'following' and k.follow_until > ${at} and k.created_at <= ${at} ${among(sql`k.person_key`, persons)}`,
  },
];
