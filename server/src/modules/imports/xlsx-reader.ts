/**
 * Streaming reader of the first worksheet of an .xlsx file. Rows are produced as the sheet
 * inflates, so a million-row sheet never sits in memory; shared strings are kept compactly
 * (UTF-8 bytes plus offsets). Formulas are never evaluated: a cell with a formula is reported
 * as such, whatever cached result it carries.
 */
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.js';
import { attr, XmlScanner, XmlTooLargeTokenError, type XmlHandler } from './xml-scanner.js';
import { entryStream, entryText, openZip, type ZipEntries } from './zip.js';
import { MAX_CELL_CHARS, type SheetRow } from './sheet-row.js';

/** Shared strings as one growing UTF-8 buffer and an offset table. */
export class StringTable {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private offsets = new Uint32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(text: string): void {
    const need = Buffer.byteLength(text);
    if (this.used + need > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + need) size *= 2;
      if (size > 0xffffffff) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'shared strings too large' });
      const grown = Buffer.allocUnsafe(size);
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count + 1 >= this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count] = this.used;
    this.used += this.bytes.write(text, this.used);
    this.count++;
    this.offsets[this.count] = this.used;
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    return this.bytes.toString('utf8', this.offsets[index], this.offsets[index + 1]);
  }
}

/** OOXML writes control characters as _xHHHH_. */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

function appendCapped(current: string, more: string): string {
  if (current.length > MAX_CELL_CHARS) return current;
  const joined = current + more;
  return joined.length > MAX_CELL_CHARS + 1 ? joined.slice(0, MAX_CELL_CHARS + 1) : joined;
}

/** 'BC12' -> 54 (0-based column index); -1 if not a cell reference. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** 0 -> 'A', 27 -> 'AB'. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A number cell as text. Excel keeps 15 significant digits: a longer number (an ID number typed
 * into a General column) has lost its last digits, so it reads as Excel shows it (4.30702E+17),
 * which the import reports instead of storing a wrong number.
 */
function numberText(raw: string): string {
  const trimmed = raw.trim();
  const n = Number(trimmed);
  if (trimmed !== '' && Number.isFinite(n) && Math.abs(n) >= 1e15) return n.toExponential(5).toUpperCase().replace(/\.?0+E/, 'E');
  if (/^-?\d+$/.test(trimmed)) return trimmed;
  if (!Number.isFinite(n) || trimmed === '') return trimmed;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

/** Collects rows of a worksheet; `shared` resolves a shared-string index. */
class SheetHandler implements XmlHandler {
  rows: SheetRow[] = [];
  private rowNumber = 0;
  private cells: string[] | null = null;
  private formulas: Set<number> | null = null;
  private col = -1;
  private lastCol = -1;
  private type = '';
  private value = '';
  private hasFormula = false;
  private inValue = false;
  private inInline = false;
  private inInlineText = false;
  private inPhonetic = false;

  constructor(private readonly shared: (index: number) => string) {}

  wantsText(): boolean {
    return this.inValue || (this.inInlineText && !this.inPhonetic);
  }

  text(text: string): void {
    this.value = appendCapped(this.value, text);
  }

  open(name: string, attrs: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = Number(attr(attrs, 'r'));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.cells = [];
        this.formulas = null;
        this.lastCol = -1;
        break;
      }
      case 'c': {
        const ref = attr(attrs, 'r');
        const index = ref ? columnIndex(ref) : -1;
        this.col = index >= 0 ? index : this.lastCol + 1;
        this.lastCol = this.col;
        this.type = attr(attrs, 't') ?? 'n';
        this.value = '';
        this.hasFormula = false;
        break;
      }
      case 'f':
        this.hasFormula = true;
        break;
      case 'v':
        if (!selfClosing) this.inValue = true;
        break;
      case 'is':
        this.inInline = true;
        break;
      case 't':
        if (this.inInline && !selfClosing) this.inInlineText = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inValue = false;
        break;
      case 't':
        this.inInlineText = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        this.closeCell();
        break;
      case 'row':
        if (this.cells && (this.formulas || this.cells.some((c) => c !== undefined && c.trim() !== ''))) {
          this.rows.push({ row: this.rowNumber, cells: Array.from(this.cells, (c) => c ?? ''), formulas: this.formulas });
        }
        this.cells = null;
        break;
    }
  }

  private closeCell(): void {
    if (!this.cells || this.col < 0 || this.col > 16_383) return;
    let value: string;
    switch (this.type) {
      case 's':
        value = this.shared(Number(this.value.trim()));
        break;
      case 'inlineStr':
      case 'str':
        value = unescapeOoxml(this.value);
        break;
      case 'b':
        value = this.value.trim() === '1' ? 'TRUE' : this.value.trim() === '0' ? 'FALSE' : this.value;
        break;
      case 'n':
        value = numberText(this.value);
        break;
      default:
        value = this.value;
    }
    this.cells[this.col] = value;
    if (this.hasFormula) (this.formulas ??= new Set()).add(this.col);
  }
}

class SharedStringsHandler implements XmlHandler {
  private inItem = false;
  private inText = false;
  private inPhonetic = false;
  private value = '';

  constructor(
    private readonly table: StringTable,
    private readonly upTo: number,
  ) {}

  get done(): boolean {
    return this.table.size > this.upTo;
  }

  wantsText(): boolean {
    return this.inItem && this.inText && !this.inPhonetic;
  }

  text(text: string): void {
    this.value = appendCapped(this.value, text);
  }

  open(name: string, _attrs: string, selfClosing: boolean): void {
    if (name === 'si') {
      this.inItem = true;
      this.value = '';
    } else if (name === 't' && !selfClosing) {
      this.inText = true;
    } else if (name === 'rPh') {
      this.inPhonetic = true;
    }
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      this.inItem = false;
      if (!this.done) this.table.add(unescapeOoxml(this.value));
    }
  }
}

async function* decodeChunks(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'damaged worksheet data' });
  } finally {
    stream.destroy();
  }
}

function scanError(error: unknown): unknown {
  return error instanceof XmlTooLargeTokenError ? new AppError('IMPORT_FILE_CORRUPT', { reason: 'malformed XML' }) : error;
}

/** A relationship target, resolved against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

export class XlsxBook {
  private constructor(
    private readonly zip: ZipEntries,
    readonly sheetPath: string,
    readonly stringsPath: string | null,
  ) {}

  /**
   * Opens an .xlsx: the zip directory is checked first (IMPORT_ZIP_BOMB), then the parts that
   * make it a workbook must be there (IMPORT_FILE_TYPE otherwise).
   */
  static async open(path: string, fileBytes: number): Promise<XlsxBook> {
    const zip = await openZip(path, fileBytes);
    try {
      if (!zip.entries.has('[Content_Types].xml') || !zip.entries.has('xl/workbook.xml')) {
        throw new AppError('IMPORT_FILE_TYPE', { reason: 'a zip file, but not an xlsx workbook' });
      }
      const workbook = (await entryText(zip, 'xl/workbook.xml')) ?? '';
      const rels = (await entryText(zip, 'xl/_rels/workbook.xml.rels')) ?? '';
      const relations = new Map<string, { type: string; target: string }>();
      for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
        const id = attr(m[1] ?? '', 'Id');
        const target = attr(m[1] ?? '', 'Target');
        if (id && target) relations.set(id, { type: attr(m[1] ?? '', 'Type') ?? '', target: resolveTarget('xl/workbook.xml', target) });
      }
      const firstSheet = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbook);
      const sheetRel = firstSheet ? relations.get(attr(firstSheet[1] ?? '', 'id') ?? '') : undefined;
      const sheetPath = sheetRel && zip.entries.has(sheetRel.target) ? sheetRel.target : 'xl/worksheets/sheet1.xml';
      if (!zip.entries.has(sheetPath)) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'no worksheet' });
      const stringsRel = [...relations.values()].find((r) => r.type.endsWith('/sharedStrings'));
      const stringsPath = stringsRel && zip.entries.has(stringsRel.target) ? stringsRel.target : zip.entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null;
      return new XlsxBook(zip, sheetPath, stringsPath);
    } catch (error) {
      zip.zip.close();
      throw error;
    }
  }

  close(): void {
    this.zip.zip.close();
  }

  /** Shared strings 0..upTo (all when upTo is Infinity). */
  async loadStrings(upTo = Infinity): Promise<StringTable> {
    const table = new StringTable();
    if (!this.stringsPath || upTo < 0) return table;
    const stream = await entryStream(this.zip, this.stringsPath);
    if (!stream) return table;
    const handler = new SharedStringsHandler(table, upTo);
    const scanner = new XmlScanner(handler);
    try {
      for await (const text of decodeChunks(stream)) {
        scanner.push(text);
        if (handler.done) break;
      }
      scanner.end();
    } catch (error) {
      throw scanError(error);
    }
    return table;
  }

  /** Every non-empty row of the first worksheet, in order. */
  async *rows(strings: StringTable): AsyncGenerator<SheetRow> {
    yield* this.scanRows((i) => strings.get(i));
  }

  /** The first `count` non-empty rows, loading only the shared strings they use. */
  async firstRows(count: number): Promise<SheetRow[]> {
    // Cells first hold a reference to their shared string (NUL + index; XML text can never
    // contain NUL), resolved once the strings up to the highest index used are loaded.
    const SHARED_REF = '\u0000';
    let maxIndex = -1;
    const found: SheetRow[] = [];
    for await (const row of this.scanRows((i) => {
      if (!Number.isInteger(i) || i < 0) return '';
      if (i > maxIndex) maxIndex = i;
      return SHARED_REF + i;
    })) {
      found.push(row);
      if (found.length >= count) break;
    }
    const strings = await this.loadStrings(maxIndex);
    for (const row of found) {
      row.cells = row.cells.map((c) => (c.startsWith(SHARED_REF) ? strings.get(Number(c.slice(1))) : c));
    }
    return found;
  }

  /** Counts `<row>` elements of the worksheet without parsing cells; stops past `limit`. */
  async countRows(limit: number): Promise<number> {
    const stream = await entryStream(this.zip, this.sheetPath);
    if (!stream) return 0;
    let count = 0;
    let tail = '';
    const tag = /<(?:[\w.-]+:)?row[\s/>]/g;
    for await (const text of decodeChunks(stream)) {
      const window = tail + text;
      // Count matches that end inside the new text, so a tag split across chunks counts once.
      tag.lastIndex = 0;
      for (let m = tag.exec(window); m; m = tag.exec(window)) if (m.index + m[0].length > tail.length) count++;
      tail = window.slice(-16);
      if (count > limit) break;
    }
    return count;
  }

  private async *scanRows(shared: (index: number) => string): AsyncGenerator<SheetRow> {
    const stream = await entryStream(this.zip, this.sheetPath);
    if (!stream) return;
    const handler = new SheetHandler(shared);
    const scanner = new XmlScanner(handler);
    try {
      for await (const text of decodeChunks(stream)) {
        scanner.push(text);
        if (handler.rows.length) {
          const ready = handler.rows;
          handler.rows = [];
          yield* ready;
        }
      }
      scanner.end();
      yield* handler.rows;
    } catch (error) {
      throw scanError(error);
    }
  }
}
