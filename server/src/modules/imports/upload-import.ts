/**
 * Receives an upload: streams it into the file store with the size limit enforced while streaming, decides
 * what it really is from its content, checks a workbook's zip directory before anything is
 * inflated, reads the header, counts the rows against the limit, and suggests a mapping. A file
 * that fails any of this is deleted and nothing is recorded.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportJob } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { importFiles, type ImportDeps } from './deps.js';
import { fieldNames, suggestMapping } from './fields.js';
import { presentImport } from './queries.js';
import { assertMayImport, importTarget } from './registers.js';
import { countDataRows, firstRows, sniffFileType } from './sheet-source.js';
import { importJob } from './tables.js';

export interface UploadInput {
  /** The import kind (a register kind, or one a module offers). */
  register: string;
  fileName: string;
  stream: Readable;
  /** True when the transport cut the file at its own limit. */
  truncated?: () => boolean;
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes }));
      else done(null, chunk);
    },
  });
}

export async function uploadImport(deps: ImportDeps, ctx: ActorContext, input: UploadInput): Promise<ImportJob> {
  const target = importTarget(deps.registry, input.register);
  assertMayImport(ctx.actor, target);
  const fields = target.fields;
  const id = randomUUID();
  const files = importFiles(id);
  const local = deps.files.localPath(files.upload);
  const fileName = path.basename(input.fileName.replaceAll('\\', '/')).slice(0, 200) || 'upload';
  try {
    const limited = new PassThrough();
    const streamed = pipeline(input.stream, byteLimit(deps.config.importMaxBytes), limited);
    const [stored, read] = await Promise.allSettled([deps.files.put(files.upload, limited), streamed]);
    // The transport's error (too large) says more than the store's (its stream was cut).
    if (read.status === 'rejected') throw read.reason;
    if (stored.status === 'rejected') throw stored.reason;
    const fileBytes = stored.value;
    if (input.truncated?.()) throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: deps.config.importMaxBytes });
    if (fileBytes === 0) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'empty file' });
    const fileType = await sniffFileType(local, fileName);
    // The header may follow a title row or two (merged cells): it is the row naming the most fields.
    const { columns, headerAt } = await firstRows(local, fileType, fileBytes, 0, fieldNames(fields));
    if (columns.length === 0) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'no header row' });
    const maxRows = deps.config.importMaxRows;
    const totalRows = await countDataRows(local, fileType, fileBytes, maxRows, headerAt);
    if (totalRows > maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows });
    const now = ctx.clock.now();
    const row = await deps.database.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(importJob)
        .values({
          id,
          register: input.register,
          status: 'uploaded',
          fileName,
          filePath: files.upload,
          fileType,
          fileBytes,
          columns,
          mapping: suggestMapping(fields, columns),
          totalRows,
          createdBy: ctx.actor.id,
          scopeRegionCode: ctx.actor.regionCode,
          scopeGridId: ctx.actor.gridId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, ctx, {
        action: 'import.upload',
        objectType: 'import',
        objectId: id,
        regionCode: ctx.actor.regionCode,
        details: { register: input.register, fileType, fileBytes, totalRows },
      });
      return inserted!;
    });
    return presentImport(row, ctx.actor, ctx.locale, deps.registry);
  } catch (error) {
    input.stream.resume();
    await deps.files.delete(files.upload);
    throw error;
  }
}
