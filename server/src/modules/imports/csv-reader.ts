/**
 * Streaming CSV: the text encoding is detected from the file's head (UTF-8 with or without a
 * BOM, or GB18030 as Excel saves CSV on Chinese Windows), the delimiter from the header line,
 * and records are parsed as the file streams (RFC 4180 quoting, CRLF or LF). A cell starting
 * with '=' is marked as a formula and never evaluated.
 */
import fs from 'node:fs';
import { AppError } from '../../platform/errors.js';
import { MAX_CELL_CHARS, type SheetRow } from './sheet-row.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Longest record accepted (characters); a longer one means a broken quote or a hostile file. */
const MAX_RECORD_CHARS = 1 << 20;
const HEAD_BYTES = 64 * 1024;

/** Magic numbers of formats that are certainly not CSV text. */
const BINARY_MAGIC: Buffer[] = [
  Buffer.from('%PDF-'), Buffer.from('MZ'), Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('GIF8'), Buffer.from([0x1f, 0x8b]), Buffer.from('Rar!'), Buffer.from([0x37, 0x7a, 0xbc, 0xaf]),
];

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function decodes(head: Buffer, encoding: TextEncoding): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a text file from its first bytes, or IMPORT_FILE_TYPE when it is not text
 * (a binary format's magic number, NUL bytes, or bytes that are neither UTF-8 nor GB18030).
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head.length === 0) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'empty file' });
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (BINARY_MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic))) throw new AppError('IMPORT_FILE_TYPE', { reason: 'binary file' });
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) throw new AppError('IMPORT_FILE_TYPE', { reason: 'binary file' });
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  if (controls > head.length / 100) throw new AppError('IMPORT_FILE_TYPE', { reason: 'binary file' });
  if (decodes(head, 'utf-8')) return 'utf-8';
  if (decodes(head, 'gb18030')) return 'gb18030';
  throw new AppError('IMPORT_FILE_TYPE', { reason: 'unknown text encoding' });
}

/** The delimiter used by the header line: the most frequent of comma, tab and semicolon outside quotes. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map([[',', 0], ['\t', 0], [';', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/**
 * Incremental CSV record parser. `push` returns the records completed by a chunk; a record
 * split across chunks waits for the rest.
 */
export class CsvParser {
  private pending = '';
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  push(chunk: string, final = false): string[][] {
    const s = this.pending ? this.pending + chunk : chunk;
    const records: string[][] = [];
    let p = 0;
    while (p < s.length) {
      const end = this.record(s, p, final, records);
      if (end === -1) break;
      p = end;
    }
    this.pending = p < s.length ? s.slice(p) : '';
    if (this.pending.length > MAX_RECORD_CHARS) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'a record is too long (unbalanced quotes?)' });
    return records;
  }

  /** Parses one record at `p`; returns the position after it, or -1 if it is not complete yet. */
  private record(s: string, p: number, final: boolean, out: string[][]): number {
    const fields: string[] = [];
    const delim = this.delim;
    for (;;) {
      let value: string;
      if (s.charCodeAt(p) === 34 /* " */) {
        value = '';
        let j = p + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1) {
            if (!final) return -1;
            value += s.slice(j);
            p = s.length;
            break;
          }
          if (s.charCodeAt(q + 1) === 34) {
            value += s.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          if (q + 1 >= s.length && !final) return -1;
          value += s.slice(j, q);
          p = q + 1;
          break;
        }
        // Text after the closing quote (relaxed): kept as written.
        let k = p;
        while (k < s.length) {
          const c = s.charCodeAt(k);
          if (c === delim || c === 10 || c === 13) break;
          k++;
        }
        if (k > p) value += s.slice(p, k);
        p = k;
      } else {
        let k = p;
        while (k < s.length) {
          const c = s.charCodeAt(k);
          if (c === delim || c === 10 || c === 13) break;
          k++;
        }
        value = s.slice(p, k);
        p = k;
      }
      if (value.length > MAX_CELL_CHARS) value = value.slice(0, MAX_CELL_CHARS + 1);
      fields.push(value);
      if (p >= s.length) {
        if (!final) return -1;
        out.push(fields);
        return p;
      }
      const c = s.charCodeAt(p);
      if (c === delim) {
        p++;
        if (p >= s.length && !final) return -1;
        if (p >= s.length) {
          fields.push('');
          out.push(fields);
          return p;
        }
        continue;
      }
      // End of line: LF, CRLF or a lone CR.
      if (c === 13) {
        if (p + 1 >= s.length && !final) return -1;
        p += s.charCodeAt(p + 1) === 10 ? 2 : 1;
      } else {
        p++;
      }
      out.push(fields);
      return p;
    }
  }
}

export interface CsvSource {
  encoding: TextEncoding;
  delimiter: string;
}

/** Detects encoding and delimiter from the file's head. */
export async function inspectCsv(path: string): Promise<CsvSource> {
  const head = await readHead(path);
  const encoding = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head, { stream: true });
  const newline = text.search(/[\r\n]/);
  return { encoding, delimiter: detectDelimiter(newline === -1 ? text : text.slice(0, newline)) };
}

/** Every non-empty record as a row (the header is row 1); a cell starting with '=' is a formula. */
export async function* csvRows(path: string, source: CsvSource): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(source.encoding, { fatal: true });
  const parser = new CsvParser(source.delimiter);
  const stream = fs.createReadStream(path, { highWaterMark: 1 << 16 });
  let row = 0;
  function* toRows(records: string[][]): Generator<SheetRow> {
    for (const cells of records) {
      row++;
      let formulas: Set<number> | null = null;
      let empty = true;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (cell.length === 0 || (cell.charCodeAt(0) <= 32 && cell.trim() === '')) continue;
        empty = false;
        if (cell.charCodeAt(0) === 61 /* = */) (formulas ??= new Set()).add(i);
      }
      if (!empty) yield { row, cells, formulas };
    }
  }
  try {
    for await (const chunk of stream) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        throw new AppError('IMPORT_FILE_CORRUPT', { reason: `not valid ${source.encoding} text after row ${row}` });
      }
      yield* toRows(parser.push(text));
    }
    yield* toRows(parser.push(decoder.decode(), true));
  } finally {
    stream.destroy();
  }
}

/**
 * Counts non-empty records by scanning bytes (newlines outside quotes), without decoding.
 * Works for UTF-8 and GB18030, whose multi-byte sequences never contain '"' or '\n'.
 */
export async function countCsvRecords(path: string, encoding: TextEncoding, limit: number): Promise<number> {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    let n = 0;
    for await (const _ of csvRows(path, { encoding, delimiter: ',' })) if (++n > limit) break;
    return n;
  }
  let count = 0;
  let quoted = false;
  let content = false;
  const stream = fs.createReadStream(path, { highWaterMark: 1 << 18 });
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        if (b === 0x22) {
          quoted = !quoted;
          content = true;
        } else if (b === 0x0a && !quoted) {
          if (content) count++;
          content = false;
        } else if (b !== 0x0d && b !== 0x2c && b !== 0x09 && b !== 0x20) {
          content = true;
        }
      }
      if (count > limit) break;
    }
  } finally {
    stream.destroy();
  }
  return content ? count + 1 : count;
}
