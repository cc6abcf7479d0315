/** Broadcasts (list, draft, preview, one, steps), templates and loudspeakers. */
import {
  BROADCAST_ACTIONS, BROADCAST_ACTION_INPUTS, broadcastDetail, broadcastIdParams, broadcastListQuery, broadcastPreview, broadcastRequest, broadcastSummary, broadcastTemplate, loudspeaker,
  loudspeakerRequest, loudspeakerUpdateRequest, page, templateRequest, templateUpdateRequest,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createBroadcast, listBroadcasts, preview, readBroadcast, transitionBroadcast } from './broadcasts.js';
import { createLoudspeaker, deleteLoudspeaker, listLoudspeakers, updateLoudspeaker } from './loudspeakers.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.js';

const deleted = z.object({ deleted: z.literal(true) });

export function broadcastRoutes(app: App, kit: Kit): void {
  const tags = ['broadcast'];
  app.get('/api/broadcasts', {
    config: { access: 'broadcast:read' },
    schema: { tags, summary: 'Broadcasts in scope (audited with the filters)', querystring: broadcastListQuery, response: { 200: page(broadcastSummary) } },
    handler: (req) => listBroadcasts(kit, actorCtx(req), req.query),
  });
  app.post('/api/broadcasts', {
    config: { access: 'broadcast:draft' },
    schema: { tags, summary: 'Draft a broadcast: template, parameters, audience in scope, channels', body: broadcastRequest, response: { 201: broadcastDetail } },
    handler: async (req, reply) => reply.status(201).send(await createBroadcast(kit, actorCtx(req), req.body)),
  });
  app.post('/api/broadcasts/preview', {
    config: { access: 'broadcast:draft' },
    schema: { tags, summary: 'Recipients per channel of an audience in scope (counts only; audited)', body: broadcastRequest, response: { 200: broadcastPreview } },
    handler: (req) => preview(kit, actorCtx(req), req.body),
  });
  app.get('/api/broadcasts/:id', {
    config: { access: 'broadcast:read', record: 'broadcast' },
    schema: { tags, summary: 'One broadcast with its texts, preview and delivery counts per channel (audited)', params: broadcastIdParams, response: { 200: broadcastDetail } },
    handler: (req) => readBroadcast(kit, actorCtx(req), req.params.id),
  });
  for (const action of BROADCAST_ACTIONS) {
    app.post(`/api/broadcasts/:id/${action}`, {
      config: { access: action === 'approve' || action === 'return' ? 'broadcast:approve' : action === 'cancel' ? ['broadcast:draft', 'broadcast:approve'] : 'broadcast:draft', record: 'broadcast' },
      schema: { tags, summary: `Broadcast step: ${action}${action === 'approve' ? ' (not by the drafter; queues the messages)' : ''}`, params: broadcastIdParams, body: BROADCAST_ACTION_INPUTS[action], response: { 200: broadcastDetail } },
      handler: (req) => transitionBroadcast(kit, actorCtx(req), req.params.id, action, req.body as never),
    });
  }
  app.get('/api/broadcast-templates', {
    config: { access: ['broadcast:read', 'broadcast:template'] },
    schema: { tags, summary: 'Templates: shipped, of the subtree and the regions above', response: { 200: z.array(broadcastTemplate) } },
    handler: (req) => listTemplates(kit, actorCtx(req)),
  });
  app.post('/api/broadcast-templates', {
    config: { access: 'broadcast:template' },
    schema: { tags, summary: 'Add a template for a region in scope', body: templateRequest, response: { 201: broadcastTemplate } },
    handler: async (req, reply) => reply.status(201).send(await createTemplate(kit, actorCtx(req), req.body)),
  });
  app.put('/api/broadcast-templates/:id', {
    config: { access: 'broadcast:template', record: 'broadcast_template' },
    schema: { tags, summary: 'Change a template of a region in scope (version checked)', params: broadcastIdParams, body: templateUpdateRequest, response: { 200: broadcastTemplate } },
    handler: (req) => updateTemplate(kit, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/broadcast-templates/:id', {
    config: { access: 'broadcast:template', record: 'broadcast_template' },
    schema: { tags, summary: 'Delete a template of a region in scope (broadcasts keep their texts)', params: broadcastIdParams, response: { 200: deleted } },
    handler: (req) => deleteTemplate(kit, actorCtx(req), req.params.id),
  });
  app.get('/api/loudspeakers', {
    config: { access: ['broadcast:read', 'broadcast:device'] },
    schema: { tags, summary: 'Street-light loudspeakers of the subtree and above', response: { 200: z.array(loudspeaker) } },
    handler: (req) => listLoudspeakers(kit, actorCtx(req)),
  });
  app.post('/api/loudspeakers', {
    config: { access: 'broadcast:device' },
    schema: { tags, summary: 'Add a loudspeaker in scope', body: loudspeakerRequest, response: { 201: loudspeaker } },
    handler: async (req, reply) => reply.status(201).send(await createLoudspeaker(kit, actorCtx(req), req.body)),
  });
  app.put('/api/loudspeakers/:id', {
    config: { access: 'broadcast:device', record: 'loudspeaker' },
    schema: { tags, summary: 'Change a loudspeaker (version checked)', params: broadcastIdParams, body: loudspeakerUpdateRequest, response: { 200: loudspeaker } },
    handler: (req) => updateLoudspeaker(kit, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/loudspeakers/:id', {
    config: { access: 'broadcast:device', record: 'loudspeaker' },
    schema: { tags, summary: 'Delete a loudspeaker', params: broadcastIdParams, response: { 200: deleted } },
    handler: (req) => deleteLoudspeaker(kit, actorCtx(req), req.params.id),
  });
}
