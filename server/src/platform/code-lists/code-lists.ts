/** The code lists' rows: seeded from the contracts' data, read by list. */
import { asc, eq, sql } from 'drizzle-orm';
import { CODE_LISTS, type CodeListResponse } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import { codeListItem } from './tables.js';

/** Inserts the shipped code lists, updating the names of codes already there (idempotent). */
export async function seedCodeLists(db: Db): Promise<void> {
  const rows = CODE_LISTS.flatMap((list) => list.items.map((item, i) => ({ list: list.key, code: item.code, nameZh: item.zh, nameEn: item.en, position: i + 1, standard: list.standard })));
  await db
    .insert(codeListItem)
    .values(rows)
    .onConflictDoUpdate({ target: [codeListItem.list, codeListItem.code], set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, position: sql`excluded.position`, standard: sql`excluded.standard` } });
}

export async function readCodeList(db: Db, key: string): Promise<CodeListResponse> {
  const rows = await db.select().from(codeListItem).where(eq(codeListItem.list, key)).orderBy(asc(codeListItem.position));
  return { key, standard: rows[0]?.standard ?? '', items: rows.map((r) => ({ code: r.code, zh: r.nameZh, en: r.nameEn })) };
}
