/**
 * Receives an upload: streams it to disk with the size limit enforced while streaming, decides
 * what it really is from its content, checks a workbook's zip directory before anything is
 * inflated, reads the header, counts the rows against the limit, and suggests a mapping. A file
 * that fails any of this is deleted and nothing is recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportJob, RegisterKind } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { importFiles, type ImportDeps } from './deps.js';
import { suggestMapping } from './fields.js';
import { presentImport } from './queries.js';
import { assertImportable } from './registers.js';
import { countDataRows, firstRows, sniffFileType } from './sheet-source.js';
import { importJob } from './tables.js';

export interface UploadInput {
  register: RegisterKind;
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
  const fields = assertImportable(input.register);
  const id = randomUUID();
  const files = importFiles(deps.config, id);
  await fs.promises.mkdir(files.dir, { recursive: true, mode: 0o700 });
  const fileName = path.basename(input.fileName.replaceAll('\\', '/')).slice(0, 200) || 'upload';
  try {
    await pipeline(input.stream, byteLimit(deps.config.importMaxBytes), fs.createWriteStream(files.upload, { flags: 'wx', mode: 0o600 }));
    if (input.truncated?.()) throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: deps.config.importMaxBytes });
    const fileBytes = (await fs.promises.stat(files.upload)).size;
    if (fileBytes === 0) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'empty file' });
    const fileType = await sniffFileType(files.upload, fileName);
    const { columns } = await firstRows(files.upload, fileType, fileBytes, 0);
    if (columns.length === 0) throw new AppError('IMPORT_FILE_CORRUPT', { reason: 'no header row' });
    const maxRows = deps.config.importMaxRows;
    const totalRows = await countDataRows(files.upload, fileType, fileBytes, maxRows);
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
    return presentImport(row, ctx.actor, ctx.locale);
  } catch (error) {
    input.stream.resume();
    await fs.promises.rm(files.upload, { force: true });
    throw error;
  }
}
