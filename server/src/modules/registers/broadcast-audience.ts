/**
 * The people a broadcast reaches, as SQL sets for the outbox's bulk enqueue (INSERT ... SELECT in
 * batches by id after a cursor) and as counts for the preview: live residents with a phone of a
 * region subtree (optionally some grids, optionally carrying a tag), and live enterprises and
 * shops with a contact phone. Phones leave only as ciphertext and masked text. The language of a
 * resident's message is English when the register names a nationality other than Chinese, else
 * Simplified Chinese (enterprises: Chinese).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { organization, resident } from './tables.js';

export interface AudienceFilter {
  /** The region subtree (a division prefix). */
  prefix: string;
  /** Only these grids (empty: every grid of the subtree). */
  gridIds: readonly string[];
  /** Only residents carrying this tag (does not apply to enterprises). */
  tag: string | null;
}

/** How a Chinese nationality is written in the registers (imports, forms, the demo). */
const CHINESE = ['中国', '中华人民共和国', '中国大陆', 'CHN', 'CN', 'China', 'PRC'];

const residentLocale = sql`case when coalesce(btrim(r.nationality), '') = '' or r.nationality in (select jsonb_array_elements_text(${JSON.stringify(CHINESE)}::jsonb)) then 'zh-CN' else 'en' end`;

function gridFilter(column: SQL, gridIds: readonly string[]): SQL {
  return gridIds.length ? sql`and ${column} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(gridIds)}::jsonb))` : sql``;
}

function residentWhere(f: AudienceFilter): SQL {
  return sql`r.deleted_at is null and r.region_code like ${`${f.prefix}%`} ${gridFilter(sql`r.grid_id`, f.gridIds)} ${f.tag ? sql`and ${f.tag} = any(r.tags)` : sql``}`;
}

function enterpriseWhere(f: AudienceFilter): SQL {
  return sql`o.deleted_at is null and o.kind in ('enterprise', 'shop') and o.region_code like ${`${f.prefix}%`} ${gridFilter(sql`o.grid_id`, f.gridIds)}`;
}

/** `select id, masked, cipher, locale` of the residents with a phone, id > after, in id order, at most `limit`. */
export function audienceResidents(f: AudienceFilter, after: string | null, limit: number): SQL {
  return sql`select r.id, r.phone_masked as masked, r.phone_cipher as cipher, ${residentLocale} as locale from ${resident} r
    where ${residentWhere(f)} and r.phone_cipher is not null ${after ? sql`and r.id > ${after}::uuid` : sql``}
    order by r.id limit ${limit}`;
}

/** `select id, masked, cipher, locale` of the enterprises and shops with a contact phone, id > after, in id order, at most `limit`. */
export function audienceEnterprises(f: AudienceFilter, after: string | null, limit: number): SQL {
  return sql`select o.id, o.contact_phone_masked as masked, o.contact_phone_cipher as cipher, 'zh-CN' as locale from ${organization} o
    where ${enterpriseWhere(f)} and o.contact_phone_cipher is not null ${after ? sql`and o.id > ${after}::uuid` : sql``}
    order by o.id limit ${limit}`;
}

export interface AudienceCounts {
  residents: number;
  english: number;
  withoutPhone: number;
  enterprises: number;
}

/** How many the audience reaches (counts only). */
export async function countAudience(db: Db, f: AudienceFilter, parts: { residents: boolean; enterprises: boolean }): Promise<AudienceCounts> {
  const [r] = parts.residents
    ? await rows<{ reached: number; english: number; without: number }>(
        db,
        sql`select count(*) filter (where r.phone_cipher is not null)::int as reached,
                   count(*) filter (where r.phone_cipher is not null and ${residentLocale} = 'en')::int as english,
                   count(*) filter (where r.phone_cipher is null)::int as without
            from ${resident} r where ${residentWhere(f)}`,
      )
    : [{ reached: 0, english: 0, without: 0 }];
  const [o] = parts.enterprises
    ? await rows<{ reached: number }>(db, sql`select count(*)::int as reached from ${organization} o where ${enterpriseWhere(f)} and o.contact_phone_cipher is not null`)
    : [{ reached: 0 }];
  return { residents: r!.reached, english: r!.english, withoutPhone: r!.without, enterprises: o!.reached };
}
