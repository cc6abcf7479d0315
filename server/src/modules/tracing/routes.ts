/** Cases and contacts: cases (list, record, one, steps, trace, interview contacts), the contacts' follow-up list, the chain of transmission, the rule. */
import {
  CASE_ACTION_INPUTS, CASE_ACTIONS, caseCreateRequest, caseDetail, caseIdParams, caseListQuery, caseSummary, contactIdParams, contactListQuery, contactSummary, manualContactRequest, page,
  caseGridFigures, contactGridFigures, divisionCode, epidemicSituation as situationSchema, situationQuery, traceResult, tracingReadQuery, tracingRule, tracingRuleVersion, transmissionGraph,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createCase, listCases, readCase, transitionCase, transmissionGraph as graphOf } from './cases.js';
import { addManualContact, listContacts, readContact } from './contacts.js';
import { changeRule, readRule } from './rule.js';
import { traceCase } from './trace.js';
import { briefingWorkbook } from './briefing.js';
import { casesByGrid, contactsByGrid, epidemicSituation, situationPeriod } from './situation.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { contentDisposition } from '../../platform/files/routes.js';
import { localDateTime } from '../../platform/time-zone.js';

export function tracingRoutes(app: App, kit: Kit): void {
  const tags = ['tracing'];
  app.get('/api/cases', {
    config: { access: 'case:read' },
    schema: { tags, summary: 'Cases in scope, newest first (masked; audited with the filters)', querystring: caseListQuery, response: { 200: page(caseSummary) } },
    handler: (req) => listCases(kit, actorCtx(req), req.query),
  });
  app.post('/api/cases', {
    config: { access: 'case:manage' },
    schema: { tags, summary: 'Record a case (a resident in scope, a name and document, or one of a case\'s contacts) and trace its contacts', body: caseCreateRequest, response: { 201: caseDetail } },
    handler: async (req, reply) => reply.status(201).send(await createCase(kit, actorCtx(req), req.body)),
  });
  app.get('/api/cases/:id', {
    config: { access: 'case:read', record: 'case' },
    schema: { tags, summary: 'One case with the contacts in the reader\'s scope, for a stated purpose (masked; others counted; audited)', params: caseIdParams, querystring: tracingReadQuery, response: { 200: caseDetail } },
    handler: (req) => readCase(kit, actorCtx(req), req.params.id, req.query.purpose),
  });
  for (const action of CASE_ACTIONS) {
    app.post(`/api/cases/:id/${action}`, {
      config: { access: 'case:manage', record: 'case' },
      schema: { tags, params: caseIdParams, body: CASE_ACTION_INPUTS[action], response: { 200: caseDetail } },
      handler: (req) => transitionCase(kit, actorCtx(req), req.params.id, action, req.body),
    });
  }
  app.post('/api/cases/:id/trace', {
    config: { access: 'case:manage', record: 'case' },
    schema: { tags, summary: 'Trace the case\'s contacts again by the rule in force (re-exposures restart the follow-up)', params: caseIdParams, body: z.strictObject({}).optional(), response: { 200: traceResult } },
    handler: (req) => traceCase(kit, actorCtx(req), req.params.id),
  });
  app.post('/api/cases/:id/contacts', {
    config: { access: 'case:manage', record: 'case' },
    schema: { tags, summary: 'Add a contact named in an interview (流调补录)', params: caseIdParams, body: manualContactRequest, response: { 200: caseDetail } },
    handler: (req) => addManualContact(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/contacts', {
    config: { access: 'contact:read' },
    schema: { tags, summary: 'Contacts living in scope, the follow-up list (masked; audited)', querystring: contactListQuery, response: { 200: page(contactSummary) } },
    handler: (req) => listContacts(kit, actorCtx(req), req.query),
  });
  app.get('/api/contacts/:id', {
    config: { access: 'contact:read', record: 'contact' },
    schema: { tags, summary: 'One contact living in scope, with its evidence, for a stated purpose (masked; audited)', params: contactIdParams, querystring: tracingReadQuery, response: { 200: contactSummary } },
    handler: (req) => readContact(kit, actorCtx(req), req.params.id, req.query.purpose),
  });
  app.get('/api/tracing/graph', {
    config: { access: 'case:read' },
    schema: { tags, summary: 'The chain of transmission in scope: short case numbers and links, nothing personal (audited)', response: { 200: transmissionGraph } },
    handler: (req) => graphOf(kit, actorCtx(req)),
  });
  app.get('/api/tracing/rule', {
    config: { access: ['case:read', 'tracing:rule'] },
    schema: { tags, summary: 'The tracing rule in force and its version', response: { 200: tracingRuleVersion } },
    handler: () => readRule(kit.db),
  });
  app.put('/api/tracing/rule', {
    config: { access: 'tracing:rule' },
    schema: { tags, summary: 'Change the tracing rule (a new version; operators whose scope is city-wide or above)', body: tracingRule, response: { 200: tracingRuleVersion } },
    handler: (req) => changeRule(kit.db, actorCtx(req), req.body),
  });
  const mapQuery = z.strictObject({ region: divisionCode.optional() });
  app.get('/api/cases/map', {
    config: { access: 'case:read' },
    schema: { tags, summary: 'Open cases per grid (map layer): counts only, scoped like the list', querystring: mapQuery, response: { 200: caseGridFigures } },
    handler: async (req) => ({ items: await casesByGrid(kit.db, actorCtx(req).actor, req.query.region) }),
  });
  app.get('/api/contacts/map', {
    config: { access: 'contact:read' },
    schema: { tags, summary: 'Contacts under follow-up per grid (map layer): counts only, scoped like the list', querystring: mapQuery, response: { 200: contactGridFigures } },
    handler: async (req) => ({ items: await contactsByGrid(kit.db, actorCtx(req).actor, req.query.region, req.ctx.clock.now()) }),
  });
  app.get('/api/epidemic/situation', {
    config: { access: 'case:read' },
    schema: { tags, summary: 'The epidemic situation: WHO tracing indicators per child region over a period, and the daily trend (counts only)', querystring: situationQuery, response: { 200: situationSchema } },
    handler: (req) => {
      const ctx = actorCtx(req);
      return epidemicSituation(kit.db, ctx.actor, situationPeriod(ctx.actor, req.query, ctx.clock.now()));
    },
  });
  app.get('/api/epidemic/briefing', {
    config: { access: 'case:read' },
    schema: { tags, summary: 'The daily epidemic briefing (.xlsx) of a day: its figures, the 14-day indicators per child region, the trend (counts only; audited)', querystring: situationQuery.pick({ to: true, region: true }) },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const period = situationPeriod(ctx.actor, { ...req.query, from: undefined }, ctx.clock.now());
      const s = await epidemicSituation(kit.db, ctx.actor, period);
      const body = await briefingWorkbook(s, s.trend.at(-1), localDateTime(ctx.clock.now()));
      await writeAudit(kit.db, ctx, { action: 'epidemic.briefing', objectType: 'case', regionCode: period.region, details: { day: period.to, from: period.from } });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`疫情日报_${s.regionName}_${period.to}.xlsx`))
        .send(body);
    },
  });
}
