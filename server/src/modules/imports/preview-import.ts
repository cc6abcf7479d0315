/**
 * A dry run over the first rows with a mapping: every row is checked exactly as the import
 * would check it (the register kind's `ImportTarget`: cells, duplicates, references and grids
 * in scope, records registered outside the scope), and nothing is stored. Personal data
 * appears masked.
 */
import type { ImportGridRule, ImportPreview } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { importActor, uploadPath, type ImportDeps } from './deps.js';
import { fieldNames } from './fields.js';
import { checkGridMapping } from './grid-rule.js';
import { findImport } from './queries.js';
import { ownedImportTarget } from './registers.js';
import { firstRows, type FileType } from './sheet-source.js';

export const PREVIEW_ROWS = 20;

export async function previewImport(deps: ImportDeps, ctx: ActorContext, id: string, mapping: Record<string, string>, grid: ImportGridRule): Promise<ImportPreview> {
  const job = await findImport(deps.database.db, ctx.actor, id);
  if (job.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: job.status });
  const target = ownedImportTarget(deps.registry, ctx.actor, job.register);
  const actor = importActor(ctx.actor, job);
  const used = await checkGridMapping(deps.database.db, actor, target, job.columns as string[], mapping, grid);
  const { rows } = await firstRows(uploadPath(deps, job.filePath), job.fileType as FileType, job.fileBytes, PREVIEW_ROWS, fieldNames(target.fields));
  return target.preview(deps, { ...ctx, actor }, { ...job, gridRule: grid }, rows, used);
}
