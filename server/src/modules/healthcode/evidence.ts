/** The trips residents declare on the portal (用户行程申报) as evidence: the origin, matched against the risk areas like an arrival's. */
import { sql } from 'drizzle-orm';
import type { EvidenceSource } from '../../platform/kit/evidence.js';

export const tripEvidence: EvidenceSource = {
  kind: 'trip',
  select: (persons, at) => sql`
    select t.person_key, 'trip'::text as kind, t.origin as ref, t.arrived_at as since, null::timestamptz as until,
           jsonb_build_object('origin', t.origin) as detail, null::text as region_code, null::uuid as grid_id
      from health_trip t
     where t.arrived_at <= ${at} and t.arrived_at > ${at}::timestamptz - interval '60 days'
           ${persons ? sql`and t.person_key in (${persons})` : sql``}`,
};
