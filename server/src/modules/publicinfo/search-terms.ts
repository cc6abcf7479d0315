/**
 * Chinese word search over rebuttals: claim and evidence are cut into words by jieba (search
 * mode, so 新冠疫苗 also yields 疫苗) and kept as a space-separated column; a query is cut the
 * same way and every word of it must be among the record's words (or inside one, for short
 * queries and Latin text).
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { segment } from '../tickets/classifier/segmenter.js';
import { containing } from '../../platform/db/like.js';

const WORD = /[\p{L}\p{N}]/u;

function words(text: string): string[] {
  return [...new Set(segment(text.toLowerCase(), true).map((w) => w.trim()).filter((w) => WORD.test(w)))];
}

/** The words a record is found by. */
export function searchTerms(...texts: string[]): string {
  return ` ${words(texts.join(' ')).join(' ')} `;
}


/** SQL: every word of the query is found in the column (undefined for an empty query). */
export function searchCondition(column: PgColumn, q: string | undefined): SQL | undefined {
  const wanted = q ? words(q) : [];
  if (wanted.length === 0) return undefined;
  return and(...wanted.map((w) => sql`${column} like ${containing(w)}`));
}
