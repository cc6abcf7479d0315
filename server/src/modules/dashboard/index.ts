/**
 * The command-centre dashboard of every level: the tiles and charts of the metrics the modules
 * keep (platform/metrics), the map and the live feed.
 */
import { DASHBOARD_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { gridLocator } from '../grids/grid-index.js';
import { dashboardRoutes } from './routes.js';

export const dashboardModule = defineModule({
  name: 'dashboard',
  permissions: namesOf(DASHBOARD_PERMISSIONS).filter((p) => p.startsWith('dashboard:')),
  auditActions: [],
  routes: (app, kit) =>
    dashboardRoutes(app, {
      db: kit.db,
      locator: gridLocator(kit),
      metrics: new Map(kit.registry.metrics.map((m) => [m.name, m])),
      tiles: kit.registry.tiles,
    }),
});
