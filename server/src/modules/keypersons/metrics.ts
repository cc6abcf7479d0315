/**
 * The key persons' dashboard facts: archives managed now (by category too) and those at high
 * risk. Kept by the trigger `metrics_key_person` (this module's migration); recounted below.
 * Overdue visits depend on the clock, not on a change of a row: the module's stats route counts
 * them live, in scope. Only holders of `keyperson:read` see these tiles.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const KEPT = { trigger: 'metrics_key_person', table: 'key_person' };
const PEOPLE = { zh: '人', en: 'people' };

const METRICS: MetricDefinition[] = [
  {
    name: 'keypersons.managed', label: { zh: '在管重点人员', en: 'Key persons managed' }, unit: PEOPLE, permission: 'keyperson:read', period: 'now',
    kept: { fact: 'keypersons.managed', ...KEPT }, recount: `select region_code, grid_id, null::date, '', 1 from key_person`,
  },
  {
    name: 'keypersons.by_category', label: { zh: '各类重点人员', en: 'Key persons by category' }, unit: PEOPLE, permission: 'keyperson:read', period: 'now', by: 'category',
    kept: { fact: 'keypersons.managed', ...KEPT }, recount: `select region_code, grid_id, null::date, category_code, 1 from key_person`,
  },
  {
    name: 'keypersons.high_risk', label: { zh: '高风险重点人员', en: 'High-risk key persons' }, unit: PEOPLE, permission: 'keyperson:read', period: 'now',
    kept: { fact: 'keypersons.high_risk', ...KEPT }, recount: `select region_code, grid_id, null::date, '', 1 from key_person where risk_level = 'high'`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'keypersonsManaged', label: { zh: '在管重点人员', en: 'Key persons' }, kind: 'count', metric: 'keypersons.managed', window: 'now', order: 95 },
  { id: 'keypersonsHighRisk', label: { zh: '高风险重点人员', en: 'High-risk key persons' }, kind: 'count', metric: 'keypersons.high_risk', window: 'now', tone: 'alert', order: 96 },
];

export const keypersonsMetrics = { metrics: METRICS, tiles: TILES };
