/** The declarations' dashboard facts: current declarations and abnormal ones, by day, per region and grid. Kept by the trigger `metrics_declaration` (its migration); recounted below. */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'declarations.made', label: { zh: '健康申报', en: 'Health declarations' }, unit: { zh: '份', en: 'declarations' }, permission: 'declaration:read', period: 'day',
    kept: { fact: 'declarations.made', trigger: 'metrics_declaration', table: 'declaration' },
    recount: `select region_code, grid_id, metric_day(declared_at), '', 1 from declaration where superseded_by is null`,
  },
  {
    name: 'declarations.abnormal', label: { zh: '异常申报', en: 'Abnormal declarations' }, unit: { zh: '份', en: 'declarations' }, permission: 'declaration:read', period: 'day',
    kept: { fact: 'declarations.abnormal', trigger: 'metrics_declaration', table: 'declaration' },
    recount: `select region_code, grid_id, metric_day(declared_at), '', 1 from declaration where superseded_by is null and abnormal`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'declarationsToday', label: { zh: '今日健康申报', en: 'Declarations today' }, hint: { zh: '今日', en: 'today' }, kind: 'count', metric: 'declarations.made', window: 'today', order: 110 },
  { id: 'declarationsAbnormalToday', label: { zh: '今日异常申报', en: 'Abnormal today' }, hint: { zh: '今日', en: 'today' }, kind: 'count', metric: 'declarations.abnormal', window: 'today', order: 111 },
];

export const declarationsMetrics = { metrics: METRICS, tiles: TILES };
