/** Arrival routes: the list (masked, audited; a grid worker's pending ones are their tasks), one arrival (audited), marking one checked. Imports and the template go through the import routes (kind `arrival`). */
import { arrivalCheckRequest, arrivalDetail, arrivalIdParams, arrivalListQuery, arrivalSummary, page } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { checkArrival } from './check-arrival.js';
import { listArrivals, readArrival } from './queries.js';

export function arrivalRoutes(app: App, kit: Kit): void {
  const tags = ['arrivals'];
  app.get('/api/arrivals', {
    config: { access: 'arrival:read' },
    schema: { tags, summary: 'Arrivals in scope, newest first (masked; audited with the filters)', querystring: arrivalListQuery, response: { 200: page(arrivalSummary) } },
    handler: (req) => listArrivals(kit, actorCtx(req), req.query),
  });
  app.get('/api/arrivals/:id', {
    config: { access: 'arrival:read', record: 'arrival' },
    schema: { tags, summary: 'One arrival (audited)', params: arrivalIdParams, response: { 200: arrivalDetail } },
    handler: (req) => readArrival(kit, actorCtx(req), req.params.id),
  });
  app.post('/api/arrivals/:id/check', {
    config: { access: 'arrival:check', record: 'arrival' },
    schema: { tags, summary: 'Mark a pending arrival checked (核查), with a note', params: arrivalIdParams, body: arrivalCheckRequest, response: { 200: arrivalDetail } },
    handler: (req) => checkArrival(kit, actorCtx(req), req.params.id, req.body),
  });
}
