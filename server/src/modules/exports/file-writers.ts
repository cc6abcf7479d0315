/**
 * Writers that stream an export to disk one page of rows at a time: CSV (UTF-8 with a byte
 * order mark, so Excel shows Chinese) and XLSX (exceljs's streaming workbook writer).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { csvLine, UTF8_BOM, type Cell } from '../../platform/csv.js';

export interface SheetWriter {
  write(rows: Cell[][]): Promise<void>;
  close(): Promise<void>;
}

export interface SheetLayout {
  title: string;
  columns: { header: string; width: number }[];
}

function csvWriter(file: string, layout: SheetLayout): SheetWriter {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  // A write error (a full disk) surfaces at the next write or at close, never as an unhandled event.
  let failure: unknown = null;
  out.on('error', (error) => {
    failure = error;
  });
  out.write(UTF8_BOM + csvLine(layout.columns.map((c) => c.header)));
  return {
    async write(rows) {
      if (failure) throw failure;
      if (!out.write(rows.map(csvLine).join(''))) await once(out, 'drain');
    },
    async close() {
      out.end();
      await finished(out);
    },
  };
}

/** An XLSX writer to a file, or to a stream (a download answered while its rows are read). */
export function xlsxWriter(target: string | Writable, layout: SheetLayout): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...(typeof target === 'string' ? { filename: target } : { stream: target }), useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(layout.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = layout.columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(layout.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return {
    async write(rows) {
      for (const row of rows) sheet.addRow(row).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function openSheetWriter(format: 'csv' | 'xlsx', file: string, layout: SheetLayout): SheetWriter {
  return format === 'csv' ? csvWriter(file, layout) : xlsxWriter(file, layout);
}
