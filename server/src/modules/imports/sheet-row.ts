/** One row of a spreadsheet or CSV file, as the readers produce it. */
export interface SheetRow {
  /** Row number as a spreadsheet shows it (the header is usually row 1). */
  row: number;
  /** Cell texts by 0-based column; missing cells are ''. */
  cells: string[];
  /** Columns whose cell holds a formula (never evaluated). */
  formulas: ReadonlySet<number> | null;
}

/** Excel's own cell limit; a longer cell is cut to this plus one character so it fails any length rule. */
export const MAX_CELL_CHARS = 32_767;
