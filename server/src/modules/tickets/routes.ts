/** Ticket routes: categories, intake (with the pre-check), lists, detail, timeline and transitions. */
import { z } from 'zod';
import {
  category, categoryInput, categoryUpdate, intakeCheck, intakeCheckRequest, intakeRequest, page, ticket, ticketEvent, ticketListQuery, TICKET_ACTION_INPUTS,
  TICKET_TRANSITIONS, ticketBatchRequest, ticketBatchResult, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { ticketDeps } from './deps.js';
import { listCategories } from './categories.js';
import { createCategory, updateCategory } from './manage-categories.js';
import { checkIntake } from './check-intake.js';
import { intakeTicket } from './intake-ticket.js';
import { getTicket, listTickets, ticketTimeline } from './queries.js';
import { transitionTicket } from './transition-ticket.js';
import { batchTransition } from './batch-transition.js';

const idParams = z.strictObject({ id: uuid });

/** Reading tickets: one's scope, one's department's work, one's own reports (each narrows what is seen). */
const READ = ['ticket:read', 'ticket:handle', 'ticket:report'] as const;

export function ticketRoutes(app: App, kit: Kit): void {
  const deps = ticketDeps(kit);
  const tags = ['tickets'];
  app.get('/api/ticket-categories', {
    config: { access: 'authenticated' },
    schema: { tags, response: { 200: z.object({ items: z.array(category) }) } },
    handler: async () => ({ items: await listCategories(deps.db) }),
  });
  app.post('/api/ticket-categories', {
    config: { access: 'ticket:config' },
    schema: { tags, body: categoryInput, response: { 201: category } },
    handler: async (req, reply) => {
      const created = await createCategory(deps.db, actorCtx(req), req.body);
      deps.categories.forget();
      return reply.status(201).send(created);
    },
  });
  app.patch('/api/ticket-categories/:id', {
    config: { access: 'ticket:config', record: 'ticket_category' },
    schema: { tags, params: idParams, body: categoryUpdate, response: { 200: category } },
    handler: async (req) => {
      const updated = await updateCategory(deps.db, actorCtx(req), req.params.id, req.body);
      deps.categories.forget();
      return updated;
    },
  });
  app.post('/api/tickets/check', {
    config: { access: 'ticket:report', admission: 'intake' },
    schema: { tags, summary: 'Grid, suggested categories and possible duplicates for a report being written', body: intakeCheckRequest, response: { 200: intakeCheck } },
    handler: (req) => checkIntake(deps, actorCtx(req).actor, req.ctx.clock.now(), req.body),
  });
  app.post('/api/tickets', {
    // A phone's offline queue replays a report with its client id as the Idempotency-Key.
    // Reports are intake traffic for admission control: a flood of them leaves the console its share.
    config: { access: 'ticket:report', idempotent: true, admission: 'intake' },
    schema: { tags, body: intakeRequest, response: { 201: z.object({ ticket, duplicates: intakeCheck.shape.duplicates }) } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const { ticket: filed, duplicates } = await intakeTicket(deps, ctx, req.body);
      // The answer is built field by field (toTicket, rankDuplicates): it goes out without the
      // schema's second pass over it, which would cost a third of the report's time.
      return reply.status(201).serializer(JSON.stringify).send({ ticket: filed, duplicates });
    },
  });
  app.get('/api/tickets', {
    config: { access: READ },
    schema: { tags, querystring: ticketListQuery, response: { 200: page(ticket) } },
    handler: (req) => listTickets(deps.db, actorCtx(req).actor, req.query),
  });
  app.get('/api/tickets/:id', {
    config: { access: READ, record: 'ticket' },
    schema: { tags, params: idParams, response: { 200: ticket } },
    handler: (req) => getTicket(deps.db, actorCtx(req).actor, req.params.id, req.ctx.clock.now(), req.ctx.locale),
  });
  app.get('/api/tickets/:id/timeline', {
    config: { access: READ, record: 'ticket' },
    schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(ticketEvent) }) } },
    handler: async (req) => ({ items: await ticketTimeline(deps.db, actorCtx(req).actor, req.params.id) }),
  });
  app.post('/api/tickets/batch', {
    config: { access: READ },
    schema: { tags, summary: 'One action on many tickets, each by the single action\'s rules; the result per ticket', body: ticketBatchRequest, response: { 200: ticketBatchResult } },
    handler: (req) => batchTransition(kit, deps, actorCtx(req), req.body),
  });
  for (const action of TICKET_TRANSITIONS) {
    app.post(`/api/tickets/:id/${action}`, {
      config: { access: READ, record: 'ticket' },
      schema: { tags, summary: `Transition: ${action} (see the ticket's actions)`, params: idParams, body: TICKET_ACTION_INPUTS[action], response: { 200: ticket } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionTicket(kit, deps, ctx, req.params.id, action, req.body);
        return getTicket(deps.db, ctx.actor, req.params.id, ctx.clock.now(), ctx.locale);
      },
    });
  }
}
