/** Traffic-control notices (交通管制): console list, one, create, update, lift; the portal's public list. */
import { idParams, page, publicTrafficControl, trafficControl, trafficControlQuery, trafficControlRequest, trafficControlUpdateRequest, trafficLiftRequest } from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createControl, liftControl, listControls, publicControls, readControl, updateControl } from './traffic.js';

export function trafficRoutes(app: App, kit: Kit): void {
  const tags = ['emergency'];
  const base = '/api/emergency/traffic-controls';
  app.get(base, {
    config: { access: 'emergency:read' },
    schema: { tags, summary: 'Traffic controls of the subtree and above (status at `at`, default now; by event)', querystring: trafficControlQuery, response: { 200: page(trafficControl) } },
    handler: (req) => listControls(kit, actorCtx(req).actor, req.query, actorCtx(req).clock.now()),
  });
  app.post(base, {
    config: { access: 'emergency:command' },
    schema: { tags, summary: 'Announce a traffic control: area or road, kind, time window, optional event', body: trafficControlRequest, response: { 201: trafficControl } },
    handler: async (req, reply) => reply.status(201).send(await createControl(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/:id`, {
    config: { access: 'emergency:read', record: 'traffic_control' },
    schema: { tags, params: idParams, response: { 200: trafficControl } },
    handler: (req) => readControl(kit, actorCtx(req).actor, req.params.id, actorCtx(req).clock.now()),
  });
  app.put(`${base}/:id`, {
    config: { access: 'emergency:command', record: 'traffic_control' },
    schema: { tags, params: idParams, body: trafficControlUpdateRequest, response: { 200: trafficControl } },
    handler: (req) => updateControl(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post(`${base}/:id/lift`, {
    config: { access: 'emergency:command', record: 'traffic_control' },
    schema: { tags, summary: 'Lift the control now', params: idParams, body: trafficLiftRequest, response: { 200: trafficControl } },
    handler: (req) => liftControl(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/public/traffic-controls', {
    config: { access: 'public' },
    schema: { tags, summary: 'Public traffic controls in force or coming (optionally under a region)', querystring: z.strictObject({ region: z.string().regex(/^\d{12}$/).optional() }), response: { 200: z.object({ items: z.array(publicTrafficControl) }) } },
    handler: async (req) => ({ items: await publicControls(kit, req.query.region, req.ctx.clock.now()) }),
  });
}
