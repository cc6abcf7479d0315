/**
 * A dry run over the first rows with a mapping: every row is checked exactly as the import
 * would check it (the register kind's `ImportTarget`: cells, duplicates, references and grids
 * in scope, records registered outside the scope), and nothing is stored. Personal data
 * appears masked.
 */
import type { ImportPreview, RegisterKind } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import type { ActorContext } from '../../platform/http/types.js';
import { importActor, uploadPath, type ImportDeps } from './deps.js';
import { checkMapping, fieldNames } from './fields.js';
import { findImport } from './queries.js';
import { importTarget } from './registers.js';
import { firstRows, type FileType } from './sheet-source.js';

export const PREVIEW_ROWS = 20;

export async function previewImport(deps: ImportDeps, ctx: ActorContext, id: string, mapping: Record<string, string>): Promise<ImportPreview> {
  const job = await findImport(deps.database.db, ctx.actor, id);
  if (job.status !== 'uploaded') throw new AppError('IMPORT_STATE', { status: job.status });
  const target = importTarget(job.register as RegisterKind);
  checkMapping(target.fields, job.columns as string[], mapping);
  const { rows } = await firstRows(uploadPath(deps, job.filePath), job.fileType as FileType, job.fileBytes, PREVIEW_ROWS, fieldNames(target.fields));
  return target.preview(deps, { ...ctx, actor: importActor(ctx.actor, job) }, job, rows, mapping);
}
