/**
 * One interface over the two file types: what kind of file an upload really is (its content,
 * not its name), its header, its first rows, its row count, and a stream of its data rows.
 */
import path from 'node:path';
import { AppError } from '../../platform/errors.js';
import { countCsvRecords, csvRows, detectEncoding, inspectCsv, readHead } from './csv-reader.js';
import { columnLetter, XlsxBook } from './xlsx-reader.js';
import type { SheetRow } from './sheet-row.js';
import { normalizeHeader } from './fields.js';

export type FileType = 'xlsx' | 'csv';

/** The declared type from the name, confirmed by the content; IMPORT_FILE_TYPE otherwise. */
export async function sniffFileType(filePath: string, fileName: string): Promise<FileType> {
  const ext = path.extname(fileName).toLowerCase();
  const head = await readHead(filePath, 4096);
  const isZip = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (ext === '.xlsx') {
    if (!isZip) throw new AppError('IMPORT_FILE_TYPE', { reason: 'not an xlsx workbook' });
    return 'xlsx';
  }
  if (ext === '.csv') {
    detectEncoding(await readHead(filePath));
    return 'csv';
  }
  throw new AppError('IMPORT_FILE_TYPE', { reason: 'only .xlsx and .csv files' });
}

/** Header names: empty ones named by column letter, repeated ones numbered. */
export function headerNames(cells: readonly string[]): string[] {
  let last = cells.length - 1;
  while (last >= 0 && (cells[last] ?? '').trim() === '') last--;
  const seen = new Map<string, number>();
  return cells.slice(0, last + 1).map((cell, i) => {
    const name = cell.replace(/\s+/g, ' ').trim() || columnLetter(i);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

export interface OpenedSheet {
  columns: string[];
  /** Data rows after the header. */
  rows: AsyncGenerator<SheetRow>;
  close(): void;
}

/** Rows searched for the header: a sheet may open with a (merged) title row or two. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Which of the first rows is the header: the first row that names the most known fields (by
 * their Chinese or English names and aliases); failing that, the first row with two or more
 * cells (a merged title row has one); failing that, the first row.
 */
export function findHeader(rows: readonly SheetRow[], fieldNames: ReadonlySet<string>): number {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  let best = -1;
  let bestHits = 0;
  candidates.forEach((row, i) => {
    const hits = row.cells.filter((c) => fieldNames.has(normalizeHeader(c))).length;
    if (hits > bestHits) [best, bestHits] = [i, hits];
  });
  if (best >= 0) return best;
  const wide = candidates.findIndex((row) => row.cells.filter((c) => c.trim() !== '').length >= 2);
  return Math.max(0, wide);
}

async function* skipHeader(rows: AsyncGenerator<SheetRow>, headerAt: number, onHeader: (row: SheetRow) => void): AsyncGenerator<SheetRow> {
  let seen = 0;
  for await (const row of rows) {
    if (seen < headerAt) {
      seen++;
      continue;
    }
    if (seen === headerAt) {
      onHeader(row);
      seen++;
      continue;
    }
    yield row;
  }
}

/** Opens the file for the import run; `columns` is known once the header row (at `headerAt`) has been read. */
export async function openSheet(filePath: string, fileType: FileType, fileBytes: number, headerAt = 0): Promise<OpenedSheet> {
  const opened: OpenedSheet = { columns: [], rows: (async function* () {})(), close: () => undefined };
  const onHeader = (row: SheetRow) => {
    opened.columns = headerNames(row.cells);
  };
  if (fileType === 'csv') {
    opened.rows = skipHeader(csvRows(filePath, await inspectCsv(filePath)), headerAt, onHeader);
    return opened;
  }
  const book = await XlsxBook.open(filePath, fileBytes);
  try {
    const strings = await book.loadStrings();
    opened.rows = skipHeader(book.rows(strings), headerAt, onHeader);
    opened.close = () => book.close();
    return opened;
  } catch (error) {
    book.close();
    throw error;
  }
}

/**
 * The header (found among the first rows, see `findHeader`), its position, and up to `count`
 * data rows after it, reading no more of the file than needed.
 */
export async function firstRows(
  filePath: string,
  fileType: FileType,
  fileBytes: number,
  count: number,
  fieldNames: ReadonlySet<string> = new Set(),
): Promise<{ columns: string[]; rows: SheetRow[]; headerAt: number }> {
  let found: SheetRow[] = [];
  const wanted = count + HEADER_SEARCH_ROWS;
  if (fileType === 'csv') {
    for await (const row of csvRows(filePath, await inspectCsv(filePath))) {
      found.push(row);
      if (found.length >= wanted) break;
    }
  } else {
    const book = await XlsxBook.open(filePath, fileBytes);
    try {
      found = await book.firstRows(wanted);
    } finally {
      book.close();
    }
  }
  const headerAt = findHeader(found, fieldNames);
  const header = found[headerAt];
  return { columns: header ? headerNames(header.cells) : [], rows: found.slice(headerAt + 1, headerAt + 1 + count), headerAt };
}

/** Data rows (records after the header at `headerAt`), counting no further than just past `limit`. */
export async function countDataRows(filePath: string, fileType: FileType, fileBytes: number, limit: number, headerAt = 0): Promise<number> {
  if (fileType === 'csv') {
    const { encoding } = await inspectCsv(filePath);
    return Math.max(0, (await countCsvRecords(filePath, encoding, limit + 1 + headerAt)) - 1 - headerAt);
  }
  const book = await XlsxBook.open(filePath, fileBytes);
  try {
    return Math.max(0, (await book.countRows(limit + 1 + headerAt)) - 1 - headerAt);
  } finally {
    book.close();
  }
}
