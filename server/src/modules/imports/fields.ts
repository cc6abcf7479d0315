/**
 * Register fields a source column can be mapped to, the suggested mapping from a file's header
 * names (Chinese or English), the check of a mapping, and the reading of a row's mapped cells
 * with the rules every register shares: formulas refused, length limits, required cells.
 */
import type { Locale } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { SheetRow } from './sheet-row.js';
import type { RowIssue } from './row-issues.js';
import { normalizeCell } from './cell-normalise.js';
import type { FieldSpec } from '../../platform/imports/kind.js';

export type { FieldSpec };


/** '证件号码（必填）*' -> '证件号码'; 'ID Number' -> 'idnumber'. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/[\s*_\-:：.·/]/g, '')
    .toLowerCase();
}

/** Field -> column header, for the headers that name a field. Each column is used once. */
export function suggestMapping(fields: readonly FieldSpec[], columns: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const spec of fields) {
    const names = new Set([spec.zh, spec.en, spec.field, ...spec.aliases].map(normalizeHeader));
    const column = columns.find((c) => !used.has(c) && names.has(normalizeHeader(c)));
    if (column !== undefined) {
      mapping[spec.field] = column;
      used.add(column);
    }
  }
  return mapping;
}

/**
 * Throws IMPORT_MAPPING_INVALID unless every field is known, every column exists once, every
 * required field is mapped (but those in `notNeeded`, which something else provides).
 */
export function checkMapping(fields: readonly FieldSpec[], columns: readonly string[], mapping: Record<string, string>, notNeeded: ReadonlySet<string> = new Set()): void {
  const known = new Set(fields.map((f) => f.field));
  const unknownFields = Object.keys(mapping).filter((f) => !known.has(f));
  const missingColumns = Object.entries(mapping).filter(([, c]) => !columns.includes(c)).map(([f]) => f);
  const missingRequired = fields.filter((f) => f.required && !notNeeded.has(f.field) && mapping[f.field] === undefined).map((f) => f.field);
  const seen = new Set<string>();
  const reused = Object.values(mapping).filter((c) => (seen.has(c) ? true : (seen.add(c), false)));
  if (unknownFields.length || missingColumns.length || missingRequired.length || reused.length) {
    throw new AppError('IMPORT_MAPPING_INVALID', { unknownFields, missingColumns, missingRequired, reusedColumns: [...new Set(reused)] });
  }
}

export function fieldLabel(spec: FieldSpec, locale: Locale): string {
  return locale === 'en' ? spec.en : spec.zh;
}

/** A mapped field with the position of its column. */
export interface MappedField {
  spec: FieldSpec;
  header: string;
  index: number;
}

export function planColumns(fields: readonly FieldSpec[], columns: readonly string[], mapping: Record<string, string>): MappedField[] {
  return fields.flatMap((spec) => {
    const header = mapping[spec.field];
    const index = header === undefined ? -1 : columns.indexOf(header);
    return index === -1 || header === undefined ? [] : [{ spec, header, index }];
  });
}

/**
 * The mapped cells of a row, trimmed, '' -> null; problems (formula, too long, required but
 * empty) are added to `issues` and such a cell reads as null.
 */
export function readMappedCells(row: SheetRow, plan: readonly MappedField[], issues: RowIssue[]): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const { spec, header, index } of plan) {
    const raw = row.cells[index] ?? '';
    if (row.formulas?.has(index)) {
      issues.push({ row: row.row, column: header, field: spec.field, code: 'IMPORT_FORMULA_NOT_ALLOWED' });
      values[spec.field] = null;
      continue;
    }
    let value = raw.trim();
    if (spec.normalize && value) {
      const clean = normalizeCell(spec.normalize, value);
      if ('scientific' in clean) {
        issues.push({ row: row.row, column: header, field: spec.field, code: 'IMPORT_CELL_AS_NUMBER' });
        values[spec.field] = null;
        continue;
      }
      value = clean.value;
    }
    if (value.length > spec.max) {
      issues.push({ row: row.row, column: header, field: spec.field, code: 'IMPORT_CELL_TOO_LONG', max: spec.max });
      values[spec.field] = null;
      continue;
    }
    if (value === '' && spec.required) issues.push({ row: row.row, column: header, field: spec.field, code: 'IMPORT_CELL_REQUIRED' });
    values[spec.field] = value === '' ? null : value;
  }
  return values;
}

/** Every name a header may give the fields (normalised), for finding the header row. */
export function fieldNames(fields: readonly FieldSpec[]): Set<string> {
  return new Set(fields.flatMap((f) => [f.zh, f.en, f.field, ...f.aliases].map(normalizeHeader)));
}
