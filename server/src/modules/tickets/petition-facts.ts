/**
 * The petitions (信访) of villages, for the no-petition villages (modules/petitions): tickets
 * under the `petition` categories, filed in a period, per village or community (a ticket's
 * region when it is a community, i.e. its last three digits are not 000). Merged duplicates and
 * rejected reports are not counted. Per village: how many, how many went past the township
 * (their level now county or city: 越级访), and the group size (`people`) of those that gave one.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { PETITION_PEOPLE_FIELD } from './categories.js';

export interface VillagePetitions {
  petitions: number;
  beyondTownship: number;
  /** The number of people of each petition that gave one. */
  groupSizes: number[];
}

export async function petitionsByVillage(db: Db, q: { regionPrefix: string; from: Date; to: Date }): Promise<Map<string, VillagePetitions>> {
  const found = await rows<{ region_code: string; petitions: number; beyond: number; sizes: number[] | null }>(
    db,
    sql`select t.region_code, count(*)::int as petitions,
        (count(*) filter (where t.level in ('county', 'city')))::int as beyond,
        array_agg((t.custom_fields ->> ${PETITION_PEOPLE_FIELD})::numeric::int) filter (where jsonb_typeof(t.custom_fields -> ${PETITION_PEOPLE_FIELD}) = 'number') as sizes
      from ticket t join ticket_category k on k.id = t.category_id
      where (k.code = 'petition' or k.code like 'petition.%')
        and t.created_at >= ${q.from.toISOString()}::timestamptz and t.created_at < ${q.to.toISOString()}::timestamptz
        and t.region_code like ${`${q.regionPrefix}%`} and substr(t.region_code, 10, 3) <> '000'
        and t.status not in ('merged', 'rejected') and t.duplicate_of is null
      group by t.region_code`,
  );
  return new Map(found.map((r) => [r.region_code, { petitions: r.petitions, beyondTownship: r.beyond, groupSizes: r.sizes ?? [] }]));
}
