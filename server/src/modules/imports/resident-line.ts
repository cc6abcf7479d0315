/**
 * A checked resident row in its stored form: the text of its COPY line (row-preparer.ts keeps
 * a chunk's lines in one buffer). New people go to the database as is; when the person is
 * already registered, the line is read back column by column and compared.
 */
import { randomUUID } from 'node:crypto';
import type { ResidentColumns } from '../registers/resident-columns.js';
import { copyBytes, copyText } from './bulk-tx.js';

/** Columns of the line; the batch adds the grid and its own columns after them (`SUFFIX_COLUMNS`). */
export const LINE_COLUMNS = [
  'id', 'notes', 'name', 'name_pinyin', 'name_initials', 'id_type', 'id_cipher', 'id_hash', 'id_masked', 'phone_cipher', 'phone_hash', 'phone_masked', 'sex',
  'birth_date', 'kind', 'nationality', 'ethnicity', 'registered_address', 'address', 'tags',
] as const;
export type LineColumn = (typeof LINE_COLUMNS)[number];
export const SUFFIX_COLUMNS = ['grid_id', 'region_code', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by', 'import_job_id'] as const;

/** Columns holding bytes (hex when read back). */
const BYTES = new Set<LineColumn>(['id_cipher', 'id_hash', 'phone_cipher', 'phone_hash']);

/** Values that cannot hold a tab, newline or backslash (codes, masks, dates, pinyin). */
const plain = (value: string | null | undefined): string => value ?? '\\N';

/** The stored form of a new resident (a fresh record id first). */
export function residentLine(c: ResidentColumns): string {
  // join() gives one flat string: no rope of pieces, no slices pinning the file's text.
  return [
    randomUUID(), copyText(c.notes), copyText(c.name), plain(c.namePinyin), plain(c.nameInitials), plain(c.idType), copyBytes(c.idCipher), copyBytes(c.idHash),
    plain(c.idMasked), copyBytes(c.phoneCipher), copyBytes(c.phoneHash), plain(c.phoneMasked), plain(c.sex), plain(c.birthDate), plain(c.kind),
    copyText(c.nationality), copyText(c.ethnicity), copyText(c.registeredAddress), copyText(c.address), `{${(c.tags ?? []).join(',')}}`,
  ].join('\t');
}

function unescapeCopy(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** The line's values by column: text unescaped, bytes as hex, tags as their codes joined by ','. */
export function readLine(line: string): Record<LineColumn, string | null> {
  const parts = line.split('\t');
  const out = {} as Record<LineColumn, string | null>;
  LINE_COLUMNS.forEach((column, i) => {
    const raw = parts[i] ?? '\\N';
    if (raw === '\\N') out[column] = null;
    else if (BYTES.has(column)) out[column] = raw.slice(3);
    else if (column === 'tags') out[column] = raw.slice(1, -1);
    else out[column] = unescapeCopy(raw);
  });
  return out;
}
