/**
 * Cell values of an export. A spreadsheet program treats a text cell that begins with = + - @
 * (or a tab or carriage return before them) as a formula, so such text gets a leading
 * apostrophe (CSV / formula injection). Numbers stay numbers.
 */
export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180, CRLF), cells already neutralised. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The byte order mark that makes Excel read a CSV file as UTF-8 (Chinese shows correctly). */
export const UTF8_BOM = '\uFEFF';
