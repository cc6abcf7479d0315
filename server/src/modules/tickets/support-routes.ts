/**
 * Routes around the tickets: attachments, notifications, the summons board, daily bulletins, and
 * the public (anonymous) portal's intake and tracking, which are rate-limited per address.
 */
import fs from 'node:fs';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { chinaDay, type Clock } from '../../platform/clock.js';
import { attachmentRef, bulletin, bulletinQuery, notificationList, notificationQuery, publicIntakeRequest, publicTicket, summonsItem, summonsQuery, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import { AppError, notFound } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import type { TicketDeps } from './deps.js';
import { ATTACHMENT_MAX_BYTES, readableAttachment, saveAttachment } from './attachments.js';
import { listNotifications, markRead } from './notifications.js';
import { summonsBoard } from './summons-board.js';
import { getBulletin } from './bulletin.js';
import { publicIntake, trackTicket } from './public-intake.js';

export interface SupportDeps extends TicketDeps {
  filesDir: string;
  clock: Clock;
}

function disposition(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function ticketSupportRoutes(parent: App, deps: SupportDeps): void {
  const tags = ['tickets'];

  void parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    await app.register(multipart, { limits: { files: 1, fields: 2, parts: 3, fileSize: ATTACHMENT_MAX_BYTES + 1 }, throwFileSizeLimit: false });
    const publicUploads = new RateLimiter(30, 10 * 60_000, deps.clock);

    const upload = async (req: FastifyRequest, uploadedBy: string | null) => {
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'expected multipart/form-data with one file' });
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { file: 'no file' });
      return saveAttachment(deps.db, deps.filesDir, uploadedBy, req.ctx.clock.now(), { filename: file.filename, stream: file.file, truncated: () => file.file.truncated });
    };
    app.post('/api/attachments', {
      // Reporters attach photos to reports, handlers to their report-backs and check-ins.
      config: { access: 'ticket:read' },
      schema: { tags, summary: 'Upload a photo (multipart, one image file named "file")', response: { 201: attachmentRef } },
      handler: async (req, reply) => reply.status(201).send(await upload(req, actorCtx(req).actor.id)),
    });
    app.post('/api/public/attachments', {
      config: { access: 'public' },
      schema: { tags, summary: 'Upload a photo for an anonymous report (rate-limited)', response: { 201: attachmentRef } },
      handler: async (req, reply) => {
        publicUploads.hit(req.ip);
        return reply.status(201).send(await upload(req, null));
      },
    });
  });

  parent.get('/api/attachments/:id', {
    config: { access: 'ticket:read' },
    schema: { tags, params: z.strictObject({ id: uuid }) },
    handler: async (req, reply) => {
      const file = await readableAttachment(deps.db, actorCtx(req).actor, req.params.id);
      return reply.header('content-type', file.contentType).header('content-disposition', disposition(file.name)).send(fs.createReadStream(file.path));
    },
  });

  parent.get('/api/notifications', {
    config: { access: 'authenticated' },
    schema: { tags, querystring: notificationQuery, response: { 200: notificationList } },
    handler: (req) => listNotifications(deps.db, actorCtx(req).actor.id, req.query.unread === 'true'),
  });
  parent.post('/api/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: { tags, params: z.strictObject({ id: uuid }) },
    handler: async (req, reply) => {
      await markRead(deps.db, actorCtx(req).actor.id, req.ctx.clock.now(), req.params.id);
      return reply.status(204).send();
    },
  });
  parent.post('/api/notifications/read-all', {
    config: { access: 'authenticated' },
    schema: { tags },
    handler: async (req, reply) => {
      await markRead(deps.db, actorCtx(req).actor.id, req.ctx.clock.now());
      return reply.status(204).send();
    },
  });

  parent.get('/api/summonses', {
    config: { access: 'ticket:read' },
    schema: { tags, summary: 'The summons board: departments summoned to tickets and their check-ins', querystring: summonsQuery, response: { 200: z.object({ items: z.array(summonsItem) }) } },
    handler: async (req) => ({ items: await summonsBoard(deps.db, actorCtx(req).actor, req.ctx.clock.now(), req.query.status) }),
  });

  const bulletinFor = (req: { query: { region?: string; day?: string }; ctx: { clock: { now(): Date } } }, actor: { regionCode: string; regionPrefix: string }) => {
    const region = req.query.region ?? actor.regionCode;
    if (!codeInSubtree(region, actor.regionPrefix)) throw notFound();
    const now = req.ctx.clock.now();
    return getBulletin(deps.db, region, req.query.day ?? chinaDay(now, 1), now);
  };
  parent.get('/api/bulletins', {
    config: { access: 'ticket:dispatch' },
    schema: { tags, summary: 'The daily bulletin of a region (default: yours, yesterday)', querystring: bulletinQuery, response: { 200: bulletin } },
    handler: (req) => bulletinFor(req, actorCtx(req).actor),
  });
  parent.get('/api/bulletins/export', {
    config: { access: 'ticket:dispatch' },
    schema: { tags, summary: 'The daily bulletin as .xlsx', querystring: bulletinQuery },
    handler: async (req, reply) => {
      const b = await bulletinFor(req, actorCtx(req).actor);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('每日通报');
      sheet.addRows([
        [`${b.regionName} 每日通报`, b.day],
        [],
        ['新增工单', b.data.newTickets],
        ['办结工单', b.data.closed],
        ['超期工单', b.data.overdue],
        ['退回工单', b.data.returned],
        ['满意度（平均分）', b.data.satisfaction ?? '—'],
        [],
        ['高发事件类型', '件数'],
        ...b.data.topCategories.map((c) => [c.name, c.count]),
        [],
        ['待改进部门', '超期件数', '按时办结率'],
        ...b.data.worstDepartments.map((d) => [d.name, d.overdue, d.onTimeRate === null ? '—' : `${Math.round(d.onTimeRate * 100)}%`]),
      ]);
      sheet.getColumn(1).width = 28;
      const body = Buffer.from(await book.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', disposition(`每日通报_${b.regionName}_${b.day}.xlsx`))
        .send(body);
    },
  });

  const publicReports = new RateLimiter(5, 10 * 60_000, deps.clock);
  parent.post('/api/public/tickets', {
    config: { access: 'public' },
    schema: { tags, summary: 'Report without an account (rate-limited per address; honeypot field must stay empty)', body: publicIntakeRequest, response: { 201: publicTicket } },
    handler: async (req, reply) => {
      publicReports.hit(req.ip);
      return reply.status(201).send(await publicIntake(deps, req.ctx, req.body));
    },
  });
  parent.get('/api/public/tickets/:token', {
    config: { access: 'public' },
    schema: { tags, params: z.strictObject({ token: z.string().min(10).max(64) }), response: { 200: publicTicket } },
    handler: (req) => trackTicket(deps, req.params.token),
  });
}
