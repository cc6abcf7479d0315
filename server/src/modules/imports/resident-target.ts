/**
 * Residents as an import target: rows are checked (identity, phone, words; encrypted) on worker
 * threads for large files, admitted in file order (duplicates by ID number's keyed hash, grids
 * in scope), and stored with COPY (resident-store.ts). The batch in the database overlaps with
 * checking the next one.
 */
import { ALLOWED_WORDS, RESIDENT_FIELDS } from './resident-rows.js';
import type { ImportPreview } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { directQuery } from './bulk-tx.js';
import { EVERY_GRID_RULE, gridRuleOf } from './grid-rule.js';
import { commitBatch } from './batch-commit.js';
import { uploadPath, type ImportDeps } from './deps.js';
import type { ImportTarget } from './import-target.js';
import type { IssueLog } from './issue-log.js';
import type { ImportRow } from './queries.js';
import { ResidentChecker, type BatchChunk } from './resident-checker.js';
import { spendDuplicateRows } from '../registers/unmask-budget.js';
import { residentsOutsideScope, storeResidents } from './resident-store.js';
import { chunkKey, KEY_BYTES, RowPreparer, STORED, type PreparedChunk } from './row-preparer.js';
import { localPool, poolThreads, workerPool } from './row-pool.js';
import { groupIssues, type RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';
import { openSheet, type FileType } from './sheet-source.js';

/** Rows per transaction. */
export const IMPORT_BATCH_ROWS = 5000;

const NOTES: Record<string, string> = {
  idType: `默认为居民身份证；可填：${ALLOWED_WORDS.idType}`,
  idNumber: '居民身份证为 18 位（校验位可为 X）；同一文件中不得重复；请将该列设为文本格式，否则 Excel 会把号码变成科学计数法',
  phone: '手机号（可带 +86）或带区号的固定电话',
  kind: `默认为户籍；可填：${ALLOWED_WORDS.kind}`,
  gridCode: '15 位网格编码，须在您的管辖范围内；没有此列时，可在导入时选择统一网格、按网格名称或按地址匹配',
  birthDate: '非身份证件时填写，格式 YYYY-MM-DD，或 Excel 日期',
  sex: `非身份证件时填写，可填：${ALLOWED_WORDS.sex}`,
  tags: `多个标签用逗号或顿号分隔，可填：${ALLOWED_WORDS.tags}`,
};

async function previewResidents(deps: ImportDeps, ctx: ActorContext, job: ImportRow, rows: readonly SheetRow[], mapping: Record<string, string>): Promise<ImportPreview> {
  const actor = ctx.actor;
  const columns = job.columns as string[];
  const plan = { columns, mapping, today: ctx.clock.now().toISOString(), grid: gridRuleOf(job) };
  const chunk = new RowPreparer(deps.vault, plan, { display: true }).prepare([...rows]);
  const checker = new ResidentChecker(deps.database.db, actor, plan);
  const issues: RowIssue[] = [];
  checker.admit(chunk, issues);
  const [batch] = await checker.resolveGrids([chunk], issues);
  const ready: Array<{ row: number; key: Buffer; hex: string }> = [];
  chunk.rows.forEach((row, i) => {
    if (chunk.flags[i]! & STORED && batch?.grids[i]) ready.push({ row, key: Buffer.from(chunk.keys.subarray(i * KEY_BYTES, (i + 1) * KEY_BYTES)), hex: chunkKey(chunk, i) });
  });
  const outside = await residentsOutsideScope(directQuery(deps.database), ctx, ready.map((r) => r.key));
  // Each number it finds registered elsewhere is confirmed to the importer: a unit of their budget.
  const found = ready.filter((r) => outside.has(r.hex)).length;
  if (found) await deps.database.db.transaction((tx) => spendDuplicateRows(tx, ctx, deps.config.unmaskPerHour, 'resident', found, job.id));
  for (const r of ready) {
    if (outside.has(r.hex)) issues.push({ row: r.row, column: checker.columnFor('idNumber'), field: 'idNumber', code: 'REGISTER_DUPLICATE' });
  }
  const byRow = groupIssues(issues, ctx.locale);
  // The grid each row goes to, by name (the file may name it by code, name or address, or not at all).
  const out = Array.from(chunk.rows, (row, i) => ({ row, values: { ...(chunk.displays?.[i] ?? {}), gridName: batch?.grids[i]?.name ?? null }, errors: byRow(row) }));
  return { rows: out, checkedRows: out.length, failedRows: out.filter((r) => r.errors.length > 0).length };
}

/** Rows sent to a worker at a time, and how many such chunks may be out at once. */
const CHUNK_ROWS = 500;
const CHUNKS_IN_FLIGHT = 40;
/** Files smaller than this are checked in the main thread: starting workers would cost more. */
const WORKERS_FROM_ROWS = 5000;

async function importResidents(deps: ImportDeps, ctx: ActorContext, job: ImportRow, headerAt: number, log: IssueLog): Promise<void> {
  const columns = job.columns as string[];
  const plan = { columns, mapping: (job.mapping ?? {}) as Record<string, string>, today: ctx.clock.now().toISOString(), grid: gridRuleOf(job) };
  const resumeFrom = job.processedRows;
  const checker = new ResidentChecker(deps.database.db, ctx.actor, plan);
  const store = { ctx, importId: job.id, fields: checker.mappedFields, idColumn: checker.columnFor('idNumber'), mode: { optimistic: true }, unmaskPerHour: deps.config.unmaskPerHour };
  const threads = poolThreads();
  const pool = deps.piiKey && threads > 0 && (job.totalRows ?? 0) >= WORKERS_FROM_ROWS ? workerPool(deps.piiKey, plan, threads) : localPool(deps.vault, plan);
  const sheet = await openSheet(uploadPath(deps, job.filePath), job.fileType as FileType, job.fileBytes, headerAt);

  let batch: PreparedChunk[] = [];
  let batchIssues: RowIssue[] = [];
  let batchRows = 0;
  let batchStart = resumeFrom;
  /** Data rows admitted so far, in file order. */
  let admitted = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let storeError: unknown = null;
  const chunks: Array<Promise<PreparedChunk>> = [];

  const writeBatch = (rows: BatchChunk[], issues: RowIssue[], start: number, end: number) =>
    commitBatch(deps, ctx, job.id, log, { start, end, issues }, (tx) => storeResidents(tx, store, rows));

  /** Hands the batch to the database (one batch in flight) and starts the next. */
  const flush = async () => {
    const [prepared, issues, start, end] = [batch, batchIssues, batchStart, admitted];
    batch = [];
    batchIssues = [];
    batchRows = 0;
    batchStart = end;
    const rows = await checker.resolveGrids(prepared, issues);
    await inFlight;
    if (storeError) throw storeError;
    inFlight = writeBatch(rows, issues, start, end).catch((error: unknown) => {
      storeError = error;
    });
  };

  /** Sends rows to be prepared; a failure surfaces when the chunk's turn comes. */
  const prepare = (rows: SheetRow[]) => {
    const prepared = pool.prepare(rows);
    prepared.catch(() => undefined);
    return prepared;
  };

  /** Admits the oldest prepared chunk, in file order. */
  const admitChunk = async () => {
    const chunk = await chunks.shift()!;
    const size = chunk.rows.length;
    // Rows committed before a restart only mark their ID numbers.
    const from = Math.min(size, Math.max(0, resumeFrom - admitted));
    checker.admit(chunk, batchIssues, from);
    admitted += size;
    if (from === size) {
      batchStart = admitted;
      return;
    }
    batch.push(chunk);
    batchRows += size - from;
    if (batchRows >= IMPORT_BATCH_ROWS) await flush();
  };

  try {
    let chunk: SheetRow[] = [];
    let read = 0;
    let headerChecked = false;
    for await (const row of sheet.rows) {
      if (!headerChecked) {
        if (sheet.columns.join('\u0000') !== columns.join('\u0000')) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'the file changed after upload' });
        headerChecked = true;
      }
      if (++read > deps.config.importMaxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: deps.config.importMaxRows });
      chunk.push(row);
      if (chunk.length < CHUNK_ROWS) continue;
      chunks.push(prepare(chunk));
      chunk = [];
      if (chunks.length >= CHUNKS_IN_FLIGHT) await admitChunk();
      // Let the database's answers in between chunks: checking is CPU work.
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (chunk.length) chunks.push(prepare(chunk));
    while (chunks.length) await admitChunk();
    if (batch.length) await flush();
  } finally {
    // Whatever stopped the loop, the batch in flight either commits or rolls back before we report.
    await Promise.allSettled(chunks);
    await inFlight;
    sheet.close();
    await pool.close();
  }
  if (storeError) throw storeError;
}


export const residentTarget: ImportTarget = {
  kind: 'resident',
  permission: 'register:import',
  fields: RESIDENT_FIELDS,
  notes: NOTES,
  gridRules: EVERY_GRID_RULE,
  preview: previewResidents,
  run: importResidents,
};
