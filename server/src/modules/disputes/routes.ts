/** Dispute routes: list, read, register, each step, reveal a party, download the agreement. */
import { z } from 'zod';
import { dispute, disputeInput, disputeListItem, disputeListQuery, disputeMapItem, disputeMapQuery, disputeUnmaskRequest, disputeUnmaskResponse, DISPUTE_ACTION_INPUTS, DISPUTE_ACTIONS, page, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { contentDisposition } from '../../platform/files/routes.js';
import { createDispute } from './create-dispute.js';
import { getDispute, listDisputes, openDisputesByGrid, unmaskParty } from './queries.js';
import { localDate } from '../../platform/time-zone.js';
import { transitionDispute } from './transition-dispute.js';
import { downloadAgreement } from './download-agreement.js';

const READ = ['dispute:read', 'dispute:write', 'dispute:manage', 'dispute:mediate'] as const;
const idParams = z.strictObject({ id: uuid });

export function disputeRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['disputes'];
  app.get('/api/disputes', {
    config: { access: READ },
    schema: { tags, querystring: disputeListQuery, response: { 200: page(disputeListItem) } },
    handler: (req) => listDisputes(db, actorCtx(req).actor, req.query),
  });
  app.get('/api/disputes/map', {
    config: { access: READ },
    schema: { tags, summary: 'Open disputes per grid (map layer): counts only, scoped like the list', querystring: disputeMapQuery, response: { 200: z.object({ items: z.array(disputeMapItem) }) } },
    handler: async (req) => ({ items: await openDisputesByGrid(db, actorCtx(req).actor, localDate(req.ctx.clock.now()), req.query.region) }),
  });
  app.get('/api/disputes/:id', {
    config: { access: READ, record: 'dispute' },
    schema: { tags, params: idParams, response: { 200: dispute } },
    handler: (req) => getDispute(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/disputes', {
    config: { access: 'dispute:write' },
    schema: { tags, summary: 'Register a dispute from the answers to a published version of disputes.register', body: disputeInput, response: { 201: dispute } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createDispute(kit, ctx, req.body);
      return reply.status(201).send(await getDispute(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  for (const action of DISPUTE_ACTIONS) {
    app.post(`/api/disputes/:id/${action}`, {
      config: { access: ['dispute:write', 'dispute:manage', 'dispute:mediate'], record: 'dispute' },
      schema: { tags, params: idParams, body: DISPUTE_ACTION_INPUTS[action], response: { 200: dispute } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionDispute(kit, ctx, req.params.id, action, req.body as never);
        return getDispute(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.post('/api/disputes/:id/unmask', {
    config: { access: 'dispute:unmask', record: 'dispute' },
    schema: { tags, summary: 'A party\'s full document number and phone, with a reason (audited)', params: idParams, body: disputeUnmaskRequest, response: { 200: disputeUnmaskResponse } },
    handler: (req) => unmaskParty(db, kit.vault, actorCtx(req), req.params.id, req.body, kit.config.unmaskPerHour),
  });
  app.get('/api/disputes/:id/agreement', {
    config: { access: READ, record: 'dispute' },
    schema: { tags, summary: 'The mediation agreement (人民调解协议书) as .docx (audited)', params: idParams },
    handler: async (req, reply) => {
      const file = await downloadAgreement(db, actorCtx(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  });
}
