/**
 * What health declarations say about people for their health codes (platform/kit/evidence.ts),
 * from the current declarations of the last 14 days: a temperature of 38.0 °C or more is `fever`,
 * a declaration the form's alert rules flagged (symptoms, a risky trip) is `symptoms`. Keyed as
 * check-ins key people (the resident when matched, else the document's key); the detail holds
 * the temperature only.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EvidenceSource } from '../../platform/kit/evidence.js';

export const FEVER_CELSIUS = 38.0;
const key = sql`coalesce(d.resident_id, encode(substring(d.id_number_hash from 1 for 16), 'hex')::uuid)`;

const declared = (kind: string, condition: SQL) => (persons: SQL | null, at: Date) => sql`
  select ${key} as person_key, ${kind}::text as kind, d.day::text as ref, d.declared_at as since, null::timestamptz as until,
         jsonb_build_object('temperature', d.temperature) as detail, d.region_code, d.grid_id
    from declaration d
   where d.superseded_by is null and ${condition} and d.declared_at <= ${at} and d.declared_at > ${at}::timestamptz - interval '14 days'
         ${persons ? sql`and ${key} in (${persons})` : sql``}`;

export const declarationEvidence: EvidenceSource[] = [
  { kind: 'fever', select: declared('fever', sql`d.temperature >= ${FEVER_CELSIUS}`) },
  { kind: 'symptoms', select: declared('symptoms', sql`d.abnormal`) },
];
