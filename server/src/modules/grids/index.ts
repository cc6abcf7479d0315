/** Grids (网格) under communities, and the point-in-grid index every intake uses. */
import { GRID_AUDIT_ACTIONS, GRID_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { GRID_CHANGED, GRID_VISIBILITY } from './grid-events.js';
import { gridLocator } from './grid-index.js';
import { gridNames } from './queries.js';
import { gridRoutes } from './routes.js';


export const gridsModule = defineModule({
  name: 'grids',
  permissions: namesOf(GRID_PERMISSIONS),
  auditActions: namesOf(GRID_AUDIT_ACTIONS),
  errors: ['GRID_GEOMETRY_INVALID', 'GRID_OVERLAP', 'GRID_REGION_NOT_COMMUNITY'],
  liveEvents: [GRID_CHANGED],
  records: { grid: GRID_VISIBILITY },
  provides: { gridNames },
  routes: gridRoutes,
  start(kit) {
    const onEvent = (event: { type: string }) => {
      if (event.type === GRID_CHANGED) gridLocator(kit).invalidate();
    };
    // Back from a lost database connection: a change in the gap was not heard, so rebuild.
    const onResync = () => gridLocator(kit).invalidate();
    kit.live.on('event', onEvent);
    kit.live.on('resync', onResync);
    return {
      stop: async () => {
        kit.live.off('event', onEvent);
        kit.live.off('resync', onResync);
      },
    };
  },
});
