/**
 * What a register offers to imports: one `ImportTarget` per register kind. A target names its
 * columns (Chinese and English headers with aliases, for the mapping and the template), and
 * checks and stores rows for a dry run (preview) and for a run. Every target shares the upload,
 * the mapping, the header search, the issue log, the error report and resume; residents have
 * their own pipeline (worker threads, COPY) behind the same interface (resident-target.ts), the
 * other kinds share one (row-target.ts) over the registers' bulk writer.
 */
import type { ImportPreview, RegisterKind } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { ImportDeps } from './deps.js';
import type { FieldSpec } from './fields.js';
import type { IssueLog } from './issue-log.js';
import type { ImportRow } from './queries.js';
import type { SheetRow } from './sheet-row.js';

export interface ImportTarget {
  register: RegisterKind;
  /** The columns an import offers, in template order. */
  fields: readonly FieldSpec[];
  /** What the template's help sheet says of a field (allowed words, formats, references). */
  notes: Readonly<Record<string, string>>;
  /**
   * The dry run of the first data rows with a mapping: every check of a run (cells, duplicates,
   * references, scope), nothing stored; personal data masked in the values shown.
   */
  preview(deps: ImportDeps, ctx: ActorContext, job: ImportRow, rows: readonly SheetRow[], mapping: Record<string, string>): Promise<ImportPreview>;
  /**
   * Stores the file's data rows (after the header at `headerAt`), batch by batch, each batch in
   * one transaction with the job's progress and its problems in `log`; a run resumes after
   * `job.processedRows`. `ctx.actor` carries the scope of the import.
   */
  run(deps: ImportDeps, ctx: ActorContext, job: ImportRow, headerAt: number, log: IssueLog): Promise<void>;
}
