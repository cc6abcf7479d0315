/** The command-centre dashboard of every level: maintained aggregates, map, charts and the live feed. */
import { DASHBOARD_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { gridLocator } from '../grids/grid-index.js';
import { DashboardFolder } from './aggregates.js';
import { dashboardRoutes } from './routes.js';

export const dashboardModule = defineModule({
  name: 'dashboard',
  permissions: namesOf(DASHBOARD_PERMISSIONS).filter((p) => p.startsWith('dashboard:')),
  auditActions: [],
  routes: (app, kit) => dashboardRoutes(app, { db: kit.db, locator: gridLocator(kit) }),
  start(kit) {
    const folder = new DashboardFolder(kit.db);
    folder.start(kit.config.jobPollMs);
    return folder;
  },
});
