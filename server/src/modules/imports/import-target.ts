/**
 * What the import pipeline runs: one `ImportTarget` per import kind. The register kinds have
 * their own (registers.ts); a kind a module offers (platform/imports/kind.ts) is run through the
 * generic one (kind-target.ts). A target names its columns (Chinese and English headers with
 * aliases, for the mapping and the template), and checks and stores rows for a dry run (preview)
 * and for a run. Every target shares the upload,
 * the mapping, the header search, the issue log, the error report and resume; residents have
 * their own pipeline (worker threads, COPY) behind the same interface (resident-target.ts), the
 * other kinds share one (row-target.ts) over the registers' bulk writer.
 */
import type { ImportGridRuleKind, ImportPreview, Permission } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { ImportDeps } from './deps.js';
import type { FieldSpec } from './fields.js';
import type { IssueLog } from './issue-log.js';
import type { ImportRow } from './queries.js';
import type { SheetRow } from './sheet-row.js';

export interface ImportTarget {
  /** The import kind: a register kind, or one a module registered. */
  kind: string;
  /** The permission that may import it. */
  permission: Permission;
  /** The columns an import offers, in template order. */
  fields: readonly FieldSpec[];
  /** What the template's help sheet says of a field (allowed words, formats, references). */
  notes: Readonly<Record<string, string>>;
  /** Where its rows may get their grid (grid-rule.ts); none when the kind places its rows itself. */
  gridRules: readonly ImportGridRuleKind[];
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
