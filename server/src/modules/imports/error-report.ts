/**
 * The downloadable error report of an import (.xlsx, streamed to disk): the rows that failed,
 * with the file's own columns and values, and a 原因 ("Reason" in English) column saying what is
 * wrong in the user's language, by the file's own column names (never a field name or an error
 * code). The clerk fixes the cells in place and uploads the same file again: its header is the
 * original header, the reason column is not mapped, and a report of a report reuses it.
 *
 * The report holds the rows' personal data as the clerk uploaded it: it is kept like the upload
 * (the owner only) and every download is audited.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '@gridgov/contracts';
import { issueMessage, type RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';

/** The reason column's header by language; either one is recognised in a file uploaded again. */
export const REASON_HEADERS = { 'zh-CN': '原因', en: 'Reason' } as const satisfies Record<Locale, string>;
/** More failed rows than this are counted, not listed. */
export const REPORT_MAX_ROWS = 100_000;

/** What a row's problems say, by column: "身份证号：校验位错误；联系电话：电话号码不合法". */
export function rowReason(issues: readonly RowIssue[], locale: Locale): string {
  const en = locale === 'en';
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of issues) {
    const text = `${issue.column ? `${issue.column}${en ? ': ' : '：'}` : ''}${issueMessage(issue, locale)}`;
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return parts.join(en ? '; ' : '；');
}

export interface ReportSource {
  /** The header of the uploaded file. */
  columns: readonly string[];
  /** The uploaded file's data rows, in order. */
  rows: AsyncIterable<SheetRow>;
}

/** Writes the report; returns how many failed rows it lists. */
export async function writeErrorReport(path: string, source: ReportSource, issues: AsyncIterable<RowIssue>, locale: Locale): Promise<number> {
  const byRow = new Map<number, RowIssue[]>();
  let more = 0;
  for await (const issue of issues) {
    const list = byRow.get(issue.row);
    if (list) list.push(issue);
    else if (byRow.size < REPORT_MAX_ROWS) byRow.set(issue.row, [issue]);
    else more++;
  }
  const known = source.columns.findIndex((c) => c === REASON_HEADERS['zh-CN'] || c === REASON_HEADERS.en);
  const reasonAt = known === -1 ? source.columns.length : known;
  const header = [...source.columns];
  header[reasonAt] = REASON_HEADERS[locale];

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Rows to fix' : '待修改的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every cell is text, so numbers typed in while fixing (ID numbers) stay as written.
  sheet.columns = header.map((name, i) => ({ header: name, width: i === reasonAt ? 60 : Math.min(40, Math.max(10, name.length * 2 + 4)), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for await (const row of source.rows) {
    const found = byRow.get(row.row);
    if (!found) continue;
    const cells = header.map((_, i) => (i === reasonAt ? rowReason(found, locale) : (row.cells[i] ?? '')));
    const line = sheet.addRow(cells);
    line.getCell(reasonAt + 1).font = { color: { argb: 'FFC00000' } };
    line.commit();
    written++;
  }
  if (more > 0) {
    const note = header.map((_, i) => (i === reasonAt ? (locale === 'en' ? `${more} more problems are not listed` : `另有 ${more} 条错误未列出`) : ''));
    sheet.addRow(note).commit();
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
