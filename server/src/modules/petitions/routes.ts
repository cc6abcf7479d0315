/** No-petition village routes: the month's list, one village with its year, the criteria, a recompute. */
import { z } from 'zod';
import { divisionCode, petitionCriteriaInput, petitionCriteriaView, petitionMonth, villageComputeInput, villageComputeResult, villageDetail, villageList, villageListQuery } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { readCriteria, updateCriteria } from './criteria.js';
import { listVillages, villageDetail as readVillage } from './queries.js';
import { assessVillages } from './assess-villages.js';

const READ = ['petition_village:read', 'petition_village:configure'] as const;

export function petitionRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['petitions'];
  app.get('/api/petition-villages', {
    config: { access: 'petition_village:read' },
    schema: { tags, summary: 'The villages\' status for a month (the newest assessed by default), with the month-on-month change', querystring: villageListQuery, response: { 200: villageList } },
    handler: (req) => listVillages(db, actorCtx(req).actor, req.query),
  });
  app.get('/api/petition-villages/:id', {
    config: { access: 'petition_village:read', record: 'petition_village' },
    schema: { tags, summary: 'One village (its 12-digit code): the month\'s figures and the twelve months up to it', params: z.strictObject({ id: divisionCode }), querystring: z.strictObject({ month: petitionMonth.optional() }), response: { 200: villageDetail } },
    handler: (req) => readVillage(db, actorCtx(req).actor, req.params.id, req.query.month),
  });
  app.post('/api/petition-villages/assess', {
    config: { access: 'petition_village:configure' },
    schema: { tags, summary: 'Assess (again) the villages of one\'s scope for a month that has ended (audited; the same data gives the same result)', body: villageComputeInput, response: { 200: villageComputeResult } },
    handler: (req) => {
      const ctx = actorCtx(req);
      return assessVillages(db, ctx, { regionPrefix: ctx.actor.regionPrefix, month: req.body.month });
    },
  });
  app.get('/api/petition-criteria', {
    config: { access: READ },
    schema: { tags, summary: 'The criteria that hold at one\'s scope, with their versions', response: { 200: petitionCriteriaView } },
    handler: (req) => readCriteria(db, actorCtx(req).actor),
  });
  app.put('/api/petition-criteria', {
    config: { access: 'petition_village:configure' },
    schema: { tags, summary: 'Save a new version of one\'s own region\'s criteria (a county or above; audited)', body: petitionCriteriaInput, response: { 200: petitionCriteriaView } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await updateCriteria(db, ctx, req.body);
      return readCriteria(db, ctx.actor);
    },
  });
}
