/** The console frame's reads: the menu's to-do counts and the header's global search. */
import { globalSearchQuery, globalSearchResult, todoCounts as todoCountsSchema } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { globalSearch } from './global-search.js';
import { todoCounts } from './todo-counts.js';

export function navigationRoutes(app: App, kit: Kit): void {
  const tags = ['navigation'];
  app.get('/api/todo-counts', {
    // Every signed-in account has notifications; the ticket counts are narrowed to those who work tickets.
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Work waiting for the caller, for the menu badges', response: { 200: todoCountsSchema } },
    handler: (req) => todoCounts(kit.db, actorCtx(req).actor, req.ctx.clock.now()),
  });
  app.get('/api/search', {
    // Narrowed by what the caller holds: tickets for ticket staff, people and places for register readers.
    config: { access: ['ticket:read', 'ticket:handle', 'register:read'] },
    schema: { tags, summary: 'Tickets, people and places in the caller\'s scope', querystring: globalSearchQuery, response: { 200: globalSearchResult } },
    handler: (req) => globalSearch(kit, actorCtx(req), req.query.q),
  });
}
