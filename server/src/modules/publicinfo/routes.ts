/** Public-information routes: staff lists, records and steps of their subtree; the portal's published entries and questions. */
import { z } from 'zod';
import {
  consultation, consultationAsk, consultationListQuery, consultationReceipt, CONSULTATION_ACTION_INPUTS, CONSULTATION_ACTIONS, healthFacility, healthFacilityInput,
  healthFacilityListQuery, healthFacilityUpdate, page, publicConsultation, publicConsultationQuery, publicHealthFacility, publicHealthFacilityQuery, publicRebuttal,
  publicRebuttalQuery, rebuttal, rebuttalInput, rebuttalListQuery, REBUTTAL_ACTION_INPUTS, REBUTTAL_ACTIONS, residentConsultationAsk, uuid, type OpeningHours,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import type { Kit } from '../../platform/kit/kit.js';
import { askQuestion, transitionConsultation } from './consultations.js';
import { createHealthFacility, updateHealthFacility } from './health-facilities.js';
import {
  getConsultation, getHealthFacility, getRebuttal, listConsultations, listHealthFacilities, listRebuttals, publicConsultations, publicHealthFacilities, publicRebuttals,
} from './queries.js';
import { createRebuttal, transitionRebuttal } from './rebuttals.js';

const idParams = z.strictObject({ id: uuid });

export function publicinfoRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['publicinfo'];

  // ---- Rumour rebuttals ----
  app.get('/api/rebuttals', {
    config: { access: 'publicinfo:manage' },
    schema: { tags, summary: 'Rumour rebuttals of the caller\'s subtree (word search over claim and evidence)', querystring: rebuttalListQuery, response: { 200: page(rebuttal) } },
    handler: (req) => listRebuttals(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/rebuttals/:id', {
    config: { access: 'publicinfo:manage', record: 'rumour_rebuttal' },
    schema: { tags, params: idParams, response: { 200: rebuttal } },
    handler: (req) => getRebuttal(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/rebuttals', {
    config: { access: 'publicinfo:manage' },
    schema: { tags, summary: 'Draft a rumour rebuttal for a region of the caller\'s subtree', body: rebuttalInput, response: { 201: rebuttal } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createRebuttal(db, ctx, req.body);
      return reply.status(201).send(await getRebuttal(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  for (const action of REBUTTAL_ACTIONS) {
    app.post(`/api/rebuttals/:id/${action}`, {
      config: { access: 'publicinfo:manage', record: 'rumour_rebuttal' },
      schema: { tags, params: idParams, body: REBUTTAL_ACTION_INPUTS[action], response: { 200: rebuttal } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionRebuttal(kit, ctx, req.params.id, action, req.body);
        return getRebuttal(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }

  // ---- Health facilities ----
  app.get('/api/health-facilities', {
    config: { access: 'publicinfo:manage' },
    schema: { tags, summary: 'Hospitals and fever clinics of the caller\'s subtree, with "open now"', querystring: healthFacilityListQuery, response: { 200: page(healthFacility) } },
    handler: (req) => listHealthFacilities(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/health-facilities/:id', {
    config: { access: 'publicinfo:manage', record: 'health_facility' },
    schema: { tags, params: idParams, response: { 200: healthFacility } },
    handler: (req) => getHealthFacility(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/health-facilities', {
    config: { access: 'publicinfo:manage' },
    schema: { tags, summary: 'Add a facility at a region of the caller\'s subtree', body: healthFacilityInput, response: { 201: healthFacility } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createHealthFacility(db, ctx, { ...req.body, hours: req.body.hours as OpeningHours });
      return reply.status(201).send(await getHealthFacility(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  app.patch('/api/health-facilities/:id', {
    config: { access: 'publicinfo:manage', record: 'health_facility' },
    schema: { tags, summary: 'Change a facility (or retire it with active: false)', params: idParams, body: healthFacilityUpdate, response: { 200: healthFacility } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await updateHealthFacility(db, ctx, req.params.id, { ...req.body, hours: req.body.hours as OpeningHours | undefined });
      return getHealthFacility(db, ctx.actor, req.params.id, ctx.clock.now());
    },
  });

  // ---- Consultations ----
  app.get('/api/consultations', {
    config: { access: 'consultation:answer' },
    schema: { tags, summary: 'Residents\' questions of the caller\'s subtree (numbers masked, askers never named)', querystring: consultationListQuery, response: { 200: page(consultation) } },
    handler: (req) => listConsultations(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/consultations/:id', {
    config: { access: 'consultation:answer', record: 'consultation' },
    schema: { tags, params: idParams, response: { 200: consultation } },
    handler: (req) => getConsultation(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  for (const action of CONSULTATION_ACTIONS) {
    app.post(`/api/consultations/:id/${action}`, {
      config: { access: 'consultation:answer', record: 'consultation' },
      schema: { tags, params: idParams, body: CONSULTATION_ACTION_INPUTS[action], response: { 200: consultation } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionConsultation(kit, ctx, req.params.id, action, req.body);
        return getConsultation(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.post('/api/consultations/ask', {
    config: { access: 'consultation:ask' },
    schema: { tags, summary: 'A signed-in resident asks a question (at their own region); told when it is answered', body: residentConsultationAsk, response: { 201: consultationReceipt } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      return reply.status(201).send(await askQuestion(db, ctx, { regionCode: ctx.actor.regionCode, question: req.body.question }));
    },
  });

  // ---- The portal ----
  const perAddress = kit.config.consultationsPerIp > 0 ? new SharedRateLimiter(db, 'consultation.ask', kit.config.consultationsPerIp, 60 * 60_000, kit.clock) : null;
  app.post('/api/public/consultations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Ask a question anonymously (limited per client address across every process)', body: consultationAsk, response: { 201: consultationReceipt } },
    handler: async (req, reply) => {
      await perAddress?.hit(req.ip);
      return reply.status(201).send(await askQuestion(db, req.ctx, req.body));
    },
  });
  app.get('/api/public/consultations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Answered questions published at a place (its region and those above it)', querystring: publicConsultationQuery, response: { 200: z.object({ items: z.array(publicConsultation) }) } },
    handler: async (req) => ({ items: await publicConsultations(db, req.query.region) }),
  });
  app.get('/api/public/rebuttals', {
    config: { access: 'public' },
    schema: { tags, summary: 'Published rumour rebuttals at a place (its region and those above it), with word search', querystring: publicRebuttalQuery, response: { 200: z.object({ items: z.array(publicRebuttal) }) } },
    handler: async (req) => ({ items: await publicRebuttals(db, req.query.region, req.query.q) }),
  });
  app.get('/api/public/health-facilities', {
    config: { access: 'public' },
    schema: { tags, summary: 'Hospitals and fever clinics serving a place, open ones first, with distance from a given point', querystring: publicHealthFacilityQuery, response: { 200: z.object({ items: z.array(publicHealthFacility) }) } },
    handler: async (req) => ({ items: await publicHealthFacilities(db, req.query, req.ctx.clock.now()) }),
  });
}
