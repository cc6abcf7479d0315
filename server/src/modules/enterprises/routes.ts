/** Enterprise routes of staff: resumption applications and their steps, the enterprise picker, daily health, stopped reporting, screening, the enterprise's filers. */
import { z } from 'zod';
import {
  application, applicationInput, applicationListQuery, applicationSummary, APPLICATION_ACTION_INPUTS, APPLICATION_ACTIONS, dayOverviewQuery, dayOverviewRow, enterpriseListQuery,
  enterpriseRef, filerLink, filerLinkInput, healthDayQuery, healthReport, healthReportInput, page, screeningInput, screeningListQuery, screeningRow, stoppedEnterprise, stoppedReportingQuery, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createApplication } from './create-application.js';
import { transitionApplication } from './transition-application.js';
import { getApplication, listApplications, listEnterprises } from './queries.js';
import { dayOverview, healthOfDay, registerHealth, stoppedReporting } from './health.js';
import { listScreening, setScreening } from './screening.js';
import { linkFiler } from './link-filer.js';
import { unlinkFiler } from './unlink-filer.js';
import { listFilers } from './filer-queries.js';
import { localDate } from '../../platform/time-zone.js';

const READ = ['enterprise:read', 'enterprise:write', 'enterprise:review'] as const;
const idParams = z.strictObject({ id: uuid });

export function enterpriseRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['enterprises'];
  app.get('/api/enterprise-applications', {
    config: { access: READ },
    schema: { tags, querystring: applicationListQuery, response: { 200: page(applicationSummary) } },
    handler: (req) => listApplications(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/enterprise-applications/:id', {
    config: { access: READ, record: 'enterprise_application' },
    schema: { tags, summary: 'One application with its staff list (masked); the read is audited', params: idParams, response: { 200: application } },
    handler: (req) => getApplication(db, actorCtx(req), req.params.id),
  });
  app.post('/api/enterprise-applications', {
    config: { access: 'enterprise:write' },
    schema: { tags, body: applicationInput, response: { 201: application } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createApplication(db, ctx, req.body);
      return reply.status(201).send(await getApplication(db, ctx, id, false));
    },
  });
  for (const action of APPLICATION_ACTIONS) {
    app.post(`/api/enterprise-applications/:id/${action}`, {
      config: { access: ['enterprise:write', 'enterprise:review'], record: 'enterprise_application' },
      schema: { tags, params: idParams, body: APPLICATION_ACTION_INPUTS[action], response: { 200: application } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionApplication(kit, ctx, req.params.id, action, req.body);
        return getApplication(db, ctx, req.params.id, false);
      },
    });
  }
  app.get('/api/enterprises', {
    config: { access: READ },
    schema: { tags, summary: 'Enterprises and shops of the caller\'s scope with their employees by name', querystring: enterpriseListQuery, response: { 200: page(enterpriseRef) } },
    handler: (req) => listEnterprises(db, actorCtx(req).actor, req.query),
  });
  app.get('/api/enterprises/:id/health', {
    config: { access: READ, record: 'enterprise' },
    schema: { tags, summary: 'The health registration of one day (audited read)', params: idParams, querystring: healthDayQuery, response: { 200: healthReport } },
    handler: (req) => healthOfDay(db, actorCtx(req), req.params.id, req.query.day ?? localDate(req.ctx.clock.now())),
  });
  app.put('/api/enterprises/:id/health', {
    config: { access: 'enterprise:write', record: 'enterprise', idempotent: true },
    schema: { tags, params: idParams, body: healthReportInput, response: { 200: healthReport } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await registerHealth(db, ctx, req.params.id, req.body);
      return healthOfDay(db, ctx, req.params.id, req.body.day);
    },
  });
  app.get('/api/enterprise-health', {
    config: { access: READ },
    schema: { tags, summary: 'Which enterprises approved to resume registered on a day', querystring: dayOverviewQuery, response: { 200: z.object({ day: z.string(), items: z.array(dayOverviewRow) }) } },
    handler: (req) => dayOverview(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/enterprise-health/stopped', {
    config: { access: READ },
    schema: { tags, summary: 'Enterprises approved to resume with no registration for N days', querystring: stoppedReportingQuery, response: { 200: page(stoppedEnterprise).extend({ days: z.number().int() }) } },
    handler: (req) => stoppedReporting(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/enterprise-screening', {
    config: { access: READ },
    schema: { tags, querystring: screeningListQuery, response: { 200: page(screeningRow) } },
    handler: (req) => listScreening(db, actorCtx(req).actor, req.query),
  });
  app.put('/api/enterprises/:id/screening', {
    config: { access: 'enterprise:write', record: 'enterprise' },
    schema: { tags, params: idParams, body: screeningInput, response: { 200: z.object({ ok: z.literal(true) }) } },
    handler: async (req) => {
      await setScreening(kit, actorCtx(req), req.params.id, req.body);
      return { ok: true as const };
    },
  });
  app.get('/api/enterprises/:id/filers', {
    config: { access: READ, record: 'enterprise' },
    schema: { tags, summary: 'The portal accounts linked to the enterprise as its filers (current, then revoked)', params: idParams, response: { 200: z.object({ items: z.array(filerLink) }) } },
    handler: (req) => listFilers(db, actorCtx(req), req.params.id),
  });
  app.post('/api/enterprises/:id/filers', {
    config: { access: 'enterprise:write', record: 'enterprise' },
    schema: { tags, summary: 'Link a resident portal account (exact username) to the enterprise as its filer', params: idParams, body: filerLinkInput, response: { 201: z.object({ items: z.array(filerLink) }) } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      await linkFiler(db, ctx, req.params.id, req.body);
      return reply.status(201).send(await listFilers(db, ctx, req.params.id));
    },
  });
  app.delete('/api/enterprises/:id/filers/:userId', {
    config: { access: 'enterprise:write', record: 'enterprise' },
    schema: { tags, summary: 'End an account\'s link to the enterprise: it reaches nothing of it from the next request on', params: z.strictObject({ id: uuid, userId: uuid }), response: { 200: z.object({ items: z.array(filerLink) }) } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await unlinkFiler(db, ctx, req.params.id, req.params.userId);
      return listFilers(db, ctx, req.params.id);
    },
  });
}
