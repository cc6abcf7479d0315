/**
 * Problems found in one row (or one cell) of an imported file: a stable error code, where it
 * is, and the few facts a message needs. Messages never repeat a cell's value, so a report
 * cannot leak an ID number or a phone.
 */
import { errorMessage, type ImportRowError, type Locale } from '@gridgov/contracts';
import type { RowIssue } from '../../platform/imports/kind.js';

export type { RowIssue };

const ID_REASONS: Record<string, { zh: string; en: string }> = {
  format: { zh: '应为 18 位，最后一位可为 X', en: 'it must have 18 characters, the last may be X' },
  birth_date: { zh: '出生日期不存在', en: 'the birth date does not exist' },
  check_digit: { zh: '校验位错误', en: 'the check digit is wrong' },
  required: { zh: '缺少证件号码', en: 'the ID number is missing' },
};

export function issueMessage(issue: RowIssue, locale: Locale): string {
  const en = locale === 'en';
  const base = errorMessage(issue.code, locale);
  const detail = (zh: string, english: string) => (en ? `${base} (${english})` : `${base}（${zh}）`);
  switch (issue.code) {
    case 'IMPORT_CELL_TOO_LONG':
      return detail(`最多 ${issue.max} 个字符`, `at most ${issue.max} characters`);
    case 'IMPORT_DUPLICATE_ROW':
      if (issue.field === 'idNumber') return en ? `Same ID number as row ${issue.firstRow}` : `与第 ${issue.firstRow} 行的证件号码重复`;
      // Other registers' keys (a building's name in its grid...): named by the file's own column.
      return en ? `Same ${issue.column ?? issue.field ?? 'key'} as row ${issue.firstRow}` : `与第 ${issue.firstRow} 行的${issue.column ?? issue.field ?? '记录'}重复`;
    case 'IMPORT_CELL_INVALID':
      return issue.allowed ? detail(`可填：${issue.allowed}`, `allowed: ${issue.allowed}`) : base;
    case 'ID_NUMBER_INVALID': {
      const reason = issue.reason ? ID_REASONS[issue.reason] : undefined;
      return reason ? detail(reason.zh, reason.en) : base;
    }
    default:
      return base;
  }
}

export function presentIssue(issue: RowIssue, locale: Locale): ImportRowError {
  return { row: issue.row, column: issue.column, field: issue.field, code: issue.code, message: issueMessage(issue, locale) };
}

/** The presented problems of each row. */
export function groupIssues(issues: readonly RowIssue[], locale: Locale): (row: number) => ImportRowError[] {
  const byRow = new Map<number, RowIssue[]>();
  for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  return (row) => (byRow.get(row) ?? []).map((issue) => presentIssue(issue, locale));
}
