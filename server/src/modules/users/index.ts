/** Account administration: roles, scopes, lockouts and password resets (the accounts live in platform/accounts). */
import { USER_AUDIT_ACTIONS, USER_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { userRoutes } from './routes.js';
import { usersMetrics } from './metrics.js';

export const usersModule = defineModule({
  name: 'users',
  permissions: namesOf(USER_PERMISSIONS),
  auditActions: namesOf(USER_AUDIT_ACTIONS),
  errors: ['USER_ROLE_CONFLICT', 'USER_SCOPE_INVALID', 'USER_SELF_CHANGE', 'USER_ADMIN_PASSWORD_NOT_ALLOWED', 'USER_ADMIN_ROLE_PROMOTION', 'USER_GRID_INVALID'],
  ...usersMetrics,
  routes: (app, kit) => userRoutes(app, kit),
});
