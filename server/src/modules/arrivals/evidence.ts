/**
 * What the checkpoints' arrivals say about people for their health codes (platform/kit/evidence.ts):
 * an arrival in the last 60 days with its origin (the health code module matches the origin
 * against its risk areas). Keyed as check-ins and tracing key people: the resident when matched,
 * else the document's key. The detail holds the origin and the way of travel, nothing personal.
 */
import { sql } from 'drizzle-orm';
import type { EvidenceSource } from '../../platform/kit/evidence.js';

export const arrivalEvidence: EvidenceSource = {
  kind: 'arrival',
  select: (persons, at) => {
    const key = sql`coalesce(a.resident_id, encode(substring(a.id_hash from 1 for 16), 'hex')::uuid)`;
    return sql`
      select ${key} as person_key, 'arrival'::text as kind, a.origin as ref, a.arrived_at as since, null::timestamptz as until,
             jsonb_build_object('origin', a.origin, 'mode', a.transport_mode) as detail, a.region_code, a.grid_id
        from arrival a
       where a.origin is not null and a.arrived_at <= ${at} and a.arrived_at > ${at}::timestamptz - interval '60 days'
             ${persons ? sql`and ${key} in (${persons})` : sql``}`;
  },
};
