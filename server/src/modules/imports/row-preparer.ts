/**
 * Checks one resident row on its own (mapped cells, identity, phone, words) and turns it into
 * its stored form: pure CPU work with no database, so it may run on worker threads.
 */
import type { ImportGridRule } from '@gridgov/contracts';
import type { PiiVault } from '../../platform/pii/vault.js';
import { CODE_RULE, GridKeyReader } from './grid-rule.js';
import { planColumns, readMappedCells, type MappedField } from './fields.js';
import type { RowIssue } from './row-issues.js';
import { RESIDENT_FIELDS, ResidentRows } from './resident-rows.js';
import { residentLine } from './resident-line.js';
import type { SheetRow } from './sheet-row.js';

/** What an import needs to know to read rows: the file's headers and the mapping. */
export interface RowPlan {
  columns: readonly string[];
  mapping: Record<string, string>;
  /** ISO date-time the rows are checked against (ID numbers: birth date not in the future). */
  today: string;
  /** Where rows get their grid (default: the grid-code column). */
  grid?: ImportGridRule;
}

/** Bytes of a key (the ID number's keyed hash). */
export const KEY_BYTES = 32;
/** Row flags. */
export const HAS_KEY = 1;
export const STORED = 2;
export const DATES_NAMED = 4;

/**
 * Rows checked on their own, kept column by column in typed arrays and one buffer of stored
 * lines: a chunk passes between threads as a few transferred buffers, and a batch keeps no
 * object or string per row (a million rows would otherwise keep the collector busy).
 */
export interface PreparedChunk {
  rows: Int32Array;
  /** HAS_KEY: the ID number is valid; STORED: the row is valid and `lines` holds its stored form; DATES_NAMED: it names birth date and sex. */
  flags: Uint8Array;
  /** The keyed hash of each row's ID number (KEY_BYTES each, zero without a key). */
  keys: Uint8Array;
  /** The stored forms (see resident-line.ts), UTF-8, one after another. */
  lines: Uint8Array;
  /** Where each row's line ends in `lines` (it starts where the previous one ends). */
  ends: Int32Array;
  gridCodes: Array<string | null>;
  /** Every problem of the chunk's rows, in row order. */
  issues: RowIssue[];
  /** Masked values for a preview; null in a run. */
  displays: Array<Record<string, string | null> | null> | null;
}

/** The buffers a chunk can hand to another thread without copying. */
export function chunkTransfer(chunk: PreparedChunk): ArrayBuffer[] {
  return [chunk.rows.buffer, chunk.flags.buffer, chunk.keys.buffer, chunk.lines.buffer, chunk.ends.buffer] as ArrayBuffer[];
}

export class RowPreparer {
  readonly plan: MappedField[];
  readonly columnOf: (field: string) => string | null;
  private readonly rows: ResidentRows;
  private readonly display: boolean;
  private readonly gridKeys: GridKeyReader;

  constructor(vault: PiiVault, plan: RowPlan, options: { display?: boolean } = {}) {
    this.gridKeys = new GridKeyReader(plan.grid ?? CODE_RULE, plan.columns);
    this.plan = planColumns(RESIDENT_FIELDS, plan.columns, plan.mapping);
    const headers = new Map(this.plan.map((p) => [p.spec.field, p.header]));
    this.columnOf = (field) => headers.get(field) ?? null;
    this.display = options.display ?? false;
    this.rows = new ResidentRows(vault, this.columnOf, new Date(plan.today), this.display);
  }

  prepare(rows: readonly SheetRow[]): PreparedChunk {
    const n = rows.length;
    const chunk: PreparedChunk = {
      rows: new Int32Array(n),
      flags: new Uint8Array(n),
      keys: new Uint8Array(n * KEY_BYTES),
      lines: new Uint8Array(0),
      ends: new Int32Array(n),
      gridCodes: [],
      issues: [],
      displays: this.display ? [] : null,
    };
    const lines: string[] = [];
    let bytes = 0;
    rows.forEach((row, i) => {
      const before = chunk.issues.length;
      const values = readMappedCells(row, this.plan, chunk.issues);
      const gridKey = this.gridKeys.read(row, values, chunk.issues);
      const result = this.rows.prepare(values, row.row, chunk.issues);
      let flags = 0;
      if (result.idHash) {
        chunk.keys.set(result.idHash.subarray(0, KEY_BYTES), i * KEY_BYTES);
        flags |= HAS_KEY;
      }
      if (chunk.issues.length === before && result.columns) {
        const line = residentLine(result.columns);
        lines.push(line);
        bytes += Buffer.byteLength(line);
        flags |= STORED;
        if (result.columns.birthDate !== undefined) flags |= DATES_NAMED;
      }
      chunk.rows[i] = row.row;
      chunk.flags[i] = flags;
      chunk.ends[i] = bytes;
      chunk.gridCodes.push(gridKey);
      chunk.displays?.push(result.display);
    });
    // Its own ArrayBuffer (never a slice of Buffer's shared pool), so it can be transferred.
    chunk.lines = new Uint8Array(bytes);
    const writer = Buffer.from(chunk.lines.buffer);
    let at = 0;
    for (const line of lines) at += writer.write(line, at);
    return chunk;
  }
}

/** The stored form of row `i` of a chunk, as text. */
export function chunkLine(chunk: PreparedChunk, i: number): string {
  return Buffer.from(chunk.lines.buffer, chunk.lines.byteOffset, chunk.lines.byteLength).toString('utf8', i > 0 ? chunk.ends[i - 1] : 0, chunk.ends[i]);
}

/** Hex of row `i`'s key. */
export function chunkKey(chunk: PreparedChunk, i: number): string {
  return Buffer.from(chunk.keys.buffer, chunk.keys.byteOffset + i * KEY_BYTES, KEY_BYTES).toString('hex');
}
