/**
 * Reading typed cells the way real spreadsheets hold them: coded values by their Chinese label
 * or code, numbers stored as text (full-width digits, thousands separators, "12.0"), yes/no in
 * Chinese or English, phones protected like the API protects them.
 */
import { maskPhone, type ErrorCode } from '@gridgov/contracts';
import type { PiiVault } from '../../../platform/pii/vault.js';
import { contactPhoneColumns } from '../../registers/contact-phone.js';
import type { IssueAt } from '../row-target.js';
import { squash } from '../../../platform/imports/cells.js';

/** Accepted words -> code: every code, its label, and the given synonyms. */
export function wordTable(labels: Readonly<Record<string, string>>, synonyms: Readonly<Record<string, string>> = {}): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [code, label] of Object.entries(labels)) {
    table[squash(code)] = code;
    table[squash(label)] = code;
  }
  for (const [word, code] of Object.entries(synonyms)) table[squash(word)] = code;
  return table;
}

/** What the template and the error report say may be written. */
export const allowedOf = (labels: Readonly<Record<string, string>>) => Object.values(labels).join('、');

/** A coded value: undefined when the cell is empty, null (with an issue) when the word is unknown. */
export function readWord(
  values: Record<string, string | null>,
  field: string,
  table: Record<string, string>,
  labels: Readonly<Record<string, string>>,
  issue: IssueAt,
): string | null | undefined {
  const value = values[field];
  if (value === undefined || value === null) return undefined;
  const found = table[squash(value)];
  if (found) return found;
  issue(field, 'IMPORT_CELL_INVALID', { allowed: allowedOf(labels) });
  return null;
}

/** A number written any common way; undefined when empty, null (with an issue) when not a number or out of range. */
export function readNumber(
  values: Record<string, string | null>,
  field: string,
  issue: IssueAt,
  rule: { min: number; max: number; integer?: boolean },
): number | null | undefined {
  const value = values[field];
  if (value === undefined || value === null) return undefined;
  const text = value.normalize('NFKC').replace(/[,\s]/g, '').replace(/^'/, '');
  const n = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) {
    issue(field, 'IMPORT_CELL_INVALID', { allowed: `${rule.integer ? '整数 integer' : '数字 number'} ${rule.min}–${rule.max}` });
    return null;
  }
  return n;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '重点']);
const NO = new Set(['否', '无', '不是', 'n', 'no', 'false', '0', '×']);

export function readYesNo(values: Record<string, string | null>, field: string, issue: IssueAt): boolean | null | undefined {
  const value = values[field];
  if (value === undefined || value === null) return undefined;
  const v = squash(value);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  issue(field, 'IMPORT_CELL_INVALID', { allowed: '是、否' });
  return null;
}

/** A contact phone as venues and organisations store it (cipher, hash, mask); an issue when invalid. */
export function readContactPhone(vault: PiiVault, values: Record<string, string | null>, field: string, issue: IssueAt): Record<string, unknown> | null {
  if (values[field] === undefined) return {};
  try {
    return { ...contactPhoneColumns(vault, values[field] ?? null) };
  } catch {
    issue(field, 'PHONE_INVALID' satisfies ErrorCode);
    return null;
  }
}

/** A phone as a preview shows it. */
export function maskedPhone(value: string | null | undefined): string | null {
  return value ? maskPhone(value) : null;
}

/** Copies the mapped plain text fields (empty -> null), only those the mapping names. */
export function plainText(values: Record<string, string | null>, fields: readonly string[], mapped: ReadonlySet<string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of fields) if (mapped.has(f)) out[f] = values[f] ?? null;
  return out;
}
