/** HTTP routes of register exports: ask, list, read, approve / reject, download. */
import { z } from 'zod';
import { createExportRequest, exportDecisionRequest, exportJob, exportList, exportListQuery, ticketExportQuery, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { ExportDeps } from './deps.js';
import { exportFileJob } from './build-export-file.js';
import { createExport } from './create-export.js';
import { decideExport } from './decide-export.js';
import { downloadExport } from './download-export.js';
import { getExport, listExports } from './queries.js';
import { exportTicketList } from './export-ticket-list.js';

const idParams = z.strictObject({ id: uuid });
const tags = ['exports'];

/** RFC 5987 / RFC 6266: a UTF-8 file name, with an ASCII one for old clients. */
export function contentDisposition(fileName: string, asciiFileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

export function exportRoutes(app: App, deps: ExportDeps): void {
  const job = exportFileJob(deps);
  app.post('/api/exports', {
    config: { access: 'register:export' },
    schema: { tags, summary: 'Export a filtered register list (large exports wait for approval)', body: createExportRequest, response: { 201: exportJob } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createExport(deps, job, ctx, req.body);
      return reply.status(201).send(await getExport(deps.db, ctx.actor, id));
    },
  });
  app.get('/api/exports/tickets', {
    config: { access: 'ticket:export' },
    schema: { tags, summary: 'A ticket list view (filters and sort) as .xlsx, within one\'s scope, no personal data (audited)', querystring: ticketExportQuery },
    handler: async (req, reply) => {
      const file = await exportTicketList(deps.db, actorCtx(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });
  app.get('/api/exports', {
    config: { access: 'register:export' },
    schema: { tags, summary: "My exports, or others' exports that I may approve", querystring: exportListQuery, response: { 200: exportList } },
    handler: (req) => listExports(deps.db, actorCtx(req).actor, req.query),
  });
  app.get('/api/exports/:id', {
    config: { access: 'register:export', record: 'export' },
    schema: { tags, params: idParams, response: { 200: exportJob } },
    handler: (req) => getExport(deps.db, actorCtx(req).actor, req.params.id),
  });
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/api/exports/:id/${decision}`, {
      config: { access: 'export:approve', record: 'export' },
      schema: { tags, summary: `${decision === 'approve' ? 'Approve' : 'Reject'} another person's export`, params: idParams, body: exportDecisionRequest, response: { 200: exportJob } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await decideExport(deps, job, ctx, req.params.id, decision, req.body.note);
        return getExport(deps.db, ctx.actor, req.params.id);
      },
    });
  }
  app.get('/api/exports/:id/file', {
    config: { access: 'register:export', record: 'export' },
    schema: { tags, summary: 'Download a ready export (requester only; audited)', params: idParams },
    handler: async (req, reply) => {
      const file = await downloadExport(deps, actorCtx(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.bytes)
        .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });
}
