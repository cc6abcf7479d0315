/**
 * Reading typed cells of an imported row the way Chinese spreadsheets hold them, for any import
 * kind: a date and time written in any common form, or the day count Excel stores for a date
 * cell (1900 date system, the fraction being the time of day), taken as local time.
 */
import { localInstant } from '../time-zone.js';

const WRITTEN = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时點点]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;
const SERIAL = /^\d{1,5}(\.\d+)?$/;

/** A local date and time (2026-12-01 08:30, 2026/12/1 8:30, 2026年12月1日 8时30分, 20261201 0830, an Excel day count); null if not one. */
export function readDateTime(value: string): Date | null {
  const text = value.normalize('NFKC').replace(/^'/, '').trim();
  const parts = WRITTEN.exec(text) ?? COMPACT.exec(text);
  if (parts) {
    const [y, m, d, h, min, s] = parts.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as [number, number, number, number, number, number];
    return localInstant(y, m, d, h, min, s);
  }
  if (SERIAL.test(text)) {
    const serial = Number(text);
    if (serial < 1 || serial > 80_000) return null;
    // Whole seconds of the day, rounded: Excel keeps 8:30 as 0.354166...
    const at = new Date(Math.round((Date.UTC(1899, 11, 30) + serial * 86_400_000) / 1000) * 1000);
    return localInstant(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
  }
  return null;
}

/** A cell as words are compared: full-width folded, no spaces, lower case. */
export const squash = (value: string): string => value.normalize('NFKC').replace(/\s/g, '').toLowerCase();

/** A lookup from the words a spreadsheet may hold (any width, spacing or case) to codes. */
export function wordTable<T extends string>(words: Record<T, readonly string[]>): (cell: string) => T | undefined {
  const table = new Map<string, T>(Object.entries<readonly string[]>(words).flatMap(([code, list]) => list.map((w) => [squash(w), code as T] as const)));
  return (cell) => table.get(squash(cell));
}

/** A document type (证件类型) as lists write it. */
export const documentType = wordTable({
  id_card: ['身份证', '居民身份证', '二代身份证', 'idcard', 'id_card'],
  passport: ['护照', 'passport'],
  other: ['其他', '其它', '港澳通行证', '台胞证', '军官证', 'other'],
});
