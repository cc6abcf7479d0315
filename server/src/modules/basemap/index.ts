/** The base map from the platform's own data (streets, buildings, places) and the place search of the maps. */
import { defineModule } from '../../platform/kit/module.js';
import { basemapRoutes } from './routes.js';

export const basemapModule = defineModule({
  name: 'basemap',
  permissions: [],
  auditActions: [],
  errors: [],
  liveEvents: [],
  routes: basemapRoutes,
});
