/** The watch list: list (subtree, audited), add (county level or above), deactivate; and the GA/T 1400 view library under /VIID. */
import { page, watchEntry, watchEntryIdParams, watchEntryListQuery, watchEntryRequest } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createEntry } from './create-entry.js';
import { deactivateEntry } from './deactivate-entry.js';
import { listEntries } from './queries.js';
import { viidRoutes } from './viid.js';

export async function watchlistRoutes(app: App, kit: Kit): Promise<void> {
  const tags = ['watchlist'];
  app.get('/api/watchlist', {
    config: { access: ['watchlist:read', 'watchlist:manage'] },
    schema: { tags, summary: 'Watch-list entries of the subtree: hint, label, level, severity, state; never the value (paged; audited)', querystring: watchEntryListQuery, response: { 200: page(watchEntry) } },
    handler: (req) => listEntries(kit, actorCtx(req), req.query),
  });
  app.post('/api/watchlist', {
    config: { access: 'watchlist:manage' },
    schema: { tags, summary: 'Add a plate or ID number (county level or above; kept only as a keyed hash; audited)', body: watchEntryRequest, response: { 201: watchEntry } },
    handler: async (req, reply) => reply.status(201).send(await createEntry(kit, actorCtx(req), req.body)),
  });
  app.post('/api/watchlist/:id/deactivate', {
    config: { access: 'watchlist:manage', record: 'watch_entry' },
    schema: { tags, summary: 'Deactivate an entry: captures stop matching it (county level or above; audited)', params: watchEntryIdParams, response: { 200: watchEntry } },
    handler: (req) => deactivateEntry(kit, actorCtx(req), req.params.id),
  });
  await viidRoutes(app, kit);
}
