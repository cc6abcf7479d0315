/**
 * The supply requests' dashboard facts, kept by the trigger `metrics_supply_request` (in the
 * migration `0042_emergency_command`) and recounted below: requests waiting now (submitted,
 * approved or allocated) and requests fulfilled by day, at the request's region and grid. Only
 * holders of `supplies:read` see the tiles.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const kept = (fact: string) => ({ fact, trigger: 'metrics_supply_request', table: 'supply_request' });
const REQUESTS = { zh: '件', en: 'requests' };

const METRICS: MetricDefinition[] = [
  {
    name: 'supplies.requests_waiting', label: { zh: '待保障物资申领', en: 'Supply requests waiting' }, unit: REQUESTS, permission: 'supplies:read', period: 'now', kept: kept('supplies.requests_waiting'),
    recount: `select region_code, grid_id, null::date, '', 1 from supply_request where status in ('submitted', 'approved', 'allocated')`,
  },
  {
    name: 'supplies.requests_fulfilled', label: { zh: '已发放物资申领', en: 'Supply requests fulfilled' }, unit: REQUESTS, permission: 'supplies:read', period: 'day', kept: kept('supplies.requests_fulfilled'),
    recount: `select region_code, grid_id, metric_day(updated_at), '', 1 from supply_request where status = 'fulfilled'`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'suppliesWaiting', label: { zh: '待保障物资申领', en: 'Supply requests waiting' }, kind: 'count', metric: 'supplies.requests_waiting', window: 'now', tone: 'accent', order: 122 },
  { id: 'suppliesFulfilled', label: { zh: '已发放物资申领', en: 'Supply requests fulfilled' }, hint: { zh: '近30天', en: 'last 30 days' }, kind: 'count', metric: 'supplies.requests_fulfilled', window: { days: 30 }, tone: 'good', order: 123 },
];

export const suppliesMetrics = { metrics: METRICS, tiles: TILES };
