/** Quarantine: orders (list views, give one for a contact, one with its follow-ups, steps), today's follow-ups and recording one, sites, the rule. */
import {
  QUARANTINE_ACTION_INPUTS, QUARANTINE_ACTIONS, followUpRequest, page, quarantineCreateRequest, quarantineDetail, quarantineIdParams, quarantineListQuery, quarantineReadQuery,
  quarantineRule, quarantineRuleVersion, quarantineSite, quarantineSummary, siteRequest, siteUpdateRequest, todayFollowUp, FOLLOWUP_STATUSES,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { recordFollowUp, todayFollowUps } from './followups.js';
import { createOrder, listOrders, readOrder, transitionOrder } from './orders.js';
import { changeQuarantineRule, readQuarantineRule } from './rule.js';
import { createSite, listSites, updateSite } from './sites.js';

const recorded = z.object({ day: z.string(), dayNo: z.number().int(), testDue: z.boolean(), status: z.enum(FOLLOWUP_STATUSES), fever: z.boolean() });

export function quarantineRoutes(app: App, kit: Kit): void {
  const tags = ['quarantine'];
  app.get('/api/quarantine/orders', {
    config: { access: 'quarantine:read' },
    schema: { tags, summary: 'Quarantine orders in scope: active, overdue, lost, release due, fever alerts (masked; audited with the filters)', querystring: quarantineListQuery, response: { 200: page(quarantineSummary) } },
    handler: (req) => listOrders(kit, actorCtx(req), req.query),
  });
  app.post('/api/quarantine/orders', {
    config: { access: 'quarantine:manage' },
    schema: { tags, summary: 'Give a quarantine order for a contact in scope (schedule from the rule in force; a bed at the site)', body: quarantineCreateRequest, response: { 201: quarantineDetail } },
    handler: async (req, reply) => reply.status(201).send(await createOrder(kit, actorCtx(req), req.body)),
  });
  app.get('/api/quarantine/orders/:id', {
    config: { access: 'quarantine:read', record: 'quarantine' },
    schema: { tags, summary: 'One order with its follow-ups, for a stated purpose (masked; audited)', params: quarantineIdParams, querystring: quarantineReadQuery, response: { 200: quarantineDetail } },
    handler: (req) => readOrder(kit, actorCtx(req), req.params.id, req.query.purpose),
  });
  for (const action of QUARANTINE_ACTIONS) {
    app.post(`/api/quarantine/orders/:id/${action}`, {
      config: { access: 'quarantine:manage', record: 'quarantine' },
      schema: { tags, params: quarantineIdParams, body: QUARANTINE_ACTION_INPUTS[action], response: { 200: quarantineDetail } },
      handler: (req) => transitionOrder(kit, actorCtx(req), req.params.id, action, req.body),
    });
  }
  app.post('/api/quarantine/orders/:id/followups', {
    config: { access: 'quarantine:follow', record: 'quarantine', idempotent: true },
    schema: { tags, summary: 'Record a day\'s follow-up: temperature, symptoms, test result (replayable; a fever notifies the supervisors)', params: quarantineIdParams, body: followUpRequest, response: { 200: recorded } },
    handler: (req) => recordFollowUp(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/quarantine/today', {
    config: { access: 'quarantine:follow' },
    schema: { tags, summary: 'Today\'s follow-ups of the orders in scope, for a stated purpose (masked; audited)', querystring: quarantineReadQuery, response: { 200: z.array(todayFollowUp) } },
    handler: (req) => todayFollowUps(kit, actorCtx(req), req.query.purpose),
  });
  app.get('/api/quarantine/sites', {
    config: { access: 'quarantine:read' },
    schema: { tags, summary: 'Quarantine sites in scope and above, with capacity and occupancy', response: { 200: z.array(quarantineSite) } },
    handler: (req) => listSites(kit, actorCtx(req).actor, actorCtx(req).clock.now()),
  });
  app.post('/api/quarantine/sites', {
    config: { access: 'quarantine:manage' },
    schema: { tags, summary: 'Add a quarantine site in scope', body: siteRequest, response: { 201: quarantineSite } },
    handler: async (req, reply) => reply.status(201).send(await createSite(kit, actorCtx(req), req.body)),
  });
  app.put('/api/quarantine/sites/:id', {
    config: { access: 'quarantine:manage', record: 'quarantine_site' },
    schema: { tags, summary: 'Change a site (its capacity never below its occupancy)', params: quarantineIdParams, body: siteUpdateRequest, response: { 200: quarantineSite } },
    handler: (req) => updateSite(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/quarantine/rule', {
    config: { access: ['quarantine:read', 'quarantine:rule'] },
    schema: { tags, summary: 'The quarantine rule in force and its version', response: { 200: quarantineRuleVersion } },
    handler: () => readQuarantineRule(kit.db),
  });
  app.put('/api/quarantine/rule', {
    config: { access: 'quarantine:rule' },
    schema: { tags, summary: 'Change the quarantine rule (a new version; operators whose scope is city-wide or above)', body: quarantineRule, response: { 200: quarantineRuleVersion } },
    handler: (req) => changeQuarantineRule(kit.db, actorCtx(req), req.body),
  });
}
