/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character.
 */

export type IdNumberResult =
  | { ok: true; normalized: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'format' | 'birth_date' | 'check_digit' };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/**
 * Earliest accepted birth year. The standard's own worked example (440524188001010014) was
 * born in 1880, so the floor sits below it rather than at 1900.
 */
const MIN_BIRTH_YEAR = 1800;

/** The check character for the first 17 digits; throws a RangeError on anything else. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Validates an 18-character ID number; a lowercase 'x' is accepted and normalised. */
export function validateIdNumber(id: string, today: Date = new Date()): IdNumberResult {
  if (!/^\d{17}[\dXx]$/.test(id)) return { ok: false, reason: 'format' };
  const normalized = id.toUpperCase();

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (year < MIN_BIRTH_YEAR || !isRealDate(year, month, day) || birthDate > localDate(today)) {
    return { ok: false, reason: 'birth_date' };
  }
  if (idCheckChar(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: 'check_digit' };

  const sex = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, sex, regionCode: normalized.slice(0, 6) };
}

/**
 * '11010519491231002X' -> '11**************2X': the first 2 and last 2 characters shown. Neither
 * the county code nor any digit of the birth date shows, and of the sequence only its last digit
 * (the sex) and the check character: with the birth year and sex that lists show, about 3,300
 * numbers fit a masked ID card (docs/personal-data.md works the count out).
 */
export function maskIdNumber(id: string): string {
  const value = id.toUpperCase();
  if (value.length <= 6) return '*'.repeat(value.length);
  return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
}
