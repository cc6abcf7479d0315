/**
 * Declaration routes: the form, declaring and one's own history on the portal (no account:
 * limited per address and per person, counted in the database for every process); staff
 * record one taken by phone, list (masked, audited), count today's, and read one with a purpose.
 */
import { z } from 'zod';
import {
  declarationCounts, declarationDetail, declarationFormResponse, declarationHistory, declarationHistoryRequest, declarationListQuery, declarationReadQuery, declarationReceipt, declarationRequest,
  declarationSummary, DECLARATION_FORM_KEY, page, phoneDeclarationRequest, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { codeInSubtree } from '../../platform/scope.js';
import { findCurrentRegion } from '../regions/queries.js';
import { declare } from './declare.js';
import { countToday, listDeclarations, ownHistory, readDeclaration } from './queries.js';

const idParams = z.strictObject({ id: uuid });
const COMMUNITY_LEVEL = 5;

export function declarationRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['declarations'];
  const perAddress = new SharedRateLimiter(db, 'declarations.ip', kit.config.declarationsPerIp, 10 * 60_000, kit.clock);
  const perPerson = kit.config.declarationsPerPerson > 0 ? new SharedRateLimiter(db, 'declarations.person', kit.config.declarationsPerPerson, 24 * 3_600_000, kit.clock, 'DECLARATION_TOO_MANY') : null;
  const community = async (code: string, prefix = '') => {
    const found = await findCurrentRegion(db, code);
    return found && found.level === COMMUNITY_LEVEL && codeInSubtree(found.code, prefix) ? found.code : null;
  };

  app.get('/api/public/declarations/form', {
    config: { access: 'public' },
    schema: { tags, summary: 'The declaration form to fill (its newest published version)', response: { 200: declarationFormResponse } },
    handler: async () => {
      const form = await publishedForm(db, DECLARATION_FORM_KEY);
      return { version: form.version, definition: form.definition };
    },
  });
  app.post('/api/public/declarations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Declare health and trips (daily: a second one the same day replaces the first); limited per address and per person', body: declarationRequest, response: { 201: declarationReceipt } },
    handler: async (req, reply) => {
      await perAddress.hit(req.ip);
      return reply.status(201).send(await declare(kit, req.ctx, req.body, { source: 'portal', perPerson, community: (code) => community(code) }));
    },
  });
  app.post('/api/public/declarations/history', {
    config: { access: 'public' },
    schema: { tags, summary: 'One\'s own declarations of the last 30 days, by document number and phone (both must match; limited per address)', body: declarationHistoryRequest, response: { 200: declarationHistory } },
    handler: async (req) => {
      await perAddress.hit(req.ip);
      return ownHistory(kit, req.ctx, req.body);
    },
  });

  app.post('/api/declarations', {
    config: { access: 'declaration:record' },
    schema: { tags, summary: 'Record a declaration a resident gave by phone (source = phone); an unmatched one is placed in the caller\'s scope', body: phoneDeclarationRequest, response: { 201: declarationReceipt } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      return reply.status(201).send(await declare(kit, ctx, req.body, { source: 'phone', perPerson, community: (code) => community(code, ctx.actor.regionPrefix) }));
    },
  });
  app.get('/api/declarations', {
    config: { access: 'declaration:read' },
    schema: { tags, summary: 'Declarations in scope (masked; audited with the filters)', querystring: declarationListQuery, response: { 200: page(declarationSummary) } },
    handler: (req) => listDeclarations(kit, actorCtx(req), req.query),
  });
  app.get('/api/declarations/today', {
    config: { access: 'declaration:read' },
    schema: { tags, summary: 'Today\'s declarations in scope: all, abnormal, unmatched', response: { 200: declarationCounts } },
    handler: (req) => countToday(db, actorCtx(req)),
  });
  app.get('/api/declarations/:id', {
    config: { access: 'declaration:read', record: 'declaration' },
    schema: { tags, summary: 'One declaration, for a stated purpose (audited)', params: idParams, querystring: declarationReadQuery, response: { 200: declarationDetail } },
    handler: (req) => readDeclaration(kit, actorCtx(req), req.params.id, req.query.purpose),
  });
}
