/** The console's frame: the menu's to-do counts and the header's global search, over other modules' lists. */
import { defineModule } from '../../platform/kit/module.js';
import { navigationRoutes } from './routes.js';

export const navigationModule = defineModule({
  name: 'navigation',
  permissions: ['ticket:read', 'ticket:handle', 'register:read'],
  auditActions: [],
  routes: navigationRoutes,
});
