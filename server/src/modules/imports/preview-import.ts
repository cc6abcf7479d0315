/**
 * A dry run over the first rows with a mapping: every row is checked exactly as the import
 * would check it (cells, identity, duplicates, grid in scope, a person registered outside the
 * scope), and nothing is stored. Personal data appears masked.
 */
import type { ImportPreview } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { directQuery } from './bulk-tx.js';
import { importActor, type ImportDeps } from './deps.js';
import { checkMapping } from './fields.js';
import { findImport } from './queries.js';
import { assertImportable } from './registers.js';
import { ResidentChecker } from './resident-checker.js';
import { chunkKey, KEY_BYTES, RowPreparer, STORED } from './row-preparer.js';
import { residentsOutsideScope } from './resident-store.js';
import { presentIssue, type RowIssue } from './row-issues.js';
import { firstRows, type FileType } from './sheet-source.js';
import type { RegisterKind } from '@gridgov/contracts';

export const PREVIEW_ROWS = 20;

export async function previewImport(deps: ImportDeps, ctx: ActorContext, id: string, mapping: Record<string, string>): Promise<ImportPreview> {
  const job = await findImport(deps.database.db, ctx.actor, id);
  if (job.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: job.status });
  const fields = assertImportable(job.register as RegisterKind);
  const columns = job.columns as string[];
  checkMapping(fields, columns, mapping);
  const actor = importActor(ctx.actor, job);
  const { rows } = await firstRows(job.filePath, job.fileType as FileType, job.fileBytes, PREVIEW_ROWS);
  const plan = { columns, mapping, today: ctx.clock.now().toISOString() };
  const chunk = new RowPreparer(deps.vault, plan, { display: true }).prepare(rows);
  const checker = new ResidentChecker(deps.database.db, actor, plan);
  const issues: RowIssue[] = [];
  checker.admit(chunk, issues);
  const [batch] = await checker.resolveGrids([chunk], issues);
  const ready: Array<{ row: number; key: Buffer; hex: string }> = [];
  chunk.rows.forEach((row, i) => {
    if (chunk.flags[i]! & STORED && batch?.grids[i]) ready.push({ row, key: Buffer.from(chunk.keys.subarray(i * KEY_BYTES, (i + 1) * KEY_BYTES)), hex: chunkKey(chunk, i) });
  });
  const outside = await residentsOutsideScope(directQuery(deps.database), { ...ctx, actor }, ready.map((r) => r.key));
  for (const r of ready) {
    if (outside.has(r.hex)) issues.push({ row: r.row, column: checker.columnFor('idNumber'), field: 'idNumber', code: 'REGISTER_DUPLICATE' });
  }
  const byRow = new Map<number, RowIssue[]>();
  for (const issue of issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  const out = Array.from(chunk.rows, (row, i) => ({ row, values: chunk.displays?.[i] ?? {}, errors: (byRow.get(row) ?? []).map((issue) => presentIssue(issue, ctx.locale)) }));
  return { rows: out, checkedRows: out.length, failedRows: out.filter((r) => r.errors.length > 0).length };
}
