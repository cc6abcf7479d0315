import { z } from 'zod';
import { createRegionRequest, divisionCode, region, regionListQuery, updateRegionRequest } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Db } from '../../platform/db/client.js';
import { createRegion } from './create-region.js';
import { updateRegion } from './update-region.js';
import { getRegion, listChildRegions } from './queries.js';

const codeParams = z.strictObject({ code: divisionCode });
const regionWithPath = region.extend({ path: z.array(region) });

export function regionRoutes(app: App, db: Db): void {
  app.get('/api/regions', {
    config: { access: 'region:read' },
    schema: { tags: ['regions'], summary: 'Children of a region (default: the caller\'s scope root)', querystring: regionListQuery, response: { 200: z.array(region) } },
    handler: (req) => listChildRegions(db, actorCtx(req).actor, req.query.parent ?? null, req.query.includeRevoked === 'true'),
  });
  app.get('/api/regions/:code', {
    config: { access: 'region:read', record: 'region' },
    schema: { tags: ['regions'], params: codeParams, response: { 200: regionWithPath } },
    handler: (req) => getRegion(db, actorCtx(req).actor, req.params.code),
  });
  app.post('/api/regions', {
    config: { access: 'region:write' },
    schema: { tags: ['regions'], body: createRegionRequest, response: { 201: regionWithPath } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      await createRegion(db, ctx, req.body);
      return reply.status(201).send(await getRegion(db, ctx.actor, req.body.code));
    },
  });
  app.patch('/api/regions/:code', {
    config: { access: 'region:write', record: 'region' },
    schema: { tags: ['regions'], params: codeParams, body: updateRegionRequest, response: { 200: regionWithPath } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await updateRegion(db, ctx, req.params.code, req.body);
      return getRegion(db, ctx.actor, req.params.code);
    },
  });
}
