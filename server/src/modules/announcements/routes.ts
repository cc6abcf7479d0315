/** Announcement routes: list, read, draft, each step, and the public list of a place. */
import { z } from 'zod';
import { announcement, announcementInput, announcementListQuery, ANNOUNCEMENT_ACTION_INPUTS, ANNOUNCEMENT_ACTIONS, page, publicAnnouncement, publicAnnouncementQuery, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createAnnouncement } from './create-announcement.js';
import { getAnnouncement, listAnnouncements, publicAnnouncements } from './queries.js';
import { transitionAnnouncement } from './transition-announcement.js';

const READ = ['announcement:read', 'announcement:write', 'announcement:publish'] as const;
const idParams = z.strictObject({ id: uuid });

export function announcementRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['announcements'];
  app.get('/api/announcements', {
    config: { access: READ },
    schema: { tags, querystring: announcementListQuery, response: { 200: page(announcement) } },
    handler: (req) => listAnnouncements(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/announcements/:id', {
    config: { access: READ, record: 'announcement' },
    schema: { tags, params: idParams, response: { 200: announcement } },
    handler: (req) => getAnnouncement(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/announcements', {
    config: { access: 'announcement:write' },
    schema: { tags, body: announcementInput, response: { 201: announcement } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createAnnouncement(db, ctx, req.body);
      return reply.status(201).send(await getAnnouncement(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  for (const action of ANNOUNCEMENT_ACTIONS) {
    app.post(`/api/announcements/:id/${action}`, {
      config: { access: ['announcement:write', 'announcement:publish'], record: 'announcement' },
      schema: { tags, params: idParams, body: ANNOUNCEMENT_ACTION_INPUTS[action], response: { 200: announcement } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionAnnouncement(kit, ctx, req.params.id, action, req.body);
        return getAnnouncement(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.get('/api/public/announcements', {
    config: { access: 'public' },
    schema: { tags, summary: 'The published public announcements that apply at a place (its region and those above it)', querystring: publicAnnouncementQuery, response: { 200: z.object({ items: z.array(publicAnnouncement) }) } },
    handler: async (req) => ({ items: await publicAnnouncements(db, req.query.region) }),
  });
}
