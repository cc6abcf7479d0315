/** HTTP routes of imports: upload, list, read, preview, start, error report, template. */
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importJob, importListQuery, importMappingRequest, importPreview, importUploadQuery, page, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import { AppError } from '../../platform/errors.js';
import type { ImportDeps } from './deps.js';
import { findImport, listImports, presentImport } from './queries.js';
import { uploadImport } from './upload-import.js';
import { previewImport } from './preview-import.js';
import { startImport } from './start-import.js';
import { discardImport } from './discard-import.js';
import { openErrorReport } from './open-error-report.js';
import { importTemplate } from './template.js';
import { assertMayImport, importPermissions, importTarget } from './registers.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = z.strictObject({ id: uuid });
const tags = ['imports'];

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function importRoutes(parent: App, deps: ImportDeps): void {
  // Whoever may import some kind reaches the routes; each kind's own permission is checked on it.
  const access = importPermissions(deps.registry);
  // Multipart parsing only in this plugin's scope; the file is streamed, never buffered.
  void parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: deps.config.importMaxBytes + 1 }, throwFileSizeLimit: false });

    app.post('/api/imports', {
      config: { access },
      schema: { tags, summary: 'Upload an .xlsx or .csv file (multipart, one file)', querystring: importUploadQuery, response: { 201: importJob } },
      handler: async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('IMPORT_FILE_TYPE', { reason: 'expected multipart/form-data with one file' });
        const file = await req.file();
        if (!file) throw new AppError('VALIDATION_FAILED', { file: 'no file in the upload' });
        const job = await uploadImport(deps, actorCtx(req), { register: req.query.register, fileName: file.filename, stream: file.file, truncated: () => file.file.truncated });
        return reply.status(201).send(job);
      },
    });

    app.get('/api/imports', {
      config: { access },
      schema: { tags, summary: 'My imports, newest first (status=uploaded: unfinished uploads to resume or delete)', querystring: importListQuery, response: { 200: page(importJob) } },
      handler: (req) => {
        const ctx = actorCtx(req);
        return listImports(deps.database.db, deps.registry, ctx.actor, req.query, ctx.locale);
      },
    });

    app.get('/api/imports/template', {
      config: { access },
      schema: { tags, summary: 'The .xlsx template of an import kind (a register, or a kind a module offers)', querystring: importUploadQuery },
      handler: async (req, reply) => {
        const target = importTarget(deps.registry, req.query.register);
        assertMayImport(actorCtx(req).actor, target);
        const body = await importTemplate(target);
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${req.query.register}-import-template.xlsx`)).send(body);
      },
    });

    app.get('/api/imports/:id', {
      config: { access, record: 'import' },
      schema: { tags, params: idParams, response: { 200: importJob } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        return presentImport(await findImport(deps.database.db, ctx.actor, req.params.id), ctx.actor, ctx.locale, deps.registry);
      },
    });

    app.post('/api/imports/:id/preview', {
      config: { access, record: 'import' },
      schema: { tags, summary: 'Dry run over the first rows with a mapping', params: idParams, body: importMappingRequest, response: { 200: importPreview } },
      handler: (req) => previewImport(deps, actorCtx(req), req.params.id, req.body.mapping, req.body.grid),
    });

    app.post('/api/imports/:id/start', {
      config: { access, record: 'import' },
      schema: { tags, summary: 'Start the import with a mapping (background job)', params: idParams, body: importMappingRequest, response: { 202: importJob } },
      handler: async (req, reply) => reply.status(202).send(await startImport(deps, actorCtx(req), req.params.id, req.body.mapping, req.body.grid)),
    });

    app.delete('/api/imports/:id', {
      config: { access, record: 'import' },
      schema: { tags, summary: 'Delete an upload that was not started (its file goes with it)', params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await discardImport(deps, actorCtx(req), req.params.id);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/imports/:id/errors', {
      config: { access, record: 'import' },
      schema: { tags, summary: 'The error report (.xlsx)', params: idParams },
      handler: async (req, reply) => {
        const report = await openErrorReport(deps, actorCtx(req), req.params.id);
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(report.name)).send(report.stream);
      },
    });
  });
}
