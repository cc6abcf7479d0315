/**
 * Reads an uploaded household list (.xlsx or .csv) for a campaign's list target, the way register
 * imports are read: on the server, from the bytes, never trusting the name alone. The list is one
 * column of household numbers; the first row is a header when it holds no digit ("户号"); blank
 * rows are skipped and repeats dropped. A row with more than one filled cell, a number longer than
 * 40 characters or a cell that is not text or a number (a date, an error) refuses the whole file
 * with the row at fault. Nothing is stored: the numbers come back for the campaign's draft.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SURVEY_LIST_ROW_REASONS, SurveyListFile } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';

/** As many households as a list target may name (the contract's limit). */
export const LIST_MAX_ROWS = 50_000;
/** Upload limit: 50,000 numbers of 40 characters fit well below it. */
export const LIST_MAX_BYTES = 4 * 1024 * 1024;
/** What a workbook may inflate to (a zip bomb is refused before it is opened). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

type Reason = (typeof SURVEY_LIST_ROW_REASONS)[number];
const REASON_TEXT: Record<Reason, { zh: string; en: string }> = {
  several_columns: { zh: '该行有多列内容', en: 'the row has more than one filled cell' },
  too_long: { zh: '户号超过 40 个字符', en: 'the number is longer than 40 characters' },
  not_text: { zh: '单元格不是文字或数字', en: 'the cell is neither text nor a number' },
};

const rowError = (row: number, reason: Reason) => new AppError('SURVEY_LIST_ROW_INVALID', { row, reason, reasonZh: REASON_TEXT[reason].zh, reasonEn: REASON_TEXT[reason].en });
const notAList = (reason: string) => new AppError('SURVEY_LIST_FILE_TYPE', { reason });

/** The sum of the entries' uncompressed sizes from the zip's central directory; null when there is none. */
function inflatedSize(bytes: Buffer): number | null {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= from; at--) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = bytes.readUInt16LE(at + 10);
    let entry = bytes.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (entry + 46 > bytes.length || bytes.readUInt32LE(entry) !== 0x02014b50) return null;
      total += bytes.readUInt32LE(entry + 24);
      entry += 46 + bytes.readUInt16LE(entry + 28) + bytes.readUInt16LE(entry + 30) + bytes.readUInt16LE(entry + 32);
    }
    return total;
  }
  return null;
}

/** A cell as the text of a household number; undefined for an empty cell. */
function cellText(value: ExcelJS.CellValue, row: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : undefined;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('').trim() || undefined;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text.trim() || undefined;
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue, row);
  throw rowError(row, 'not_text');
}

async function firstSheet(bytes: Buffer, fileName: string): Promise<ExcelJS.Worksheet> {
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const book = new ExcelJS.Workbook();
  if (isZip) {
    if (ext !== 'xlsx') throw notAList('a workbook named other than .xlsx');
    const inflated = inflatedSize(bytes);
    if (inflated === null) throw notAList('not a zip archive');
    if (inflated > MAX_INFLATED_BYTES) throw new AppError('SURVEY_LIST_FILE_TOO_LARGE', { maxRows: LIST_MAX_ROWS });
    await book.xlsx.load(bytes as unknown as ArrayBuffer).catch(() => {
      throw notAList('unreadable workbook');
    });
  } else {
    if (ext !== 'csv' && ext !== 'txt') throw notAList('only .xlsx and .csv files');
    if (bytes.includes(0)) throw notAList('binary content in a text file');
    // Every cell is read as written: no number or date conversion (leading zeros stay).
    await book.csv.read(Readable.from([bytes]), { map: (value: unknown) => value, parserOptions: { ignoreEmpty: false } }).catch(() => {
      throw notAList('unreadable CSV');
    });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('SURVEY_LIST_FILE_EMPTY');
  return sheet;
}

export async function readListFile(bytes: Buffer, fileName: string): Promise<SurveyListFile> {
  if (bytes.length > LIST_MAX_BYTES) throw new AppError('SURVEY_LIST_FILE_TOO_LARGE', { maxRows: LIST_MAX_ROWS });
  const sheet = await firstSheet(bytes, fileName);
  const numbers: string[] = [];
  let header = false;
  let first = true;
  let failure: AppError | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (failure) return;
    try {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = cellText(cell.value, rowNumber);
        if (text !== undefined) cells.push(text);
      });
      if (cells.length === 0) return;
      // A UTF-8 byte order mark is part of the first cell of a CSV file.
      const text = cells[0]!.replace(/^\uFEFF/, '').trim();
      if (first && !/\d/.test(text)) {
        first = false;
        header = true;
        return;
      }
      first = false;
      if (cells.length > 1) throw rowError(rowNumber, 'several_columns');
      if (text.length > 40) throw rowError(rowNumber, 'too_long');
      if (numbers.length >= LIST_MAX_ROWS) throw new AppError('SURVEY_LIST_FILE_TOO_LARGE', { maxRows: LIST_MAX_ROWS });
      numbers.push(text);
    } catch (error) {
      failure = error instanceof AppError ? error : rowError(rowNumber, 'not_text');
    }
  });
  if (failure) throw failure;
  const householdNumbers = [...new Set(numbers)];
  if (householdNumbers.length === 0) throw new AppError('SURVEY_LIST_FILE_EMPTY');
  return { householdNumbers, rows: numbers.length, duplicates: numbers.length - householdNumbers.length, header };
}
