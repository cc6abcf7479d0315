/** Risk-warning routes: the scoped list, map and detail, each step, the rules and the runs. */
import { z } from 'zod';
import {
  page, riskWarning, riskWarningDetail, riskWarningListQuery, uuid, divisionCode, WARNING_ACTION_INPUTS, WARNING_ACTIONS,
  warningRuleInput, warningRulePatch, warningRuleView, warningRunListQuery, warningRunView,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import { AppError } from '../../platform/errors.js';
import type { Kit } from '../../platform/kit/kit.js';
import { getWarning, listWarnings, openWarningsByGrid, readWarning } from './queries.js';
import { createRule, getRule, listRules, updateRule } from './rules.js';
import { getRun, listRuns, runRules } from './run-rules.js';
import { transitionWarning } from './transition-warning.js';

const READ = ['warning:read', 'warning:handle', 'warning:assigned'] as const;
const idParams = z.strictObject({ id: uuid });

export function warningRoutes(app: App, kit: Kit): void {
  const { db, registry } = kit;
  const tags = ['warnings'];
  app.get('/api/warnings', {
    config: { access: READ },
    schema: { tags, querystring: riskWarningListQuery, response: { 200: page(riskWarning) } },
    handler: (req) => listWarnings(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/warnings/map', {
    config: { access: READ },
    schema: { tags, summary: 'Open warnings per grid (map layer)', querystring: z.strictObject({ region: divisionCode.optional() }), response: { 200: z.object({ items: z.array(z.object({ gridId: z.string(), gridName: z.string(), open: z.number().int(), high: z.number().int() })) }) } },
    handler: async (req) => ({ items: await openWarningsByGrid(db, actorCtx(req).actor, req.query.region) }),
  });
  app.get('/api/warnings/:id', {
    config: { access: READ, record: 'warning' },
    schema: { tags, summary: 'One warning with its evidence (audited)', params: idParams, response: { 200: riskWarningDetail } },
    handler: (req) => readWarning(db, registry, actorCtx(req), req.params.id),
  });
  for (const action of WARNING_ACTIONS) {
    app.post(`/api/warnings/:id/${action}`, {
      // Handling is also for a user assigned personally (a grid worker holds warning:read); the workflow's standing decides.
      config: { access: action === 'handle' ? ['warning:handle', 'warning:assigned', 'warning:read'] : ['warning:handle', 'warning:assigned'], record: 'warning' },
      schema: { tags, params: idParams, body: WARNING_ACTION_INPUTS[action], response: { 200: riskWarning } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionWarning(kit, ctx, req.params.id, action, req.body);
        return getWarning(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.get('/api/warning-rules', {
    config: { access: 'warning:configure' },
    schema: { tags, summary: 'Every configured rule, its kind (or unavailable) and its statistics', response: { 200: z.object({ items: z.array(warningRuleView) }) } },
    handler: async () => ({ items: await listRules(db, registry) }),
  });
  app.post('/api/warning-rules', {
    config: { access: 'warning:configure' },
    schema: { tags, body: warningRuleInput, response: { 201: warningRuleView } },
    handler: async (req, reply) => {
      const id = await createRule(db, registry, actorCtx(req), req.body);
      return reply.status(201).send(await getRule(db, registry, id));
    },
  });
  app.patch('/api/warning-rules/:id', {
    config: { access: 'warning:configure', record: 'warning_rule' },
    schema: { tags, params: idParams, body: warningRulePatch, response: { 200: warningRuleView } },
    handler: async (req) => {
      await updateRule(db, registry, actorCtx(req), req.params.id, req.body);
      return getRule(db, registry, req.params.id);
    },
  });
  app.get('/api/warning-runs', {
    config: { access: 'warning:configure' },
    schema: { tags, querystring: warningRunListQuery, response: { 200: page(warningRunView) } },
    handler: (req) => listRuns(db, req.query),
  });
  app.post('/api/warning-runs', {
    config: { access: 'warning:configure' },
    schema: { tags, summary: 'Run every enabled rule now', body: z.strictObject({}).optional(), response: { 201: warningRunView } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      if (ctx.actor.gridId !== null || ctx.actor.regionPrefix.length > 4) throw new AppError('FORBIDDEN', { action: 'run' });
      const id = await runRules(kit, ctx, 'manual');
      return reply.status(201).send(await getRun(db, id));
    },
  });
}
