/**
 * The disputes' dashboard facts, kept by the trigger `metrics_dispute` (in the module's
 * migration) and recounted below: disputes registered (by day registered), concluded (closed
 * or failed, by the day of that step) and resolved (closed with success), at the dispute's
 * community and grid. Only holders of `dispute:read` see the tiles.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const kept = (fact: string) => ({ fact, trigger: 'metrics_dispute', table: 'dispute' });

const METRICS: MetricDefinition[] = [
  {
    name: 'disputes.registered', label: { zh: '登记纠纷', en: 'Disputes registered' }, unit: { zh: '件', en: 'disputes' }, permission: 'dispute:read', period: 'day', kept: kept('disputes.registered'),
    recount: `select region_code, grid_id, metric_day(created_at), '', 1 from dispute`,
  },
  {
    name: 'disputes.concluded', label: { zh: '办结纠纷', en: 'Disputes concluded' }, unit: { zh: '件', en: 'disputes' }, permission: 'dispute:read', period: 'day', kept: kept('disputes.concluded'),
    recount: `select region_code, grid_id, metric_day(updated_at), '', 1 from dispute where status in ('closed', 'failed')`,
  },
  {
    name: 'disputes.resolved', label: { zh: '化解成功', en: 'Disputes resolved' }, unit: { zh: '件', en: 'disputes' }, permission: 'dispute:read', period: 'day', kept: kept('disputes.resolved'),
    recount: `select region_code, grid_id, metric_day(updated_at), '', 1 from dispute where status = 'closed' and coalesce((resolution ->> 'success')::boolean, false)`,
  },
];

const LAST_30 = { zh: '近30天', en: 'last 30 days' };

const TILES: TileDefinition[] = [
  { id: 'disputesRegistered', label: { zh: '登记矛盾纠纷', en: 'Disputes registered' }, hint: LAST_30, kind: 'count', metric: 'disputes.registered', window: { days: 30 }, tone: 'accent', order: 85 },
  { id: 'disputeSuccessRate', label: { zh: '纠纷化解成功率', en: 'Disputes resolved' }, hint: LAST_30, kind: 'rate', metric: 'disputes.resolved', per: 'disputes.concluded', window: { days: 30 }, tone: 'good', order: 86 },
];

export const disputesMetrics = { metrics: METRICS, tiles: TILES };
