/**
 * The accounts' dashboard fact: enabled grid workers assigned to a grid. Kept by the trigger
 * `metrics_app_user` (migration 0013); recounted below.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

export const USER_METRICS: MetricDefinition[] = [
  {
    name: 'users.grid_workers', label: { zh: '网格员', en: 'Grid workers' }, unit: { zh: '人', en: 'people' }, permission: 'dashboard:read', period: 'now',
    kept: { fact: 'users.grid_workers', trigger: 'metrics_app_user', table: 'app_user' },
    recount: `select scope_region_code, scope_grid_id, null::date, '', 1 from app_user where role = 'grid_worker' and scope_grid_id is not null and not disabled`,
  },
];

export const USER_TILES: TileDefinition[] = [
  { id: 'gridWorkers', label: { zh: '网格员', en: 'Grid workers' }, kind: 'count', metric: 'users.grid_workers', window: 'now', order: 30 },
];

/** What the module contributes to the dashboard (spread into its definition). */
export const usersMetrics = { metrics: USER_METRICS, tiles: USER_TILES };
