/**
 * Routes around the tickets: the summons board, daily bulletins, and the public (anonymous)
 * portal's intake and tracking, which are rate-limited per address.
 */
import { z } from 'zod';
import ExcelJS from 'exceljs';
import type { Clock } from '../../platform/clock.js';
import { localDate } from '../../platform/time-zone.js';
import { bulletin, bulletinQuery, publicIntakeRequest, publicRateRequest, publicReopenRequest, publicTicket, publicTicketLookup, summonsItem, summonsQuery } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { actorCtx } from '../../platform/http/access.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import type { TicketDeps } from './deps.js';
import { contentDisposition } from '../../platform/files/routes.js';
import { summonsBoard } from './summons-board.js';
import { getBulletin } from './bulletin.js';
import { publicIntake } from './public-intake.js';
import { actAsAnonymousReporter, trackTicket } from './public-tracking.js';

export interface SupportDeps extends TicketDeps {
  clock: Clock;
}

export function ticketSupportRoutes(parent: App, deps: SupportDeps, kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>): void {
  const tags = ['tickets'];

  parent.get('/api/summonses', {
    config: { access: ['ticket:read', 'ticket:handle'] },
    schema: { tags, summary: 'The summons board: departments summoned to tickets and their check-ins', querystring: summonsQuery, response: { 200: z.object({ items: z.array(summonsItem) }) } },
    handler: async (req) => ({ items: await summonsBoard(deps.db, actorCtx(req).actor, req.ctx.clock.now(), req.query.status) }),
  });

  const bulletinFor = (req: { query: { region?: string; day?: string }; ctx: { clock: { now(): Date } } }, actor: { regionCode: string; regionPrefix: string }) => {
    const region = req.query.region ?? actor.regionCode;
    if (!codeInSubtree(region, actor.regionPrefix)) throw notFound();
    const now = req.ctx.clock.now();
    return getBulletin(deps.db, region, req.query.day ?? localDate(now, 1), now);
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
        .header('content-disposition', contentDisposition(`每日通报_${b.regionName}_${b.day}.xlsx`))
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
    schema: { tags, summary: 'Follow a report by its tracking token (failed attempts are limited per address)', params: z.strictObject({ token: z.string().min(10).max(64) }), response: { 200: publicTicket } },
    handler: (req) => trackTicket(deps, req.ctx, { token: req.params.token }),
  });
  parent.post('/api/public/tickets/lookup', {
    config: { access: 'public' },
    schema: { tags, summary: 'Follow a report by its receipt number plus the phone given, or its token (failed attempts are limited per receipt number and per address)', body: publicTicketLookup, response: { 200: publicTicket } },
    handler: (req) => trackTicket(deps, req.ctx, req.body.access),
  });
  parent.post('/api/public/tickets/rate', {
    config: { access: 'public' },
    schema: { tags, summary: 'Rate a resolved report as its reporter without an account', body: publicRateRequest, response: { 200: publicTicket } },
    handler: (req) => actAsAnonymousReporter(kit, deps, req.ctx, req.body.access, 'rate', { rating: req.body.rating, note: req.body.note }),
  });
  parent.post('/api/public/tickets/reopen', {
    config: { access: 'public' },
    schema: { tags, summary: 'Reopen a resolved report as its reporter without an account', body: publicReopenRequest, response: { 200: publicTicket } },
    handler: (req) => actAsAnonymousReporter(kit, deps, req.ctx, req.body.access, 'reopen', { note: req.body.note }),
  });
}
