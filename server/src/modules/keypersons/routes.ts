/** Key-person routes: categories, list, archive (with a purpose), enrolment, steps, visits, minors' approvals, counts. */
import { z } from 'zod';
import {
  kpAccess, kpAccessDecision, kpAccessInput, KP_ACCESS_STATUSES, KP_ACTION_INPUTS, KP_ACTIONS, kpCategory, kpCategoryUpdate, kpCreateInput, kpDetail, kpListQuery, kpReadQuery, kpStats, kpSummary, kpUnmaskRequest, kpUnmaskResponse, kpVisitInput, page, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { listCategories, setCategoryVisitDays, updateCategory } from './categories.js';
import { createKeyPerson } from './create-key-person.js';
import { keyPersonStats, listKeyPersons, readKeyPerson } from './queries.js';
import { transitionKeyPerson } from './transition-key-person.js';
import { logVisit } from './log-visit.js';
import { decideAccess, listAccessRequests, requestAccess } from './access-requests.js';
import { unmaskKeyPersonAnswer } from './unmask-answer.js';

const READ = ['keyperson:read'] as const;
const idParams = z.strictObject({ id: uuid });
const changed = z.object({ id: z.string(), version: z.number().int(), status: z.string() });

export function keypersonRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['keypersons'];
  app.get('/api/keypersons/categories', {
    config: { access: ['keyperson:read', 'keyperson:manage'] },
    schema: { tags, summary: 'Categories with the visit intervals that apply at the caller\'s region', response: { 200: z.object({ items: z.array(kpCategory) }) } },
    handler: async (req) => ({ items: await listCategories(db, actorCtx(req).actor.regionCode) }),
  });
  app.patch('/api/keypersons/categories/:code', {
    config: { access: 'keyperson:manage', record: 'kp_category' },
    schema: {
      tags, summary: 'Edit a category: names and enabled (city level and above), the caller\'s locality\'s visit intervals (audited)',
      params: z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) }), body: kpCategoryUpdate, response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await updateCategory(db, actorCtx(req), req.params.code, req.body);
      return reply.status(204).send(null);
    },
  });
  app.put('/api/keypersons/categories/:code/visit-days', {
    config: { access: 'keyperson:manage', record: 'kp_category' },
    schema: { tags, summary: 'The caller\'s locality\'s visit intervals for one category', params: z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) }), body: kpCategoryUpdate.shape.visitDays.unwrap(), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await setCategoryVisitDays(db, actorCtx(req), req.params.code, req.body);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/keypersons', {
    config: { access: READ },
    schema: { tags, summary: 'Archives in scope (audited)', querystring: kpListQuery, response: { 200: page(kpSummary) } },
    handler: (req) => listKeyPersons(db, actorCtx(req), req.query),
  });
  app.get('/api/keypersons/stats', {
    config: { access: READ },
    schema: { tags, summary: 'Counts by category and risk, overdue visits and per-grid counts in scope (no points)', response: { 200: kpStats } },
    handler: (req) => keyPersonStats(db, actorCtx(req).actor, req.ctx.clock.now()),
  });
  app.get('/api/keypersons/access-requests', {
    config: { access: ['keyperson:approve', 'keyperson:read'] },
    schema: { tags, summary: 'Requests to open minors\' archives: those to decide in scope, and one\'s own', querystring: z.strictObject({ status: z.enum(KP_ACCESS_STATUSES).optional() }), response: { 200: z.object({ items: z.array(kpAccess) }) } },
    handler: async (req) => ({ items: await listAccessRequests(db, actorCtx(req).actor, req.query.status) }),
  });
  for (const decision of ['approve', 'refuse'] as const) {
    app.post(`/api/keypersons/access-requests/:id/${decision}`, {
      config: { access: ['keyperson:approve', 'keyperson:read'], record: 'key_person_access' },
      schema: { tags, params: idParams, body: kpAccessDecision, response: { 200: kpAccess } },
      handler: (req) => decideAccess(kit, actorCtx(req), req.params.id, decision, req.body.note),
    });
  }
  app.get('/api/keypersons/:id', {
    config: { access: READ, record: 'key_person' },
    schema: { tags, summary: 'One archive, for a stated purpose (audited; a minor\'s needs an approval)', params: idParams, querystring: kpReadQuery, response: { 200: kpDetail } },
    handler: (req) => readKeyPerson(db, actorCtx(req), req.params.id, req.query.purpose),
  });
  app.post('/api/keypersons', {
    config: { access: 'keyperson:manage' },
    schema: { tags, body: kpCreateInput, response: { 201: changed } },
    handler: async (req, reply) => {
      const id = await createKeyPerson(db, actorCtx(req), req.body);
      return reply.status(201).send({ id, version: 1, status: 'active' });
    },
  });
  for (const action of KP_ACTIONS) {
    app.post(`/api/keypersons/:id/${action}`, {
      config: { access: action === 'change_risk' ? 'keyperson:manage' : 'keyperson:handover', record: 'key_person' },
      schema: { tags, params: idParams, body: KP_ACTION_INPUTS[action], response: { 200: changed } },
      handler: async (req) => {
        const saved = await transitionKeyPerson(kit, actorCtx(req), req.params.id, action, req.body);
        return { id: saved.id, version: saved.version, status: saved.status };
      },
    });
  }
  app.post('/api/keypersons/:id/visits', {
    config: { access: 'keyperson:visit', record: 'key_person', idempotent: true },
    schema: { tags, summary: 'Log a visit (replayable with Idempotency-Key); a resend with the same clientId is the same visit', params: idParams, body: kpVisitInput, response: { 201: z.object({ id: z.string() }), 200: z.object({ id: z.string() }) } },
    handler: async (req, reply) => {
      const created = await logVisit(db, actorCtx(req), req.params.id, req.body);
      return reply.status(created ? 201 : 200).send({ id: req.body.clientId });
    },
  });
  app.post('/api/keypersons/:id/unmask', {
    config: { access: 'keyperson:unmask', record: 'key_person' },
    schema: { tags, summary: 'The full ID number or phone of an answer (a guardian\'s), with a reason (audited, within the unmask budget)', params: idParams, body: kpUnmaskRequest, response: { 200: kpUnmaskResponse } },
    handler: (req) => unmaskKeyPersonAnswer(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/keypersons/:id/access-requests', {
    config: { access: READ, record: 'key_person' },
    schema: { tags, summary: 'Ask to open a minor\'s archive', params: idParams, body: kpAccessInput, response: { 201: z.object({ id: z.string() }) } },
    handler: async (req, reply) => reply.status(201).send({ id: await requestAccess(kit, actorCtx(req), req.params.id, req.body.purpose) }),
  });
}

