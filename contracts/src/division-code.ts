/**
 * Chinese statistical division codes (统计用区划代码): 12 digits, 2 province + 2 city +
 * 2 county + 3 township + 3 village. A node's level is the position of its last non-zero
 * segment; every code in its subtree starts with its significant prefix.
 */
import type { RegionLevel } from './common.js';

export type DivisionKind =
  | 'province'
  | 'city'
  | 'county'
  | 'street'
  | 'town'
  | 'township'
  | 'township_like'
  | 'residents_committee'
  | 'village_committee'
  | 'committee_like';

export type ParsedDivisionCode =
  | { ok: true; level: RegionLevel; prefix: string; parentCode: string | null; kind: DivisionKind }
  | { ok: false; reason: string };

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
  52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

/** Segment boundaries: [start, end) of province, city, county, township, village. */
const SEGMENTS = [
  [0, 2],
  [2, 4],
  [4, 6],
  [6, 9],
  [9, 12],
] as const;
const LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'community'];
const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;
const UPPER_KINDS: readonly DivisionKind[] = ['province', 'city', 'county'];

function townshipKind(n: number): DivisionKind {
  if (n < 100) return 'street';
  if (n < 200) return 'town';
  if (n < 400) return 'township';
  return 'township_like';
}

function villageKind(n: number): DivisionKind {
  if (n < 200) return 'residents_committee';
  if (n < 400) return 'village_committee';
  return 'committee_like';
}

export function parseDivisionCode(code: string): ParsedDivisionCode {
  if (!/^\d{12}$/.test(code)) return { ok: false, reason: 'must be exactly 12 digits' };
  const seg = SEGMENTS.map(([start, end]) => Number(code.slice(start, end)));
  const [province = 0, city = 0, , township = 0, village = 0] = seg;
  if (!PROVINCES.has(province)) return { ok: false, reason: 'unknown province segment' };

  let last = 0;
  for (let i = 1; i < seg.length; i++) if (seg[i] !== 0) last = i;
  for (let i = 1; i < last; i++) {
    // A city without county-level divisions (东莞 4419, 中山 4420, 儋州 4604) numbers its
    // townships directly under county segment 00.
    const skippedCounty = i === 2 && city !== 0 && township !== 0;
    if (seg[i] === 0 && !skippedCounty) return { ok: false, reason: 'non-zero segment after a zero segment' };
  }
  if (township > 599) return { ok: false, reason: 'township segment must be 001-599' };
  if (village > 599) return { ok: false, reason: 'village segment must be 001-599' };

  const level = LEVELS[last] ?? 'province';
  const prefixLength = PREFIX_LENGTHS[last] ?? 2;
  const parentCode = last === 0 ? null : code.slice(0, PREFIX_LENGTHS[last - 1]).padEnd(12, '0');
  const kind = last === 3 ? townshipKind(township) : last === 4 ? villageKind(village) : UPPER_KINDS[last] ?? 'province';
  return { ok: true, level, prefix: code.slice(0, prefixLength), parentCode, kind };
}

/** The significant prefix of a valid code; throws a RangeError for an invalid one. */
export function divisionPrefix(code: string): string {
  const parsed = parseDivisionCode(code);
  if (!parsed.ok) throw new RangeError(`invalid division code ${code}: ${parsed.reason}`);
  return parsed.prefix;
}

/** True when `code` is `ancestorCode` or lies in its subtree; false if either is invalid. */
export function isInSubtree(code: string, ancestorCode: string): boolean {
  const node = parseDivisionCode(code);
  const ancestor = parseDivisionCode(ancestorCode);
  return node.ok && ancestor.ok && code.startsWith(ancestor.prefix);
}

/** '4307' -> '430700000000'. Accepts 2, 4, 6, 9 or 12 digits. */
export function padDivisionCode(short: string): string {
  if (!/^\d+$/.test(short) || !(PREFIX_LENGTHS as readonly number[]).includes(short.length)) {
    throw new RangeError(`not a division code prefix: ${short}`);
  }
  return short.padEnd(12, '0');
}
