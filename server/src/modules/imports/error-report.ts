/**
 * The downloadable error report of an import (.xlsx, streamed to disk): one line per problem
 * with the row number, the column, the field, the stable code and the reason. Values are never
 * repeated, so the report holds no ID number or phone.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '@gridgov/contracts';
import { issueMessage, type RowIssue } from './row-issues.js';

export const REPORT_HEADERS = ['行号', '列', '字段', '错误代码', '原因'] as const;
/** More problems than this are counted, not listed. */
export const REPORT_MAX_LINES = 100_000;

export async function writeErrorReport(path: string, issues: AsyncIterable<RowIssue>, locale: Locale): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Errors' : '错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: REPORT_HEADERS[0], width: 8 },
    { header: REPORT_HEADERS[1], width: 18 },
    { header: REPORT_HEADERS[2], width: 18 },
    { header: REPORT_HEADERS[3], width: 30 },
    { header: REPORT_HEADERS[4], width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  let more = 0;
  for await (const issue of issues) {
    if (written >= REPORT_MAX_LINES) {
      more++;
      continue;
    }
    sheet.addRow([issue.row, issue.column ?? '', issue.field ?? '', issue.code, issueMessage(issue, locale)]).commit();
    written++;
  }
  if (more > 0) {
    sheet.addRow(['', '', '', '', locale === 'en' ? `${more} more problems are not listed` : `另有 ${more} 条错误未列出`]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return written + more;
}
