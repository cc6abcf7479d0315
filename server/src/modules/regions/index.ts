/** The region tree: five administrative levels keyed by 12-digit division codes. */
import { REGION_AUDIT_ACTIONS, REGION_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { regionNames } from './queries.js';
import { regionRoutes } from './routes.js';

export const regionsModule = defineModule({
  name: 'regions',
  permissions: namesOf(REGION_PERMISSIONS),
  auditActions: namesOf(REGION_AUDIT_ACTIONS),
  errors: ['REGION_CODE_INVALID', 'REGION_PARENT_MISMATCH', 'REGION_PARENT_NOT_FOUND', 'REGION_HAS_CHILDREN'],
  provides: { regionNames: (db, codes) => regionNames(db, [...codes]) },
  routes: (app, kit) => regionRoutes(app, kit.db),
});
