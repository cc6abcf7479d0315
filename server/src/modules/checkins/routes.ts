/**
 * Check-in routes. The portal (a signed-in resident, `checkin:self`): the venue behind a code,
 * check in, check out, one's own check-ins; writes and lookups are limited per account, counted
 * in the database for every process. Staff (`checkin:read`): a venue's check-ins in scope, with a
 * purpose (masked, audited). Imports go through the import routes (kind `checkin`).
 */
import { checkinRequest, checkinVenue, ownCheckin, ownCheckins, page, venueCheckin, venueCheckinQuery, venueCodeQuery, venueIdParams } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import { checkIn, checkOut, venueOfCode } from './check-in.js';
import { ownCheckins as listOwn, venueCheckins } from './queries.js';

/** Check-ins, check-outs and code lookups one account may make in ten minutes. */
const PER_ACCOUNT = 30;

export function checkinRoutes(app: App, kit: Kit): void {
  const tags = ['checkins'];
  const perAccount = new SharedRateLimiter(kit.db, 'checkins.account', PER_ACCOUNT, 10 * 60_000, kit.clock);

  app.get('/api/checkins/venue', {
    config: { access: 'checkin:self' },
    schema: { tags, summary: 'The venue behind a venue code (its name, before checking in); limited per account', querystring: venueCodeQuery, response: { 200: checkinVenue } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await perAccount.hit(ctx.actor.id);
      const venue = await venueOfCode(kit, req.query.code);
      return { code: venue.code, name: venue.name, address: venue.address };
    },
  });
  app.post('/api/checkins', {
    config: { access: 'checkin:self' },
    schema: { tags, summary: 'Check in at a venue by its code (closes an open check-in elsewhere); limited per account; audited', body: checkinRequest, response: { 201: ownCheckin } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      await perAccount.hit(ctx.actor.id);
      return reply.status(201).send(await checkIn(kit, ctx, req.body.venueCode));
    },
  });
  app.post('/api/checkins/checkout', {
    config: { access: 'checkin:self' },
    schema: { tags, summary: 'Check out of today\'s open check-in; limited per account; audited', response: { 200: ownCheckin } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await perAccount.hit(ctx.actor.id);
      return checkOut(kit, ctx);
    },
  });
  app.get('/api/checkins/mine', {
    config: { access: 'checkin:self' },
    schema: { tags, summary: 'One\'s own check-ins of the last 14 days and the open one', response: { 200: ownCheckins } },
    handler: (req) => listOwn(kit, actorCtx(req)),
  });
  app.get('/api/venues/:id/checkins', {
    config: { access: 'checkin:read', record: 'venue' },
    schema: { tags, summary: 'A venue\'s check-ins in scope between two local days, for a stated purpose (masked; audited)', params: venueIdParams, querystring: venueCheckinQuery, response: { 200: page(venueCheckin) } },
    handler: (req) => venueCheckins(kit, actorCtx(req), req.params.id, req.query),
  });
}
