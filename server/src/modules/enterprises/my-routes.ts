/**
 * The enterprise's own filer (企业填报人) on the portal: a resident account an operator linked to
 * enterprises. Every route reaches only the enterprises it is linked to now (the link is read on
 * every request); anything else is "not found". The use-cases are the staff's: the link is how
 * this caller reaches the enterprise, and the workflow lets it take `edit` and `submit` only.
 */
import { z } from 'zod';
import { APPLICATION_ACTION_INPUTS, application, applicationInput, formDefinition, healthDayQuery, healthReport, healthReportInput, myEnterprise, notificationList, RESUMPTION_FORM_KEY, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { listSubjectNotifications } from '../../platform/notifications/routes.js';
import { localDate } from '../../platform/time-zone.js';
import { createApplication } from './create-application.js';
import { transitionApplication } from './transition-application.js';
import { getApplication } from './queries.js';
import { healthOfDay, registerHealth } from './health.js';
import { myEnterprises } from './filer-queries.js';
import { FILER_PERMISSION } from './filer-access.js';
import { describeApplications } from './notice-subjects.js';

const idParams = z.strictObject({ id: uuid });
/** The steps a filer may take (the workflow refuses the others: its standing is `linked` only). */
const FILER_ACTIONS = ['edit', 'submit'] as const;

export function myEnterpriseRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['enterprises (filer)'];
  const access = FILER_PERMISSION;
  app.get('/api/my-enterprises', {
    config: { access },
    schema: { tags, summary: 'The enterprises the caller is linked to as filer, with employees (masked), the latest application and whether it resumed', response: { 200: z.object({ items: z.array(myEnterprise) }) } },
    handler: (req) => myEnterprises(db, actorCtx(req).actor, req.ctx.clock.now()),
  });
  app.get('/api/my-enterprises/notices', {
    config: { access },
    schema: { tags, summary: 'The caller\'s notifications about applications of the enterprises it is linked to now (the review decisions), newest first; marked read with POST /api/notifications/:id/read', response: { 200: notificationList } },
    handler: (req) => listSubjectNotifications(db, actorCtx(req).actor, req.ctx.locale, 'enterprise_application', describeApplications),
  });
  app.get('/api/my-enterprises/form', {
    config: { access },
    schema: { tags, summary: 'The resumption application form to fill (its newest published version)', response: { 200: z.object({ version: z.number().int(), definition: formDefinition }) } },
    handler: async () => {
      const form = await publishedForm(db, RESUMPTION_FORM_KEY);
      return { version: form.version, definition: form.definition };
    },
  });
  app.post('/api/my-enterprises/applications', {
    config: { access },
    schema: { tags, summary: 'Draft the resumption application of an enterprise the caller is linked to', body: applicationInput, response: { 201: application } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createApplication(db, ctx, req.body);
      return reply.status(201).send(await getApplication(db, ctx, id, false));
    },
  });
  app.get('/api/my-enterprises/applications/:id', {
    config: { access, record: 'enterprise_application' },
    schema: { tags, summary: 'One application of a linked enterprise: staff list (masked), steps with the reviewers\' reasons; the read is audited', params: idParams, response: { 200: application } },
    handler: (req) => getApplication(db, actorCtx(req), req.params.id),
  });
  for (const action of FILER_ACTIONS) {
    app.post(`/api/my-enterprises/applications/:id/${action}`, {
      config: { access, record: 'enterprise_application' },
      schema: { tags, params: idParams, body: APPLICATION_ACTION_INPUTS[action], response: { 200: application } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionApplication(kit, ctx, req.params.id, action, req.body);
        return getApplication(db, ctx, req.params.id, false);
      },
    });
  }
  app.get('/api/my-enterprises/:id/health', {
    config: { access, record: 'enterprise' },
    schema: { tags, summary: 'The staff health registration of one day of a linked enterprise (audited read)', params: idParams, querystring: healthDayQuery, response: { 200: healthReport } },
    handler: (req) => healthOfDay(db, actorCtx(req), req.params.id, req.query.day ?? localDate(req.ctx.clock.now())),
  });
  app.put('/api/my-enterprises/:id/health', {
    config: { access, record: 'enterprise', idempotent: true },
    schema: { tags, summary: 'Register the staff health of a day for a linked enterprise (same rules as staff)', params: idParams, body: healthReportInput, response: { 200: healthReport } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await registerHealth(db, ctx, req.params.id, req.body);
      return healthOfDay(db, ctx, req.params.id, req.body.day);
    },
  });
}
