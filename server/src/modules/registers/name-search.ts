/** Search by name, pinyin initials or address: 张三 is found by 张三, zhangsan or zs. */
import { ilike, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { pinyin } from 'pinyin-pro';
import { containing, escapeLike } from '../../platform/db/like.js';

export function nameKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

/** Latin letters search pinyin (initials or full, as a prefix); anything else name and address. */
export function textSearch(q: string, columns: { name: PgColumn; address?: PgColumn; initials?: PgColumn; pinyin?: PgColumn }): SQL | undefined {
  const term = q.trim();
  if (!term) return undefined;
  if (/^[a-z]+$/i.test(term) && columns.initials && columns.pinyin) {
    const prefix = `${escapeLike(term.toLowerCase())}%`;
    return or(sql`${columns.initials} like ${prefix}`, sql`${columns.pinyin} like ${prefix}`, ilike(columns.name, containing(term)));
  }
  const contains = containing(term);
  return or(ilike(columns.name, contains), columns.address ? ilike(columns.address, contains) : undefined);
}
